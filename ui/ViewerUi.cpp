#include "ui/ViewerUi.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "ui/ComparePanel.h"
#include "ui/ComputationPanel.h"
#include "ui/HelpOverlay.h"
#include "ui/InputPanel.h"
#include "ui/InspectorPanel.h"
#include "ui/LayerGuidePanel.h"
#include "ui/LecturePanel.h"
#include "ui/ModelPanel.h"
#include "ui/PanelWidgets.h"
#include "ui/PlaygroundPanel.h"
#include "ui/AttributionPanel.h"
#include "ui/PredictionsPanel.h"
#include "ui/StatusOverlay.h"
#include "ui/Theme.h"
#include "ui/TimelinePanel.h"
#include "ui/TourEditorPanel.h"
#include "ui/ViewSettingsPanel.h"

namespace convoscope {

namespace {

struct Columns {
  float left = 0, right = 0;
};

Columns columnWidths(const ViewerState& state, const glm::vec2& windowSize) {
  if (!state.showPanels) return {};
  const float em = ImGui::GetFontSize();
  Columns c{em * 20.0f, em * 20.0f};
  // Narrow windows: keep at least half the width for the 3D view.
  const float maxTotal = windowSize.x * 0.5f;
  if (c.left + c.right > maxTotal) {
    const float k = maxTotal / (c.left + c.right);
    c.left *= k;
    c.right *= k;
  }
  return c;
}

const ImGuiWindowFlags kColumnFlags =
    ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

void columnEdge(bool rightEdge) {
  const ImVec2 pos = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const float x = rightEdge ? pos.x + size.x - 1 : pos.x;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(x, pos.y), ImVec2(x, pos.y + size.y), IM_COL32(44, 52, 68, 255));
}

void brandLine() {
  ImGui::PushFont(uiFonts().large);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(uiColours::kAccent));
  ImGui::TextUnformatted("Convoscope");
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SameLine();
  const char* hint = "F1 help";
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(hint).x);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetFontSize() * 0.25f);
  ImGui::TextDisabled("%s", hint);
}

}  // namespace

namespace {

// True while the camera rests where the last Home put it (no orbit, pan, zoom or fly since).
bool restingAtHome(const ViewerState& state) {
  if (!state.homePose || !state.animation.finished()) return false;
  const CameraPose& a = state.camera.pose;
  const CameraPose& b = *state.homePose;
  return a.target == b.target && a.distance == b.distance && a.yaw == b.yaw && a.pitch == b.pitch;
}

// The rest of the right column: the inspector, view settings, compare, training, tour and lecture tabs.
void drawDetailTabs(ViewerState& state) {
  // Inspector and view settings share the rest of the column as tabs; a new selection brings the
  // inspector to the front.
  const bool newSelection = state.selection != state.panels.inspectorShown && !state.selection.empty();
  state.panels.inspectorShown = state.selection;
  if (ImGui::BeginTabBar("details")) {
    if (ImGui::BeginTabItem("Inspector", nullptr, newSelection ? ImGuiTabItemFlags_SetSelected : 0)) {
      ImGui::BeginChild("inspector");
      drawInspectorPanel(state);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("View")) {
      drawViewSettingsPanel(state);
      ImGui::EndTabItem();
    }
    const bool compareForward = std::exchange(state.compare.bringTabForward, false);
    if (ImGui::BeginTabItem("Compare", nullptr, compareForward ? ImGuiTabItemFlags_SetSelected : 0)) {
      state.panels.compareTabOpen = true;
      ImGui::BeginChild("compare");
      drawComparePanel(state);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    const bool timelineForward = std::exchange(state.timeline.bringTabForward, false);
    if (ImGui::BeginTabItem("Training", nullptr, timelineForward ? ImGuiTabItemFlags_SetSelected : 0)) {
      ImGui::BeginChild("training");
      drawTimelinePanel(state);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Tour")) {
      ImGui::BeginChild("tour");
      drawTourEditorPanel(state);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Lecture")) {
      drawLecturePanel(state);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace

void placeScene(ViewerState& state, const glm::vec2& windowSize) {
  const Columns c = columnWidths(state, windowSize);
  const glm::vec2 before = state.sceneSize;
  state.sceneOrigin = {c.left, 0.0f};
  state.sceneSize = {std::max(1.0f, windowSize.x - c.left - c.right), std::max(1.0f, windowSize.y)};
  // The overview follows the view's shape (H, a resize) until the user moves the camera.
  if (state.sceneSize != before && state.snapshot && restingAtHome(state)) goHome(state, /*animate=*/false);
}

void drawViewerUi(ViewerState& state, const glm::vec2& windowSize, double now) {
  placeScene(state, windowSize);
  const Columns c = columnWidths(state, windowSize);
  state.panels.compareTabOpen = false;  // set again below while the tab shows
  if (state.showPanels) {
    // Left column: the model's layers fill the height above the input panel.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(c.left, windowSize.y));
    if (ImGui::Begin("##left", nullptr, kColumnFlags)) {
      columnEdge(true);
      brandLine();
      ImGui::Spacing();
      // The input panel gets the height its content took last frame (up to half the column); the layer list
      // takes the rest.
      float& inputContent = state.panels.inputPanelContent;
      if (inputContent <= 0) inputContent = ImGui::GetFontSize() * 16.0f;
      const float inputHeight = std::min(windowSize.y * 0.5f, inputContent + ImGui::GetFontSize() * 3.0f);
      sectionHeading("Model");
      ImGui::BeginChild("model", ImVec2(0, std::max(ImGui::GetFontSize() * 8,
                                                    ImGui::GetContentRegionAvail().y - inputHeight)));
      drawModelPanel(state);
      ImGui::EndChild();
      ImGui::Spacing();
      sectionHeading("Input");
      ImGui::BeginChild("input", ImVec2(0, 0));
      drawInputPanel(state);
      const float used = ImGui::GetCursorPosY();
      if (std::abs(used - inputContent) > 0.5f) {
        inputContent = used;
        state.touch();
      }
      ImGui::EndChild();
    }
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(windowSize.x - c.right, 0));
    ImGui::SetNextWindowSize(ImVec2(c.right, windowSize.y));
    if (ImGui::Begin("##right", nullptr, kColumnFlags)) {
      columnEdge(false);
      sectionHeading("Predictions");
      drawPredictionsPanel(state);
      ImGui::Spacing();
      sectionHeading("Why this class?");
      drawAttributionPanel(state);
      ImGui::Spacing();
      drawDetailTabs(state);
    }
    ImGui::End();
  }
  drawLectureOverlays(state, now);
  drawHoverTooltip(state);
  drawComputationPanel(state);
  drawLayerGuidePanel(state);
  // The window loop's clock, not ImGui's frame delta (which stays near zero in scripted runs).
  const double last = state.panels.lastFrameTime < 0 ? now : state.panels.lastFrameTime;
  drawPlaygroundPanel(state, static_cast<float>(std::clamp(now - last, 0.0, 0.1)));
  state.panels.lastFrameTime = now;
  drawStatusOverlay(state, now);
  drawHelpOverlay(state);
}

}  // namespace convoscope
