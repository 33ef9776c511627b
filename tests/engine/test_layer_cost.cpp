// Per-layer MACs, FLOPs and share of exact zeros (core/LayerCost.h) against an independent PyTorch count:
// tests/fixtures/cost_reference.py hooks every leaf module of the eager model (rebuilt with the file's weights)
// and counts by the same documented rules, written again in Python. Scripted and traced models alike.
#include <gtest/gtest.h>

#include <cstdio>

#include "FixtureSupport.h"
#include "core/LayerCost.h"

namespace convoscope::testing {
namespace {

class LayerCostAgainstPyTorch : public ::testing::TestWithParam<std::string> {};

TEST_P(LayerCostAgainstPyTorch, MacsFlopsAndZerosMatchPyTorchHooks) {
  const std::string name = GetParam();
  const std::string arch = modelEntry(name).at("arch").get<std::string>();
  const Snapshot& snapshot = cachedSnapshot(name);
  const std::string input = writeTemporaryFloats(reference(arch).input, "cost");
  const nlohmann::json theirs =
      pythonReference("cost_reference.py", arch + " " + cachedModel(name).path() + " " + input + " " +
                                               shapeArgument(reference(arch).inputShape));
  std::remove(input.c_str());
  int compared = 0, withMacs = 0;
  for (size_t l = 0; l < snapshot.layers.size(); ++l) {
    const Layer& layer = snapshot.layers[l];
    const auto found = theirs.at("modules").find(layer.name);
    if (found == theirs.at("modules").end()) continue;
    const LayerCost cost = layerCost(snapshot, static_cast<int>(l));
    EXPECT_EQ(cost.macs, found->at("macs").get<int64_t>()) << layer.name;
    EXPECT_EQ(cost.flops, found->at("flops").get<int64_t>()) << layer.name;
    const ZeroShare zeros = zeroShare(layer);
    // Exact zeros: a ReLU input within rounding of 0 may land on either side in another implementation.
    EXPECT_NEAR(zeros.layer, found->at("zeros").get<double>(), 1e-3) << layer.name;
    if (found->contains("channel_zeros")) {
      const std::vector<double> channels = found->at("channel_zeros").get<std::vector<double>>();
      ASSERT_EQ(zeros.channels.size(), channels.size()) << layer.name;
      for (size_t c = 0; c < channels.size(); ++c) EXPECT_NEAR(zeros.channels[c], channels[c], 2e-2) << layer.name;
    }
    ++compared;
    withMacs += cost.macs > 0;
  }
  EXPECT_GE(compared, 5) << "most layers are modules PyTorch can hook";
  EXPECT_GE(withMacs, 2) << "convolutions and linear layers were among them";
}

INSTANTIATE_TEST_SUITE_P(Models, LayerCostAgainstPyTorch,
                         ::testing::Values("resnet18_scripted", "resnet18_traced", "mobilenet_v2_traced",
                                           "vgg11_bn_scripted", "lenet5_traced"));

TEST(LayerCost, ModelTotalsAddTheLayersAndReluOutputsHaveZeros) {
  const Snapshot& snapshot = cachedSnapshot("resnet18_traced");
  LayerCost sum;
  bool reluWithZeros = false;
  for (size_t l = 0; l < snapshot.layers.size(); ++l) {
    const LayerCost c = layerCost(snapshot, static_cast<int>(l));
    sum.macs += c.macs;
    sum.flops += c.flops;
    if (snapshot.layers[l].kind == LayerKind::ReLU) reluWithZeros |= zeroShare(snapshot.layers[l]).layer > 0;
  }
  EXPECT_EQ(modelCost(snapshot).macs, sum.macs);
  EXPECT_EQ(modelCost(snapshot).flops, sum.flops);
  // torchvision's ResNet-18 does 1.82 G MACs at 224×224; the fixture runs it at 64×64: (64/224)² of that.
  EXPECT_NEAR(static_cast<double>(sum.macs), 1.814e9 * (64.0 * 64.0) / (224.0 * 224.0), 0.02e9);
  EXPECT_TRUE(reluWithZeros) << "a ReLU of a random network zeroes about half its inputs";
}

}  // namespace
}  // namespace convoscope::testing
