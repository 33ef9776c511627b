// GL tier (the caption fonts need a context): the lecture caption's card layout — inside the frame, right of
// the legend when it fits, wrapped text, sized from the frame height, long titles shrunk to fit the counter.
#include <gtest/gtest.h>

#include "RenderTestSupport.h"
#include "renderer/CaptionOverlay.h"

namespace convoscope {
namespace {

Caption sample(const std::string& title) {
  Caption c;
  c.title = title;
  c.lines = {
      "A small convolutional network trained on Fashion-MNIST: 28x28 greyscale photos of clothing, "
      "ten classes, and every one of its numbers is shown.",
      "Second line."};
  c.counter = "7 / 17";
  return c;
}

TEST(CaptionOverlay, TheCardStaysInsideTheFrameAndRightOfTheLegend) {
  rendertest::sharedContext();
  const CaptionOverlay captions;
  const glm::vec2 frame(1920, 1080);
  const CaptionLayout l = captions.layout(sample("Padding"), frame, 450.0f);
  EXPECT_GE(l.cardMin.x, 450.0f);
  EXPECT_LE(l.cardMax.x, frame.x);
  EXPECT_GT(l.cardMin.y, frame.y * 0.5f);  // a lower third
  EXPECT_LE(l.cardMax.y, frame.y);
  EXPECT_GE(l.wrapped.size(), 3u);  // the long line wrapped
  EXPECT_FLOAT_EQ(l.scale, 1.0f);
}

TEST(CaptionOverlay, ScalesWithTheFrameHeight) {
  rendertest::sharedContext();
  const CaptionOverlay captions;
  const CaptionLayout hd = captions.layout(sample("Padding"), {1920, 1080});
  const CaptionLayout uhd = captions.layout(sample("Padding"), {3840, 2160});
  EXPECT_FLOAT_EQ(uhd.scale, 2.0f);
  EXPECT_NEAR((uhd.cardMax.y - uhd.cardMin.y) / (hd.cardMax.y - hd.cardMin.y), 2.0f, 0.05f);
  EXPECT_FLOAT_EQ(uhd.titleSize, 2.0f * hd.titleSize);
}

TEST(CaptionOverlay, ALongTitleShrinksToFitBesideTheCounterButNotBelowSixtyPercent) {
  rendertest::sharedContext();
  const CaptionOverlay captions;
  const glm::vec2 narrow(900, 900);  // a window's view between the side panels
  const float full = captions.layout(sample("Padding"), narrow).titleSize;
  const float shrunk =
      captions.layout(sample("Why the maps stay 28x28: padding, stride and dilation"), narrow).titleSize;
  EXPECT_LT(shrunk, full);
  EXPECT_GE(shrunk, 0.6f * full - 1e-3f);
  const std::string endless(400, 'W');
  EXPECT_NEAR(captions.layout(sample(endless), narrow).titleSize, 0.6f * full, 1e-3f);
}

}  // namespace
}  // namespace convoscope
