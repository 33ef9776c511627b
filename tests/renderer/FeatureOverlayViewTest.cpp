// Features mode drawn over the slabs (renderer/FeatureOverlayView.h through FrameComposer): each picture shows
// on its own tile in its own colours, and one draw call covers every channel.
#include <gtest/gtest.h>

#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "renderer/FrameComposer.h"
#include "scene/ShotFraming.h"

namespace convoscope {
namespace {

using rendertest::sharedContext;

constexpr int kWidth = 640, kHeight = 480;
constexpr float kAspect = static_cast<float>(kWidth) / kHeight;

FeaturePicture solid(int layer, int channel, glm::u8vec3 colour) {
  FeaturePicture p{layer, channel, 4, 4, {}};
  for (int i = 0; i < 16; ++i) p.rgba.insert(p.rgba.end(), {colour.r, colour.g, colour.b, 255});
  return p;
}

glm::vec3 pixelAt(const RgbaImage& image, const OrbitCamera& camera, const glm::vec3& world) {
  const glm::vec4 clip = camera.projection(kAspect) * camera.view() * glm::vec4(world, 1.0f);
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  const int x = static_cast<int>((ndc.x * 0.5f + 0.5f) * kWidth);
  const int y = static_cast<int>((0.5f - ndc.y * 0.5f) * kHeight);
  const uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * 4];
  return glm::vec3(p[0], p[1], p[2]);
}

TEST(FeatureOverlayView, EachTileShowsItsOwnChannelsPicture) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int conv = snapshot.findLayer("conv2");
  const Slab& slab = layout.slabs[layout.slabForLayer(conv)];
  FrameComposer composer;
  FrameContent content;
  content.snapshot = &snapshot;
  content.layout = &layout;
  content.selection = Selection::ofLayer(conv);  // the slabs in front of it are cut away
  applyShotCamera(content.camera, layout, kAspect);
  content.camera.pose.yaw = 0.0f;
  content.camera.pose.pitch = 0.0f;
  content.camera.nearPlane = 0.01f;
  content.camera.frame(slabBounds(slab), kAspect);
  const rendertest::Composed plain = rendertest::compose(composer, content, kWidth, kHeight);
  FeatureOverlay features;
  features.id = newFeatureOverlayId();
  features.pictures = {solid(conv, 0, {20, 220, 40}), solid(conv, 3, {230, 30, 200})};
  content.features = &features;
  const rendertest::Composed shown = rendertest::compose(composer, content, kWidth, kHeight);

  EXPECT_EQ(shown.frame.drawCalls, plain.frame.drawCalls + 1);
  EXPECT_EQ(shown.frame.scene.featureInstances, 2);
  const float z = frontFaceZ(slab);
  const glm::vec3 green = pixelAt(shown.image, content.camera, glm::vec3(tileRect(slab, 0).centre(), z));
  const glm::vec3 magenta = pixelAt(shown.image, content.camera, glm::vec3(tileRect(slab, 3).centre(), z));
  EXPECT_NEAR(green.r, 20, 8);
  EXPECT_NEAR(green.g, 220, 8);
  EXPECT_NEAR(magenta.r, 230, 8);
  EXPECT_NEAR(magenta.b, 200, 8);
  // A channel without a picture keeps its activation colours.
  const glm::vec3 other(tileRect(slab, 5).centre(), z);
  EXPECT_EQ(pixelAt(shown.image, content.camera, other), pixelAt(plain.image, content.camera, other));
}

TEST(FeatureOverlayView, OneDrawCallForEveryChannelOfEveryConvolution) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot(4);  // 40 channels per conv
  const SceneLayout layout = layoutSlabs(snapshot);
  FrameComposer composer;
  FrameContent content;
  content.snapshot = &snapshot;
  content.layout = &layout;
  applyShotCamera(content.camera, layout, kAspect);
  const rendertest::Composed plain = rendertest::compose(composer, content, kWidth, kHeight);
  FeatureOverlay features;
  features.id = newFeatureOverlayId();
  content.features = &features;
  EXPECT_EQ(rendertest::compose(composer, content, kWidth, kHeight).frame.drawCalls, plain.frame.drawCalls);
  features.id = newFeatureOverlayId();
  for (int layer : featureLayers(snapshot, layout))
    for (int c = 0; c < snapshot.layers[layer].output.shape[0]; ++c)
      features.pictures.push_back(solid(layer, c, {uint8_t(c * 6), 100, 50}));
  const rendertest::Composed all = rendertest::compose(composer, content, kWidth, kHeight);
  EXPECT_EQ(all.frame.drawCalls, plain.frame.drawCalls + 1);
  EXPECT_EQ(all.frame.scene.featureInstances, static_cast<int>(features.pictures.size()));
  EXPECT_EQ(features.pictures.size(), 160u);  // four convolutions × 40 channels
}

// The gallery: nine pictures beside the selected tile in one more draw call, each with its caption under it.
TEST(FeatureOverlayView, TheGalleryIsOneCallAndItsCaptionsAreWritten) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int conv = snapshot.findLayer("conv2");
  FrameComposer composer;
  FrameContent content;
  content.snapshot = &snapshot;
  content.layout = &layout;
  content.selection = Selection::ofChannel(conv, 4);
  applyShotCamera(content.camera, layout, kAspect);
  const rendertest::Composed plain = rendertest::compose(composer, content, kWidth, kHeight);
  FeatureOverlay gallery;
  gallery.id = newFeatureOverlayId();
  for (int i = 0; i < 9; ++i) gallery.pictures.push_back(solid(conv, 4, {200, 200, 200}));
  content.gallery = &gallery;
  const rendertest::Composed bare = rendertest::compose(composer, content, kWidth, kHeight);
  EXPECT_EQ(bare.frame.drawCalls, plain.frame.drawCalls + 1);
  EXPECT_EQ(bare.frame.scene.galleryInstances, 9);
  EXPECT_EQ(bare.frame.scene.glyphs, plain.frame.scene.glyphs);
  for (FeaturePicture& p : gallery.pictures) p.caption = "Shirt 2.41";
  const rendertest::Composed captioned = rendertest::compose(composer, content, kWidth, kHeight);
  EXPECT_EQ(captioned.frame.drawCalls, bare.frame.drawCalls) << "captions join the one text batch";
  EXPECT_EQ(captioned.frame.scene.glyphs, plain.frame.scene.glyphs + 9 * 9);  // "Shirt2.41": 9 glyphs each
}

}  // namespace
}  // namespace convoscope
