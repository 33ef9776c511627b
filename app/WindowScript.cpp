// The viewer's scripted steps (`view --script "settle; key F; shot x.png"`): the window tests, the smoke test
// and the screenshots drive the real window through the same input functions a user's mouse and keys reach.
// Each verb is one `if` in runStep(); docs/ARCHITECTURE.md lists what the window tests check with them.
#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/ViewerWindow.h"
#include "renderer/PngWriter.h"
#include "scene/Picking.h"
#include "ui/ComputationPanel.h"
#include "ui/PlaygroundPanel.h"
#include "ui/TourSession.h"

namespace convoscope {

std::string smokeTestScript() {
  return "settle; capture start; "
         "drag left 180 60; settle; capture orbited; expect-differs start orbited; "
         "scroll 3 0.5 0.5; settle; capture zoomed; expect-differs orbited zoomed; "
         "drag right 60 -40; settle; capture panned; expect-differs zoomed panned; "
         "hovertile; expect-hover; clicktile; expect-selected; settle; capture selected; "
         "expect-differs panned selected; "
         "key F; settle; key Home; settle";
}

std::vector<std::string> splitScript(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, separator)) {
    const auto first = item.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) continue;
    out.push_back(item.substr(first, item.find_last_not_of(" \t\r\n") - first + 1));
  }
  return out;
}

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
                                                   {"L", GLFW_KEY_L},
                                                   {"M", GLFW_KEY_M},
                                                   {"P", GLFW_KEY_P},
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

// Fraction of pixels whose largest channel difference exceeds `threshold` (8-bit levels).
double differingFraction(const RgbaImage& a, const RgbaImage& b, int threshold = 12) {
  if (a.width != b.width || a.height != b.height || a.pixels.empty()) return 1.0;
  size_t differing = 0;
  for (size_t i = 0; i < a.pixels.size(); i += 4) {
    int d = 0;
    for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a.pixels[i + c]) - int(b.pixels[i + c])));
    if (d > threshold) ++differing;
  }
  return double(differing) / double(a.pixels.size() / 4);
}

}  // namespace

glm::vec2 ViewerWindow::sceneFraction(float fx, float fy) const {
  return state_.sceneOrigin + glm::vec2(fx, fy) * state_.sceneSize;
}

// A pixel over a channel tile, searched from the centre of the view outward (deterministic for a layout).
std::optional<glm::vec2> ViewerWindow::findTilePixel() const {
  const glm::vec2 centre = sceneFraction(0.5f, 0.5f);
  const float stepPx = 6.0f;
  const int rings = static_cast<int>(std::max(state_.sceneSize.x, state_.sceneSize.y) / stepPx / 2) + 1;
  for (int r = 0; r < rings; ++r)
    for (int dy = -r; dy <= r; ++dy)
      for (int dx = -r; dx <= r; ++dx) {
        if (std::max(std::abs(dx), std::abs(dy)) != r) continue;
        const glm::vec2 p = centre + glm::vec2(dx, dy) * stepPx;
        const std::optional<PickHit> hit = pickAt(state_, p);
        if (hit && hit->cell.onTile() && hit->cell.y >= 0 &&
            state_.snapshot->layers[hit->layer].kind != LayerKind::Input)
          return p;
      }
  return std::nullopt;
}

void ViewerWindow::fail(const std::string& why) {
  std::fprintf(stderr, "convoscope: script step %zu (%s) failed: %s\n", step_ + 1, steps_[step_].c_str(),
               why.c_str());
  exitCode_ = 1;
  state_.quitRequested = true;
}

bool ViewerWindow::runStep(const std::string& step, double now) {
  std::istringstream in(step);
  std::string verb;
  in >> verb;
  auto settled = [&] {
    return !state_.loading && !loader_.busy() && !queued_ && state_.outbox.empty() &&
           state_.animation.finished() && now > holdUntil_ && !tourTransitioning(state_);
  };
  auto press = [&](MouseButton b, glm::vec2 p, bool down) {
    scriptClock_ += 0.05;
    input_.mouseButton(state_, b, down, p, scriptClock_);
  };
  auto move = [&](glm::vec2 p) {
    glfwSetCursorPos(window_, p.x, p.y);
    input_.cursorMoved(state_, p);
  };
  state_.touch();

  if (verb == "settle") {
    if (stepStarted_ < 0) stepStarted_ = now;
    if (now - stepStarted_ > 90.0) {
      fail("did not settle within 90 s");
      return true;
    }
    if (!settled()) return false;
    if (firstLoad_ || !state_.snapshot) {
      if (!state_.toasts.empty())
        fail("loading failed: " + state_.toasts.back().text);
      else if (!state_.snapshot)
        fail("no model loaded");
      return true;
    }
    return true;
  }
  if (verb == "wait") {
    int frames = 1;
    in >> frames;
    state_.touch(frames);
    return true;
  }
  if (verb == "drag") {
    std::string button;
    float dx = 0, dy = 0, fx = 0.5f, fy = 0.5f;
    in >> button >> dx >> dy >> fx >> fy;
    const MouseButton b = button == "left"    ? MouseButton::Left
                          : button == "right" ? MouseButton::Right
                                              : MouseButton::Middle;
    const glm::vec2 start = sceneFraction(fx, fy);
    move(start);
    press(b, start, true);
    for (int i = 1; i <= 10; ++i) move(start + glm::vec2(dx, dy) * (i / 10.0f));
    press(b, start + glm::vec2(dx, dy), false);
    return true;
  }
  if (verb == "scroll") {
    float steps = 1, fx = 0.5f, fy = 0.5f;
    in >> steps >> fx >> fy;
    move(sceneFraction(fx, fy));
    input_.scrolled(state_, steps, sceneFraction(fx, fy));
    return true;
  }
  if (verb == "click" || verb == "dblclick" || verb == "hover" || verb == "clicktile" || verb == "dbltile" ||
      verb == "hovertile") {
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
    move(p);
    if (verb.rfind("hover", 0) == 0) return true;
    press(MouseButton::Left, p, true);
    press(MouseButton::Left, p, false);
    if (verb.rfind("dbl", 0) == 0) {
      press(MouseButton::Left, p, true);
      press(MouseButton::Left, p, false);
    }
    return true;
  }
  if (verb == "key") {
    std::string name;
    in >> name;
    input_.key(state_, keyCode(name), true, 0);
    input_.key(state_, keyCode(name), false, 0);
    return true;
  }
  if (verb == "hold") {  // hold KEY SECONDS: fly keys
    std::string name;
    double seconds = 0.5;
    in >> name >> seconds;
    scriptHeldKeys_.insert(keyCode(name));
    holdUntil_ = now + seconds;
    return true;
  }
  if (verb == "open") {
    std::string path;
    std::getline(in >> std::ws, path);
    openPath(state_, path);
    return true;
  }
  if (verb == "shape") {  // answers the input-shape prompt as its Load button does
    int64_t c = 0, h = 0, w = 0;
    in >> c >> h >> w;
    if (!state_.shapePromptFor)
      fail("no input-shape prompt is open");
    else
      submitInputShape(state_, {c, h, w});
    return true;
  }
  if (verb == "expect-prompt") {
    if (!state_.shapePromptFor) fail("the input-shape prompt did not open");
    return true;
  }
  if (verb == "capture" || verb == "shot") {
    std::string name;
    in >> name;
    if (stepStarted_ < 0) {
      stepStarted_ = now;
      (verb == "capture" ? pendingCapture_ : pendingShot_) = name;
      return false;
    }
    return !(verb == "capture" ? pendingCapture_ : pendingShot_).has_value();
  }
  if (verb == "expect-differs") {
    std::string a, b;
    in >> a >> b;
    if (!captures_.count(a) || !captures_.count(b)) {
      fail("no capture named " + (captures_.count(a) ? b : a));
      return true;
    }
    const double fraction = differingFraction(captures_[a], captures_[b]);
    std::printf("smoke: %s -> %s: %.1f%% of pixels changed\n", a.c_str(), b.c_str(), 100.0 * fraction);
    // 0.2%: far above noise (llvmpipe renders the same frame identically) and below any real view change.
    if (fraction < 0.002) fail("the frame did not change");
    return true;
  }
  if (verb == "remember-pose") {  // remember-pose NAME: note the camera pose (see expect-pose)
    std::string name;
    in >> name;
    poses_[name] = state_.camera.pose;
    return true;
  }
  if (verb == "expect-pose") {  // expect-pose NAME: the camera is back exactly where remember-pose found it
    std::string name;
    in >> name;
    if (!poses_.count(name)) {
      fail("no pose named " + name);
      return true;
    }
    const CameraPose& a = poses_[name];
    const CameraPose& b = state_.camera.pose;
    if (a.target != b.target || a.distance != b.distance || a.yaw != b.yaw || a.pitch != b.pitch)
      fail("the camera is not where '" + name + "' was");
    return true;
  }
  if (verb == "expect-selected") {
    if (!state_.selection.hasChannel())
      fail("nothing selected");
    else
      std::printf("smoke: selected %s channel %d\n",
                  state_.snapshot->layers[*state_.selection.layer].name.c_str(), *state_.selection.channel);
    return true;
  }
  if (verb == "expect-hover") {
    if (!state_.hover) fail("no hover hit");
    return true;
  }
  if (verb == "expect-error") {
    if (state_.toasts.empty() || !state_.toasts.back().error) fail("no error message shown");
    return true;
  }
  if (verb == "expect-tour-step") {  // 1-based, as the caption counts
    int expected = 0;
    in >> expected;
    if (!presenting(state_))
      fail("no tour is presenting" + (state_.tour.error.empty() ? "" : ": " + state_.tour.error));
    else if (state_.tour.player->step() + 1 != expected)
      fail("tour is on step " + std::to_string(state_.tour.player->step() + 1) + ", expected " +
           std::to_string(expected));
    else
      std::printf("smoke: tour on step %d of %d\n", expected, state_.tour.player->stepCount());
    return true;
  }
  if (verb == "tour") {  // tour PATH: load and present, as --tour does
    std::string path;
    std::getline(in >> std::ws, path);
    loadTourFile(state_, path, true);
    return true;
  }
  if (verb == "record") {  // record PATH [WxH]: start recording the view
    std::string path, size;
    in >> path >> size;
    state_.lecture.recordPath = path;
    state_.lecture.recordSizeChoice = size == "1280x720" ? 1 : size == "1920x1080" ? 2 : 0;
    if (!recorder_) toggleRecording(now);
    return true;
  }
  if (verb == "expect-recording") {
    if (!recorder_) fail("not recording" + (state_.toasts.empty() ? "" : ": " + state_.toasts.back().text));
    return true;
  }
  if (verb == "playground") {  // playground W K S P [D]: set the hyperparameter playground's sliders
    ConvGeometry g;
    in >> g.inputSize >> g.kernel >> g.stride >> g.padding;
    if (!(in >> g.dilation)) g.dilation = 1;
    setPlaygroundGeometry(g);
    state_.showPlayground = true;
    state_.touch();
    return true;
  }
  if (verb == "advance") {  // advance SECONDS: the kernel slides (playground, computation) move on that long
    float seconds = 0;
    if (!(in >> seconds) || seconds < 0) {
      fail("advance needs a number of seconds");
      return true;
    }
    advancePlayground(seconds);
    advanceComputation(state_, seconds);
    state_.touch();
    return true;
  }
  if (verb == "expect-view") {  // expect-view playground|model: what the 3D view shows
    std::string what;
    in >> what;
    if (what != "playground" && what != "model") {
      fail("expect-view takes playground or model");
      return true;
    }
    if ((what == "playground") != state_.showPlayground)
      fail(std::string("the view shows the ") + (state_.showPlayground ? "playground" : "model"));
    return true;
  }
  if (verb ==
      "expect-slide") {  // expect-slide STEP: the computation's kernel slide is on cell STEP (0-based)
    int step = -1;
    in >> step;
    if (state_.computation.slide.step() != step)
      fail("kernel slide on cell " + std::to_string(state_.computation.slide.step()) + ", expected " +
           std::to_string(step));
    return true;
  }
  if (verb == "expect-playground") {  // expect-playground STEP: the slide's current window (0-based)
    int step = -1;
    in >> step;
    if (playgroundSlide().step() != step)
      fail("playground window " + std::to_string(playgroundSlide().step()) + ", expected " +
           std::to_string(step));
    return true;
  }
  if (verb == "theme") {  // theme light|dark
    std::string name;
    in >> name;
    state_.lecture.theme = name == "light" ? UiTheme::LightHighContrast : UiTheme::Dark;
    state_.lecture.styleChanged = true;
    return true;
  }
  if (verb == "record-stop") {
    if (recorder_) stopRecording();
    return true;
  }
  if (verb == "quit") {
    state_.quitRequested = true;
    return true;
  }
  fail("unknown step");
  return true;
}

}  // namespace convoscope
