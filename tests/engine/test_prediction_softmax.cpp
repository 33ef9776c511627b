// The prediction's softmax (core predictionSoftmax): for classifiers that end in a linear layer, every class's
// probability on the card against torch.softmax over the TorchScript file's own output
// (tests/fixtures/softmax_reference.py); refused for a model that ends in a softmax itself.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "FixtureSupport.h"
#include "core/Computation.h"
#include "core/Errors.h"

namespace convoscope::testing {
namespace {

class PredictionSoftmaxAgainstPyTorch : public ::testing::TestWithParam<std::string> {};

TEST_P(PredictionSoftmaxAgainstPyTorch, EveryClassProbabilityMatchesTorchSoftmax) {
  const std::string name = GetParam();
  const std::string arch = modelEntry(name).at("reference").get<std::string>();
  const Snapshot& snapshot = cachedSnapshot(name);
  const std::string input = writeTemporaryFloats(reference(arch).input, "softmax");
  const nlohmann::json theirs = pythonReference(
      "softmax_reference.py",
      cachedModel(name).path() + " " + input + " " + shapeArgument(shapeOf(modelEntry(name).at("input_shape"))));
  std::remove(input.c_str());
  const std::vector<double> probabilities = theirs.at("probabilities").get<std::vector<double>>();
  const std::vector<double> logits = theirs.at("logits").get<std::vector<double>>();
  ASSERT_TRUE(predictionAppliesSoftmax(snapshot));
  ASSERT_EQ(probabilities.size(), snapshot.logits.size());
  for (size_t i = 0; i < probabilities.size(); ++i) {
    const std::optional<Computation> e = predictionSoftmax(snapshot, static_cast<int64_t>(i));
    ASSERT_TRUE(e.has_value());
    EXPECT_NEAR(e->sum, probabilities[i], 1e-5 * probabilities[i] + 1e-7) << "class " << i;
    EXPECT_TRUE(e->consistent) << e->note;
    EXPECT_EQ(e->layer, static_cast<int>(snapshot.layers.size()) - 1);
    ASSERT_TRUE(e->softmax.has_value());
    EXPECT_EQ(e->softmax->position, static_cast<int64_t>(i));
    EXPECT_NEAR(e->softmax->terms[i].logit, logits[i], 1e-4 * std::fabs(logits[i]) + 1e-4);
    double shares = 0;
    for (const SoftmaxTerm& t : e->softmax->terms) shares += t.exp / e->softmax->expSum;
    EXPECT_NEAR(shares, 1.0, 1e-9);
  }
  EXPECT_THROW(predictionSoftmax(snapshot, static_cast<int64_t>(probabilities.size())), InputError);
  EXPECT_THROW(predictionSoftmax(snapshot, -1), InputError);
}

INSTANTIATE_TEST_SUITE_P(Models, PredictionSoftmaxAgainstPyTorch,
                         ::testing::Values("resnet18_scripted", "resnet18_traced", "mobilenet_v2_traced",
                                           "vgg11_bn_traced", "squeezenet1_1_traced", "lenet5_traced"));

TEST(PredictionSoftmax, AModelEndingInASoftmaxExplainsItsOwnProbabilities) {
  const Snapshot& snapshot = cachedSnapshot("kitchen_sink_traced");
  EXPECT_FALSE(predictionAppliesSoftmax(snapshot));
  EXPECT_FALSE(predictionSoftmax(snapshot, 0).has_value());
}

}  // namespace
}  // namespace convoscope::testing
