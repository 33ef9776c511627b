// GL tier: the hyperparameter playground's 3D world (renderer/PlaygroundView) — three draw calls whatever the
// grid sizes, and the kernel window's position shows in the frame.
#include <gtest/gtest.h>

#include "ImageCompare.h"
#include "RenderTestSupport.h"
#include "renderer/Framebuffer.h"
#include "renderer/PlaygroundView.h"

namespace convoscope {
namespace {

struct PlaygroundFrame {
  RgbaImage image;
  int drawCalls = 0;
};

PlaygroundFrame renderPlayground(PlaygroundView& view, const ConvGeometry& g, int step) {
  const int width = 480, height = 270;
  const ConvCheck check = checkConv(g);
  KernelSlide slide(std::max(check.outputSize, 1), std::max(check.outputSize, 1));
  slide.setStep(step);
  const PlaygroundScene scene = layoutPlayground(g, slide);
  view.build(scene);
  OrbitCamera camera;
  framePlayground(camera, scene.bounds, static_cast<float>(width) / height, PlaygroundRoom::CaptionBelow);
  Framebuffer framebuffer(width, height, 1);
  framebuffer.bind();
  PlaygroundFrame frame;
  frame.drawCalls = view.draw(camera, {width, height});
  frame.image = framebuffer.read();
  return frame;
}

TEST(PlaygroundView, DrawCallsDoNotGrowWithTheGrid) {
  rendertest::sharedContext();
  PlaygroundView view;
  EXPECT_EQ(renderPlayground(view, {3, 1, 1, 0, 1}, 0).drawCalls, 3);
  EXPECT_EQ(renderPlayground(view, {12, 7, 1, 3, 1}, 20).drawCalls, 3);
  EXPECT_EQ(renderPlayground(view, {6, 3, 2, 0, 1}, 0).drawCalls, 3);  // invalid: still drawn
}

TEST(PlaygroundView, TheSlidingWindowChangesTheFrameAndTheSameStepRendersTheSame) {
  rendertest::sharedContext();
  PlaygroundView view;
  const ConvGeometry g{7, 3, 2, 1, 1};
  const RgbaImage first = renderPlayground(view, g, 0).image;
  const RgbaImage again = renderPlayground(view, g, 0).image;
  const RgbaImage later = renderPlayground(view, g, 5).image;
  EXPECT_EQ(first.pixels, again.pixels);
  EXPECT_NE(first.pixels, later.pixels);
  // Not an empty frame: the plates cover a good part of it.
  size_t lit = 0;
  for (size_t i = 0; i + 3 < first.pixels.size(); i += 4)
    lit += first.pixels[i] + first.pixels[i + 1] + first.pixels[i + 2] > 120 ? 1 : 0;
  EXPECT_GT(lit, first.pixels.size() / 4 / 20);
}

}  // namespace
}  // namespace convoscope
