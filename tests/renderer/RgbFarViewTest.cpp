// An RGB input's far view (tiles.frag built with RGB_COMPOSITE_TILES, its own draw while it shows) is the
// image in colour; every other tile takes the branch-free program.
#include <gtest/gtest.h>

#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "scene/ScreenRects.h"
#include "scene/ShotFraming.h"

namespace convoscope {
namespace {

using rendertest::sharedContext;

constexpr int kWidth = 640, kHeight = 360;

// An orange picture (R 1, G 0.5, B 0 of a 0..1 range) and one conv layer after it.
Snapshot orangeInputSnapshot() {
  Snapshot s;
  s.modelName = "RGB (synthetic)";
  s.inputShape = {3, 16, 16};
  std::vector<float> image(3 * 16 * 16, 0.0f);
  for (int i = 0; i < 16 * 16; ++i) image[i] = 1.0f, image[256 + i] = 0.5f;
  s.layers.push_back(rendertest::syntheticLayer("input", LayerKind::Input, {3, 16, 16}, image, {}));
  rendertest::Lcg rng(7);
  std::vector<float> conv = rendertest::conv3x3(image, 3, 16, 16, 4, rng, true);
  s.layers.push_back(rendertest::syntheticLayer("conv", LayerKind::Conv2d, {4, 16, 16}, conv, {0}));
  return s;
}

struct Drawn {
  RgbaImage image;
  FrameStats stats;
  glm::ivec2 farViewCentre;  // pixel, origin top-left
};

Drawn drawInput(const Snapshot& snapshot, const SemanticZoomThresholds& zoom) {
  const SceneLayout layout = layoutSlabs(snapshot);
  OrbitCamera camera;
  const float aspect = static_cast<float>(kWidth) / kHeight;
  applyShotCamera(camera, layout, aspect);
  ViewOptions view;
  view.zoom = zoom;
  view.showLabels = view.showLegend = view.showHeader = false;
  SceneRenderer renderer;
  Framebuffer target(kWidth, kHeight, kInteractiveSamples);
  target.bind();
  Drawn drawn;
  drawn.stats = renderer.render(snapshot, layout, camera, Selection{}, view, {kWidth, kHeight});
  drawn.image = target.read();
  const Slab& input = layout.slabs[layout.slabForLayer(0)];
  const FaceRect far = farViewRect(input);
  const glm::mat4 viewProjection = camera.projection(aspect) * camera.view();
  const auto rect = pointsScreenRect({glm::vec3(far.centre(), frontFaceZ(input))}, viewProjection,
                                     glm::vec2(kWidth, kHeight));
  drawn.farViewCentre = rect ? glm::ivec2(glm::vec2(rect->x, rect->y)) : glm::ivec2(-1);
  return drawn;
}

glm::ivec3 pixelAt(const RgbaImage& image, glm::ivec2 p) {
  const size_t i = (static_cast<size_t>(p.y) * image.width + p.x) * 4;
  return {image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]};
}

TEST(RgbFarView, ShowsTheInputInColourWhenItsTilesHaveFaded) {
  sharedContext();
  const Snapshot snapshot = orangeInputSnapshot();
  SemanticZoomThresholds never;  // tiles never fade in: every far view shows whole
  never.tilesFrom = 50.0f, never.tilesFull = 60.0f;
  const Drawn far = drawInput(snapshot, never);
  ASSERT_GE(far.farViewCentre.x, 0);
  const glm::ivec3 colour = pixelAt(far.image, far.farViewCentre);
  EXPECT_GE(colour.r, 240);
  EXPECT_NEAR(colour.g, 128, 10);
  EXPECT_LE(colour.b, 15);

  SemanticZoomThresholds always;  // tiles shown whole: the far views are hidden and their draw skipped
  always.tilesFrom = 0.0f, always.tilesFull = 1e-6f;
  const Drawn near = drawInput(snapshot, always);
  EXPECT_EQ(near.stats.drawCalls, far.stats.drawCalls - 1);
  // The centre now shows the tinted channel tiles (or the gap between them), never the orange composite.
  const glm::ivec3 tiled = pixelAt(near.image, near.farViewCentre);
  EXPECT_FALSE(tiled.r >= 240 && std::abs(tiled.g - 128) <= 10 && tiled.b <= 15);
}

}  // namespace
}  // namespace convoscope
