#include "ui/ModelPanel.h"

#include <imgui.h>

#include "core/LayerCost.h"
#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {

void drawModelPanel(ViewerState& state) {
  if (!state.snapshot) {
    mutedText(state.loading ? "Loading the model..." : "No model loaded. Drop a .pt file onto the window.");
    return;
  }
  const Snapshot& snap = *state.snapshot;
  ImGui::PushFont(uiFonts().large);
  ImGui::TextWrapped("%s",
                     snap.modelName.empty() ? fileName(state.modelPath).c_str() : snap.modelName.c_str());
  ImGui::PopFont();
  int64_t params = 0;
  for (const Layer& l : snap.layers) params += l.parameterCount;
  mutedText("%s  \xC2\xB7  input %s  \xC2\xB7  %zu layers  \xC2\xB7  %s params  \xC2\xB7  %s MACs",
            fileName(state.modelPath).c_str(), shapeText(snap.inputShape, "×", "-").c_str(),
            snap.layers.size(), countText(params).c_str(), countText(modelCost(snap).macs).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.modelPath.c_str());
  ImGui::Spacing();

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH;
  // Two columns (name, output shape): names like layer4.0.downsample.0 need the width; the kind is in the
  // tooltip and the inspector.
  if (!ImGui::BeginTable("layers", 2, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("layer", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("output");
  ImGui::TableHeadersRow();

  const int selectedSlab = state.selection.empty() ? -1 : state.layout.slabForLayer(*state.selection.layer);
  int& scrolledTo = state.panels.modelListScrolledTo;  // scroll to a selection made in 3D, once
  for (int i = 0; i < static_cast<int>(snap.layers.size()); ++i) {
    const Layer& layer = snap.layers[i];
    const int slab = state.layout.slabForLayer(i);
    const bool heads = slab >= 0 && state.layout.slabs[slab].layer == i;
    const bool selected = slab >= 0 && slab == selectedSlab;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::PushID(i);
    if (!heads) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    const std::string label = (heads ? "" : "   ") + layer.name;
    if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) focusLayer(state, i);
    if (ImGui::IsItemHovered()) {
      if (!heads && slab >= 0)
        ImGui::SetTooltip("%s (%s), shown folded into %s's slab", layer.name.c_str(),
                          layerKindName(layer.kind),
                          snap.layers[state.layout.slabs[slab].layer].name.c_str());
      else
        ImGui::SetTooltip("%s (%s)", layer.name.c_str(), layerKindName(layer.kind));
    }
    if (selected && heads && scrolledTo != selectedSlab) {
      ImGui::SetScrollHereY(0.4f);
      scrolledTo = selectedSlab;
    }
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(shapeText(layer.output.shape, "×", "-").c_str());
    if (!heads) ImGui::PopStyleColor();
    ImGui::PopID();
  }
  if (selectedSlab < 0) scrolledTo = -2;
  ImGui::EndTable();
}

}  // namespace convoscope
