// The scripted steps that act as the user's mouse and keyboard (drag, scroll, click, key, hold, open, shape):
// they go through ui/InputMapping exactly as the GLFW callbacks do.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "app/ViewerWindow.h"
#include "scene/Picking.h"

namespace convoscope {

namespace {

int keyCode(const std::string& name) {
  static const std::map<std::string, int> named = {{"F", GLFW_KEY_F},
                                                   {"Home", GLFW_KEY_HOME},
                                                   {"F1", GLFW_KEY_F1},
                                                   {"F11", GLFW_KEY_F11},
                                                   {"Tab", GLFW_KEY_TAB},
                                                   {"Escape", GLFW_KEY_ESCAPE},
                                                   {"Left", GLFW_KEY_LEFT},
                                                   {"Right", GLFW_KEY_RIGHT},
                                                   {"H", GLFW_KEY_H},
                                                   {"W", GLFW_KEY_W},
                                                   {"A", GLFW_KEY_A},
                                                   {"S", GLFW_KEY_S},
                                                   {"D", GLFW_KEY_D},
                                                   {"Q", GLFW_KEY_Q},
                                                   {"E", GLFW_KEY_E},
                                                   {"G", GLFW_KEY_G},
                                                   {"X", GLFW_KEY_X},
                                                   {"V", GLFW_KEY_V},
                                                   {"C", GLFW_KEY_C},
                                                   {"L", GLFW_KEY_L},
                                                   {"M", GLFW_KEY_M},
                                                   {"P", GLFW_KEY_P},
                                                   {"J", GLFW_KEY_J},
                                                   {"K", GLFW_KEY_K},
                                                   {"T", GLFW_KEY_T},
                                                   {"Up", GLFW_KEY_UP},
                                                   {"Down", GLFW_KEY_DOWN},
                                                   {"Comma", GLFW_KEY_COMMA},
                                                   {"Period", GLFW_KEY_PERIOD},
                                                   {"LeftBracket", GLFW_KEY_LEFT_BRACKET},
                                                   {"RightBracket", GLFW_KEY_RIGHT_BRACKET},
                                                   {"F5", GLFW_KEY_F5},
                                                   {"Space", GLFW_KEY_SPACE},
                                                   {"PageDown", GLFW_KEY_PAGE_DOWN},
                                                   {"PageUp", GLFW_KEY_PAGE_UP},
                                                   {"Backspace", GLFW_KEY_BACKSPACE},
                                                   {"0", GLFW_KEY_0},
                                                   {"1", GLFW_KEY_1},
                                                   {"2", GLFW_KEY_2},
                                                   {"3", GLFW_KEY_3},
                                                   {"4", GLFW_KEY_4},
                                                   {"5", GLFW_KEY_5},
                                                   {"6", GLFW_KEY_6},
                                                   {"7", GLFW_KEY_7},
                                                   {"8", GLFW_KEY_8},
                                                   {"9", GLFW_KEY_9}};
  const auto it = named.find(name);
  if (it == named.end()) throw std::runtime_error("script: unknown key '" + name + "'");
  return it->second;
}

}  // namespace

void ViewerWindow::scriptPress(MouseButton button, glm::vec2 p, bool down) {
  scriptClock_ += 0.05;
  input_.mouseButton(state_, button, down, p, scriptClock_);
}

void ViewerWindow::scriptMove(glm::vec2 p) {
  glfwSetCursorPos(window_, p.x, p.y);
  input_.cursorMoved(state_, p);
}

bool ViewerWindow::stepDrag(const std::string&, std::istringstream& in, double) {
  std::string button;
  float dx = 0, dy = 0, fx = 0.5f, fy = 0.5f;
  in >> button >> dx >> dy >> fx >> fy;
  const MouseButton b = button == "left"    ? MouseButton::Left
                        : button == "right" ? MouseButton::Right
                                            : MouseButton::Middle;
  const glm::vec2 start = sceneFraction(fx, fy);
  scriptMove(start);
  scriptPress(b, start, true);
  for (int i = 1; i <= 10; ++i) scriptMove(start + glm::vec2(dx, dy) * (i / 10.0f));
  scriptPress(b, start + glm::vec2(dx, dy), false);
  return true;
}

bool ViewerWindow::stepScroll(const std::string&, std::istringstream& in, double) {
  float steps = 1, fx = 0.5f, fy = 0.5f;
  in >> steps >> fx >> fy;
  scriptMove(sceneFraction(fx, fy));
  input_.scrolled(state_, steps, sceneFraction(fx, fy));
  return true;
}

// click/dblclick/hover [FX FY] at a fraction of the view; clicktile/dbltile/hovertile on a channel tile.
bool ViewerWindow::stepClick(const std::string& verb, std::istringstream& in, double) {
  glm::vec2 p;
  if (verb.find("tile") != std::string::npos) {
    const std::optional<glm::vec2> found = findTilePixel();
    if (!found) {
      fail("no channel tile visible");
      return true;
    }
    p = *found;
  } else {
    float fx = 0.5f, fy = 0.5f;
    in >> fx >> fy;
    p = sceneFraction(fx, fy);
  }
  scriptMove(p);
  if (verb.rfind("hover", 0) == 0) return true;
  const int clicks = verb.rfind("dbl", 0) == 0 ? 2 : 1;
  for (int i = 0; i < clicks; ++i) {
    scriptPress(MouseButton::Left, p, true);
    scriptPress(MouseButton::Left, p, false);
  }
  return true;
}

bool ViewerWindow::stepKey(const std::string&, std::istringstream& in, double) {
  std::string name;
  in >> name;
  input_.key(state_, keyCode(name), true, 0);
  input_.key(state_, keyCode(name), false, 0);
  return true;
}

bool ViewerWindow::stepHold(const std::string&, std::istringstream& in, double now) {  // hold KEY SECONDS
  std::string name;
  double seconds = 0.5;
  in >> name >> seconds;
  scriptHeldKeys_.insert(keyCode(name));
  holdUntil_ = now + seconds;
  return true;
}

bool ViewerWindow::stepOpen(const std::string&, std::istringstream& in, double) {
  std::string path;
  std::getline(in >> std::ws, path);
  openPath(state_, path);
  return true;
}

bool ViewerWindow::stepShape(const std::string&, std::istringstream& in, double) {  // as the prompt's Load
  int64_t c = 0, h = 0, w = 0;
  in >> c >> h >> w;
  if (!state_.shapePromptFor)
    fail("no input-shape prompt is open");
  else
    submitInputShape(state_, {c, h, w});
  return true;
}

}  // namespace convoscope
