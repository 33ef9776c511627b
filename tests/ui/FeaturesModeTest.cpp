// Features mode's bookkeeping (ui/FeaturesMode.h): which batch the window asks for next, how results land,
// and that a new model drops what was made for the old one.
#include <gtest/gtest.h>

#include "ViewerStateFixtures.h"
#include "ui/FeaturesMode.h"
#include "ui/ViewerState.h"

namespace convoscope {
namespace {

using ui_fixtures::stateWithChain;

std::vector<FeaturePicture> picturesFor(const FeatureBatchRequest& request) {
  std::vector<FeaturePicture> pictures;
  for (int c : request.channels) pictures.push_back(FeaturePicture{request.layer, c, 1, 1, {1, 2, 3, 255}});
  return pictures;
}

TEST(FeaturesMode, AsksForBatchesOfTheNearestSlabUntilEveryChannelIsShown) {
  ViewerState state = stateWithChain();
  EXPECT_FALSE(nextFeatureBatch(state)) << "off: nothing is asked for";
  setFeaturesMode(state, true);
  const int conv1 = state.snapshot->findLayer("conv1"), conv2 = state.snapshot->findLayer("conv2");
  state.camera.pose.target = state.layout.slabs[state.layout.slabForLayer(conv2)].centre;
  EXPECT_EQ(featureChannelsTotal(state), 8 + 16);
  std::vector<int> order;
  while (const std::optional<FeatureBatchRequest> batch = nextFeatureBatch(state)) {
    ASSERT_LE(batch->channels.size(), static_cast<size_t>(kFeatureBatchChannels));
    order.push_back(batch->layer);
    state.features.computing = batch;
    EXPECT_FALSE(nextFeatureBatch(state)) << "one batch at a time";
    finishFeatureBatch(state, *batch, picturesFor(*batch), "");
    ASSERT_LT(order.size(), 10u);
  }
  EXPECT_EQ(order, (std::vector<int>{conv2, conv2, conv1}));  // 16 channels in two batches, then 8
  EXPECT_EQ(featureChannelsShown(state), 24);
}

TEST(FeaturesMode, ANewModelDropsThePicturesAndAnyBatchInFlight) {
  ViewerState state = stateWithChain();
  setFeaturesMode(state, true);
  const FeatureBatchRequest first = *nextFeatureBatch(state);
  finishFeatureBatch(state, first, picturesFor(first), "");
  const uint64_t shownId = state.features.overlay.id;
  EXPECT_NE(shownId, 0u);
  const FeatureBatchRequest inFlight = *nextFeatureBatch(state);
  state.features.computing = inFlight;
  showSnapshot(state, std::make_shared<Snapshot>(scene_fixtures::chainSnapshot()), /*newModel=*/true);
  EXPECT_EQ(featureChannelsShown(state), 0);
  finishFeatureBatch(state, inFlight, picturesFor(inFlight), "");  // made for the old model
  EXPECT_EQ(featureChannelsShown(state), 0);
  EXPECT_FALSE(state.features.computing);
  // A new image of the same model keeps them.
  const FeatureBatchRequest again = *nextFeatureBatch(state);
  finishFeatureBatch(state, again, picturesFor(again), "");
  showSnapshot(state, std::make_shared<Snapshot>(scene_fixtures::chainSnapshot()), /*newModel=*/false);
  EXPECT_EQ(featureChannelsShown(state), static_cast<int>(again.channels.size()));
}

TEST(FeaturesMode, ALayerThatFailsIsNotAskedForAgainAndTheErrorIsKept) {
  ViewerState state = stateWithChain();
  setFeaturesMode(state, true);
  const FeatureBatchRequest first = *nextFeatureBatch(state);
  finishFeatureBatch(state, first, {}, "conv1: out of memory");
  EXPECT_EQ(state.features.error, "conv1: out of memory");
  const std::optional<FeatureBatchRequest> next = nextFeatureBatch(state);
  ASSERT_TRUE(next);
  EXPECT_NE(next->layer, first.layer);
}

}  // namespace
}  // namespace convoscope
