// The frame composer draws what a FrameContent asks for and nothing else: the network alone is the scene
// renderer's frame pixel for pixel, a caption and a spotlight each change the frame, the playground replaces
// the network, and the computation card is built (and framed) only for a selected cell.
#include <gtest/gtest.h>

#include "ImageCompare.h"
#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "renderer/FrameComposer.h"
#include "scene/ConvArithmetic.h"
#include "scene/KernelSlide.h"
#include "scene/PlaygroundFraming.h"
#include "scene/ShotFraming.h"

namespace convoscope {
namespace {

using rendertest::sharedContext;

constexpr int kWidth = 640, kHeight = 360;

FrameContent networkContent(const Snapshot& snapshot, const SceneLayout& layout) {
  FrameContent content;
  content.snapshot = &snapshot;
  content.layout = &layout;
  applyShotCamera(content.camera, layout, static_cast<float>(kWidth) / kHeight);
  return content;
}

using rendertest::Composed;

Composed compose(FrameComposer& composer, const FrameContent& content) {
  return rendertest::compose(composer, content, kWidth, kHeight);
}

// Fraction of pixels that differ at all between two frames of the same size.
double changed(const RgbaImage& a, const RgbaImage& b) {
  size_t differing = 0;
  for (size_t i = 0; i < a.pixels.size(); i += 4)
    differing += a.pixels[i] != b.pixels[i] || a.pixels[i + 1] != b.pixels[i + 1] ||
                 a.pixels[i + 2] != b.pixels[i + 2];
  return static_cast<double>(differing) / (a.pixels.size() / 4);
}

TEST(FrameComposer, TheNetworkAloneIsTheSceneRenderersFrame) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const FrameContent content = networkContent(snapshot, layout);
  FrameComposer composer;
  const Composed composed = compose(composer, content);

  SceneRenderer direct;
  Framebuffer target(kWidth, kHeight, kInteractiveSamples);
  target.bind();
  const FrameStats stats =
      direct.render(snapshot, layout, content.camera, content.selection, content.view, {kWidth, kHeight});
  const RgbaImage expected = target.read();
  EXPECT_EQ(changed(composed.image, expected), 0.0);
  EXPECT_EQ(composed.frame.drawCalls, stats.drawCalls);
  EXPECT_FALSE(composed.frame.computationBounds);
}

TEST(FrameComposer, ACaptionAndASpotlightEachChangeTheFrame) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  FrameComposer composer;
  FrameContent content = networkContent(snapshot, layout);
  const RgbaImage plain = compose(composer, content).image;

  content.caption =
      Caption{"Convolution", {"Every output is a weighted sum of a 3x3 window."}, "2 / 9", 1.0f};
  const Composed captioned = compose(composer, content);
  EXPECT_GT(changed(plain, captioned.image), 0.01);
  EXPECT_GT(captioned.frame.drawCalls, compose(composer, networkContent(snapshot, layout)).frame.drawCalls);

  content.caption.reset();
  content.spotlight = SpotlightFrame{{kWidth * 0.5f, kHeight * 0.5f}, 40.0f};
  const RgbaImage spotlit = compose(composer, content).image;
  EXPECT_GT(changed(plain, spotlit), 0.3);  // most of the view darkened
}

TEST(FrameComposer, ThePlaygroundReplacesTheNetwork) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  FrameComposer composer;
  FrameContent content = networkContent(snapshot, layout);
  const Composed network = compose(composer, content);

  const ConvGeometry geometry{7, 3, 2, 1, 1};
  const ConvCheck check = checkConv(geometry);
  ASSERT_TRUE(check.valid);
  KernelSlide slide(check.outputSize, check.outputSize);
  PlaygroundFrame playground{layoutPlayground(geometry, slide), {}, false};
  framePlayground(playground.camera, playground.scene.bounds, static_cast<float>(kWidth) / kHeight,
                  PlaygroundRoom::ControlsAbove);
  content.playground = playground;
  const Composed shown = compose(composer, content);
  EXPECT_EQ(shown.frame.scene.drawCalls, 0);  // the network's pass did not run
  EXPECT_GT(changed(network.image, shown.image), 0.2);
}

TEST(FrameComposer, TheComputationCardIsBuiltOnlyForASelectedCell) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int pool = snapshot.findLayer("pool1");
  ASSERT_GE(pool, 0);
  FrameComposer composer;
  EXPECT_FALSE(composer.computationBounds(snapshot, layout, Selection::ofChannel(pool, 1)));
  const std::optional<Bounds> bounds =
      composer.computationBounds(snapshot, layout, Selection::ofCell(pool, 1, 4, 5));
  ASSERT_TRUE(bounds);
  EXPECT_GT(bounds->size().x, 0.0f);

  FrameContent content = networkContent(snapshot, layout);
  content.selection = Selection::ofCell(pool, 1, 4, 5);
  const Composed without = compose(composer, content);
  content.computation = ComputationViewOptions{};
  const Composed with = compose(composer, content);
  ASSERT_TRUE(with.frame.computationBounds);
  EXPECT_EQ(with.frame.computationBounds->min, bounds->min);
  EXPECT_EQ(with.frame.computationBounds->max, bounds->max);
  EXPECT_GT(with.frame.drawCalls, without.frame.drawCalls);
  EXPECT_GT(changed(without.image, with.image), 0.001);
}

}  // namespace
}  // namespace convoscope
