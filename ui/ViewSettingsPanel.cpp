#include "ui/ViewSettingsPanel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/PanelWidgets.h"

namespace convoscope {
namespace {

// Features mode's switch and, while its pictures are being made, how far it has come.
void drawFeaturesModeControls(ViewerState& state) {
  FeaturesModeState& f = state.features;
  bool on = f.on;
  if (ImGui::Checkbox("Features mode (V)", &on)) setFeaturesMode(state, on);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Every convolution tile shows what its channel looks for (an image optimized to excite it)\n"
                      "instead of what it saw. Made in the background, nearest slab first; cached on disk.");
  if (!f.on) return;
  const int shown = featureChannelsShown(state), total = featureChannelsTotal(state);
  if (f.computing) {
    const std::string label = std::to_string(shown) + " / " + std::to_string(total) + " channels";
    ImGui::ProgressBar((shown + f.progress * f.computing->channels.size()) / std::max(total, 1), ImVec2(-1, 0),
                       label.c_str());
  } else if (total == 0) {
    mutedText("This model has no convolution slabs to show features on.");
  }
  if (!f.error.empty()) ImGui::TextWrapped("%s", f.error.c_str());
}

void drawWeightsModeControls(ViewerState& state) {
  bool on = state.weights.on;
  if (ImGui::Checkbox("Weights mode (W)", &on)) setWeightsMode(state, on);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Every convolution tile shows the filter that made its channel: one small kernel per input\n"
                      "channel, blue negative, white zero, orange positive (scaled to the layer's largest weight).\n"
                      "With a training series open, play it to watch the filters organise from noise.");
}

}  // namespace

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

  drawFeaturesModeControls(state);
  drawWeightsModeControls(state);

  if (layoutChanged) relayout(state);
  if (changed || layoutChanged) state.touch();
}

}  // namespace convoscope
