// GL tier: headless EGL renders of hand-built snapshots (no model file, no libtorch run).
#include <epoxy/gl.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>

#include "ImageCompare.h"
#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "renderer/ActivationTextures.h"
#include "renderer/FontAtlas.h"
#include "renderer/GlDebug.h"
#include "renderer/ShaderProgram.h"
#include "renderer/TextBatch.h"
#include "scene/ShotFraming.h"

namespace convoscope {
namespace {

using rendertest::renderSnapshot;
using rendertest::sharedContext;
using rendertest::tinyVggSnapshot;

TEST(HeadlessContext, CreatesCoreContextWithoutDisplay) {
  unsetenv("DISPLAY");
  HeadlessContext& context = sharedContext();
  EXPECT_GE(context.glVersion(), 33);
  EXPECT_NE(context.description().find("OpenGL"), std::string::npos);
}

TEST(Framebuffer, ReadsBackTopDown) {
  sharedContext();
  Framebuffer framebuffer(64, 32, 4);
  framebuffer.bind();
  glClearColor(0, 0, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glEnable(GL_SCISSOR_TEST);
  glScissor(0, 16, 64, 16);  // GL's upper half (y grows upwards)
  glClearColor(1, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glDisable(GL_SCISSOR_TEST);
  const RgbaImage image = framebuffer.read();
  ASSERT_EQ(image.pixels.size(), 64u * 32u * 4u);
  EXPECT_EQ(image.pixels[0], 255);                  // first row is the top: red
  EXPECT_EQ(image.pixels[(31 * 64) * 4 + 2], 255);  // last row is the bottom: blue
}

TEST(Framebuffer, RefusesSizesBeyond8K) {
  sharedContext();
  EXPECT_THROW(Framebuffer(7681, 100, 1), std::runtime_error);
  EXPECT_THROW(Framebuffer(0, 100, 1), std::runtime_error);
}

TEST(ShaderProgram, UnknownShaderAndCompileErrorsThrowWithNames) {
  sharedContext();
  try {
    ShaderProgram program("missing.vert", "text.frag");
    FAIL() << "expected a throw";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.vert"), std::string::npos);
  }
}

TEST(FontAtlas, BakesTheGlyphsLabelsUse) {
  const FontAtlas atlas;
  for (uint32_t c : decodeUtf8("conv2d \xE2\x86\x92 relu 10\xC3\x97"
                               "28\xC3\x97"
                               "28 \xE2\x88\x92"
                               "0.153 98.2% \xC2\xB7"))
    EXPECT_TRUE(atlas.has(c)) << "codepoint " << c;
  EXPECT_TRUE(atlas.glyph('A').visible);
  EXPECT_FALSE(atlas.glyph(' ').visible);
  EXPECT_GT(atlas.glyph('W').advance, atlas.glyph('i').advance);
  EXPECT_GT(atlas.ascent(), 0.0f);
  EXPECT_LT(atlas.descent(), 0.0f);
  // Distance field: inside a glyph > 128 > far outside.
  const Glyph& o = atlas.glyph('o');
  EXPECT_GT(o.u1, o.u0);
  EXPECT_EQ(atlas.pixels().size(), static_cast<size_t>(atlas.width()) * atlas.height());
  EXPECT_NE(std::string(decodeUtf8("\xFF").size() == 1 ? "ok" : ""), "");
}

TEST(TextBatch, AllTextIsOneDrawCall) {
  sharedContext();
  FontAtlas atlas;
  atlas.upload();
  TextBatch text(atlas);
  TextStyle style;
  for (int i = 0; i < 200; ++i) {
    text.addScreen("label " + std::to_string(i), {10.0f, 10.0f + i}, style);
    text.addBillboard("layer", {0.0f, 0.0f, float(i)}, style);
  }
  EXPECT_GT(text.glyphCount(), 2000u);
  Framebuffer framebuffer(64, 64, 1);
  EXPECT_EQ(text.draw(glm::mat4(1.0f), {64.0f, 64.0f}), 1);
  EXPECT_NEAR(text.measure("abc", 32.0f).width * 0.5f, text.measure("abc", 16.0f).width, 1e-3f);
}

TEST(SceneRenderer, MatchesBaseline) {
  sharedContext();
  const uint64_t errorsBefore = glDebugErrorCount();
  SceneRenderer renderer;
  const auto frame = renderSnapshot(renderer, tinyVggSnapshot(), 960, 540);
  EXPECT_EQ(glDebugErrorCount(), errorsBefore) << lastGlDebugError();
  const std::string failure = rendertest::checkAgainstBaseline(frame.image, "tiny_vgg_overview");
  EXPECT_TRUE(failure.empty()) << failure;
}

TEST(SceneRenderer, SelectionAndResidualArcsMatchBaseline) {
  sharedContext();
  SceneRenderer renderer;
  const Snapshot snapshot = tinyVggSnapshot(1, true);
  const SceneLayout layout = layoutSlabs(snapshot);
  ASSERT_FALSE(layout.arcs.empty());
  const int conv2 = snapshot.findLayer("conv2");
  // A closer, more frontal view of conv2 with one channel and one cell selected.
  OrbitCamera camera;
  camera.fovY = kShotFovY;
  camera.pose.yaw = -0.45f;
  camera.pose.pitch = 0.22f;
  camera.frame(slabBounds(layout.slabs[layout.slabForLayer(conv2)]), 16.0f / 9.0f);
  const auto frame = renderSnapshot(renderer, snapshot, 960, 540, Selection::ofCell(conv2, 5, 10, 12), {},
                                    &camera.pose, camera.fovY);
  const std::string failure = rendertest::checkAgainstBaseline(frame.image, "tiny_vgg_selection");
  EXPECT_TRUE(failure.empty()) << failure;
}

TEST(SceneRenderer, DrawCallsDoNotGrowWithChannels) {
  sharedContext();
  SceneRenderer narrowRenderer, wideRenderer;
  const auto narrow = renderSnapshot(narrowRenderer, tinyVggSnapshot(1), 320, 180);
  const auto wide = renderSnapshot(wideRenderer, tinyVggSnapshot(10), 320, 180);
  EXPECT_GT(wide.stats.tileInstances, 8 * narrow.stats.tileInstances);
  EXPECT_EQ(narrow.stats.drawCalls, wide.stats.drawCalls);
  EXPECT_LE(wide.stats.drawCalls, 7);
}

TEST(SceneRenderer, SecondFrameUploadsNoActivations) {
  sharedContext();
  SceneRenderer renderer;
  const Snapshot snapshot = tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  OrbitCamera camera;
  applyShotCamera(camera, layout, 2.0f);
  Framebuffer framebuffer(200, 100, 1);
  const FrameStats first = renderer.render(snapshot, layout, camera, {}, {}, {200, 100});
  EXPECT_EQ(first.activationUploads, 1u);
  EXPECT_TRUE(first.instancesRebuilt);
  camera.orbit(0.3f, 0.1f);  // a moving camera changes nothing that is uploaded once
  const FrameStats second = renderer.render(snapshot, layout, camera, {}, {}, {200, 100});
  EXPECT_EQ(second.activationUploads, 1u);
  EXPECT_FALSE(second.instancesRebuilt);
  EXPECT_EQ(renderer.activations().uploadCount(), 1u);
  // A range-mode change re-colours through the instance buffer, not by re-uploading activations.
  ViewOptions global;
  global.rangeMode = RangeMode::Global;
  const FrameStats third = renderer.render(snapshot, layout, camera, {}, global, {200, 100});
  EXPECT_TRUE(third.instancesRebuilt);
  EXPECT_EQ(third.activationUploads, 1u);
  // A new snapshot is uploaded once.
  const Snapshot other = tinyVggSnapshot();
  EXPECT_EQ(renderer.render(other, layout, camera, {}, {}, {200, 100}).activationUploads, 2u);
}

TEST(ActivationTextures, PacksEveryChannelAndTheMean) {
  sharedContext();
  const Snapshot snapshot = tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  ActivationTextures textures;
  textures.upload(snapshot, layout);
  EXPECT_NE(textures.texture(), 0u);
  EXPECT_GE(textures.pageCount(), 1);
  for (const Slab& slab : layout.slabs) {
    ASSERT_TRUE(textures.has(slab.displayLayer)) << snapshot.layers[slab.displayLayer].name;
    for (int c = 0; c < slab.grid.channels; ++c) {
      const TextureBlock b = textures.channel(slab.displayLayer, c);
      EXPECT_TRUE(b.valid());
      EXPECT_EQ(b.cols, slab.grid.cellCols);
      EXPECT_LE(b.x + b.cols, textures.pageSize());
    }
    EXPECT_EQ(textures.mean(slab.displayLayer).valid(), slab.grid.channels > 1 && !slab.grid.flat);
  }
  // Read back one texel and compare with the activation it came from.
  const int conv1 = layout.slabs[1].displayLayer;
  const TextureBlock b = textures.channel(conv1, 3);
  std::vector<float> page(static_cast<size_t>(textures.pageSize()) * textures.pageSize() *
                          textures.pageCount());
  glBindTexture(GL_TEXTURE_2D_ARRAY, textures.texture());
  glGetTexImage(GL_TEXTURE_2D_ARRAY, 0, GL_RED, GL_FLOAT, page.data());
  const size_t at =
      (static_cast<size_t>(b.page) * textures.pageSize() + b.y + 7) * textures.pageSize() + b.x + 9;
  EXPECT_FLOAT_EQ(page[at], snapshot.layers[conv1].output.data[3 * 28 * 28 + 7 * 28 + 9]);
}

}  // namespace
}  // namespace convoscope
