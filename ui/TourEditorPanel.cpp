#include "ui/TourEditorPanel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <sstream>

#include "ui/PanelWidgets.h"
#include "ui/PlaygroundPanel.h"
#include "ui/Theme.h"

namespace convoscope {

TourStep stepFromView(const ViewerState& state, bool useSelection) {
  TourStep step;
  step.title = "Step " + std::to_string(state.tour.tour.steps.size() + 1);
  step.duration = 6.0f;
  if (state.showPlayground) {  // the playground on screen: the step shows it with these settings
    step.playground = TourPlayground{state.playground.geometry, true};
    step.title = "Kernel, stride and padding";
    return step;
  }
  const Selection& s = state.selection;
  if (useSelection && !s.empty() && state.snapshot && *s.layer >= 0 &&
      *s.layer < static_cast<int>(state.snapshot->layers.size())) {
    TourFocus focus;
    focus.layer = state.snapshot->layers[*s.layer].name;
    focus.channel = s.channel;
    if (s.hasCell()) {
      focus.y = s.y;
      focus.x = s.x;
    }
    step.zoom = s.hasCell() ? 3 : s.hasChannel() ? 1 : 0;
    step.focus = focus;
    step.title = focus.layer;
  } else {
    step.pose = state.camera.pose;
  }
  return step;
}

int moveTourStep(Tour& tour, int index, int delta) {
  const int n = static_cast<int>(tour.steps.size());
  if (index < 0 || index >= n) return index;
  const int to = std::clamp(index + delta, 0, n - 1);
  if (to != index) std::swap(tour.steps[index], tour.steps[to]);
  return to;
}

int deleteTourStep(Tour& tour, int index) {
  const int n = static_cast<int>(tour.steps.size());
  if (index < 0 || index >= n) return std::min(index, n - 1);
  tour.steps.erase(tour.steps.begin() + index);
  return std::min(index, n - 2);
}

std::string describeStepTarget(const TourStep& step) {
  if (step.playground) {
    const ConvGeometry& g = step.playground->geometry;
    std::ostringstream out;
    out << "playground: input " << g.inputSize << " \xC2\xB7 kernel " << g.kernel << " \xC2\xB7 stride "
        << g.stride << " \xC2\xB7 padding " << g.padding;
    if (g.dilation != 1) out << " \xC2\xB7 dilation " << g.dilation;
    return out.str();
  }
  if (step.focus) {
    std::ostringstream out;
    out << step.focus->layer;
    if (step.focus->channel) out << " \xC2\xB7 channel " << *step.focus->channel;
    if (step.focus->y && step.focus->x)
      out << " \xC2\xB7 cell (" << *step.focus->y << ", " << *step.focus->x << ")";
    return out.str();
  }
  return step.pose ? "camera pose" : "the whole network";
}

namespace {

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

void fileRow(ViewerState& state) {
  TourSession& s = state.tour;
  std::string& pathField = state.panels.tourEditor.pathField;
  std::string& shownPath = state.panels.tourEditor.shownPath;
  if (shownPath != s.path) pathField = shownPath = s.path;  // follows loads and saves made elsewhere
  ImGui::SetNextItemWidth(-1);
  const bool entered = ImGui::InputTextWithHint("##tourpath", "tour file, e.g. assets/tours/tiny-vgg.json",
                                                &pathField, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::Button("Load") || entered) loadTourFile(state, pathField);
  ImGui::SameLine();
  if (ImGui::Button("Save")) saveTourFile(state, pathField);
  ImGui::SameLine();
  if (ImGui::Button("New")) {
    stopTour(state);
    s.tour = Tour{};
    s.path.clear();
    s.error.clear();
    s.selectedStep = 0;
  }
  if (!s.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(uiColours::kError));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
}

void presentRow(ViewerState& state) {
  TourSession& s = state.tour;
  if (!presenting(state)) {
    if (ImGui::Button("Present (F5)")) startTour(state, 0);
    ImGui::SameLine();
    if (ImGui::Button("Preview from this step")) startTour(state, s.selectedStep);
    return;
  }
  if (ImGui::Button("Stop (Esc)")) {
    stopTour(state);
    return;
  }
  ImGui::SameLine();
  if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) navigateTour(state, {TourKeyAction::Previous, 0});
  ImGui::SameLine();
  ImGui::Text("%d / %d", s.player->step() + 1, s.player->stepCount());
  ImGui::SameLine();
  if (ImGui::ArrowButton("##next", ImGuiDir_Right)) navigateTour(state, {TourKeyAction::Next, 0});
}

void stepList(ViewerState& state) {
  TourSession& s = state.tour;
  Tour& tour = s.tour;
  const float rows = std::clamp(static_cast<float>(tour.steps.size()), 3.0f, 8.0f);
  ImGui::BeginChild("steps", ImVec2(0, rows * ImGui::GetTextLineHeightWithSpacing() + 8.0f), true);
  for (int i = 0; i < static_cast<int>(tour.steps.size()); ++i) {
    const std::string label =
        std::to_string(i + 1) + ". " + tour.steps[i].title + "##step" + std::to_string(i);
    if (ImGui::Selectable(label.c_str(), s.selectedStep == i)) s.selectedStep = i;
  }
  if (tour.steps.empty()) mutedText("No steps yet: frame something and add it.");
  ImGui::EndChild();

  bool& useSelection = state.panels.tourEditor.useSelection;
  if (ImGui::Button("Add step from view")) {
    const int at = tour.steps.empty() ? 0 : std::clamp(s.selectedStep + 1, 0, int(tour.steps.size()));
    tour.steps.insert(tour.steps.begin() + at, stepFromView(state, useSelection));
    s.selectedStep = at;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Inserts a step after the selected one: the selection as its focus, or the camera pose.");
  ImGui::SameLine();
  ImGui::Checkbox("focus the selection", &useSelection);
  const bool any = !tour.steps.empty();
  if (!any) return;
  if (ImGui::Button("Up")) s.selectedStep = moveTourStep(tour, s.selectedStep, -1);
  ImGui::SameLine();
  if (ImGui::Button("Down")) s.selectedStep = moveTourStep(tour, s.selectedStep, +1);
  ImGui::SameLine();
  if (ImGui::Button("Delete")) s.selectedStep = std::max(0, deleteTourStep(tour, s.selectedStep));
}

void stepEditor(ViewerState& state) {
  TourSession& s = state.tour;
  if (s.tour.steps.empty()) return;
  s.selectedStep = std::clamp(s.selectedStep, 0, static_cast<int>(s.tour.steps.size()) - 1);
  TourStep& step = s.tour.steps[s.selectedStep];
  ImGui::Spacing();
  sectionHeading(("Step " + std::to_string(s.selectedStep + 1)).c_str());
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##title", "caption title", &step.title);
  TourEditorMemory& memory = state.panels.tourEditor;
  if (memory.editingStep != s.selectedStep ||
      memory.editingLines != step.text) {  // another step, or edited elsewhere
    memory.text = joinLines(step.text);
    memory.editingStep = s.selectedStep;
    memory.editingLines = step.text;
  }
  if (ImGui::InputTextMultiline("##text", &memory.text, ImVec2(-1, ImGui::GetTextLineHeight() * 5))) {
    step.text = splitLines(memory.text);
    memory.editingLines = step.text;
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  ImGui::DragFloat("seconds", &step.duration, 0.1f, 0.5f, 120.0f, "%.1f");
  step.duration = std::max(step.duration, 0.1f);
  int easing = static_cast<int>(step.easing);
  const char* easings[] = {"ease-in-out", "linear", "ease-out"};
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  if (ImGui::Combo("easing", &easing, easings, 3)) step.easing = static_cast<TourEasing>(easing);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  ImGui::SliderInt("zoom", &step.zoom, 0, 3);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("How close a focus frames: 0 slab, 1 tile, 2 cell with numbers, 3 the computation.");
  mutedText("Looks at: %s", describeStepTarget(step).c_str());
  if (ImGui::Button("Set from current view")) {
    TourStep fresh = stepFromView(state, !state.selection.empty());
    step.focus = fresh.focus;
    step.pose = fresh.pose;
    if (fresh.focus) step.zoom = fresh.zoom;
    setStepExamples(step, step.examples);  // a new focus without a channel cannot show examples
  }
  if (!step.playground) {
    ImGui::Checkbox("features mode", &step.features);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every conv tile shows what its channel looks for while the step shows.");
    ImGui::SameLine();
    bool examples = step.examples;
    if (ImGui::Checkbox("top examples", &examples)) setStepExamples(step, examples);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The focused channel's top dataset examples float beside it (needs a focused channel).");
  }
}

}  // namespace

void drawTourEditorPanel(ViewerState& state) {
  fileRow(state);
  ImGui::Spacing();
  presentRow(state);
  ImGui::Spacing();
  stepList(state);
  stepEditor(state);
}

}  // namespace convoscope
