// computeCell(): every breakdown re-adds to the activation libtorch captured, on real fixture models (stride,
// padding, dilation, groups/depthwise, 1x1 and 7x7 kernels, eval BatchNorm, every pooling and activation),
// at the four corners, the borders and seeded random cells; receptive fields at the borders; top-K; the CLI.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "FixtureSupport.h"
#include "core/Computation.h"

namespace convoscope::testing {
namespace {

// ---------------------------------------------------------------------------------------------------------
// Shared checks

double at(const FloatTensor& t, const std::vector<int64_t>& index) {
  int64_t offset = 0;
  for (size_t d = 0; d < t.shape.size(); ++d) offset = offset * t.shape[d] + index[d];
  return t.data.at(static_cast<size_t>(offset));
}

bool inBounds(const std::vector<int64_t>& shape, const std::vector<int64_t>& index) {
  if (shape.size() != index.size()) return false;
  for (size_t d = 0; d < shape.size(); ++d)
    if (index[d] < 0 || index[d] >= shape[d]) return false;
  return true;
}

// The contract: 1e-4 relative to the value, plus an absolute slack for values near 0 that is small against
// the terms' own magnitude (float accumulation in libtorch vs double here).
::testing::AssertionResult reproducesValue(const Computation& e) {
  double magnitude = e.hasBias ? std::fabs(e.bias) : 0.0;
  for (const auto& t : e.terms) magnitude += std::fabs(t.weighted ? t.product : t.input);
  const double allowed = 1e-4 * std::fabs(e.value) + 1e-6 * magnitude + 1e-7;
  const double diff = std::fabs(e.sum - e.value);
  if (diff <= allowed && e.consistent) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << e.layerName << " " << shapeText(e.outputIndex) << ": breakdown " << e.sum << " vs captured "
         << e.value << " (diff " << diff << ", allowed " << allowed << ", consistent " << e.consistent << ") "
         << e.note;
}

// Structure shared by every kind: in-bounds terms read the producer's captured output, padding terms are
// outside it and read 0, weighted terms multiply out, conv weights come from the layer, partials add up.
void checkTerms(const Snapshot& s, const Computation& e) {
  const Layer& layer = s.layers.at(e.layer);
  for (const ComputationTerm& t : e.terms) {
    ASSERT_GE(t.inputLayer, 0);
    const FloatTensor& in = s.layers.at(t.inputLayer).output;
    EXPECT_EQ(t.padding, !inBounds(in.shape, t.inputIndex))
        << shapeText(t.inputIndex) << " in " << shapeText(in.shape);
    if (t.padding) {
      EXPECT_EQ(t.input, 0.0);
    } else {
      EXPECT_EQ(t.input, at(in, t.inputIndex)) << shapeText(t.inputIndex);
    }
    if (t.weighted) {
      EXPECT_DOUBLE_EQ(t.product, t.input * t.weight);
    }
    if (!t.weightIndex.empty()) {
      EXPECT_EQ(t.weight, at(layer.weight, t.weightIndex));
    }
    if (t.sourceLayer >= 0) {
      // Linear after flatten: the traced-back (c,y,x) holds the same value as the flat input.
      EXPECT_EQ(t.input, at(s.layers.at(t.sourceLayer).output, t.sourceIndex));
    }
  }
  if (!e.partials.empty()) {
    double total = e.hasBias ? e.bias : 0.0;
    for (const ChannelPartial& p : e.partials) {
      double sum = 0;
      for (int i = 0; i < p.termCount; ++i) {
        const ComputationTerm& t = e.terms.at(static_cast<size_t>(p.firstTerm + i));
        EXPECT_EQ(t.inputIndex[0], p.inputChannel);
        sum += t.product;
      }
      EXPECT_NEAR(sum, p.sum, 1e-12 * (1 + std::fabs(sum)));
      total += p.sum;
    }
    EXPECT_NEAR(total, e.sum, 1e-9 * (1 + std::fabs(total)));
  }
}

void checkTopContributions(const Computation& e) {
  const size_t n = e.partials.empty() ? e.terms.size() : e.partials.size();
  for (int k : {0, 1, 3, 10, static_cast<int>(n), static_cast<int>(n) + 5}) {
    const TopContributions top = topContributions(e, k);
    if (!e.terms.empty() && !e.terms.front().weighted) continue;
    EXPECT_EQ(top.top.size() + top.restCount, n);
    EXPECT_NEAR(top.total, e.sum, 1e-9 * (1 + std::fabs(e.sum))) << "k=" << k;
    for (size_t i = 1; i < top.top.size(); ++i)
      EXPECT_GE(std::fabs(top.top[i - 1].amount), std::fabs(top.top[i].amount));
    double recomputed = top.restSum + top.bias;
    for (const auto& c : top.top) recomputed += c.amount;
    EXPECT_DOUBLE_EQ(recomputed, top.total);
  }
}

// Corners, border midpoints, the centre, and seeded random cells; random channels (first and last included).
std::vector<std::array<int64_t, 3>> cellsOf(const std::vector<int64_t>& shape, std::mt19937& rng,
                                            int randomCells) {
  std::vector<std::array<int64_t, 3>> cells;
  const int64_t C = shape[0];
  auto channel = [&] { return std::uniform_int_distribution<int64_t>(0, C - 1)(rng); };
  if (shape.size() == 1) {
    cells.push_back({0, -1, -1});
    cells.push_back({C - 1, -1, -1});
    for (int i = 0; i < randomCells; ++i) cells.push_back({channel(), -1, -1});
    return cells;
  }
  const int64_t H = shape[1], W = shape[2];
  for (int64_t y : {int64_t{0}, H / 2, H - 1})
    for (int64_t x : {int64_t{0}, W / 2, W - 1}) cells.push_back({channel(), y, x});
  cells.push_back({0, 0, 0});
  cells.push_back({C - 1, H - 1, W - 1});
  for (int i = 0; i < randomCells; ++i)
    cells.push_back({channel(), std::uniform_int_distribution<int64_t>(0, H - 1)(rng),
                     std::uniform_int_distribution<int64_t>(0, W - 1)(rng)});
  return cells;
}

bool explainable(LayerKind kind) { return kind != LayerKind::Input && kind != LayerKind::Other; }

// Explains every explainable layer at many cells; returns how many cells each kind got.
std::map<LayerKind, int> checkEveryLayer(const Snapshot& s, int randomCells, uint32_t seed) {
  std::mt19937 rng(seed);
  std::map<LayerKind, int> checked;
  for (size_t l = 0; l < s.layers.size(); ++l) {
    const Layer& layer = s.layers[l];
    if (!explainable(layer.kind)) continue;
    SCOPED_TRACE(layer.name + " (" + layerKindName(layer.kind) + ", " + layer.typeName + ")");
    for (const auto& cell : cellsOf(layer.output.shape, rng, randomCells)) {
      Computation e;
      try {
        e = computeCell(s, static_cast<int>(l), cell[0], cell[1], cell[2]);
      } catch (const std::exception& error) {
        ADD_FAILURE() << "explain threw at " << cell[0] << "," << cell[1] << "," << cell[2] << ": "
                      << error.what();
        break;
      }
      EXPECT_TRUE(reproducesValue(e));
      checkTerms(s, e);
      checkTopContributions(e);
      ++checked[layer.kind];
      if (::testing::Test::HasFailure()) return checked;  // one broken layer is enough to read
    }
  }
  return checked;
}

// ---------------------------------------------------------------------------------------------------------
// Real libtorch activations: every layer of every fixture architecture

class ExplainEveryLayer : public ::testing::TestWithParam<std::string> {};

TEST_P(ExplainEveryLayer, BreakdownReproducesTheCapturedActivation) {
  const auto& s = cachedSnapshot(GetParam());
  const auto checked = checkEveryLayer(s, 8, 1234);
  EXPECT_FALSE(checked.empty());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ExplainEveryLayer,
                         ::testing::Values("kitchen_sink_scripted", "kitchen_sink_traced",
                                           "resnet18_scripted", "resnet18_traced", "mobilenet_v2_scripted",
                                           "mobilenet_v2_traced", "squeezenet1_1_scripted",
                                           "squeezenet1_1_traced", "vgg11_bn_traced", "lenet5_scripted",
                                           "lenet5_traced", "mlp784_scripted"),
                         [](const auto& info) { return info.param; });

// The make_explain_fixtures.py models (kinds the main fixtures lack), made on first use.
std::string explainFixture(const std::string& name) {
  static const bool made = [] {
    const std::string command = std::string("/usr/bin/python3 ") + CONVOSCOPE_SOURCE_DIR +
                                "/tests/fixtures/make_explain_fixtures.py " + CONVOSCOPE_FIXTURE_DIR +
                                "/explain > /dev/null";
    return std::system(command.c_str()) == 0;
  }();
  if (!made) return "";
  return std::string(CONVOSCOPE_FIXTURE_DIR) + "/explain/" + name + ".pt";
}

std::vector<float> seededInput(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-0.5f, 1.5f);
  std::vector<float> v(n);
  for (float& f : v) f = u(rng);
  return v;
}

class ExplainExtras : public ::testing::TestWithParam<std::string> {};

TEST_P(ExplainExtras, BreakdownReproducesTheCapturedActivation) {
  const std::string path = explainFixture(GetParam());
  ASSERT_FALSE(path.empty()) << "tests/fixtures/make_explain_fixtures.py failed";
  LoadOptions options;
  options.modelPath = path;
  options.inputShape = std::vector<int64_t>{3, 20, 20};
  const auto model = CaptureModel::load(options);
  const Snapshot s = model->run(seededInput(3 * 20 * 20, 99));
  const auto checked = checkEveryLayer(s, 30, 4321);
  for (auto kind :
       {LayerKind::AvgPool, LayerKind::MaxPool, LayerKind::AdaptiveMaxPool, LayerKind::AdaptiveAvgPool,
        LayerKind::Add, LayerKind::Concat, LayerKind::BatchNorm, LayerKind::Softmax, LayerKind::Linear})
    EXPECT_GT(checked.count(kind), 0u) << layerKindName(kind) << " not checked";

  // count_include_pad with ceil mode: the last window is clipped at H + padding, its padding cells count.
  const Computation avg = computeCell(s, s.findLayer("avg"), 2, 5, 5);
  ASSERT_TRUE(avg.pool.has_value());
  EXPECT_EQ(avg.pool->count, 4);
  EXPECT_EQ(avg.terms.size(), 4u);
  // The broadcast add reads the gate at [c,0,0] with alpha 0.5.
  const Computation add = computeCell(s, s.findLayer("add"), 4, 2, 1);
  ASSERT_EQ(add.terms.size(), 2u);
  EXPECT_EQ(add.terms[1].inputIndex, (std::vector<int64_t>{4, 0, 0}));
  EXPECT_DOUBLE_EQ(add.terms[1].weight, 0.5);
  // cat along dim=-3: channel 9 of 12 is channel 3 of the second input.
  const Computation cat = computeCell(s, s.findLayer("cat"), 9, 0, 1);
  ASSERT_TRUE(cat.concat.has_value());
  EXPECT_EQ(cat.concat->inputPosition, 1);
  EXPECT_EQ(cat.concat->channelInInput, 3);
  // The parts tile the output's channels in argument order; the chosen one holds channel 9 as its channel 3.
  ASSERT_EQ(cat.concat->parts.size(), 2u);
  EXPECT_EQ(cat.concat->parts[0].first, 0);
  EXPECT_EQ(cat.concat->parts[1].first, cat.concat->parts[0].size);
  EXPECT_EQ(cat.concat->parts[0].size + cat.concat->parts[1].size,
            s.layers[s.findLayer("cat")].output.shape[0]);
  EXPECT_EQ(cat.concat->parts[1].first + cat.concat->channelInInput, 9);
  EXPECT_EQ(cat.concat->parts[1].inputLayer, cat.concat->inputLayer);
  EXPECT_EQ(cat.concat->parts[1].name, s.layers[cat.concat->inputLayer].name);
  // LogSoftmax is recognised from its type.
  const Computation logSoftmax = computeCell(s, s.findLayer("logsoftmax"), 2);
  ASSERT_TRUE(logSoftmax.softmax.has_value());
  EXPECT_TRUE(logSoftmax.softmax->log);
  EXPECT_LT(logSoftmax.value, 0.0);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ExplainExtras,
                         ::testing::Values("explain_extras_scripted", "explain_extras_traced"),
                         [](const auto& info) { return info.param; });

TEST(ExplainCoverage, EveryExplainableKindIsCheckedOnRealActivations) {
  std::set<LayerKind> seen;
  for (const char* name : {"kitchen_sink_scripted", "resnet18_traced", "mobilenet_v2_traced",
                           "squeezenet1_1_traced", "lenet5_scripted"}) {
    for (const Layer& l : cachedSnapshot(name).layers) seen.insert(l.kind);
  }
  const std::string extras = explainFixture("explain_extras_traced");
  if (!extras.empty()) {
    LoadOptions options;
    options.modelPath = extras;
    options.inputShape = std::vector<int64_t>{3, 20, 20};
    for (const Layer& l : CaptureModel::load(options)->run(seededInput(1200, 1)).layers) seen.insert(l.kind);
  }
  for (int k = 0; k <= static_cast<int>(LayerKind::Other); ++k) {
    const auto kind = static_cast<LayerKind>(k);
    if (!explainable(kind)) continue;
    EXPECT_TRUE(seen.count(kind)) << layerKindName(kind) << " appears in no fixture";
  }
}

// ---------------------------------------------------------------------------------------------------------
// Receptive fields at the borders, checked coordinate by coordinate

TEST(ExplainReceptiveField, ResNetConv1SevenBySevenStrideTwoPaddingThree) {
  const auto& s = cachedSnapshot("resnet18_traced");
  const int conv1 = layerIndex(s, "conv1");
  const Layer& layer = s.layers[conv1];
  ASSERT_EQ(layer.weight->shape, (std::vector<int64_t>{64, 3, 7, 7}));
  const FloatTensor& input = s.layers[layer.inputs[0]].output;  // 3x64x64
  const int64_t H = input.shape[1], W = input.shape[2];
  const int64_t OH = layer.output.shape[1], OW = layer.output.shape[2];
  ASSERT_EQ(OH, 32);
  for (auto [oy, ox] :
       std::vector<std::pair<int64_t, int64_t>>{{0, 0}, {0, OW - 1}, {OH - 1, 0}, {OH - 1, OW - 1}, {5, 0}}) {
    const Computation e = computeCell(s, conv1, 17, oy, ox);
    ASSERT_EQ(e.terms.size(), 3u * 49u);
    ASSERT_EQ(e.partials.size(), 3u);
    int padding = 0;
    for (size_t i = 0; i < e.terms.size(); ++i) {
      const int64_t c = static_cast<int64_t>(i) / 49, ky = (i % 49) / 7, kx = i % 7;
      const ComputationTerm& t = e.terms[i];
      EXPECT_EQ(t.inputIndex, (std::vector<int64_t>{c, oy * 2 - 3 + ky, ox * 2 - 3 + kx}));
      EXPECT_EQ(t.weightIndex, (std::vector<int64_t>{17, c, ky, kx}));
      const bool outside =
          t.inputIndex[1] < 0 || t.inputIndex[1] >= H || t.inputIndex[2] < 0 || t.inputIndex[2] >= W;
      EXPECT_EQ(t.padding, outside);
      padding += t.padding;
    }
    // Rows/cols hanging over the edge: top/left 3 (from -3), bottom/right 2 (the last window ends at 2·31−3+6
    // = 65).
    const int rowsOut = oy == 0 ? 3 : (oy == OH - 1 ? 2 : 0);
    const int colsOut = ox == 0 ? 3 : (ox == OW - 1 ? 2 : 0);
    EXPECT_EQ(padding, 3 * (49 - (7 - rowsOut) * (7 - colsOut))) << "at " << oy << "," << ox;
    EXPECT_TRUE(reproducesValue(e));
  }
}

TEST(ExplainReceptiveField, KitchenSinkDilatedAsymmetricAndGrouped) {
  const auto& s = cachedSnapshot("kitchen_sink_scripted");
  {  // 3x3, dilation 2, padding 2: rows -2, 0, 2 at the top-left corner
    const Computation e = computeCell(s, layerIndex(s, "dilated"), 3, 0, 0);
    ASSERT_EQ(e.terms.size(), 8u * 9u);
    EXPECT_EQ(e.terms[0].inputIndex, (std::vector<int64_t>{0, -2, -2}));
    EXPECT_EQ(e.terms[4].inputIndex, (std::vector<int64_t>{0, 0, 0}));
    EXPECT_EQ(e.terms[8].inputIndex, (std::vector<int64_t>{0, 2, 2}));
    EXPECT_TRUE(e.terms[0].padding);
    EXPECT_FALSE(e.terms[4].padding);
  }
  {  // kernel 3x5, stride (1,2), padding (1,2) at the bottom-right of 12x8x4 (input 12x8x8)
    const Computation e = computeCell(s, layerIndex(s, "asymmetric"), 11, 7, 3);
    ASSERT_EQ(e.terms.size(), 12u * 15u);
    EXPECT_FALSE(e.hasBias);
    EXPECT_EQ(e.terms[0].inputIndex, (std::vector<int64_t>{0, 6, 4}));
    EXPECT_EQ(e.terms[14].inputIndex, (std::vector<int64_t>{0, 8, 8}));
    EXPECT_TRUE(e.terms[14].padding);
    EXPECT_TRUE(reproducesValue(e));
  }
  {  // groups 4 on 8 channels: output channel 5 reads input channels 4 and 5 only
    const Computation e = computeCell(s, layerIndex(s, "grouped"), 5, 15, 0);
    ASSERT_EQ(e.partials.size(), 2u);
    EXPECT_EQ(e.partials[0].inputChannel, 4);
    EXPECT_EQ(e.partials[1].inputChannel, 5);
    EXPECT_EQ(e.terms[0].weightIndex, (std::vector<int64_t>{5, 0, 0, 0}));
  }
}

TEST(ExplainReceptiveField, MobileNetDepthwiseReadsOneChannel) {
  const auto& s = cachedSnapshot("mobilenet_v2_traced");
  int depthwise = 0;
  for (size_t l = 0; l < s.layers.size(); ++l) {
    const Layer& layer = s.layers[l];
    if (layer.kind != LayerKind::Conv2d || layer.window.groups <= 1) continue;
    ASSERT_EQ(layer.window.groups, layer.output.shape[0]) << layer.name;
    const int64_t c = layer.output.shape[0] - 1, H = layer.output.shape[1], W = layer.output.shape[2];
    const Computation e = computeCell(s, static_cast<int>(l), c, H - 1, W - 1);
    ASSERT_EQ(e.partials.size(), 1u) << layer.name;
    EXPECT_EQ(e.partials[0].inputChannel, c);
    EXPECT_EQ(e.terms.size(), 9u);
    EXPECT_TRUE(reproducesValue(e)) << layer.name;
    ++depthwise;
  }
  EXPECT_GE(depthwise, 10);
}

TEST(ExplainLinear, TracesFlattenedInputsBackToChannelsAndCells) {
  const auto& s = cachedSnapshot("lenet5_traced");
  int first = -1;
  for (size_t l = 0; l < s.layers.size(); ++l)
    if (s.layers[l].kind == LayerKind::Linear) {
      first = static_cast<int>(l);
      break;
    }
  ASSERT_GE(first, 0);
  const Computation e = computeCell(s, first, 119);
  ASSERT_EQ(e.terms.size(), 400u);  // 16x5x5 flattened
  const ComputationTerm& t = e.terms[5 * 5 + 2 * 5 + 3];
  EXPECT_EQ(t.sourceIndex, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(s.layers.at(t.sourceLayer).output.shape, (std::vector<int64_t>{16, 5, 5}));
  EXPECT_TRUE(reproducesValue(e));
}

TEST(ExplainBatchNorm, EvalFormulaWithEveryNumber) {
  const auto& s = cachedSnapshot("kitchen_sink_traced");
  const int bn = layerIndex(s, "bn");
  const Layer& layer = s.layers[bn];
  const Computation e = computeCell(s, bn, 6, 15, 15);
  ASSERT_TRUE(e.batchNorm.has_value());
  EXPECT_EQ(e.batchNorm->mean, layer.runningMean->data[6]);
  EXPECT_EQ(e.batchNorm->var, layer.runningVar->data[6]);
  EXPECT_EQ(e.batchNorm->gamma, layer.weight->data[6]);
  EXPECT_EQ(e.batchNorm->beta, layer.bias->data[6]);
  EXPECT_NEAR(e.batchNorm->eps, 1e-3, 1e-12);
  const double x = e.batchNorm->input;
  EXPECT_EQ(x, at(s.layers[layer.inputs[0]].output, {6, 15, 15}));
  EXPECT_NEAR(
      e.sum,
      (x - e.batchNorm->mean) / std::sqrt(e.batchNorm->var + 1e-3) * e.batchNorm->gamma + e.batchNorm->beta,
      1e-12);
  EXPECT_TRUE(reproducesValue(e));
}

TEST(ExplainTopContributions, ResNetLayer4KeepsTheArithmeticWhole) {
  const auto& s = cachedSnapshot("resnet18_scripted");
  const int conv = layerIndex(s, "layer4.1.conv2");  // 512 input channels x 3x3
  const Computation e = computeCell(s, conv, 100, 1, 1);
  ASSERT_EQ(e.partials.size(), 512u);
  const TopContributions top = topContributions(e, 5);
  ASSERT_EQ(top.top.size(), 5u);
  EXPECT_EQ(top.restCount, 507);
  EXPECT_NEAR(top.total, e.value, 1e-4 * std::fabs(e.value) + 1e-4);
  const std::string text = formatComputation(e, 40);
  EXPECT_TRUE(contains(text, "more input channels")) << text;
  EXPECT_TRUE(contains(text, "value (libtorch)")) << text;
}

// ---------------------------------------------------------------------------------------------------------
// Hand-built snapshots: tiny cases computed by hand, and the error messages

FloatTensor tensor(std::vector<int64_t> shape, std::vector<float> data) {
  return FloatTensor{std::move(shape), std::move(data)};
}

Layer makeLayer(const std::string& name, LayerKind kind, FloatTensor output, std::vector<int> inputs) {
  Layer l;
  l.name = name;
  l.kind = kind;
  l.typeName = layerKindName(kind);
  l.output = std::move(output);
  l.inputs = std::move(inputs);
  return l;
}

Snapshot tinySnapshot() {
  Snapshot s;
  // input 1x3x3 = 1..9
  s.layers.push_back(
      makeLayer("input", LayerKind::Input, tensor({1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}), {}));
  // conv 2x2, padding 1, stride 2, weights [1,2;3,4], bias 0.5 -> 1x2x2
  Layer conv = makeLayer("conv", LayerKind::Conv2d, tensor({1, 2, 2}, {4.5f, 18.5f, 36.5f, 77.5f}), {0});
  conv.weight = tensor({1, 1, 2, 2}, {1, 2, 3, 4});
  conv.bias = tensor({1}, {0.5f});
  conv.window.kernel = {2, 2};
  conv.window.stride = {2, 2};
  conv.window.padding = {1, 1};
  s.layers.push_back(conv);
  Layer pool = makeLayer("pool", LayerKind::AvgPool, tensor({1, 2, 2}, {0, 0, 0, 0}), {0});
  pool.window.kernel = {2, 2};
  pool.window.stride = {2, 2};
  pool.window.padding = {1, 1};
  pool.window.countIncludePad = true;
  pool.output.data = {0.25f, (2 + 3) / 4.0f, (4 + 7) / 4.0f, (5 + 6 + 8 + 9) / 4.0f};
  s.layers.push_back(pool);
  Layer amax = makeLayer("amax", LayerKind::AdaptiveMaxPool, tensor({1, 2, 2}, {5, 6, 8, 9}), {0});
  s.layers.push_back(amax);
  Layer flat = makeLayer("flat", LayerKind::Flatten, tensor({9}, {1, 2, 3, 4, 5, 6, 7, 8, 9}), {0});
  s.layers.push_back(flat);
  Layer logits = makeLayer("logits", LayerKind::Other, tensor({3}, {1000, 999, -5}), {4});
  s.layers.push_back(logits);
  Layer soft = makeLayer("soft", LayerKind::Softmax, tensor({3}, {0, 0, 0}), {5});
  const double z = 1.0 + std::exp(-1.0) + std::exp(-1005.0);
  soft.output.data = {static_cast<float>(1.0 / z), static_cast<float>(std::exp(-1.0) / z), 0.0f};
  s.layers.push_back(soft);
  return s;
}

TEST(ExplainHandBuilt, TinyConvComputedByHand) {
  const Snapshot s = tinySnapshot();
  // out[0,0]: window rows -1..0, cols -1..0 -> only x[0,0]=1 with w[1,1]=4: 4 + 0.5
  Computation e = computeCell(s, 1, 0, 0, 0);
  ASSERT_EQ(e.terms.size(), 4u);
  EXPECT_TRUE(e.terms[0].padding && e.terms[1].padding && e.terms[2].padding);
  EXPECT_FALSE(e.terms[3].padding);
  EXPECT_EQ(e.terms[3].inputIndex, (std::vector<int64_t>{0, 0, 0}));
  EXPECT_DOUBLE_EQ(e.sum, 4.5);
  EXPECT_TRUE(e.consistent);
  // out[0,1]: rows -1..0, cols 1..2 -> 2·3 + 3·4 + 0.5; out[1,0]: rows 1..2, cols -1..0 -> 4·2 + 7·4 + 0.5;
  // out[1,1]: 5·1 + 6·2 + 8·3 + 9·4 + 0.5
  EXPECT_DOUBLE_EQ(computeCell(s, 1, 0, 0, 1).sum, 18.5);
  EXPECT_DOUBLE_EQ(computeCell(s, 1, 0, 1, 0).sum, 36.5);
  EXPECT_DOUBLE_EQ(computeCell(s, 1, 0, 1, 1).sum, 77.5);
  EXPECT_EQ(computeCell(s, 1, 0, 1, 1).partials.size(), 1u);
  // A captured value the inputs do not produce (an uncaptured op in between) is reported, not hidden.
  Snapshot broken = s;
  broken.layers[1].output.data[2] = 23.5f;
  e = computeCell(broken, 1, 0, 1, 0);
  EXPECT_DOUBLE_EQ(e.sum, 36.5);
  EXPECT_FALSE(e.consistent);
  EXPECT_TRUE(contains(e.note, "captured value is 23.5")) << e.note;
}

TEST(ExplainHandBuilt, AvgPoolCountingPaddingAndAdaptiveMax) {
  const Snapshot s = tinySnapshot();
  Computation e = computeCell(s, 2, 0, 0, 0);
  EXPECT_EQ(e.pool->count, 4);
  EXPECT_DOUBLE_EQ(e.sum, 0.25);
  EXPECT_TRUE(e.consistent);
  e = computeCell(s, 2, 0, 1, 1);
  EXPECT_DOUBLE_EQ(e.sum, 7.0);
  // adaptive max 3x3 -> 2x2: windows rows [0,2) and [1,3) overlap
  e = computeCell(s, 3, 0, 1, 0);
  ASSERT_EQ(e.terms.size(), 4u);
  EXPECT_EQ(e.terms[static_cast<size_t>(e.pool->maxTerm)].inputIndex, (std::vector<int64_t>{0, 2, 1}));
  EXPECT_DOUBLE_EQ(e.sum, 8.0);
  // flatten: index 5 comes from (0,1,2)
  e = computeCell(s, 4, 5);
  EXPECT_EQ(e.terms[0].inputIndex, (std::vector<int64_t>{0, 1, 2}));
}

TEST(ExplainHandBuilt, SoftmaxOfHugeLogitsStaysFinite) {
  const Snapshot s = tinySnapshot();
  const Computation e = computeCell(s, 6, 1);
  ASSERT_TRUE(e.softmax.has_value());
  EXPECT_EQ(e.softmax->shift, 1000.0);  // plain exp(1000) overflows: the shifted form is shown
  EXPECT_TRUE(std::isfinite(e.sum));
  EXPECT_TRUE(e.consistent);
  EXPECT_TRUE(contains(formatComputation(e, 10), "Σ exp")) << formatComputation(e, 10);
}

TEST(ExplainErrors, RangesAndKindsNameTheProblem) {
  const Snapshot s = tinySnapshot();
  EXPECT_TRUE(contains(inputErrorOf([&] { computeCell(s, 1, 1, 0, 0); }), "channel 1 is out of range"));
  EXPECT_TRUE(contains(inputErrorOf([&] { computeCell(s, 1, 0, 2, 0); }), "valid 0..1"));
  EXPECT_TRUE(contains(inputErrorOf([&] { computeCell(s, 1, 0, 0, -3); }), "x -3 is out of range"));
  EXPECT_TRUE(contains(inputErrorOf([&] { computeCell(s, 1, 0); }), "give y"));
  EXPECT_TRUE(contains(inputErrorOf([&] { computeCell(s, 4, 0, 0, 0); }), "no spatial dimensions"));
  EXPECT_TRUE(contains(inputErrorOf([&] { computeCell(s, 5, 0); }), "kind 'other'"));
  EXPECT_TRUE(contains(inputErrorOf([&] { computeCell(s, 0, 0, 0, 0); }), "model's input"));
  EXPECT_TRUE(contains(inputErrorOf([&] { computeCell(s, 42, 0); }), "out of range"));
}

TEST(ExplainFormat, TextListsTermsAndTheTotal) {
  const auto& s = cachedSnapshot("kitchen_sink_scripted");
  const Computation e = computeCell(s, layerIndex(s, "pointwise"), 1, 1, 0);
  const std::string text = formatComputation(e, 40);
  EXPECT_TRUE(contains(text, "x[0,1,0]")) << text;
  EXPECT_TRUE(contains(text, "w[1,0,0,0]")) << text;
  EXPECT_TRUE(contains(text, "sum (pre-activation)")) << text;
  EXPECT_TRUE(contains(text, "bias")) << text;
  // Every explainable kind formats without throwing and names the captured value.
  for (size_t l = 1; l < s.layers.size(); ++l) {
    if (!explainable(s.layers[l].kind)) continue;
    const bool spatial = s.layers[l].output.shape.size() == 3;
    const std::string t =
        formatComputation(computeCell(s, static_cast<int>(l), 0, spatial ? 0 : -1, spatial ? 0 : -1), 8);
    EXPECT_TRUE(contains(t, "value (libtorch)")) << s.layers[l].name << "\n" << t;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The CLI end to end

struct CommandResult {
  int exitCode = -1;
  std::string output;  // stdout
  std::string errors;  // stderr
};

CommandResult runCli(const std::string& arguments) {
  const std::string errFile = ::testing::TempDir() + "explain_stderr_" + std::to_string(::getpid()) + ".txt";
  const std::string command = std::string(CONVOSCOPE_BINARY) + " " + arguments + " 2> " + errFile;
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[65536];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(errFile);
  result.errors.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  std::remove(errFile.c_str());
  return result;
}

std::string modelArgs(const std::string& model, const std::string& shape) {
  return "explain --model " + fixturePath(modelEntry(model).at("file").get<std::string>()) +
         " --input-shape " + shape + " --image " + fixturePath("rgb_64x64.png");
}

void checkJsonAddsUp(const nlohmann::json& doc) {
  ASSERT_TRUE(doc.contains("terms") && doc.contains("sum") && doc.contains("value") && doc.contains("bias"));
  double sum = doc.at("bias").get<double>();
  for (const auto& t : doc.at("terms")) {
    ASSERT_TRUE(t.contains("input") && t.contains("input_index") && t.contains("product") &&
                t.contains("weight"));
    sum += t.at("product").get<double>();
  }
  const double value = doc.at("value").get<double>();
  double magnitude = std::fabs(doc.at("bias").get<double>());
  for (const auto& t : doc.at("terms")) magnitude += std::fabs(t.at("product").get<double>());
  EXPECT_NEAR(sum, value, 1e-4 * std::fabs(value) + 1e-6 * magnitude + 1e-7);
  EXPECT_NEAR(doc.at("sum").get<double>(), sum, 1e-9 * (1 + std::fabs(sum)));
}

TEST(ExplainCli, JsonListsEveryTermAndTheyAddUpToTheValue) {
  const CommandResult r =
      runCli(modelArgs("kitchen_sink_scripted", "3,32,32") + " --layer stem --channel 2 --y 0 --x 0 --json");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const auto doc = nlohmann::json::parse(r.output);
  EXPECT_EQ(doc.at("layer"), "stem");
  EXPECT_EQ(doc.at("kind"), "conv2d");
  EXPECT_EQ(doc.at("channel"), 2);
  EXPECT_EQ(doc.at("y"), 0);
  EXPECT_EQ(doc.at("x"), 0);
  ASSERT_EQ(doc.at("terms").size(), 3u * 49u);
  int padding = 0;
  for (const auto& t : doc.at("terms")) {
    padding += t.at("padding").get<bool>();
    EXPECT_EQ(t.at("input_index").size(), 3u);
    EXPECT_EQ(t.at("weight_index").size(), 4u);
  }
  EXPECT_EQ(padding, 3 * (49 - 16));
  checkJsonAddsUp(doc);
  EXPECT_EQ(doc.at("window").at("kernel"), (std::vector<int>{7, 7}));
}

TEST(ExplainCli, JsonForLargeFanInAndFlatLayers) {
  CommandResult r = runCli(modelArgs("resnet18_traced", "3,64,64") +
                           " --layer layer4.1.conv2 --channel 511 --y 1 --x 1 --json");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  auto doc = nlohmann::json::parse(r.output);
  EXPECT_EQ(doc.at("terms").size(), 512u * 9u);
  checkJsonAddsUp(doc);

  r = runCli(modelArgs("resnet18_traced", "3,64,64") + " --layer fc --channel 7 --json");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  doc = nlohmann::json::parse(r.output);
  EXPECT_FALSE(doc.contains("y"));
  EXPECT_FALSE(doc.contains("x"));
  EXPECT_EQ(doc.at("terms").size(), 512u);
  EXPECT_TRUE(doc.at("terms")[0].contains("source_index"));
  checkJsonAddsUp(doc);
  // ResNet-18 ends in its logits: the prediction's softmax follows, this class's exp over all 1000.
  ASSERT_TRUE(doc.contains("prediction"));
  const nlohmann::json& prediction = doc.at("prediction");
  EXPECT_EQ(prediction.at("kind"), "softmax");
  ASSERT_EQ(prediction.at("exp_terms").size(), 1000u);
  double exps = 0;
  for (const auto& t : prediction.at("exp_terms")) exps += t.at("exp").get<double>();
  EXPECT_NEAR(prediction.at("exp_terms")[7].at("exp").get<double>() / exps, prediction.at("value").get<double>(),
              1e-6);
  EXPECT_NEAR(prediction.at("exp_terms")[7].at("logit").get<double>(), doc.at("value").get<double>(), 1e-4);

  r = runCli(modelArgs("resnet18_traced", "3,64,64") + " --layer bn1 --channel 3 --y 0 --x 31 --json");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  doc = nlohmann::json::parse(r.output);
  for (const char* field : {"mean", "var", "gamma", "beta", "eps"}) EXPECT_TRUE(doc.contains(field)) << field;
  checkJsonAddsUp(doc);

  r = runCli(modelArgs("resnet18_traced", "3,64,64") + " --layer maxpool --channel 3 --y 0 --x 0 --json");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  doc = nlohmann::json::parse(r.output);
  ASSERT_TRUE(doc.contains("max_index"));
  EXPECT_NEAR(doc.at("sum").get<double>(), doc.at("value").get<double>(), 1e-6);

  r = runCli(modelArgs("kitchen_sink_traced", "3,32,32") + " --layer softmax --channel 4 --json");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  doc = nlohmann::json::parse(r.output);
  ASSERT_EQ(doc.at("exp_terms").size(), 5u);
  EXPECT_FALSE(doc.contains("prediction")) << "a model with its own softmax needs none applied";
  double expSum = 0;
  for (const auto& t : doc.at("exp_terms")) expSum += t.at("exp").get<double>();
  EXPECT_NEAR(doc.at("exp_terms")[4].at("exp").get<double>() / expSum, doc.at("value").get<double>(), 1e-6);
}

TEST(ExplainCli, TextOutput) {
  const CommandResult r = runCli(modelArgs("kitchen_sink_scripted", "3,32,32") + " --layer fc --channel 0");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_TRUE(contains(r.output, "× w[0,")) << r.output;
  EXPECT_TRUE(contains(r.output, "value (libtorch)")) << r.output;
}

TEST(ExplainCli, BadInputsExitTwoWithAMessage) {
  const std::string base = modelArgs("kitchen_sink_scripted", "3,32,32");
  struct Case {
    std::string arguments, expected;
  };
  const std::vector<Case> cases = {
      {" --layer nosuchlayer --channel 0", "no layer named 'nosuchlayer'"},
      {" --layer nosuchlayer --channel 0", "stem"},  // lists valid names
      {" --layer stem --channel 8 --y 0 --x 0", "valid 0..7"},
      {" --layer stem --channel 0 --y 16 --x 0", "valid 0..15"},
      {" --layer stem --channel 0", "give --y"},
      {" --layer stem --channel 0 --y 1", "--y and --x go together"},
      {" --layer fc --channel 0 --y 0 --x 0", "no spatial dimensions"},
      {" --layer fc --channel 5", "valid 0..4"},
      {" --layer input --channel 0 --y 0 --x 0", "model's input"},
  };
  for (const Case& c : cases) {
    const CommandResult r = runCli(base + c.arguments);
    EXPECT_EQ(r.exitCode, 2) << c.arguments << "\n" << r.errors;
    EXPECT_TRUE(contains(r.errors, c.expected)) << c.arguments << ": " << r.errors;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << r.errors;
  }
  // An "other" layer (kitchen sink's `relu(x) - 0.25`), where the capture lists one.
  const auto& s = cachedSnapshot("kitchen_sink_scripted");
  for (const Layer& l : s.layers) {
    if (l.kind != LayerKind::Other) continue;
    const bool spatial = l.output.shape.size() == 3;
    const CommandResult r =
        runCli(base + " --layer " + l.name + " --channel 0" + (spatial ? " --y 0 --x 0" : ""));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.errors, "kind 'other'")) << r.errors;
  }
}

}  // namespace
}  // namespace convoscope::testing
