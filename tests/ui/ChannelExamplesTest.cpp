// The inspector's top examples and the 3D gallery (ui/ChannelExamples.h): what is asked for, what is shown,
// and that framing a channel takes its gallery in.
#include <gtest/gtest.h>

#include "ViewerStateFixtures.h"
#include "ui/ChannelExamples.h"
#include "ui/ViewerState.h"

namespace convoscope {
namespace {

using ui_fixtures::stateWithChain;

FeatureOverlay galleryFor(const ChannelExamplesRequest& r) {
  FeatureOverlay gallery;
  for (int i = 0; i < 9; ++i) gallery.pictures.push_back(FeaturePicture{r.layer, r.channel, 2, 2, std::vector<uint8_t>(16, 1)});
  return gallery;
}

TEST(ChannelExamples, AskedForAChannelOnceADatasetIsChosen) {
  ViewerState state = stateWithChain();
  const int relu2 = state.snapshot->findLayer("relu2"), conv2 = state.snapshot->findLayer("conv2");
  select(state, Selection::ofCell(relu2, 4, 2, 3));
  EXPECT_FALSE(wantedChannelExamples(state)) << "no dataset yet";
  setExampleDataset(state, "/data/fashion");
  const std::optional<ChannelExamplesRequest> wanted = wantedChannelExamples(state);
  ASSERT_TRUE(wanted);
  EXPECT_EQ(wanted->layer, conv2) << "a folded slab's examples are its convolution's";
  EXPECT_EQ(wanted->channel, 4);
  EXPECT_EQ(wanted->dataset, "/data/fashion");
  state.channelExamples.computing = wanted;
  EXPECT_FALSE(wantedChannelExamples(state)) << "already computing";
  EXPECT_EQ(visibleGallery(state), nullptr);
  finishChannelExamples(state, *wanted, {"sheet.png", "crops.png", {{3, "Shirt", 2.5f, 1, 1}}, galleryFor(*wanted)}, "");
  EXPECT_FALSE(wantedChannelExamples(state));
  ASSERT_NE(visibleGallery(state), nullptr);
  EXPECT_EQ(visibleGallery(state)->pictures.size(), 9u);
  select(state, Selection::ofChannel(relu2, 5));
  EXPECT_EQ(visibleGallery(state), nullptr) << "another channel: its own examples, not these";
  EXPECT_TRUE(wantedChannelExamples(state));
}

TEST(ChannelExamples, AFailureIsShownAndNotAskedAgain) {
  ViewerState state = stateWithChain();
  select(state, Selection::ofChannel(state.snapshot->findLayer("relu2"), 1));
  setExampleDataset(state, "/nowhere");
  const ChannelExamplesRequest wanted = *wantedChannelExamples(state);
  finishChannelExamples(state, wanted, {}, "/nowhere: no such folder");
  EXPECT_EQ(state.channelExamples.error, "/nowhere: no such folder");
  EXPECT_FALSE(wantedChannelExamples(state));
  EXPECT_EQ(visibleGallery(state), nullptr);
  setExampleDataset(state, "/data/fashion");  // a corrected folder asks again
  EXPECT_TRUE(wantedChannelExamples(state));
}

TEST(ChannelExamples, FramingAChannelTakesItsGalleryIn) {
  ViewerState state = stateWithChain();
  const int relu2 = state.snapshot->findLayer("relu2");
  const Selection channel = Selection::ofChannel(relu2, 3);
  select(state, channel);
  const Bounds tileOnly = selectionBounds(state, channel);
  setExampleDataset(state, "/data/fashion");
  const Bounds withGallery = selectionBounds(state, channel);
  EXPECT_GT(withGallery.max.x, tileOnly.max.x + 1e-3f);
  const Slab& slab = state.layout.slabs[state.layout.slabForLayer(relu2)];
  EXPECT_GT(withGallery.max.x, slab.centre.x + 0.5f * slab.size.x);
}

}  // namespace
}  // namespace convoscope

namespace convoscope {
namespace {

TEST(ChannelExamples, ANewModelDropsTheExamplesAndADefaultDataset) {
  ViewerState state = ui_fixtures::stateWithChain();
  select(state, Selection::ofChannel(state.snapshot->findLayer("relu2"), 2));
  setExampleDataset(state, "/data/fashion", /*isDefault=*/true);
  const ChannelExamplesRequest asked = *wantedChannelExamples(state);
  FeatureOverlay gallery;
  gallery.pictures.push_back(FeaturePicture{asked.layer, asked.channel, 1, 1, {1, 1, 1, 255}});
  finishChannelExamples(state, asked, {"s.png", "c.png", {}, gallery}, "");
  ASSERT_NE(visibleGallery(state), nullptr);
  showSnapshot(state, std::make_shared<Snapshot>(scene_fixtures::chainSnapshot()), /*newModel=*/true);
  select(state, Selection::ofChannel(state.snapshot->findLayer("relu2"), 2));  // the same numbers, another model
  EXPECT_EQ(visibleGallery(state), nullptr);
  EXPECT_TRUE(state.channelExamples.dataset.empty()) << "the default was the bundled model's";
  // A folder the user chose stays for the next model, but the old model's result never shows.
  setExampleDataset(state, "/data/mine");
  const ChannelExamplesRequest mine = *wantedChannelExamples(state);
  finishChannelExamples(state, mine, {"s.png", "c.png", {}, gallery}, "");
  ASSERT_NE(visibleGallery(state), nullptr);
  showSnapshot(state, std::make_shared<Snapshot>(scene_fixtures::chainSnapshot()), /*newModel=*/true);
  select(state, Selection::ofChannel(state.snapshot->findLayer("relu2"), 2));
  EXPECT_EQ(state.channelExamples.dataset, "/data/mine");
  EXPECT_EQ(visibleGallery(state), nullptr);
  EXPECT_TRUE(wantedChannelExamples(state));
}

}  // namespace
}  // namespace convoscope
