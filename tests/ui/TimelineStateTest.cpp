// The viewer's training timeline (ui/TimelineState.h): a series opens through the outbox, the image runs through
// its checkpoints, and the slider, keys and playback move between them — exact at a checkpoint, blended between
// two, stepping over one that did not load.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ViewerStateFixtures.h"
#include "ui/TimelineState.h"
#include "ui/ViewerState.h"

namespace convoscope {
namespace {

using ui_fixtures::stateWithChain;

// The chain network at one checkpoint: every activation `v`, and the class 0 probability v (class 1: 1 − v).
std::shared_ptr<const Snapshot> checkpointSnapshot(float v) {
  Snapshot s = scene_fixtures::chainSnapshot();
  for (Layer& l : s.layers) std::fill(l.output.data.begin(), l.output.data.end(), v);
  s.probabilities.assign(10, 0.0f);
  s.probabilities[0] = v;
  s.probabilities[1] = 1.0f - v;
  return std::make_shared<const Snapshot>(std::move(s));
}

TrainingSeries fourCheckpoints() {
  TrainingSeries series;
  series.model = "chain";
  for (int k = 0; k < 4; ++k) series.checkpoints.push_back({"step-" + std::to_string(k) + ".pt", k * 10, k * 0.1, 1.0, 1.0, 0.2 * k});
  return series;
}

// A viewer with the four-checkpoint series open and the image run through it; checkpoint 2 did not load.
ViewerState stateWithSeries() {
  ViewerState state = stateWithChain();
  state.imagePath = "boot.png";
  openSeries(state, "training");
  EXPECT_EQ(state.timeline.outbox, "training");
  finishSeriesLoad(state, "training", fourCheckpoints(), {true, true, false, true}, {"step-2.pt: missing"});
  EXPECT_EQ(wantedSeriesRun(state), "boot.png");
  finishSeriesRun(state, "boot.png", {checkpointSnapshot(0.0f), checkpointSnapshot(0.25f), nullptr, checkpointSnapshot(1.0f)});
  return state;
}

TEST(TimelineState, OpeningShowsTheLastCheckpointExactlyAndNamesTheOneThatDidNotLoad) {
  ViewerState state = stateWithSeries();
  EXPECT_TRUE(seriesOpen(state));
  EXPECT_EQ(state.snapshot, state.timeline.snapshots[3]);
  EXPECT_EQ(restingCheckpoint(state), 3);
  EXPECT_EQ(state.timelineModel, 3) << "the rest of the viewer uses checkpoint 3's model";
  EXPECT_FALSE(wantedSeriesRun(state)) << "this image has run";
  ASSERT_FALSE(state.toasts.empty());
  EXPECT_NE(state.toasts.back().text.find("step-2.pt: missing"), std::string::npos);
  EXPECT_EQ(timelinePositionText(state), "checkpoint 4 of 4 \xC2\xB7 step 30 \xC2\xB7 epoch 0.30 \xC2\xB7 test accuracy 60.0 %");
  ASSERT_TRUE(visibleTimeline(state));
  EXPECT_EQ(visibleTimeline(state)->loaded, (std::vector<bool>{true, true, false, true}));
  state.imagePath = "sneaker.png";
  EXPECT_EQ(wantedSeriesRun(state), "sneaker.png") << "a new image runs through every checkpoint again";
}

TEST(TimelineState, KeysStepOverTheMissingCheckpointAndEachRestIsExact) {
  ViewerState state = stateWithSeries();
  ASSERT_TRUE(handleTimelineKey(state, GLFW_KEY_J, 0));
  EXPECT_EQ(restingCheckpoint(state), 1) << "checkpoint 2 did not load";
  EXPECT_EQ(state.snapshot, state.timeline.snapshots[1]);
  EXPECT_EQ(state.timelineModel, 1);
  handleTimelineKey(state, GLFW_KEY_J, 0);
  handleTimelineKey(state, GLFW_KEY_J, 0);
  EXPECT_EQ(restingCheckpoint(state), 0) << "stays at the first";
  handleTimelineKey(state, GLFW_KEY_K, 0);
  handleTimelineKey(state, GLFW_KEY_K, 0);
  EXPECT_EQ(restingCheckpoint(state), 3);
  EXPECT_FALSE(handleTimelineKey(state, GLFW_KEY_J, GLFW_MOD_CONTROL));
  closeSeries(state);
  EXPECT_FALSE(handleTimelineKey(state, GLFW_KEY_J, 0)) << "no series: J is not the timeline's";
}

TEST(TimelineState, PlaybackBlendsBetweenCheckpointsAndStopsAtTheLast) {
  ViewerState state = stateWithSeries();
  stepCheckpoint(state, -1);
  stepCheckpoint(state, -1);
  ASSERT_EQ(restingCheckpoint(state), 0);
  state.timeline.checkpointsPerSecond = 2.0f;
  toggleTimelinePlay(state);
  advanceTimeline(state, 0.25f);  // half-way to checkpoint 1
  EXPECT_FALSE(restingCheckpoint(state));
  EXPECT_FLOAT_EQ(state.snapshot->layers[1].output.data[0], 0.125f);
  EXPECT_FLOAT_EQ(state.snapshot->probabilities[0], 0.125f);
  // The 3D prediction panel follows the blended probabilities.
  const std::vector<ProbabilityBar>& bars = state.layout.probabilities.bars;
  ASSERT_FALSE(bars.empty());
  EXPECT_FLOAT_EQ(bars.front().probability, 0.875f);
  EXPECT_EQ(state.timelineModel, 0) << "between two, the model in use stays the last one rested on";
  advanceTimeline(state, 0.5f);  // 1.5: between 1 and 3 (2 is missing), a quarter of the way
  EXPECT_FLOAT_EQ(state.snapshot->layers[1].output.data[0], 0.25f + 0.25f * 0.75f);
  advanceTimeline(state, 5.0f);
  EXPECT_FALSE(state.timeline.playing) << "stops at the end";
  EXPECT_EQ(restingCheckpoint(state), 3);
  EXPECT_EQ(state.snapshot, state.timeline.snapshots[3]);
  toggleTimelinePlay(state);
  EXPECT_EQ(restingCheckpoint(state), 0) << "play at the end starts again from the first";
  state.timeline.blend = false;
  advanceTimeline(state, 0.3f);  // 0.6: the nearer checkpoint, 1
  EXPECT_EQ(state.snapshot, state.timeline.snapshots[1]);
}

TEST(TimelineState, RestingOnAnotherCheckpointDropsWhatDependsOnTheModel) {
  ViewerState state = stateWithSeries();
  const uint64_t generation = state.features.generation;
  stepCheckpoint(state, -1);
  EXPECT_GT(state.features.generation, generation) << "features were the other checkpoint's";
  const Selection kept = Selection::ofChannel(1, 2);
  select(state, kept);
  stepCheckpoint(state, -1);
  EXPECT_EQ(state.selection, kept) << "scrubbing keeps the selection (the same network)";
}

TEST(TimelineState, AFolderWithSeriesJsonOpensAsASeries) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("convoscope-ui-series-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "series.json") << "{}";
  EXPECT_TRUE(looksLikeSeries(folder.string()));
  EXPECT_TRUE(looksLikeSeries((folder / "series.json").string()));
  EXPECT_FALSE(looksLikeSeries((folder / "other.json").string()));
  ViewerState state = stateWithChain();
  dropPaths(state, {folder.string()});
  EXPECT_EQ(state.timeline.outbox, folder.string());
  EXPECT_TRUE(state.outbox.empty()) << "not loaded as an image";
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace convoscope
