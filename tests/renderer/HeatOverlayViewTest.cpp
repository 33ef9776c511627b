// Attribution heat maps drawn over the slabs (renderer/HeatOverlayView.h through FrameComposer): one draw call
// whatever the number of maps, warm colour exactly where the map is high, the tiles only dimmed where it is 0.
#include <gtest/gtest.h>

#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "renderer/FrameComposer.h"
#include "scene/ShotFraming.h"

namespace convoscope {
namespace {

using rendertest::sharedContext;

constexpr int kWidth = 640, kHeight = 480;

rendertest::Composed composeWith(FrameComposer& composer, const FrameContent& content) {
  return rendertest::compose(composer, content, kWidth, kHeight);
}

// The camera straight in front of the input slab, framing it.
FrameContent inputSlabContent(const Snapshot& snapshot, const SceneLayout& layout) {
  FrameContent content;
  content.snapshot = &snapshot;
  content.layout = &layout;
  applyShotCamera(content.camera, layout, static_cast<float>(kWidth) / kHeight);
  content.camera.pose.yaw = 0.0f;
  content.camera.pose.pitch = 0.0f;
  content.camera.nearPlane = 0.01f;
  content.camera.frame(slabBounds(layout.slabs[layout.slabForLayer(0)]), static_cast<float>(kWidth) / kHeight);
  return content;
}

glm::vec3 pixelAt(const RgbaImage& image, const OrbitCamera& camera, const glm::vec3& world) {
  const glm::vec4 clip = camera.projection(static_cast<float>(kWidth) / kHeight) * camera.view() * glm::vec4(world, 1.0f);
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  const int x = static_cast<int>((ndc.x * 0.5f + 0.5f) * kWidth);
  const int y = static_cast<int>((0.5f - ndc.y * 0.5f) * kHeight);  // the image's rows run top to bottom
  const uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * 4];
  return glm::vec3(p[0], p[1], p[2]);
}

// 28×28: 0.6 on the left half (orange on the heat map; its top end is a pale yellow), 0 on the right.
HeatMap leftHalfHot(int layer) {
  HeatMap map{layer, 28, 28, std::vector<float>(28 * 28, 0.0f)};
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 14; ++x) map.values[y * 28 + x] = 0.6f;
  return map;
}

TEST(HeatOverlayView, WarmsTheHotHalfOfTheInputAndOnlyDimsTheColdHalf) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  FrameComposer composer;
  FrameContent content = inputSlabContent(snapshot, layout);
  const rendertest::Composed plain = composeWith(composer, content);
  HeatOverlay heat;
  heat.id = newHeatOverlayId();
  heat.maps = {leftHalfHot(0)};
  content.heat = &heat;
  const rendertest::Composed warm = composeWith(composer, content);

  EXPECT_EQ(warm.frame.drawCalls, plain.frame.drawCalls + 1);
  EXPECT_EQ(warm.frame.scene.heatInstances, 1);  // one grey channel, no far view
  const FaceRect tile = tileRect(layout.slabs[layout.slabForLayer(0)], 0);
  const float z = frontFaceZ(layout.slabs[layout.slabForLayer(0)]);
  const glm::vec3 hot(glm::mix(tile.min.x, tile.max.x, 0.2f), tile.centre().y, z);
  const glm::vec3 cold(glm::mix(tile.min.x, tile.max.x, 0.8f), tile.centre().y, z);
  const glm::vec3 hotBefore = pixelAt(plain.image, content.camera, hot), hotAfter = pixelAt(warm.image, content.camera, hot);
  const glm::vec3 coldBefore = pixelAt(plain.image, content.camera, cold),
                  coldAfter = pixelAt(warm.image, content.camera, cold);
  // Hot: red rises above blue (the heat colours), whatever grey the input had there.
  EXPECT_GT(hotAfter.r - hotAfter.b, hotBefore.r - hotBefore.b + 50.0f) << hotBefore.r << " → " << hotAfter.r;
  // Cold: the same hue, only dimmed by the veil.
  EXPECT_LE(coldAfter.r, coldBefore.r + 1.0f);
  EXPECT_NEAR(coldAfter.r - coldAfter.b, coldBefore.r - coldBefore.b, 6.0f);
}

TEST(HeatOverlayView, OneDrawCallForAnyNumberOfMapsAndNoneWhenEmpty) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot(4);  // 40 channels per conv
  const SceneLayout layout = layoutSlabs(snapshot);
  FrameComposer composer;
  FrameContent content = inputSlabContent(snapshot, layout);
  applyShotCamera(content.camera, layout, static_cast<float>(kWidth) / kHeight);
  const rendertest::Composed plain = composeWith(composer, content);
  HeatOverlay heat;
  heat.id = newHeatOverlayId();
  content.heat = &heat;
  EXPECT_EQ(composeWith(composer, content).frame.drawCalls, plain.frame.drawCalls);  // no maps: no call
  heat.id = newHeatOverlayId();
  heat.maps = {leftHalfHot(0)};
  for (const char* name : {"relu2", "pool1", "relu3", "relu4"}) {
    const int layer = snapshot.findLayer(name);
    const auto& shape = snapshot.layers[layer].output.shape;
    heat.maps.push_back(HeatMap{layer, int(shape[1]), int(shape[2]), std::vector<float>(shape[1] * shape[2], 0.7f)});
  }
  const rendertest::Composed many = composeWith(composer, content);
  EXPECT_EQ(many.frame.drawCalls, plain.frame.drawCalls + 1);
  EXPECT_EQ(many.frame.scene.heatInstances, static_cast<int>(placeHeatMaps(layout, heat).size()));
  EXPECT_GT(many.frame.scene.heatInstances, 150);  // 40 tiles and a far view on each of four slabs, and the input
}

}  // namespace
}  // namespace convoscope
