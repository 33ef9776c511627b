#pragma once
// Every keyboard and mouse binding of the viewer, in one place. The window's GLFW callbacks and the scripted
// smoke test both call these functions, so a scripted run exercises exactly what a user's hand does.
//
//   left-drag orbit · right/middle-drag pan · wheel zoom toward the cursor · click select · double-click
//   focus Tab fly mode (mouse look, WASD/QE move, Shift faster) · F frame selection · Home reset · ←/→
//   previous/next layer · Esc clear selection / leave fly mode · F1 or ? help · H hide panels · F11
//   fullscreen · Ctrl+O open
#include <functional>
#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "ui/ViewerState.h"

namespace convoscope {

enum class MouseButton { Left, Right, Middle };

// One row of the help overlay; the table below is the single source of what each input does.
struct Binding {
  const char* keys;
  const char* action;
  const char* group;  // "Camera", "Selection", "Window"
};
const std::vector<Binding>& bindings();

class InputMapping {
 public:
  // Positions are window pixels (origin top-left); `time` in seconds (double-click detection).
  void mouseButton(ViewerState& state, MouseButton button, bool pressed, const glm::vec2& position,
                   double time);
  void cursorMoved(ViewerState& state, const glm::vec2& position);
  void scrolled(ViewerState& state, float wheelSteps, const glm::vec2& position);
  // `key` is a GLFW key code; `mods` GLFW modifier bits. Returns true when the key did something.
  bool key(ViewerState& state, int key, bool pressed, int mods);
  void character(ViewerState& state, unsigned codepoint);
  // Fly movement for held keys; `held(glfwKey)` reports whether a key is down. Returns true while moving.
  bool update(ViewerState& state, float dtSeconds, const std::function<bool(int)>& held);
  // The cursor left the scene (over a panel, or out of the window).
  void cursorLeftScene(ViewerState& state);

  bool dragging() const { return dragButton_ >= 0; }
  bool mouseLook() const { return lookActive_; }
  // Asked by the window loop: hide and capture the cursor (fly mode).
  bool wantsCapturedCursor(const ViewerState& state) const { return state.flyMode; }

  static constexpr float kDragThresholdPixels = 4.0f;
  static constexpr double kDoubleClickSeconds = 0.35;

 private:
  int dragButton_ = -1;  // MouseButton as int, -1 none
  bool dragMoved_ = false;
  glm::vec2 pressAt_{0.0f}, last_{0.0f};
  bool haveLast_ = false;
  bool lookActive_ = false;
  double lastClickTime_ = -1.0;
  glm::vec2 lastClickAt_{0.0f};
};

}  // namespace convoscope
