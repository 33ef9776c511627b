#include "ui/TimelineState.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/SnapshotBlend.h"
#include "ui/ChannelExamples.h"
#include "ui/FeaturesMode.h"
#include "ui/ViewerState.h"

namespace convoscope {
namespace {

// Shows the position. The first picture of a series is a new model (the camera goes home); after that only
// the numbers change, and what depends on the model (features, examples) is dropped when a new checkpoint rests.
void showPosition(ViewerState& state, bool fresh) {
  const TimelineState& t = state.timeline;
  std::shared_ptr<const Snapshot> snapshot = snapshotAtPosition(t.snapshots, t.position, t.blend);
  if (!snapshot) return;
  const std::optional<int> resting = restingCheckpoint(state);
  if (fresh || !state.snapshot || !sameArchitecture(*state.snapshot, *snapshot)) {
    showSnapshot(state, std::move(snapshot), /*newModel=*/true);
    state.timelineModel = resting.value_or(-1);
    return;
  }
  state.snapshot = std::move(snapshot);
  relayout(state);  // the same slabs; the prediction panel's bars follow the new probabilities
  if (!resting) return;
  if (*resting != state.timelineModel) {
    forgetFeatures(state);
    forgetChannelExamples(state);
    state.timelineModel = *resting;
  }
  refreshAttributionFor(state, false);
  refreshCompareFor(state, false);
}

std::pair<int, int> loadedRange(const TimelineState& t) {
  const std::optional<int> first = snapshotAtOrAbove(t.snapshots, 0), last = snapshotAtOrBelow(t.snapshots, t.snapshots.size());
  return {first.value_or(0), last.value_or(0)};
}

}  // namespace

void openSeries(ViewerState& state, const std::string& path) {
  state.timeline.outbox = path;
  state.touch();
}

void closeSeries(ViewerState& state) {
  const float speed = state.timeline.checkpointsPerSecond;
  state.timeline = TimelineState{};
  state.timeline.checkpointsPerSecond = speed;
  state.timelineModel = -1;
  state.touch();
}

bool seriesOpen(const ViewerState& state) { return !state.timeline.path.empty(); }

bool looksLikeSeries(const std::string& path) {
  std::error_code error;
  const std::filesystem::path p(path);
  if (p.filename() == kSeriesFileName) return std::filesystem::is_regular_file(p, error);
  return std::filesystem::is_regular_file(p / kSeriesFileName, error);
}

void finishSeriesLoad(ViewerState& state, const std::string& path, TrainingSeries series, std::vector<bool> loaded,
                      std::vector<std::string> problems) {
  closeSeries(state);
  TimelineState& t = state.timeline;
  t.path = path;
  t.series = std::move(series);
  t.loaded = std::move(loaded);
  t.problems = std::move(problems);
  t.bringTabForward = true;
  for (const std::string& problem : t.problems) reportMessage(state, "Training series: " + problem);
  // Until the image has run through them, the position is the last checkpoint that loaded.
  for (int k = static_cast<int>(t.loaded.size()) - 1; k >= 0; --k)
    if (t.loaded[k]) {
      t.position = k;
      break;
    }
}

void failSeriesLoad(ViewerState& state, const std::string& error) {
  state.timeline.loading = false;
  reportMessage(state, error);  // the series (if any) and the model on screen stay
}

std::optional<std::string> wantedSeriesRun(const ViewerState& state) {
  const TimelineState& t = state.timeline;
  if (!seriesOpen(state) || t.loading || t.running || state.imagePath.empty() || t.runImage == state.imagePath)
    return std::nullopt;
  return state.imagePath;
}

void finishSeriesRun(ViewerState& state, const std::string& image,
                     std::vector<std::shared_ptr<const Snapshot>> snapshots) {
  TimelineState& t = state.timeline;
  t.running = false;
  const bool fresh = t.snapshots.empty();
  t.snapshots = std::move(snapshots);
  t.runImage = image;
  showPosition(state, fresh);
}

void failSeriesRun(ViewerState& state, const std::string& error) {
  state.timeline.running = false;
  state.timeline.runImage = state.imagePath;  // not again for this image
  reportMessage(state, "Training series: " + error);
}

void setTimelinePosition(ViewerState& state, double position) {
  TimelineState& t = state.timeline;
  if (t.snapshots.empty()) return;
  const auto [first, last] = loadedRange(t);
  const double clamped = std::clamp(position, static_cast<double>(first), static_cast<double>(last));
  if (clamped == t.position && state.snapshot) return;
  t.position = clamped;
  showPosition(state, false);
}

void stepCheckpoint(ViewerState& state, int delta) {
  TimelineState& t = state.timeline;
  t.playing = false;
  const std::optional<int> next = delta > 0 ? snapshotAtOrAbove(t.snapshots, std::floor(t.position + 1e-9) + 1)
                                            : snapshotAtOrBelow(t.snapshots, std::ceil(t.position - 1e-9) - 1);
  setTimelinePosition(state, next ? *next : t.position);
  state.touch();
}

void toggleTimelinePlay(ViewerState& state) {
  TimelineState& t = state.timeline;
  if (t.snapshots.empty()) return;
  t.playing = !t.playing;
  if (t.playing && t.position >= loadedRange(t).second) setTimelinePosition(state, loadedRange(t).first);
  state.touch();
}

void advanceTimeline(ViewerState& state, float dtSeconds) {
  TimelineState& t = state.timeline;
  if (!t.playing || t.snapshots.empty() || dtSeconds <= 0.0f) return;  // a scripted clock moves only on `advance`
  const double last = loadedRange(t).second;
  double next = t.position + static_cast<double>(dtSeconds) * t.checkpointsPerSecond;
  if (next >= last) {
    next = last;
    t.playing = false;
  }
  setTimelinePosition(state, next);
  state.touch(1);
}

bool handleTimelineKey(ViewerState& state, int key, int mods) {
  if (!seriesOpen(state) || (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT))) return false;
  switch (key) {
    case GLFW_KEY_J:
      stepCheckpoint(state, -1);
      return true;
    case GLFW_KEY_K:
      stepCheckpoint(state, +1);
      return true;
    case GLFW_KEY_T:
      toggleTimelinePlay(state);
      return true;
    default:
      return false;
  }
}

std::optional<int> restingCheckpoint(const ViewerState& state) {
  const TimelineState& t = state.timeline;
  const int k = static_cast<int>(std::lround(t.position));
  if (t.snapshots.empty() || std::abs(t.position - k) > 1e-6 || k < 0 || k >= static_cast<int>(t.snapshots.size()) ||
      !t.snapshots[k])
    return std::nullopt;
  return k;
}

std::string timelinePositionText(const ViewerState& state) {
  const TimelineState& t = state.timeline;
  if (!seriesOpen(state) || t.series.checkpoints.empty()) return "";
  const std::optional<int> k = restingCheckpoint(state);
  const std::string counter =
      k ? "checkpoint " + std::to_string(*k + 1) + " of " + std::to_string(t.series.checkpoints.size()) + " \xC2\xB7 " : "";
  return counter + timelinePositionLine(t.series, t.position);
}

std::optional<TimelineMark> visibleTimeline(const ViewerState& state) {
  const TimelineState& t = state.timeline;
  if (!seriesOpen(state) || t.snapshots.empty()) return std::nullopt;
  return timelineMark(t.series, t.loaded, t.position);
}

}  // namespace convoscope
