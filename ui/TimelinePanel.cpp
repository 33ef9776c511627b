#include "ui/TimelinePanel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {
namespace {

constexpr unsigned kLossColour = uiColours::kWinner;
constexpr unsigned kAccuracyColour = uiColours::kAccent;

void openField(ViewerState& state) {
  std::string& field = state.panels.timelinePathField;
  char buffer[1024];
  std::snprintf(buffer, sizeof buffer, "%s", field.c_str());
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::InputTextWithHint("##series", "models/tiny-vgg-training", buffer, sizeof buffer,
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    field = buffer;
    openSeries(state, field.empty() ? "models/tiny-vgg-training" : field);
  } else {
    field = buffer;
  }
  mutedText("A folder made by `convoscope train --checkpoints N -o DIR`\n(or its series.json): type it, or drop it on the window.");
}

// One polyline per curve over the checkpoints (evenly spaced: their steps are geometric), the position marked.
void drawCurves(ViewerState& state) {
  const TimelineState& t = state.timeline;
  const size_t n = t.series.checkpoints.size();
  if (n < 2) return;
  const float width = ImGui::GetContentRegionAvail().x, height = ImGui::GetFontSize() * 7.0f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), 0x40000000, 3.0f);
  double maxLoss = 1e-9;
  for (const TrainingCheckpoint& c : t.series.checkpoints) maxLoss = std::max({maxLoss, c.loss, c.testLoss});
  const auto x = [&](double k) { return origin.x + 6.0f + static_cast<float>(k / (n - 1)) * (width - 12.0f); };
  const auto y = [&](double share) { return origin.y + height - 4.0f - static_cast<float>(share) * (height - 8.0f); };
  std::vector<ImVec2> accuracy, loss;
  for (size_t k = 0; k < n; ++k) {
    accuracy.emplace_back(x(k), y(t.series.checkpoints[k].testAccuracy));
    loss.emplace_back(x(k), y(t.series.checkpoints[k].loss / maxLoss));
  }
  draw->AddPolyline(loss.data(), static_cast<int>(n), kLossColour, 0, 2.0f);
  draw->AddPolyline(accuracy.data(), static_cast<int>(n), kAccuracyColour, 0, 2.5f);
  for (size_t k = 0; k < n; ++k)
    draw->AddCircleFilled(accuracy[k], t.loaded.size() > k && t.loaded[k] ? 3.0f : 1.5f, kAccuracyColour);
  const float marker = x(t.position);
  draw->AddLine(ImVec2(marker, origin.y), ImVec2(marker, origin.y + height), 0xFFFFFFFF, 2.0f);
  // Clicking or dragging in the plot moves the position there.
  ImGui::InvisibleButton("##curves", ImVec2(width, height));
  if (ImGui::IsItemActive()) {
    const double k = (ImGui::GetIO().MousePos.x - origin.x - 6.0f) / (width - 12.0f) * (n - 1);
    state.timeline.playing = false;
    setTimelinePosition(state, std::round(std::clamp(k, 0.0, n - 1.0)));
  }
  ImGui::TextColored(ImColor(kAccuracyColour), "test accuracy");
  ImGui::SameLine();
  ImGui::TextColored(ImColor(kLossColour), "training loss (÷ %.2f)", maxLoss);
}

void transport(ViewerState& state) {
  TimelineState& t = state.timeline;
  if (ImGui::Button("|<")) {
    t.playing = false;
    setTimelinePosition(state, 0.0);
  }
  ImGui::SameLine();
  if (ImGui::Button("< J")) stepCheckpoint(state, -1);
  ImGui::SameLine();
  if (ImGui::Button(t.playing ? "Pause (T)" : "Play (T)")) toggleTimelinePlay(state);
  ImGui::SameLine();
  if (ImGui::Button("K >")) stepCheckpoint(state, +1);
  ImGui::SameLine();
  if (ImGui::Button(">|")) {
    t.playing = false;
    setTimelinePosition(state, static_cast<double>(t.series.checkpoints.size()));
  }
  const int count = static_cast<int>(t.series.checkpoints.size());
  float position = static_cast<float>(t.position) + 1.0f;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  const char* format = restingCheckpoint(state) ? "checkpoint %.0f" : "checkpoint %.1f";
  if (ImGui::SliderFloat("##position", &position, 1.0f, static_cast<float>(count), format)) {
    t.playing = false;
    setTimelinePosition(state, position - 1.0);
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) setTimelinePosition(state, std::round(t.position));  // rest on one
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  ImGui::SliderFloat("checkpoints / s", &t.checkpointsPerSecond, 0.25f, 8.0f, "%.2f");
  ImGui::Checkbox("blend between checkpoints", &t.blend);
}

}  // namespace

void drawTimelinePanel(ViewerState& state) {
  TimelineState& t = state.timeline;
  if (t.loading) ImGui::ProgressBar(t.progress, ImVec2(-1, 0), "loading the checkpoints…");
  if (t.running) ImGui::ProgressBar(t.progress, ImVec2(-1, 0), "running the image through each…");
  if (!seriesOpen(state)) {
    openField(state);
    return;
  }
  ImGui::TextWrapped("%s", t.series.model.c_str());
  mutedText("%s · %zu checkpoints · accuracy on %d test images", fileName(t.path).c_str(), t.series.checkpoints.size(),
            t.series.testCount);
  ImGui::Spacing();
  ImGui::TextWrapped("%s", timelinePositionText(state).c_str());
  transport(state);
  ImGui::Spacing();
  drawCurves(state);
  for (const std::string& problem : t.problems) ImGui::TextColored(ImColor(uiColours::kError), "%s", problem.c_str());
  ImGui::Spacing();
  if (ImGui::Button("Close series")) closeSeries(state);
  ImGui::SameLine();
  mutedText("the checkpoint on screen stays loaded");
}

}  // namespace convoscope
