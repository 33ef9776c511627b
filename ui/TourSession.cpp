#include "ui/TourSession.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/SnapshotBlend.h"
#include "scene/TourFraming.h"
#include "scene/TourValidation.h"
#include "ui/PlaygroundPanel.h"
#include "ui/ViewerState.h"

namespace convoscope {

std::optional<TourKeyAction> tourKeyAction(int key, int mods) {
  if (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SHIFT | GLFW_MOD_SUPER)) return std::nullopt;
  switch (key) {
    case GLFW_KEY_SPACE:
    case GLFW_KEY_RIGHT:
    case GLFW_KEY_PAGE_DOWN:
      return TourKeyAction{TourKeyAction::Next, 0};
    case GLFW_KEY_LEFT:
    case GLFW_KEY_PAGE_UP:
    case GLFW_KEY_BACKSPACE:
      return TourKeyAction{TourKeyAction::Previous, 0};
    default:
      break;
  }
  int digit = -1;
  if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9) digit = key - GLFW_KEY_0;
  if (key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_9) digit = key - GLFW_KEY_KP_0;
  if (digit < 0) return std::nullopt;
  return TourKeyAction{TourKeyAction::Jump, digit == 0 ? 9 : digit - 1};
}

namespace {

// Binds the framing to copies of what is on screen now, so a later snapshot or relayout cannot leave the
// player holding dangling references; advanceTour refreshes it when they change.
TourFocusResolver freshResolver(ViewerState& state) {
  TourSession& s = state.tour;
  s.resolverSnapshot = state.snapshot;
  s.resolverLayout = std::make_shared<const SceneLayout>(state.layout);
  s.resolverAspect = state.aspect();
  auto snapshot = s.resolverSnapshot;
  auto layout = s.resolverLayout;
  const float aspect = s.resolverAspect;
  return [snapshot, layout, aspect](const std::optional<TourFocus>& focus, int zoom) {
    return tourFocusPose(*snapshot, *layout, focus, zoom, kTourFovY, aspect);
  };
}

// Poses depend on the network's layers and layout, not on its numbers: another snapshot of the same network (a new
// image, every frame of a playing training timeline) keeps the resolver, and the presenter keeps the camera.
bool resolverStale(const ViewerState& state) {
  const TourSession& s = state.tour;
  if (!state.snapshot || !s.resolverSnapshot || !s.resolverLayout) return true;
  if (state.snapshot != s.resolverSnapshot && !sameArchitecture(*state.snapshot, *s.resolverSnapshot)) return true;
  if (std::abs(state.aspect() - s.resolverAspect) > 1e-3f) return true;
  const SceneLayout& l = *s.resolverLayout;
  return l.slabs.size() != state.layout.slabs.size() || l.bounds.min != state.layout.bounds.min ||
         l.bounds.max != state.layout.bounds.max;
}

}  // namespace

std::optional<std::string> tourProblem(ViewerState& state) {
  TourSession& s = state.tour;
  if (!state.snapshot) return std::string("no model is loaded yet");
  try {
    validateTour(s.tour, *state.snapshot, state.layout, s.path.empty() ? "tour" : s.path);
  } catch (const std::exception& e) {
    s.error = e.what();
    return s.error;
  }
  return std::nullopt;
}

bool loadTourFile(ViewerState& state, const std::string& path, bool presentAfter) {
  TourSession& s = state.tour;
  try {
    Tour tour = loadTour(path);
    if (!state.snapshot) {  // validated against the model once it is on screen
      s.pendingPath = path;
      s.presentWhenLoaded = presentAfter;
      return false;
    }
    validateTour(tour, *state.snapshot, state.layout, path);
    if (!tour.series.empty()) {  // its checkpoint steps name checkpoints the series has
      const SeriesLocation series = locateTrainingSeries(pathBesideTour(path, tour.series));
      validateTourSeries(tour, static_cast<int>(readTrainingSeries(series).checkpoints.size()), path);
    }
    stopTour(state);
    s.tour = std::move(tour);
    s.path = path;
    s.error.clear();
    s.selectedStep = 0;
    reportMessage(state, "Tour loaded: " + path + " (" + std::to_string(s.tour.steps.size()) + " steps)",
                  false);
    if (presentAfter) startTour(state);
    return true;
  } catch (const std::exception& e) {
    s.error = e.what();
    reportMessage(state, "Tour not loaded (the previous one stays): " + s.error);
    return false;
  }
}

bool saveTourFile(ViewerState& state, const std::string& path) {
  TourSession& s = state.tour;
  try {
    if (path.empty()) throw std::runtime_error("give the tour a file name, e.g. my-tour.json");
    saveTour(s.tour, path);
    s.path = path;
    s.error.clear();
    reportMessage(state, "Tour saved: " + path, false);
    return true;
  } catch (const std::exception& e) {
    s.error = e.what();
    reportMessage(state, "Tour not saved: " + s.error);
    return false;
  }
}

bool presenting(const ViewerState& state) { return state.tour.player.has_value(); }

bool startTour(ViewerState& state, int step) {
  TourSession& s = state.tour;
  if (s.tour.steps.empty()) {
    s.error = "the tour has no steps: add one from the current view, or load a tour";
    reportMessage(state, s.error);
    return false;
  }
  if (const std::optional<std::string> problem = tourProblem(state)) {
    reportMessage(state, "Cannot present the tour: " + *problem);
    return false;
  }
  s.player.emplace(s.tour, freshResolver(state));
  s.player->start(state.camera.pose);
  if (step > 0) s.player->jump(step);
  s.shownStep = -1;
  s.holdApplied = false;
  stopAnimation(state);
  releaseFocusClip(state);
  state.flyMode = false;
  state.touch();
  return true;
}

namespace {

// A step's "why this class?" heat maps: asked for as the step begins (computed on the worker like a click in
// the predictions panel), cleared by the next step without one.
void applyStepAttribution(ViewerState& state, const std::optional<AttributionRequest>& request) {
  TourSession& s = state.tour;
  if (request) {
    if (!(visibleHeat(state) && state.attribution.shownRequest == *request)) requestAttribution(state, *request);
    state.attribution.request = *request;
    s.showedAttribution = true;
  } else if (s.showedAttribution) {
    clearAttribution(state);
    s.showedAttribution = false;
  }
}

// A step's features or weights mode: on while the step shows; the next step without it turns it off again,
// unless the user had it on before the tour asked (`showed` remembers that the tour turned it on).
void applyStepMode(ViewerState& state, bool wanted, bool on, void (*set)(ViewerState&, bool), bool& showed) {
  if (wanted && !on) {
    set(state, true);
    showed = true;
  } else if (!wanted && showed) {
    set(state, false);
    showed = false;
  }
}

void applyStepFeatures(ViewerState& state, bool features) {
  applyStepMode(state, features, state.features.on, setFeaturesMode, state.tour.showedFeatures);
}

void applyStepWeights(ViewerState& state, bool weights) {
  applyStepMode(state, weights, state.weights.on, setWeightsMode, state.tour.showedWeights);
}

// A step's input B (the compare view): asked for while the step shows, once per distinct request; a step
// without one removes the B the tour made. An image is relative to the tour file.
void applyStepCompare(ViewerState& state, const std::optional<TourCompare>& compare) {
  TourSession& s = state.tour;
  if (!compare) {
    if (s.showedCompare) clearCompare(state);
    s.showedCompare = false;
    return;
  }
  const std::string image = compare->image.empty() ? "" : pathBesideTour(s.path, compare->image);
  const std::optional<CompareRequest> request =
      compareRequestFrom(image, compare->attack, compare->epsilon, compare->steps, compare->target);
  if (!compareAsked(state, *request)) requestCompare(state, *request);
  setCompareView(state, parseCompareView(compare->view).value_or(CompareView::Difference));
  s.showedCompare = true;
}


// A checkpoint step: the tour's series is opened (once) and its timeline put where the step stands, moving
// along a range as the step plays. The first step without a checkpoint closes the series the tour opened and
// loads the tour's own model again.
void applyStepTimeline(ViewerState& state, const TourStep& step, double stepTime) {
  TourSession& s = state.tour;
  if (!step.checkpoints) {
    if (!s.openedSeries) return;
    s.openedSeries = false;
    closeSeries(state);
    if (!s.modelBeforeSeries.empty()) requestLoad(state, LoadRequest{s.modelBeforeSeries, "", std::nullopt});
    return;
  }
  const std::string series = pathBesideTour(s.path, s.tour.series);
  TimelineState& t = state.timeline;
  if (t.path != series && t.outbox != series && !t.loading) {
    if (!s.openedSeries) s.modelBeforeSeries = state.modelPath;
    s.openedSeries = true;
    openSeries(state, series);
  }
  if (t.path != series || t.snapshots.empty()) return;  // still loading: the step shows it once it is there
  t.playing = false;
  setTimelinePosition(state, tourTimelinePosition(*step.checkpoints, step, stepTime));
}

}  // namespace

void stopTour(ViewerState& state) {
  if (!state.tour.player) return;
  state.tour.player.reset();
  state.tour.shownStep = -1;
  if (state.tour.openedPlayground) state.showPlayground = false;
  state.tour.openedPlayground = false;
  applyStepAttribution(state, std::nullopt);
  applyStepFeatures(state, false);
  applyStepCompare(state, std::nullopt);
  applyStepWeights(state, false);
  applyStepTimeline(state, TourStep{}, 0.0);
  state.touch();
}

void navigateTour(ViewerState& state, const TourKeyAction& action) {
  TourSession& s = state.tour;
  if (!s.player) return;
  switch (action.kind) {
    case TourKeyAction::Next:
      s.player->next();
      break;
    case TourKeyAction::Previous:
      s.player->previous();
      break;
    case TourKeyAction::Jump:
      if (action.step < s.player->stepCount()) s.player->jump(action.step);
      break;
  }
  s.holdApplied = false;
  state.touch();
}

bool handleTourKey(ViewerState& state, int key, int mods) {
  if (key == GLFW_KEY_F5 && !(mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT))) {
    // F5 presents from the start, Shift+F5 from the step selected in the tour panel.
    startTour(state, (mods & GLFW_MOD_SHIFT) ? state.tour.selectedStep : 0);
    return true;
  }
  if (!presenting(state)) return false;
  if (key == GLFW_KEY_ESCAPE && !state.showHelp) {
    stopTour(state);
    return true;
  }
  if (const std::optional<TourKeyAction> action = tourKeyAction(key, mods)) {
    navigateTour(state, *action);
    return true;
  }
  return false;
}

bool advanceTour(ViewerState& state, float dtSeconds) {
  TourSession& s = state.tour;
  if (!s.player || !state.snapshot) return false;
  if (resolverStale(state)) {
    s.player->setResolver(freshResolver(state));
    s.holdApplied = false;
  }
  s.player->advance(dtSeconds);
  const TourFrame frame = s.player->frame();
  if (frame.step != s.shownStep) {
    s.shownStep = frame.step;
    s.selectedStep = frame.step;
    select(state, tourSelection(*state.snapshot, state.layout, s.player->currentStep().focus));
    // The step's computation view and kernel slide, as `record` shows them.
    const TourMath& math = s.player->currentStep().math;
    ComputationState& computation = state.computation;
    computation.open = math.open;
    computation.prediction = math.prediction;
    computation.animate = math.open && (math.playing || math.position > 0.0f);
    if (computation.animate) {
      computation.slide.setPosition(math.position);
      if (math.playing) computation.slide.play();
    } else {
      computation.slide.pause();
    }
    applyStepAttribution(state, s.player->currentStep().attribution);
    applyStepFeatures(state, s.player->currentStep().features);
    applyStepCompare(state, s.player->currentStep().compare);
    applyStepWeights(state, s.player->currentStep().weights);
  }
  applyStepTimeline(state, s.player->currentStep(), frame.stepTime);
  // A playground step shows the playground's world (its own camera) instead of the network.
  if (const std::optional<TourPlayground>& playground = s.player->currentStep().playground) {
    presentPlayground(state, *playground, frame.playgroundPosition);
    s.openedPlayground = true;
    s.holdApplied = true;
    return frame.captionAlpha < 1.0f || playground->playing;
  }
  if (s.openedPlayground) {
    state.showPlayground = false;
    s.openedPlayground = false;
    s.holdApplied = false;  // back to the network: the tour takes the camera again
  }
  state.camera.fovY = kTourFovY;
  // The tour owns the camera while it moves; once holding, the presenter may orbit and zoom freely.
  if (frame.transitioning || !s.holdApplied) {
    stopAnimation(state);
    state.focusClipDepth.reset();
    state.camera.pose = frame.pose;
    state.camera.maxDistance = std::max(state.camera.maxDistance, frame.pose.distance * 4.0f);
    state.hover.reset();
    s.holdApplied = !frame.transitioning;
    state.touch();
  }
  state.camera.nearPlane = 0.01f;  // close-ups of one cell (as `record` frames them)
  const bool moving = frame.transitioning || frame.captionAlpha < 1.0f;
  if (moving) state.touch();
  return moving;
}

bool tourTransitioning(const ViewerState& state) {
  return state.tour.player && state.tour.player->frame().transitioning;
}

std::optional<Caption> currentCaption(const ViewerState& state) {
  const TourSession& s = state.tour;
  if (!s.player) return std::nullopt;
  const TourFrame frame = s.player->frame();
  const TourStep& step = s.player->currentStep();
  Caption caption{step.title, step.text,
                  std::to_string(frame.step + 1) + " / " + std::to_string(s.player->stepCount()),
                  frame.captionAlpha};
  caption.scale = state.lecture.captionScale;
  return caption;
}

}  // namespace convoscope
