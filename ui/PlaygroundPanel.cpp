#include "ui/PlaygroundPanel.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "scene/KernelSlide.h"
#include "ui/PanelWidgets.h"
#include "ui/Theme.h"
#include "ui/TourSession.h"
#include "ui/ViewerState.h"

namespace convoscope {

namespace {

// The slide plays from the first time the playground shows, at a pace a lecture can follow.
void startOnce(PlaygroundState& p) {
  if (p.started) return;
  p.slide.setSpeed(2.0f);
  p.slide.play();
  p.started = true;
}

const ImU32 kInvalid = IM_COL32(230, 70, 70, 255);

void sliderInt(const char* label, int* value, int lo, int hi) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  ImGui::SliderInt(label, value, lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp);
}

}  // namespace

void togglePlayground(ViewerState& state) {
  state.showPlayground = !state.showPlayground;
  state.touch();
}

void setPlaygroundGeometry(ViewerState& state, const ConvGeometry& geometry) {
  state.playground.geometry = geometry;
  state.playground.slide.setStep(0);
}

void advancePlayground(ViewerState& state, float seconds) {
  PlaygroundState& p = state.playground;
  const ConvCheck check = checkConv(p.geometry);
  if (!check.valid) return;
  p.slide.setSize(check.outputSize, check.outputSize);
  startOnce(p);
  p.slide.advance(seconds);
}

void presentPlayground(ViewerState& state, const TourPlayground& playground, float position) {
  PlaygroundState& p = state.playground;
  const ConvGeometry& g = playground.geometry;
  p.geometry = g;
  p.started = true;  // the tour drives the slide
  p.slide.pause();
  const ConvCheck check = checkConv(g);
  if (check.valid) {
    p.slide.setSize(check.outputSize, check.outputSize);
    p.slide.setPosition(position);
  }
  if (!state.showPlayground) state.touch();
  state.showPlayground = true;
}

bool handlePlaygroundKey(ViewerState& state, int glfwKey, int mods) {
  if (!state.showPlayground || (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT))) return false;
  KernelSlide& slide = state.playground.slide;
  switch (glfwKey) {
    case GLFW_KEY_P:
      slide.togglePlay();
      break;
    case GLFW_KEY_COMMA:
      slide.stepBack();
      break;
    case GLFW_KEY_PERIOD:
      slide.stepForward();
      break;
    case GLFW_KEY_LEFT_BRACKET:
      slide.slower();
      break;
    case GLFW_KEY_RIGHT_BRACKET:
      slide.faster();
      break;
    case GLFW_KEY_F:
    case GLFW_KEY_HOME:
      state.reframePlayground = true;
      break;
    case GLFW_KEY_LEFT:
    case GLFW_KEY_RIGHT:
    case GLFW_KEY_UP:
    case GLFW_KEY_DOWN:
    case GLFW_KEY_M:
      break;  // the model's selection keys: nothing to select here
    default:
      return false;
  }
  state.touch();
  return true;
}

void drawPlaygroundPanel(ViewerState& state, float dtSeconds) {
  // While a tour presents a playground step it drives the slide and the room sees only the 3D view.
  if (!state.showPlayground || presenting(state)) return;
  PlaygroundState& p = state.playground;
  startOnce(p);
  ConvGeometry& g = p.geometry;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(state.sceneOrigin.x + em, state.sceneOrigin.y + em), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(em * 37.0f, 0.0f), ImGuiCond_Appearing);
  bool open = true;
  if (ImGui::Begin("Hyperparameter playground###playground", &open, ImGuiWindowFlags_NoSavedSettings)) {
    const ConvGeometry before = g;
    ImGui::BeginGroup();
    sliderInt("input size", &g.inputSize, 3, 12);
    sliderInt("kernel", &g.kernel, 1, 7);
    sliderInt("stride", &g.stride, 1, 4);
    ImGui::EndGroup();
    ImGui::SameLine(0, em * 2);
    ImGui::BeginGroup();
    sliderInt("padding", &g.padding, 0, 3);
    sliderInt("dilation", &g.dilation, 1, 3);
    if (ImGui::Button(p.slide.playing() ? "Pause" : "Play")) p.slide.togglePlay();
    ImGui::SameLine();
    if (ImGui::ArrowButton("##back", ImGuiDir_Left)) p.slide.stepBack();
    ImGui::SameLine();
    if (ImGui::ArrowButton("##fwd", ImGuiDir_Right)) p.slide.stepForward();
    ImGui::SameLine();
    if (ImGui::SmallButton("slower")) p.slide.slower();
    ImGui::SameLine();
    if (ImGui::SmallButton("faster")) p.slide.faster();
    ImGui::EndGroup();
    if (ImGui::SmallButton("5/3/1/0")) g = ConvGeometry{5, 3, 1, 0, 1};
    ImGui::SameLine();
    if (ImGui::SmallButton("7/3/2/1")) g = ConvGeometry{7, 3, 2, 1, 1};
    ImGui::SameLine();
    if (ImGui::SmallButton("6/3/2/0")) g = ConvGeometry{6, 3, 2, 0, 1};
    ImGui::SameLine();
    if (ImGui::SmallButton("9/3/1/2 dil 2")) g = ConvGeometry{9, 3, 1, 2, 2};
    ImGui::SameLine();
    mutedText("(input/kernel/stride/padding)");
    if (before != g) p.slide.setStep(0);

    const ConvCheck check = checkConv(g);
    ImGui::Separator();
    ImGui::PushFont(uiFonts().mono);
    ImGui::TextUnformatted(
        "output = (W + 2P \xE2\x88\x92 D\xC2\xB7(K\xE2\x88\x92"
        "1) \xE2\x88\x92 1)/S + 1");
    if (!check.formula.empty()) {
      if (check.valid)
        ImGui::Text("       = %s  \xE2\x86\x92 %d\xC3\x97%d output", check.formula.c_str(), check.outputSize,
                    check.outputSize);
      else
        ImGui::TextColored(ImColor(kInvalid), "       = %s", check.formula.c_str());
    }
    ImGui::PopFont();
    if (!check.valid) {
      ImGui::PushStyleColor(ImGuiCol_Text, kInvalid);
      ImGui::TextWrapped("Invalid: %s.", check.reason.c_str());
      ImGui::PopStyleColor();
    } else {
      mutedText("Valid: every window fits; %d\xC3\x97%d = %d output cells.", check.outputSize,
                check.outputSize, check.outputSize * check.outputSize);
    }

    const int out = check.valid ? check.outputSize : 0;
    if (check.valid) {
      p.slide.setSize(out, out);
      if (!ImGui::GetIO().WantTextInput && !state.scriptedClock) p.slide.advance(dtSeconds);
      if (p.slide.playing()) state.touch(2);
      if (p.slide.finished() && p.slide.playing()) p.slide.play();
      mutedText("window %d of %d  \xC2\xB7  %.3g cells/s", p.slide.step() + 1, p.slide.cellCount(),
                p.slide.speed());
    }
    mutedText("In 3D: drag to orbit \xC2\xB7 scroll to zoom \xC2\xB7 G: back to the model");
  }
  ImGui::End();
  if (!open) {
    state.showPlayground = false;
    state.touch();
  }
}

}  // namespace convoscope
