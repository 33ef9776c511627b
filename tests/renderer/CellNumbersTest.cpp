// The values written in the cells at close range (writeCellNumbers): every on-screen cell of a tile seen
// face on gets its number, and numbers too small on screen to read — the same view in a small window, or
// from sixteen times as far — are not written at all (each glyph costs a software rasteriser ~1 µs).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "core/TextFormat.h"
#include "renderer/TextBatch.h"

namespace convoscope {
namespace {

using rendertest::sharedContext;
using rendertest::syntheticLayer;

struct OneTile {
  Snapshot snapshot;
  SceneLayout layout;
  OneTile() {
    snapshot.inputShape = {1, 8, 8};
    std::vector<float> values(64);
    for (size_t i = 0; i < values.size(); ++i) values[i] = 0.01f * static_cast<float>(i);
    snapshot.layers.push_back(syntheticLayer("input", LayerKind::Input, {1, 8, 8}, values, {}));
    layout = layoutSlabs(snapshot);
  }
};

// Glyphs written for the tile seen from `yaw` (radians; 0 is face on) in a `viewport`-sized frame.
size_t glyphsWritten(const OneTile& scene, TextBatch& text, float yaw, glm::vec2 viewport, float farther = 1.0f) {
  const Slab& slab = scene.layout.slabs[0];
  const FaceRect tile = tileRect(slab, 0);
  OrbitCamera camera;
  camera.frame(Bounds::fromCentreSize({tile.centre(), frontFaceZ(slab)}, {tile.size(), 0.01f}), viewport.x / viewport.y);
  camera.pose.yaw = yaw;
  camera.pose.distance *= farther;
  text.clear();
  const CellNumberContext context{scene.snapshot, scene.layout, 0, 1.0f,
                                  camera.projection(viewport.x / viewport.y) * camera.view(),
                                  viewport, text, ValueRange{0.0f, 0.63f}, ColorMapKind::Sequential};
  writeCellNumbers(context);
  return text.glyphCount();
}

TEST(CellNumbers, EveryCellOfATileSeenFaceOnIsWritten) {
  sharedContext();
  SceneRenderer renderer;
  TextBatch text(renderer.font());
  const OneTile scene;
  size_t glyphs = 0;
  for (float v : scene.snapshot.layers[0].output.data) glyphs += compactNumber(v).size();  // ASCII digits
  EXPECT_EQ(glyphsWritten(scene, text, 0.0f, {1920, 1080}), glyphs);
}

TEST(CellNumbers, NumbersTooSmallToReadAreNotWritten) {
  sharedContext();
  SceneRenderer renderer;
  TextBatch text(renderer.font());
  const OneTile scene;
  EXPECT_GT(glyphsWritten(scene, text, 0.0f, {1920, 1080}), 0u);
  EXPECT_EQ(glyphsWritten(scene, text, 0.0f, {160, 90}), 0u) << "cells ~10 px high: digits ~2.5 px";
  EXPECT_EQ(glyphsWritten(scene, text, 0.0f, {1920, 1080}, 16.0f), 0u) << "sixteen times as far: digits ~2 px";
  // Turned away, the far cells shrink on screen first: fewer numbers, but the near ones stay.
  const size_t turned = glyphsWritten(scene, text, glm::radians(75.0f), {1920, 1080});
  EXPECT_GT(turned, 0u);
  EXPECT_LT(turned, glyphsWritten(scene, text, 0.0f, {1920, 1080}));
}

// The legend (a screen panel) covers the numbers of the tile behind it, as it covers the tile: the numbers
// are drawn before the panels. Within the legend only the panel's translucency lets them through.
TEST(CellNumbers, TheLegendCoversTheNumbersBehindIt) {
  sharedContext();
  const OneTile scene;
  const Slab& slab = scene.layout.slabs[0];
  const FaceRect tile = tileRect(slab, 0);
  OrbitCamera camera;
  camera.frame(Bounds::fromCentreSize({tile.centre(), frontFaceZ(slab)}, {tile.size(), 0.01f}), 16.0f / 9.0f);
  ViewOptions options;
  options.showLegend = true;
  SceneRenderer renderer;
  const rendertest::RenderedFrame numbered =
      rendertest::renderSnapshot(renderer, scene.snapshot, 640, 360, {}, options, &camera.pose, camera.fovY);
  renderer.setCellNumberHook([](const CellNumberContext&) {});
  const rendertest::RenderedFrame bare =
      rendertest::renderSnapshot(renderer, scene.snapshot, 640, 360, {}, options, &camera.pose, camera.fovY);
  ASSERT_GT(numbered.stats.glyphs, bare.stats.glyphs) << "the numbers are written";
  ASSERT_TRUE(numbered.stats.legendRect.has_value());
  const glm::ivec4 r(*numbered.stats.legendRect);
  int largest = 0;
  for (int y = r.y; y < r.w; ++y)
    for (int x = r.x; x < r.z; ++x)
      for (int c = 0; c < 3; ++c) {
        const size_t i = (static_cast<size_t>(y) * 640 + x) * 4 + c;
        largest = std::max(largest, std::abs(int(numbered.image.pixels[i]) - int(bare.image.pixels[i])));
      }
  // White digits on top would differ by ~200 levels; under a panel of 82 % opacity by at most ~45.
  EXPECT_LT(largest, 80);
}

}  // namespace
}  // namespace convoscope
