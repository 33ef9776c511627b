#include "ui/LecturePanel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {

std::string recordingClock(double seconds) {
  const long long s = static_cast<long long>(std::max(0.0, seconds));
  char text[32];
  std::snprintf(text, sizeof text, "REC %lld:%02lld", s / 60, s % 60);
  return text;
}

void drawLecturePanel(ViewerState& state) {
  LectureSettings& l = state.lecture;
  mutedText("Theme");
  int theme = static_cast<int>(l.theme);
  bool themeChanged = ImGui::RadioButton("dark", &theme, 0);
  ImGui::SameLine();
  themeChanged |= ImGui::RadioButton("light, high contrast", &theme, 1);
  if (themeChanged) {
    l.theme = static_cast<UiTheme>(theme);
    l.styleChanged = true;
  }
  ImGui::SetNextItemWidth(-1);
  float scale = l.uiScale;
  if (ImGui::SliderFloat("##uiscale", &scale, kMinUiScale, kMaxUiScale, "UI size %.2fx (Ctrl +/-)")) {
    l.uiScale = scale;
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) l.styleChanged = true;  // fonts rebuild once, on release
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderFloat("##captionscale", &l.captionScale, 0.6f, 2.0f, "caption size %.2fx");
  ImGui::Checkbox("Pointer spotlight (L)", &l.spotlight);

  ImGui::Spacing();
  mutedText("Display");
  if (!l.monitors.empty()) {
    const int current = std::clamp(l.monitor, 1, static_cast<int>(l.monitors.size())) - 1;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##monitor", l.monitors[current].c_str())) {
      for (int i = 0; i < static_cast<int>(l.monitors.size()); ++i)
        if (ImGui::Selectable(l.monitors[i].c_str(), i == current)) {
          l.monitor = i + 1;
          l.monitorRequested = true;
        }
      ImGui::EndCombo();
    }
  }
  if (ImGui::Button("Fullscreen (F11)")) state.fullscreenRequested = true;

  ImGui::Spacing();
  mutedText("Record the view to MP4");
  ImGui::BeginDisabled(l.recording);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##recordpath", "convoscope-DATE-TIME.mp4 (in the working folder)", &l.recordPath);
  const char* sizes[] = {"window size", "1280x720", "1920x1080", "3840x2160"};
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::Combo("##recordsize", &l.recordSizeChoice, sizes, 4);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderInt("##fps", &l.recordFps, 10, 60, "%d fps");
  ImGui::EndDisabled();
  if (ImGui::Button(l.recording ? "Stop recording (Ctrl+R)" : "Record (Ctrl+R)"))
    l.recordToggleRequested = true;
  if (l.recording) mutedText("%s", l.recordingWhat.c_str());
}

void drawLectureOverlays(ViewerState& state, double now) {
  const LectureSettings& l = state.lecture;
  // The spotlight itself is drawn into the 3D view, under the captions (renderer/SpotlightVeil.h).
  if (l.recording) {
    ImDrawList* list = ImGui::GetForegroundDrawList();
    const float em = ImGui::GetFontSize();
    const std::string text = recordingClock(now - l.recordingSince);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 at(state.sceneOrigin.x + state.sceneSize.x - size.x - 2.6f * em,
                    state.sceneOrigin.y + 0.8f * em);
    list->AddRectFilled(ImVec2(at.x - 1.8f * em, at.y - 0.4f * em),
                        ImVec2(at.x + size.x + 0.7f * em, at.y + size.y + 0.4f * em), IM_COL32(0, 0, 0, 170),
                        0.6f * em);
    const bool blink = std::fmod(now - l.recordingSince, 1.0) < 0.6;
    list->AddCircleFilled(ImVec2(at.x - 0.85f * em, at.y + 0.5f * size.y), 0.45f * em,
                          blink ? IM_COL32(235, 40, 40, 255) : IM_COL32(120, 30, 30, 255));
    list->AddText(at, IM_COL32(255, 255, 255, 255), text.c_str());
  }
}

}  // namespace convoscope
