#include "ui/ViewSettingsPanel.h"

#include <imgui.h>

#include "ui/PanelWidgets.h"

namespace convoscope {

void drawViewSettingsPanel(ViewerState& state) {
  ViewOptions& view = state.view;
  bool changed = false;

  int map = static_cast<int>(view.colourMap);
  const char* maps[] = {"Automatic (by sign)", "Diverging", "Sequential"};
  ImGui::SetNextItemWidth(-1);
  if (ImGui::Combo("##colourmap", &map, maps, 3)) {
    view.colourMap = static_cast<ColourMapChoice>(map);
    changed = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Colour map. Automatic: diverging around zero for signed values, sequential otherwise.");

  mutedText("Colour range");
  int mode = static_cast<int>(view.rangeMode);
  changed |= ImGui::RadioButton("layer", &mode, static_cast<int>(RangeMode::Unit));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Each layer scaled to its own range (CNN Explainer's \"unit\").");
  ImGui::SameLine();
  changed |= ImGui::RadioButton("block", &mode, static_cast<int>(RangeMode::Module));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Layers of the same block share a range (\"module\").");
  ImGui::SameLine();
  changed |= ImGui::RadioButton("global", &mode, static_cast<int>(RangeMode::Global));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One range for the whole model.");
  view.rangeMode = static_cast<RangeMode>(mode);

  ImGui::Spacing();
  bool layoutChanged = false;
  ImGui::SetNextItemWidth(-1);
  layoutChanged |=
      ImGui::SliderFloat("##spacing", &state.layoutOptions.slabSpacing, 0.5f, 12.0f, "slab spacing %.1f");
  layoutChanged |=
      ImGui::Checkbox("Fold BatchNorm / ReLU into the conv", &state.layoutOptions.foldActivations);
  changed |= ImGui::Checkbox("Labels", &view.showLabels);
  ImGui::SameLine();
  changed |= ImGui::Checkbox("Legend", &view.showLegend);
  ImGui::SameLine();
  changed |= ImGui::Checkbox("Skip arcs", &view.showArcs);
  changed |= ImGui::Checkbox("Flow lines", &view.showFlowLines);
  ImGui::SameLine();
  changed |= ImGui::Checkbox("Class bars", &state.layoutOptions.showProbabilities);
  if (ImGui::IsItemEdited()) layoutChanged = true;

  if (layoutChanged) relayout(state);
  if (changed || layoutChanged) state.touch();
}

}  // namespace convoscope
