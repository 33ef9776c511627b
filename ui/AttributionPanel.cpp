#include "ui/AttributionPanel.h"

#include <imgui.h>

#include <string>

#include "scene/ColorMap.h"
#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {
namespace {

// The selected layer's name when Grad-CAM can be computed there (a C×H×W output, not the input), else "".
std::string selectedSpatialLayer(const ViewerState& state) {
  if (!state.snapshot || !state.selection.layer) return "";
  const Layer& layer = state.snapshot->layers[*state.selection.layer];
  const bool spatial = layer.output.shape.size() == 3 && layer.output.shape[1] * layer.output.shape[2] > 1;
  return spatial && layer.kind != LayerKind::Input ? layer.name : "";
}

// Grad-CAM's layer: the last spatial convolution, or the one the user picked by selecting it.
void gradCamLayerPicker(ViewerState& state) {
  AttributionState& a = state.attribution;
  const std::string selected = selectedSpatialLayer(state);
  bool atLayer = !a.request.layer.empty();
  if (!atLayer && selected.empty()) return;
  const std::string label = "at " + (atLayer ? a.request.layer : selected) + " instead of the last conv";
  if (ImGui::Checkbox(label.c_str(), &atLayer)) a.request.layer = atLayer ? selected : "";
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Select a slab to compute Grad-CAM at its layer instead.");
}

void methodPicker(ViewerState& state) {
  AttributionState& a = state.attribution;
  const std::vector<AttributionMethodName>& methods = attributionMethodNames();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::BeginCombo("##method", attributionMethodTitle(a.request.method).c_str())) {
    for (const AttributionMethodName& m : methods)
      if (ImGui::Selectable(m.title, a.request.method == m.name)) a.request.method = m.name;
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Grad-CAM: where the last convolutions looked. Saliency, SmoothGrad, Integrated\n"
                      "Gradients: which input pixels the score is most sensitive to. Occlusion: how much\n"
                      "the score drops when a patch is hidden (no gradients).");
  if (a.request.method != "gradcam") return;
  ImGui::Checkbox("on every conv slab", &a.request.everyLayer);
  gradCamLayerPicker(state);
}

// The heat colour map from transparent to its maximum, as the slabs show it, labelled on the bar itself (one
// line: the right column is short on a laptop).
void heatLegend() {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x, height = ImGui::GetTextLineHeightWithSpacing();
  const int steps = 32;
  for (int i = 0; i < steps; ++i) {
    const float t = (i + 0.5f) / steps;
    const glm::vec3 c = sampleHeat(t);
    const float x0 = p.x + width * i / steps, x1 = p.x + width * (i + 1) / steps;
    draw->AddRectFilled(ImVec2(x0, p.y), ImVec2(x1, p.y + height),
                        ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 0.25f + 0.75f * heatOpacity(t))));
  }
  const float inset = ImGui::GetStyle().FramePadding.x, textY = p.y + ImGui::GetStyle().ItemSpacing.y * 0.5f;
  draw->AddText(ImVec2(p.x + inset, textY), IM_COL32(235, 238, 245, 255), "no evidence");
  const char* most = "most";
  draw->AddText(ImVec2(p.x + width - inset - ImGui::CalcTextSize(most).x, textY), IM_COL32(40, 20, 10, 255), most);
  ImGui::Dummy(ImVec2(width, height));
}

void shownOverlay(ViewerState& state) {
  AttributionState& a = state.attribution;
  if (!a.overlay) return;
  ImGui::PushFont(uiFonts().bold);
  ImGui::TextWrapped("%s", a.overlay->title.c_str());
  ImGui::PopFont();
  mutedText("%s", a.summary.c_str());
  heatLegend();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (ImGui::SliderFloat("opacity", &a.opacity, 0.1f, 1.0f, "%.2f")) {
    a.overlay->opacity = a.opacity;
    state.touch();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear")) clearAttribution(state);
}

}  // namespace

void drawAttributionPanel(ViewerState& state) {
  AttributionState& a = state.attribution;
  if (!state.snapshot || state.snapshot->probabilities.empty()) return;
  methodPicker(state);
  if (a.computing || a.outbox) {
    const std::string label = "computing " + attributionMethodTitle(a.request.method) + "...";
    ImGui::ProgressBar(a.computing ? a.progress : 0.0f, ImVec2(-1, 0), label.c_str());
  } else if (!a.overlay) {
    const std::vector<ClassScore> top = state.snapshot->top(1);
    const std::string label = "Why " + (top.empty() ? std::string("this class") : top[0].label) + "?";
    if (ImGui::Button(label.c_str(), ImVec2(-1, 0))) askWhy(state, std::nullopt);
    mutedText("or click any class above");
  } else if (a.shownRequest.method != a.request.method || a.shownRequest.everyLayer != a.request.everyLayer ||
             a.shownRequest.layer != a.request.layer) {
    if (ImGui::Button("Show with this method", ImVec2(-1, 0))) askWhy(state, a.shownRequest.classIndex);
  }
  shownOverlay(state);
  if (!a.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(uiColours::kError));
    ImGui::TextWrapped("%s", a.error.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace convoscope
