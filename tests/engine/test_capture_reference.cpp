// The captured forward pass against PyTorch itself: final output vs the eager model's logits and vs a plain
// forward() of the same TorchScript file, and every layer/module output vs real PyTorch forward hooks.
#include <gtest/gtest.h>

#include <set>

#include "FixtureSupport.h"

namespace convoscope::testing {
namespace {

class CapturedModel : public ::testing::TestWithParam<std::string> {
 protected:
  std::string arch() const { return modelEntry(GetParam()).at("reference").get<std::string>(); }
};

TEST_P(CapturedModel, LogitsEqualPyTorchReference) {
  const auto& snapshot = cachedSnapshot(GetParam());
  EXPECT_TRUE(allClose(snapshot.logits, reference(arch()).logits));
}

// Inserting taps must not change the computation: bit-identical to forward() of the unmodified model.
TEST_P(CapturedModel, LogitsEqualPlainForwardExactly) {
  const auto& model = cachedModel(GetParam());
  const auto& snapshot = cachedSnapshot(GetParam());
  const auto plain = model.plainForward(reference(arch()).input);
  ASSERT_EQ(plain.size(), snapshot.logits.size());
  EXPECT_TRUE(allClose(plain, reference(arch()).logits));
  EXPECT_TRUE(allClose(snapshot.logits, plain, 0.0)) << "captured logits differ from plainForward";
}

TEST_P(CapturedModel, RunIsRepeatable) {
  const auto again = cachedModel(GetParam()).run(reference(arch()).input);
  const auto& first = cachedSnapshot(GetParam());
  ASSERT_EQ(again.layers.size(), first.layers.size());
  for (size_t i = 0; i < first.layers.size(); ++i) {
    EXPECT_EQ(again.layers[i].name, first.layers[i].name);
    EXPECT_TRUE(allClose(again.layers[i].output.data, first.layers[i].output.data, 0.0))
        << first.layers[i].name;
  }
}

// Leaf modules are layers (with their data); containers are Snapshot::modules (shape and statistics).
// Clones in the hooks make this catch taps that in-place ops (ReLU(inplace), out += identity) overwrote.
TEST_P(CapturedModel, EveryHookedModuleOutputMatches) {
  const auto& snapshot = cachedSnapshot(GetParam());
  int leaves = 0, containers = 0;
  for (const auto& expected : reference(arch()).modules) {
    SCOPED_TRACE(expected.name + " (" + expected.typeName + ")");
    if (expected.leaf) {
      const int index = snapshot.findLayer(expected.name);
      if (index < 0) {
        ADD_FAILURE() << "no layer named " << expected.name;
        continue;
      }
      const auto& layer = snapshot.layers[index];
      EXPECT_EQ(layer.output.shape, expected.shape)
          << shapeText(layer.output.shape) << " vs " << shapeText(expected.shape);
      EXPECT_TRUE(allClose(layer.output.data, expected.data));
      ++leaves;
    } else {
      const auto* module = findModule(snapshot, expected.name);
      if (!module) {
        ADD_FAILURE() << "no module output named " << expected.name;
        continue;
      }
      EXPECT_EQ(module->shape, expected.shape)
          << shapeText(module->shape) << " vs " << shapeText(expected.shape);
      const auto stats = computeStats(expected.data);
      const std::vector<float> got{module->stats.min, module->stats.max, module->stats.mean};
      EXPECT_TRUE(allClose(got, {stats.min, stats.max, stats.mean}, 1e-4));
      ++containers;
    }
  }
  EXPECT_GT(leaves, 0);
}

TEST_P(CapturedModel, InputLayerHoldsTheInput) {
  const auto& snapshot = cachedSnapshot(GetParam());
  const auto& ref = reference(arch());
  ASSERT_FALSE(snapshot.layers.empty());
  EXPECT_EQ(snapshot.layers[0].kind, LayerKind::Input);
  EXPECT_EQ(snapshot.layers[0].output.shape, ref.inputShape);
  EXPECT_TRUE(allClose(snapshot.layers[0].output.data, ref.input, 0.0));
  EXPECT_EQ(snapshot.inputShape, ref.inputShape);
}

// Invariants every snapshot must keep, whatever the model.
TEST_P(CapturedModel, LayersFormAForwardOrderedGraphWithConsistentData) {
  const auto& snapshot = cachedSnapshot(GetParam());
  std::set<std::string> names;
  for (size_t i = 0; i < snapshot.layers.size(); ++i) {
    const auto& layer = snapshot.layers[i];
    SCOPED_TRACE(layer.name);
    EXPECT_TRUE(names.insert(layer.name).second) << "duplicate layer name";
    EXPECT_EQ(snapshot.findLayer(layer.name), int(i));
    int64_t numel = 1;
    for (auto d : layer.output.shape) numel *= d;
    EXPECT_EQ(numel, layer.output.numel());
    if (!layer.output.empty()) {
      const auto stats = computeStats(layer.output.data);
      EXPECT_FLOAT_EQ(layer.stats.min, stats.min);
      EXPECT_FLOAT_EQ(layer.stats.max, stats.max);
      EXPECT_NEAR(layer.stats.mean, stats.mean, 1e-4 * std::max(1.0f, maxAbs(layer.output.data)));
    }
    if (i == 0) continue;
    EXPECT_FALSE(layer.inputs.empty()) << "a layer after the input reads nothing";
    for (int input : layer.inputs) {
      EXPECT_GE(input, 0);
      EXPECT_LT(input, int(i)) << "edge does not point backwards";
    }
  }
  EXPECT_EQ(snapshot.findLayer("no.such.layer"), -1);
}

TEST_P(CapturedModel, ProbabilitiesAreSoftmaxOfLogits) {
  const auto& snapshot = cachedSnapshot(GetParam());
  ASSERT_EQ(snapshot.probabilities.size(), snapshot.logits.size());
  double sum = 0;
  for (float p : snapshot.probabilities) {
    EXPECT_GE(p, 0.0f);
    sum += p;
  }
  EXPECT_NEAR(sum, 1.0, 1e-4);
  const auto top = snapshot.top(3);
  ASSERT_EQ(top.size(), 3u);
  const auto best =
      std::max_element(snapshot.logits.begin(), snapshot.logits.end()) - snapshot.logits.begin();
  EXPECT_EQ(top[0].index, best);
  EXPECT_GE(top[0].probability, top[1].probability);
  EXPECT_GE(top[1].probability, top[2].probability);
}

TEST_P(CapturedModel, ModuleSpansCoverTheirOwnLayers) {
  const auto& snapshot = cachedSnapshot(GetParam());
  for (const auto& module : snapshot.modules) {
    SCOPED_TRACE(module.name);
    if (module.name.empty()) continue;
    ASSERT_GE(module.firstLayer, 0);
    ASSERT_LE(module.firstLayer, module.lastLayer);
    ASSERT_LT(module.lastLayer, int(snapshot.layers.size()));
    for (int i = module.firstLayer; i <= module.lastLayer; ++i) {
      EXPECT_EQ(snapshot.layers[i].name.rfind(module.name + ".", 0), 0u)
          << snapshot.layers[i].name << " inside the span of " << module.name;
    }
    // A container's output is the output of the last layer inside it (all fixture models are built so).
    EXPECT_EQ(snapshot.layers[module.lastLayer].output.shape, module.shape);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CapturedModel, ::testing::ValuesIn(referencedModels()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace convoscope::testing
