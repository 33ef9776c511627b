// GL tier: the selected cell's computation (renderer/ComputationView) — constant draw calls whatever the
// fan-in, and golden images of the bundled model's conv_1_2 computation and of a softmax view.
#include <gtest/gtest.h>

#include "ImageCompare.h"
#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "engine/CaptureModel.h"
#include "renderer/ComputationView.h"
#include "scene/ShotFraming.h"

namespace convoscope {
namespace {

using rendertest::sharedContext;

// input [C,4,4] → a 3x3 conv (padding 1) with 2 output channels, computed here so the breakdown adds up.
Snapshot convFanIn(int inChannels) {
  rendertest::Lcg rng(7);
  const int H = 4, W = 4;
  std::vector<float> in(static_cast<size_t>(inChannels) * H * W);
  for (float& v : in) v = rng.uniform();
  FloatTensor weight{{2, inChannels, 3, 3}, {}}, bias{{2}, {0.1f, -0.2f}};
  weight.data.resize(static_cast<size_t>(2) * inChannels * 9);
  for (float& v : weight.data) v = 0.3f * rng.uniform();
  std::vector<float> out(2 * H * W);
  for (int o = 0; o < 2; ++o)
    for (int y = 0; y < H; ++y)
      for (int x = 0; x < W; ++x) {
        double s = bias.data[o];
        for (int c = 0; c < inChannels; ++c)
          for (int k = 0; k < 9; ++k) {
            const int yy = y + k / 3 - 1, xx = x + k % 3 - 1;
            if (yy < 0 || yy >= H || xx < 0 || xx >= W) continue;
            s += weight.data[(static_cast<size_t>(o) * inChannels + c) * 9 + k] * in[(c * H + yy) * W + xx];
          }
        out[(o * H + y) * W + x] = static_cast<float>(s);
      }
  Snapshot snapshot;
  snapshot.modelName = "fan-in";
  snapshot.inputShape = {inChannels, H, W};
  snapshot.layers.push_back(
      rendertest::syntheticLayer("input", LayerKind::Input, {inChannels, H, W}, in, {}));
  Layer conv = rendertest::syntheticLayer("conv", LayerKind::Conv2d, {2, H, W}, out, {0});
  conv.weight = ParameterTensor(weight);
  conv.bias = ParameterTensor(bias);
  conv.window.kernel = {3, 3};
  conv.window.padding = {1, 1};
  snapshot.layers.push_back(std::move(conv));
  return snapshot;
}

struct MathFrame {
  RgbaImage image;
  int mathDrawCalls = 0;
};

MathFrame renderMath(const Snapshot& snapshot, const Selection& selection, int width, int height) {
  const SceneLayout layout = layoutSlabs(snapshot);
  SceneRenderer renderer;
  ComputationView math;
  EXPECT_TRUE(math.build(snapshot, layout, selection, ComputationViewOptions{})) << math.error();
  OrbitCamera camera;
  camera.fovY = kShotFovY;
  camera.pose.yaw = -0.12f;  // as `shot --focus` frames a cell's computation
  camera.pose.pitch = 0.08f;
  camera.frame(math.bounds(), static_cast<float>(width) / height);
  Framebuffer framebuffer(width, height, 4);
  framebuffer.bind();
  SlabOverlays overlays;
  overlays.legendMayMove = false;  // as FrameComposer has it while a computation card is open
  renderer.render(snapshot, layout, camera, selection, ViewOptions{}, {width, height}, overlays);
  MathFrame frame;
  frame.mathDrawCalls = math.draw(layout, camera, {width, height});
  frame.image = framebuffer.read();
  return frame;
}

TEST(ComputationView, DrawCallsDoNotGrowWithFanIn) {
  sharedContext();
  const Snapshot narrow = convFanIn(10), wide = convFanIn(512);
  const Selection cell = Selection::ofCell(1, 1, 0, 2);  // top row: padding cells in the window
  const MathFrame a = renderMath(narrow, cell, 320, 180);
  const MathFrame b = renderMath(wide, cell, 320, 180);
  EXPECT_EQ(a.mathDrawCalls, b.mathDrawCalls);
  EXPECT_GE(a.mathDrawCalls, 1);
  EXPECT_LE(b.mathDrawCalls, 4);
}

TEST(ComputationView, LargeFanInIsSummarisedAndStillAddsUp) {
  sharedContext();
  const Snapshot wide = convFanIn(512);
  const SceneLayout layout = layoutSlabs(wide);
  ComputationView math;
  ASSERT_TRUE(math.build(wide, layout, Selection::ofCell(1, 0, 3, 3), ComputationViewOptions{}));
  const Computation& e = math.chain().front();
  const TopContributions top = topContributions(e, ComputationViewOptions{}.maxChannels);
  EXPECT_EQ(top.restCount, 512 - ComputationViewOptions{}.maxChannels);
  EXPECT_NEAR(top.total, e.value, 1e-4 * std::max(1.0, std::fabs(e.value)));
}

TEST(ComputationView, AnimationExplainsTheSlidesCurrentCell) {
  sharedContext();
  const Snapshot s = convFanIn(3);
  const SceneLayout layout = layoutSlabs(s);
  ComputationView math;
  ComputationViewOptions options;
  options.animate = true;
  options.slidePosition = 6.5f / 16.0f;  // 6 cells done: the window on cell 6 = (1, 2)
  ASSERT_TRUE(math.build(s, layout, Selection::ofCell(1, 0, 0, 0), options));
  EXPECT_EQ(math.explainedCell(), glm::ivec3(0, 1, 2));
  EXPECT_EQ(math.chain().front().y, 1);
  EXPECT_EQ(math.chain().front().x, 2);
}

TEST(ComputationView, NothingWithoutACell) {
  sharedContext();
  const Snapshot s = convFanIn(3);
  ComputationView math;
  EXPECT_FALSE(math.build(s, layoutSlabs(s), Selection::ofChannel(1, 0), ComputationViewOptions{}));
}

// The bundled Tiny VGG on its default image, loaded once for the tests below.
const Snapshot& bundledSnapshot() {
  static const Snapshot snapshot = [] {
    LoadOptions load;
    load.modelPath = bundledModelPath();
    return CaptureModel::load(load)->runImage(bundledDefaultImagePath());
  }();
  return snapshot;
}

TEST(ComputationView, BundledConvComputationMatchesBaseline) {
  sharedContext();
  const Snapshot& snapshot = bundledSnapshot();
  const int conv = snapshot.findLayer("conv_1_2");
  ASSERT_GE(conv, 0);
  const MathFrame frame = renderMath(snapshot, Selection::ofCell(conv, 3, 10, 12), 960, 540);
  const std::string failure = rendertest::checkAgainstBaseline(frame.image, "computation_conv_1_2");
  EXPECT_TRUE(failure.empty()) << failure;
}

TEST(ComputationView, AClickOnAFoldedSlabExplainsFromItsHeadToTheTilesValue) {
  // A click on the conv → relu slab selects relu_1_2 (what the tiles show); the computation starts at the
  // conv so that its products, sum and bias lead to the tile's value.
  sharedContext();
  const Snapshot& snapshot = bundledSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int relu = snapshot.findLayer("relu_1_2");
  ASSERT_GE(relu, 0);
  ASSERT_EQ(layout.slabs[layout.slabForLayer(relu)].displayLayer, relu);
  ComputationView math;
  ASSERT_TRUE(math.build(snapshot, layout, Selection::ofCell(relu, 3, 10, 12), ComputationViewOptions{}));
  const auto& chain = math.chain();
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain.front().layerName, "conv_1_2");
  EXPECT_EQ(chain.front().kind, LayerKind::Conv2d);
  EXPECT_EQ(chain.front().terms.size(), 90u);  // 3×3 kernel × 10 input channels
  EXPECT_EQ(chain.back().layerName, "relu_1_2");
  const float tile = snapshot.layers[relu].output.data[(3 * 28 + 10) * 28 + 12];
  EXPECT_NEAR(chain.back().sum, tile, 1e-4 * std::max(1.0f, std::fabs(tile)));
  // Selecting the conv itself gives the same chain.
  ASSERT_TRUE(math.build(snapshot, layout, Selection::ofCell(snapshot.findLayer("conv_1_2"), 3, 10, 12),
                         ComputationViewOptions{}));
  EXPECT_EQ(math.chain().front().layerName, "conv_1_2");
}

TEST(ComputationView, TheLogitsCardGoesOnToThePredictionAndCanShowItsSoftmaxAlone) {
  // The bundled Tiny VGG ends in a linear layer: its probabilities are softmax(logits), applied here.
  sharedContext();
  const Snapshot& snapshot = bundledSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int output = snapshot.findLayer("output");
  ASSERT_EQ(output + 1, static_cast<int>(snapshot.layers.size()));
  const TileGrid& g = layout.slabs[layout.slabForLayer(output)].grid;
  const int best = snapshot.top(1).front().index;
  const Selection cell = Selection::ofCell(output, 0, best / g.cellCols, best % g.cellCols);
  ComputationView math;
  ASSERT_TRUE(math.build(snapshot, layout, cell, ComputationViewOptions{}));
  ASSERT_EQ(math.chain().size(), 2u);
  EXPECT_EQ(math.chain().front().kind, LayerKind::Linear);
  EXPECT_NEAR(math.chain().front().sum, snapshot.logits[best], 1e-4 * std::fabs(snapshot.logits[best]));
  EXPECT_EQ(math.chain().back().kind, LayerKind::Softmax);
  EXPECT_NEAR(math.chain().back().sum, snapshot.probabilities[best], 1e-6);
  const Bounds both = math.bounds();
  ComputationViewOptions prediction;
  prediction.prediction = true;
  ASSERT_TRUE(math.build(snapshot, layout, cell, prediction));
  EXPECT_NE(math.bounds().size(), both.size()) << "the softmax alone is another card";
  // On a layer that is not the logits, asking for the prediction changes nothing.
  const int conv = snapshot.findLayer("conv_1_1");
  ASSERT_TRUE(math.build(snapshot, layout, Selection::ofCell(conv, 0, 3, 3), prediction));
  EXPECT_EQ(math.chain().size(), 2u);
  EXPECT_EQ(math.chain().front().kind, LayerKind::Conv2d);
}

TEST(ComputationView, SoftmaxViewMatchesBaseline) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot();
  const int softmax = snapshot.findLayer("softmax");
  ASSERT_GE(softmax, 0);
  const SceneLayout layout = layoutSlabs(snapshot);
  const TileGrid& g = layout.slabs[layout.slabForLayer(softmax)].grid;
  const int best = 3;
  const MathFrame frame =
      renderMath(snapshot, Selection::ofCell(softmax, 0, best / g.cellCols, best % g.cellCols), 960, 540);
  const std::string failure = rendertest::checkAgainstBaseline(frame.image, "computation_softmax");
  EXPECT_TRUE(failure.empty()) << failure;
}

}  // namespace
}  // namespace convoscope
