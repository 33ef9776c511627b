#include "ui/LayerGuidePanel.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/LayerGuides.h"
#include "ui/PanelWidgets.h"
#include "ui/PlaygroundPanel.h"
#include "ui/Theme.h"
#include "ui/ViewerState.h"

namespace convoscope {

void toggleLayerGuidePanel(ViewerState& state) {
  state.showLayerGuide = !state.showLayerGuide && state.snapshot && !state.selection.empty();
  state.touch();
}

void drawLayerGuidePanel(ViewerState& state) {
  if (!state.showLayerGuide) return;
  if (!state.snapshot || state.selection.empty() || !state.showPanels) return;
  const Snapshot& snap = *state.snapshot;
  const int selected = *state.selection.layer;
  if (selected < 0 || selected >= static_cast<int>(snap.layers.size())) return;
  // A folded slab (conv → batchnorm → relu) is one selection: let the reader switch between its layers.
  // A click selects what the tiles show (the last member); like the computation view, start at the slab's
  // head.
  const int slabIndex = state.layout.slabForLayer(selected);
  std::vector<int> members;
  if (slabIndex >= 0) members = state.layout.slabs[slabIndex].members;
  const bool clickedTiles = slabIndex >= 0 && state.layout.slabs[slabIndex].displayLayer == selected;
  LayerGuideMemory& memory = state.panels.layerGuide;
  if (memory.shownFor != selected || memory.snapshotId != snap.id) {
    memory.shown = clickedTiles && !members.empty() ? members.front() : selected;
    memory.shownFor = selected;
    memory.snapshotId = snap.id;
  }
  if (std::find(members.begin(), members.end(), memory.shown) == members.end() && memory.shown != selected)
    memory.shown = selected;
  const int index = memory.shown;
  const Layer& layer = snap.layers[index];
  const LayerGuide& e = layerGuide(layer.kind);

  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(state.sceneOrigin.x + em, state.sceneOrigin.y + em), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(em * 30.0f, 0.0f), ImGuiCond_Appearing);
  ImGui::SetNextWindowSizeConstraints(ImVec2(em * 20.0f, 0.0f), ImVec2(em * 60.0f, em * 50.0f));
  bool open = true;
  const std::string title = std::string("What does this layer do? \xC2\xB7 ") + e.title + "###explanation";
  if (ImGui::Begin(title.c_str(), &open,
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(em * 29.0f);
    ImGui::PushFont(uiFonts().large);
    ImGui::TextUnformatted(e.title);
    ImGui::PopFont();
    mutedText("%s  (%s)", layer.name.c_str(), layerKindName(layer.kind));
    if (members.size() > 1) {
      mutedText("this slab shows:");
      for (const int m : members) {
        if (m < 0 || m >= static_cast<int>(snap.layers.size())) continue;
        ImGui::SameLine();
        const bool current = m == index;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        ImGui::PushID(m);
        if (ImGui::SmallButton(layerKindName(snap.layers[m].kind))) memory.shown = m;
        ImGui::PopID();
        if (current) ImGui::PopStyleColor();
      }
    }

    ImGui::PushFont(uiFonts().mono);
    formulaText(e.formula);
    ImGui::PopFont();
    ImGui::Spacing();
    sectionHeading("What it computes");
    ImGui::TextWrapped("%s", e.computes);
    sectionHeading("Why it is there");
    ImGui::TextWrapped("%s", e.why);
    sectionHeading("Its hyperparameters");
    ImGui::TextWrapped("%s", e.hyperparameters);
    sectionHeading("This layer");
    ImGui::TextWrapped("%s", describeLayerSettings(layer).c_str());
    ImGui::PopTextWrapPos();
    if (layer.kind == LayerKind::Conv2d || layer.kind == LayerKind::MaxPool ||
        layer.kind == LayerKind::AvgPool) {
      ImGui::Spacing();
      if (ImGui::Button("Try kernel, stride and padding in the playground (G)")) {
        // Start from this layer's own settings (clamped to the playground's slider ranges).
        ConvGeometry g = state.playground.geometry;
        const auto clampTo = [](int64_t v, int lo, int hi) {
          return static_cast<int>(std::clamp<int64_t>(v, lo, hi));
        };
        g.kernel = clampTo(layer.window.kernel[1], 1, 7);
        g.stride = clampTo(layer.window.stride[1], 1, 4);
        g.padding = clampTo(layer.window.padding[1], 0, 3);
        g.dilation = clampTo(layer.window.dilation[1], 1, 3);
        setPlaygroundGeometry(state, g);
        state.showPlayground = true;
        state.touch();
      }
    }
  }
  ImGui::End();
  if (!open) {
    state.showLayerGuide = false;
    state.touch();
  }
}

}  // namespace convoscope
