#include "scene/Tour.h"

#include <algorithm>
#include <filesystem>
#include <cmath>

#include "core/Errors.h"

namespace convoscope {

const char* tourEasingName(TourEasing easing) {
  switch (easing) {
    case TourEasing::Linear:
      return "linear";
    case TourEasing::EaseOut:
      return "ease-out";
    case TourEasing::EaseInOut:
      break;
  }
  return "ease-in-out";
}

float applyEasing(TourEasing easing, float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  switch (easing) {
    case TourEasing::Linear:
      return t;
    case TourEasing::EaseOut:
      return 1.0f - (1.0f - t) * (1.0f - t) * (1.0f - t);  // cubic
    case TourEasing::EaseInOut:
      break;
  }
  return easeInOutCubic(t);
}

double Tour::totalDuration() const {
  double total = 0.0;
  for (const TourStep& s : steps) total += s.duration;
  return total;
}

std::string pathBesideTour(const std::string& tourFile, const std::string& path) {
  const std::filesystem::path p(path);
  return p.is_absolute() ? path : (std::filesystem::path(tourFile).parent_path() / p).string();
}

double tourTimelinePosition(const TourCheckpoints& timeline, const TourStep& step, double stepTime) {
  if (timeline.from == timeline.to) return timeline.from;
  const double start = transitionSeconds(step), end = std::max(start + 1e-3, 0.85 * step.duration);
  const double progress = std::clamp((stepTime - start) / (end - start), 0.0, 1.0);
  return timeline.from + (timeline.to - timeline.from) * progress;
}

float transitionSeconds(const TourStep& step) { return std::min(1.0f, 0.4f * step.duration); }

void setStepExamples(TourStep& step, bool examples) {
  step.examples = examples && step.focus && step.focus->channel;
  if (step.focus) step.focus->withExamples = step.examples;
}

CameraPose stepPose(const TourStep& step, const TourFocusResolver& resolve) {
  if (step.pose) return *step.pose;
  return resolve ? resolve(step.focus, step.zoom) : CameraPose{};
}

namespace {

TourMath mathAt(const TourMath& math, double stepTime, float duration) {
  TourMath out = math;
  if (math.playing && duration > 0.0f) {
    const double progress = std::clamp(stepTime / duration, 0.0, 1.0);
    out.position = static_cast<float>(math.position + (1.0 - math.position) * progress);
  }
  return out;
}

// `moving`: the step was entered from another pose (false for a tour's first step, which starts in place).
TourFrame frameBetween(const TourStep& step, int index, int fromIndex, bool moving, const CameraPose& from,
                       const CameraPose& to, float fromZoom, double stepTime) {
  TourFrame f;
  f.step = index;
  f.fromStep = fromIndex;
  f.stepTime = stepTime;
  const float transition = transitionSeconds(step);
  const float u = transition > 0.0f ? static_cast<float>(std::clamp(stepTime / transition, 0.0, 1.0)) : 1.0f;
  f.transitioning = moving && u < 1.0f;
  f.transition = moving ? applyEasing(step.easing, u) : 1.0f;
  f.pose = f.transition >= 1.0f ? to : interpolatePoses(from, to, f.transition);
  f.zoom = fromZoom + (static_cast<float>(step.zoom) - fromZoom) * f.transition;
  f.math = mathAt(step.math, stepTime, step.duration);
  // The playground's window walks over the first 85 % of the step, then the full output holds a moment.
  if (step.playground && step.playground->playing && step.duration > 0.0f)
    f.playgroundPosition = static_cast<float>(std::clamp(stepTime / (0.85 * step.duration), 0.0, 1.0));
  f.captionAlpha = !moving ? 1.0f : std::clamp(u * 2.0f - 0.5f, 0.0f, 1.0f);  // in during mid-move
  return f;
}

}  // namespace

TourTimeline::TourTimeline(const Tour& tour, const TourFocusResolver& resolve) : steps_(tour.steps) {
  if (steps_.empty()) throw InputError("the tour has no steps");
  double t = 0.0;
  for (const TourStep& s : steps_) {
    poses_.push_back(stepPose(s, resolve));
    starts_.push_back(t);
    t += s.duration;
  }
  total_ = t;
}

TourFrame TourTimeline::at(double t) const {
  const int last = stepCount() - 1;
  if (!(t > 0.0)) t = 0.0;  // also NaN
  // The step whose interval holds t: the last start ≤ t.
  int step = static_cast<int>(std::upper_bound(starts_.begin(), starts_.end(), t) - starts_.begin()) - 1;
  step = std::clamp(step, 0, last);
  const double stepTime = std::min(t - starts_[step], static_cast<double>(steps_[step].duration));
  const int from = std::max(step - 1, 0);
  return frameBetween(steps_[step], step, from, step != from, poses_[from], poses_[step],
                      static_cast<float>(steps_[from].zoom), stepTime);
}

long long TourTimeline::frameCount(double fps) const {
  return std::max(1LL, static_cast<long long>(std::llround(total_ * fps)));
}

TourPlayer::TourPlayer(Tour tour, TourFocusResolver resolve)
    : tour_(std::move(tour)), resolve_(std::move(resolve)) {
  if (tour_.steps.empty()) throw InputError("the tour has no steps");
}

void TourPlayer::start(const CameraPose& from) {
  started_ = true;
  step_ = fromStep_ = 0;
  moving_ = true;
  from_ = from;
  to_ = stepPose(tour_.steps[0], resolve_);
  fromZoom_ = static_cast<float>(tour_.steps[0].zoom);
  elapsed_ = 0.0;
}

void TourPlayer::goTo(int step) {
  step = std::clamp(step, 0, stepCount() - 1);
  if (!started_) {  // nothing to fly from: appear at the step
    started_ = true;
    step_ = fromStep_ = step;
    moving_ = false;
    from_ = to_ = stepPose(tour_.steps[step], resolve_);
    fromZoom_ = static_cast<float>(tour_.steps[step].zoom);
    elapsed_ = 0.0;
    return;
  }
  if (step == step_) return;
  const TourFrame now = frame();
  from_ = now.pose;  // from wherever the camera is, mid-transition included
  fromZoom_ = now.zoom;
  fromStep_ = step_;
  step_ = step;
  moving_ = true;
  to_ = stepPose(tour_.steps[step], resolve_);
  elapsed_ = 0.0;
}

void TourPlayer::next() { goTo(step_ + 1); }
void TourPlayer::previous() { goTo(step_ - 1); }
void TourPlayer::jump(int step) { goTo(step); }

void TourPlayer::advance(float dtSeconds) {
  if (!started_ || !(dtSeconds > 0.0f)) return;
  elapsed_ = std::min(elapsed_ + dtSeconds, static_cast<double>(currentStep().duration));
}

TourFrame TourPlayer::frame() const {
  return frameBetween(currentStep(), step_, std::max(fromStep_, 0), moving_, from_, to_, fromZoom_, elapsed_);
}

void TourPlayer::setResolver(TourFocusResolver resolve) {
  resolve_ = std::move(resolve);
  if (started_) to_ = stepPose(currentStep(), resolve_);
}

}  // namespace convoscope
