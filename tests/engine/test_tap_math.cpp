// Every tap recomputed by libtorch from the tap it reads: conv2d with the layer's window, eval batch_norm,
// linear, pooling, activations, add, cat. A wrong edge, a wrong parameter or an overwritten tap fails here.
// Needs torch headers: test_engine must link ${TORCH_LIBRARIES} (convoscope_engine links torch privately).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "FixtureSupport.h"

#if __has_include(<torch/torch.h>)
#include <torch/torch.h>
#define CONVOSCOPE_TESTS_HAVE_TORCH 1
#endif

namespace convoscope::testing {
namespace {

#ifdef CONVOSCOPE_TESTS_HAVE_TORCH

torch::Tensor toTorch(const FloatTensor& t) {
  return torch::from_blob(const_cast<float*>(t.data.data()), t.shape, torch::kFloat32).clone();
}

std::vector<float> toVector(const torch::Tensor& t) {
  auto c = t.contiguous().to(torch::kFloat32);
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

std::vector<int64_t> pair(const std::array<int64_t, 2>& p) { return {p[0], p[1]}; }

// libtorch's answer for one layer from its inputs' captured outputs (batched, as the model saw them);
// an undefined tensor when the kind has no reference here.
torch::Tensor recompute(const Snapshot& s, const Layer& layer) {
  std::vector<torch::Tensor> in;
  for (int i : layer.inputs) in.push_back(toTorch(s.layers.at(i).output).unsqueeze(0));
  if (in.empty()) return {};
  const auto& x = in[0];
  const auto& w = layer.window;
  switch (layer.kind) {
    case LayerKind::Conv2d:
      return torch::conv2d(x, toTorch(layer.weight),
                           layer.bias.empty() ? torch::Tensor() : toTorch(layer.bias), pair(w.stride),
                           pair(w.padding), pair(w.dilation), w.groups);
    case LayerKind::BatchNorm:
      return torch::batch_norm(x, toTorch(layer.weight), toTorch(layer.bias), toTorch(layer.runningMean),
                               toTorch(layer.runningVar), /*training=*/false, 0.1, layer.eps, false);
    case LayerKind::Linear:
      return torch::linear(x, toTorch(layer.weight),
                           layer.bias.empty() ? torch::Tensor() : toTorch(layer.bias));
    case LayerKind::ReLU:
      return torch::relu(x);
    case LayerKind::LeakyReLU:
      return torch::leaky_relu(x, layer.negativeSlope);
    case LayerKind::ReLU6:
      return torch::hardtanh(x, 0.0, 6.0);
    case LayerKind::Sigmoid:
      return torch::sigmoid(x);
    case LayerKind::Tanh:
      return torch::tanh(x);
    case LayerKind::Hardswish:
      return torch::hardswish(x);
    case LayerKind::GELU:
      return torch::gelu(x);
    case LayerKind::SiLU:
      return torch::silu(x);
    case LayerKind::MaxPool:
      return torch::max_pool2d(x, pair(w.kernel), pair(w.stride), pair(w.padding), pair(w.dilation),
                               w.ceilMode);
    case LayerKind::AvgPool:
      return torch::avg_pool2d(x, pair(w.kernel), pair(w.stride), pair(w.padding), w.ceilMode,
                               w.countIncludePad);
    case LayerKind::AdaptiveAvgPool:
      return torch::adaptive_avg_pool2d(x, pair(w.outputSize));
    case LayerKind::AdaptiveMaxPool:
      return std::get<0>(torch::adaptive_max_pool2d(x, pair(w.outputSize)));
    case LayerKind::Flatten:
      return x.flatten(1);
    case LayerKind::Dropout:
      return x;
    case LayerKind::Softmax:
      return torch::softmax(x, layer.softmaxDim);
    case LayerKind::Add:
      if (in.size() != 2) return {};
      return in[0] + layer.alpha * in[1];
    case LayerKind::Concat:
      return torch::cat(in, layer.concatDim);
    default:
      return {};
  }
}

class TapMath : public ::testing::TestWithParam<std::string> {};

TEST_P(TapMath, EveryTapEqualsLibtorchAppliedToItsInputs) {
  const auto& s = cachedSnapshot(GetParam());
  std::map<LayerKind, int> checked;
  for (const auto& layer : s.layers) {
    if (layer.kind == LayerKind::Input) continue;
    SCOPED_TRACE(layer.name + " (" + layerKindName(layer.kind) + ", " + layer.typeName + ")");
    torch::Tensor expected;
    try {
      expected = recompute(s, layer);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "libtorch rejected the captured inputs/parameters: " << e.what();
      continue;
    }
    if (!expected.defined()) continue;
    expected = expected.squeeze(0);
    EXPECT_EQ(layer.output.shape, expected.sizes().vec());
    EXPECT_TRUE(allClose(layer.output.data, toVector(expected)));
    ++checked[layer.kind];
  }
  // The test must not pass by checking nothing: these kinds exist in every fixture architecture.
  const bool flat = s.inputShape.size() == 1;
  if (!flat) EXPECT_GT(checked[LayerKind::Conv2d], 0);
  EXPECT_GT(checked[LayerKind::Linear] + checked[LayerKind::Conv2d], 0);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TapMath, ::testing::ValuesIn(referencedModels()),
                         [](const auto& info) { return info.param; });

TEST(TapMathCoverage, KitchenSinkChecksEveryKind) {
  const auto& s = cachedSnapshot("kitchen_sink_scripted");
  std::set<LayerKind> covered;
  for (const auto& layer : s.layers) {
    if (layer.kind != LayerKind::Input && recompute(s, layer).defined()) covered.insert(layer.kind);
  }
  for (auto kind : {LayerKind::Conv2d, LayerKind::BatchNorm, LayerKind::LeakyReLU, LayerKind::ReLU6,
                    LayerKind::Hardswish, LayerKind::GELU, LayerKind::MaxPool, LayerKind::Sigmoid,
                    LayerKind::AvgPool, LayerKind::ReLU, LayerKind::SiLU, LayerKind::AdaptiveAvgPool,
                    LayerKind::Flatten, LayerKind::Dropout, LayerKind::Linear, LayerKind::Softmax}) {
    EXPECT_TRUE(covered.count(kind)) << layerKindName(kind) << " not checked";
  }
}

#else

TEST(TapMath, NeedsTorchHeaders) {
  GTEST_SKIP() << "torch headers not on test_engine's include path: link test_engine with ${TORCH_LIBRARIES}";
}

#endif

}  // namespace
}  // namespace convoscope::testing
