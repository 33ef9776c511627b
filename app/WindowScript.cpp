// The viewer's scripted steps (`view --script "settle; key F; shot x.png"`): the window tests, the smoke test
// and the screenshots drive the real window through the same input functions a user's mouse and keys reach.
// runStep() looks each verb up in one table; the handlers live here (loading, waiting, tours, recording, the
// playground), in WindowScriptInput.cpp (mouse and keys) and WindowScriptChecks.cpp (captures and expect-*).
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
#include "core/PngFile.h"
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

// Each verb's handler: reads its arguments from `in`; returns true when the step is finished (else it runs
// again next frame, e.g. `settle` until the view is still).
const std::map<std::string, ViewerWindow::StepHandler>& ViewerWindow::stepHandlers() {
  static const std::map<std::string, StepHandler> handlers = {
      {"settle", &ViewerWindow::stepSettle},
      {"wait", &ViewerWindow::stepWait},
      {"drag", &ViewerWindow::stepDrag},
      {"scroll", &ViewerWindow::stepScroll},
      {"click", &ViewerWindow::stepClick},
      {"dblclick", &ViewerWindow::stepClick},
      {"hover", &ViewerWindow::stepClick},
      {"clicktile", &ViewerWindow::stepClick},
      {"dbltile", &ViewerWindow::stepClick},
      {"hovertile", &ViewerWindow::stepClick},
      {"key", &ViewerWindow::stepKey},
      {"hold", &ViewerWindow::stepHold},
      {"open", &ViewerWindow::stepOpen},
      {"shape", &ViewerWindow::stepShape},
      {"capture", &ViewerWindow::stepCapture},
      {"shot", &ViewerWindow::stepCapture},
      {"expect-differs", &ViewerWindow::stepExpectDiffers},
      {"remember-pose", &ViewerWindow::stepRememberPose},
      {"expect-pose", &ViewerWindow::stepExpectPose},
      {"expect-prompt", &ViewerWindow::stepExpectState},
      {"expect-selected", &ViewerWindow::stepExpectState},
      {"expect-hover", &ViewerWindow::stepExpectState},
      {"expect-error", &ViewerWindow::stepExpectState},
      {"expect-recording", &ViewerWindow::stepExpectState},
      {"expect-tour-step", &ViewerWindow::stepExpectTourStep},
      {"expect-view", &ViewerWindow::stepExpectView},
      {"expect-slide", &ViewerWindow::stepExpectSlide},
      {"expect-card-numbers", &ViewerWindow::stepExpectCardNumbers},
      {"expect-playground", &ViewerWindow::stepExpectSlide},
      {"tour", &ViewerWindow::stepTour},
      {"record", &ViewerWindow::stepRecord},
      {"record-stop", &ViewerWindow::stepRecordStop},
      {"playground", &ViewerWindow::stepPlayground},
      {"advance", &ViewerWindow::stepAdvance},
      {"theme", &ViewerWindow::stepTheme},
      {"why", &ViewerWindow::stepWhy},
      {"expect-heat", &ViewerWindow::stepExpectHeat},
      {"expect-gradient", &ViewerWindow::stepExpectGradient},
      {"expect-feature", &ViewerWindow::stepExpectFeature},
      {"expect-features", &ViewerWindow::stepExpectFeatures},
      {"expect-examples", &ViewerWindow::stepExpectExamples},
      {"compare", &ViewerWindow::stepCompare},
      {"expect-compare", &ViewerWindow::stepExpectCompare},
      {"expect-checkpoint", &ViewerWindow::stepExpectCheckpoint},
      {"quit", &ViewerWindow::stepQuit},
  };
  return handlers;
}

bool ViewerWindow::runStep(const std::string& step, double now) {
  std::istringstream in(step);
  std::string verb;
  in >> verb;
  state_.touch();
  const auto& handlers = stepHandlers();
  const auto handler = handlers.find(verb);
  if (handler == handlers.end()) {
    fail("unknown step");
    return true;
  }
  return (this->*handler->second)(verb, in, now);
}

bool ViewerWindow::settled(double now) const {
  return !state_.loading && !loader_.busy() && (!queued_ || startDeferred()) && state_.outbox.empty() &&
         state_.animation.finished() && now > holdUntil_ && !tourTransitioning(state_) &&
         !state_.attribution.computing && !state_.attribution.outbox && !engineJobRunning() &&
         !state_.timeline.outbox && !state_.timeline.loading && !state_.timeline.running &&
         !(wantedSeriesRun(state_) && series_) &&
         !wantedCellGradient(state_) && !wantedChannelFeature(state_) && !nextFeatureBatch(state_) &&
         !wantedChannelExamples(state_) && !state_.compare.outbox && !state_.compare.computing;
}

bool ViewerWindow::stepSettle(const std::string&, std::istringstream&, double now) {
  if (stepStarted_ < 0) stepStarted_ = now;
  if (now - stepStarted_ > 90.0) {
    fail("did not settle within 90 s");
    return true;
  }
  if (!settled(now)) return false;
  if (firstLoad_ || !state_.snapshot) {
    if (!state_.toasts.empty())
      fail("loading failed: " + state_.toasts.back().text);
    else if (!state_.snapshot)
      fail("no model loaded");
  }
  return true;
}

bool ViewerWindow::stepWait(const std::string&, std::istringstream& in, double) {
  int frames = 1;
  in >> frames;
  state_.touch(frames);
  return true;
}

bool ViewerWindow::stepTour(const std::string&, std::istringstream& in, double) {  // tour PATH, as --tour
  std::string path;
  std::getline(in >> std::ws, path);
  loadTourFile(state_, path, true);
  return true;
}

bool ViewerWindow::stepRecord(const std::string&, std::istringstream& in, double now) {  // record PATH [WxH]
  std::string path, size;
  in >> path >> size;
  state_.lecture.recordPath = path;
  state_.lecture.recordSizeChoice = size == "1280x720" ? 1 : size == "1920x1080" ? 2 : 0;
  if (!recorder_) toggleRecording(now);
  return true;
}

bool ViewerWindow::stepRecordStop(const std::string&, std::istringstream&, double) {
  if (recorder_) stopRecording();
  return true;
}

// playground W K S P [D]: set the hyperparameter playground's sliders and show it.
bool ViewerWindow::stepPlayground(const std::string&, std::istringstream& in, double) {
  ConvGeometry g;
  in >> g.inputSize >> g.kernel >> g.stride >> g.padding;
  if (!(in >> g.dilation)) g.dilation = 1;
  setPlaygroundGeometry(state_, g);
  state_.showPlayground = true;
  state_.touch();
  return true;
}

// advance SECONDS: the kernel slides (playground, computation) move on that long.
bool ViewerWindow::stepAdvance(const std::string&, std::istringstream& in, double) {
  float seconds = 0;
  if (!(in >> seconds) || seconds < 0) {
    fail("advance needs a number of seconds");
    return true;
  }
  advancePlayground(state_, seconds);
  advanceComputation(state_, seconds);
  advanceTimeline(state_, seconds);
  state_.touch();
  return true;
}

bool ViewerWindow::stepTheme(const std::string&, std::istringstream& in, double) {  // theme light|dark
  std::string name;
  in >> name;
  state_.lecture.theme = name == "light" ? UiTheme::LightHighContrast : UiTheme::Dark;
  state_.lecture.styleChanged = true;
  return true;
}

// why top|CLASS [METHOD] [every]: what a click on a class in the predictions panel asks.
bool ViewerWindow::stepWhy(const std::string&, std::istringstream& in, double) {
  std::string which, word;
  in >> which;
  while (in >> word) {
    if (word == "every")
      state_.attribution.request.everyLayer = true;
    else
      state_.attribution.request.method = word;
  }
  askWhy(state_, which == "top" ? std::nullopt : std::optional<int>(std::stoi(which)));
  return true;
}

// "compare fgsm|pgd EPSILON [TARGET]", "compare image PATH", "compare none": input B as the Compare tab asks.
bool ViewerWindow::stepCompare(const std::string&, std::istringstream& in, double) {
  std::string source;
  in >> source;
  if (source == "none") {
    clearCompare(state_);
    return true;
  }
  CompareRequest request = state_.compare.request;
  if (source == "image") {
    request.source = CompareSource::Image;
    in >> request.imagePath;
  } else if (source == "fgsm" || source == "pgd") {
    request.source = source == "pgd" ? CompareSource::Pgd : CompareSource::Fgsm;
    int target = -1;
    in >> request.epsilon >> target;
    request.target = target >= 0 ? std::optional<int>(target) : std::nullopt;
  } else {
    fail("compare: expected fgsm, pgd, image or none, not '" + source + "'");
    return true;
  }
  requestCompare(state_, request);
  return true;
}

bool ViewerWindow::stepQuit(const std::string&, std::istringstream&, double) {
  state_.quitRequested = true;
  return true;
}

}  // namespace convoscope
