#include "ui/LectureSettings.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

#include "ui/ViewerState.h"

namespace convoscope {

float steppedUiScale(float scale, int notches) {
  const float stepped = std::round(scale * std::pow(1.1f, static_cast<float>(notches)) * 20.0f) / 20.0f;
  return std::clamp(stepped, kMinUiScale, kMaxUiScale);
}

bool handleLectureKey(ViewerState& state, int key, int mods) {
  LectureSettings& lecture = state.lecture;
  const bool ctrl = (mods & GLFW_MOD_CONTROL) != 0;
  int notches = 0;
  if (ctrl && (key == GLFW_KEY_EQUAL || key == GLFW_KEY_KP_ADD)) notches = 1;
  if (ctrl && (key == GLFW_KEY_MINUS || key == GLFW_KEY_KP_SUBTRACT)) notches = -1;
  if (notches != 0 || (ctrl && (key == GLFW_KEY_0 || key == GLFW_KEY_KP_0))) {
    lecture.uiScale = notches != 0 ? steppedUiScale(lecture.uiScale, notches) : 1.0f;
    lecture.styleChanged = true;
    state.touch();
    return true;
  }
  if (key == GLFW_KEY_L && !(mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT))) {
    lecture.spotlight = !lecture.spotlight;
    state.touch();
    return true;
  }
  if (key == GLFW_KEY_R && ctrl) {
    lecture.recordToggleRequested = true;
    state.touch();
    return true;
  }
  return false;
}

}  // namespace convoscope
