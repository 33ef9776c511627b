// A tour's training chapter in the presenting viewer (ui/TourSession.h): a checkpoint step opens the tour's
// series (relative to the tour file) and rests on its checkpoint once the window has loaded it, turns weights
// mode on for the step, and the next step without a checkpoint closes the series and loads the tour's model.
#include <gtest/gtest.h>

#include "ViewerStateFixtures.h"
#include "ui/TimelineState.h"
#include "ui/TourSession.h"
#include "ui/ViewerState.h"

namespace convoscope {
namespace {

std::shared_ptr<const Snapshot> chainAt(float v) {
  Snapshot s = scene_fixtures::chainSnapshot();
  for (Layer& l : s.layers) std::fill(l.output.data.begin(), l.output.data.end(), v);
  return std::make_shared<const Snapshot>(std::move(s));
}

TEST(TourTimeline, ACheckpointStepOpensTheSeriesRestsOnItAndTheNextStepGoesBack) {
  ViewerState state = ui_fixtures::stateWithChain();
  state.modelPath = "/lecture/model.pt";
  state.imagePath = "/lecture/boot.png";
  Tour tour;
  tour.series = "training";
  tour.steps.resize(3);
  tour.steps[1].checkpoints = TourCheckpoints{1, 1};
  tour.steps[1].weights = true;
  state.tour.tour = tour;
  state.tour.path = "/lecture/tour.json";
  ASSERT_TRUE(startTour(state));
  advanceTour(state, 0.0f);
  EXPECT_FALSE(state.timeline.outbox) << "step 1 shows no checkpoint";

  navigateTour(state, {TourKeyAction::Next, 0});
  advanceTour(state, 0.0f);
  EXPECT_EQ(state.timeline.outbox, "/lecture/training") << "relative to the tour file";
  EXPECT_TRUE(state.weights.on);
  // The window loads the series and runs the image through it; the step then rests on checkpoint 1.
  state.timeline.outbox.reset();
  TrainingSeries series;
  for (int k = 0; k < 3; ++k) series.checkpoints.push_back({"c" + std::to_string(k) + ".pt", k, 0.0, 1.0, 1.0, 0.3 * k});
  finishSeriesLoad(state, "/lecture/training", series, {true, true, true}, {});
  finishSeriesRun(state, "/lecture/boot.png", {chainAt(0.0f), chainAt(0.5f), chainAt(1.0f)});
  advanceTour(state, 0.1f);
  EXPECT_EQ(restingCheckpoint(state), 1);
  EXPECT_EQ(state.snapshot, state.timeline.snapshots[1]);

  navigateTour(state, {TourKeyAction::Next, 0});
  advanceTour(state, 0.0f);
  EXPECT_FALSE(seriesOpen(state)) << "the series the tour opened is closed";
  ASSERT_FALSE(state.outbox.empty());
  EXPECT_EQ(state.outbox.back().modelPath, "/lecture/model.pt") << "and the tour's model loaded again";
  EXPECT_FALSE(state.weights.on);
}

}  // namespace
}  // namespace convoscope
