// Attribution maps (engine/Attribution.h) against an independent PyTorch computation: for each case the
// same input goes to `attribute()` and to tests/fixtures/attribution_reference.py (Debian's PyTorch, autograd
// in Python; Grad-CAM hooks the eager model rebuilt with the file's weights). Maps must agree within 1e-3 of
// the reference map's largest magnitude, on scripted and traced models, several layers and classes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "FixtureSupport.h"
#include "core/Errors.h"
#include "core/ImageInput.h"
#include "engine/Attribution.h"

namespace convoscope::testing {
namespace {

struct Case {
  std::string model;   // fixture name
  std::string method;  // gradcam | saliency | ig | occlusion
  int classIndex;
  std::string layer;  // Grad-CAM: a module path; "" = the default layer
  int steps = 8;
};

nlohmann::json pythonReference(const Case& c, const std::string& layerName, const std::vector<float>& input,
                               const std::vector<int64_t>& shape) {
  const std::string inputPath = writeTemporaryFloats(input, "attribution");
  const std::string arch = modelEntry(c.model).at("arch").get<std::string>();
  const nlohmann::json out = testing::pythonReference(
      "attribution_reference.py", arch + " " + fixturePath(modelEntry(c.model).at("file").get<std::string>()) +
                                      " " + inputPath + " " + shapeArgument(shape) + " " + c.method + " " +
                                      std::to_string(c.classIndex) + " " + (layerName.empty() ? "-" : layerName) +
                                      " " + std::to_string(c.steps));
  std::remove(inputPath.c_str());
  return out;
}

AttributionOptions attributionOptions(const Case& c, const Snapshot& snapshot) {
  AttributionOptions options;
  options.method = parseAttributionMethod(c.method);
  options.target.classIndex = c.classIndex;
  options.steps = c.steps;
  options.batch = 4;
  if (!c.layer.empty()) options.layer = snapshot.findLayer(c.layer);
  return options;
}

// A random-weight network's Grad-CAM for some classes is ReLU of a negative sum: all zeros, which would test
// nothing. From the requested class on, the first class whose map is not all zero is compared.
Attribution firstNonZero(Case& c, const std::vector<float>& input, const Snapshot& snapshot) {
  Attribution ours;
  for (int tries = 0; tries < 10; ++tries, c.classIndex = (c.classIndex + 1) % 10) {
    ours = attribute(cachedModel(c.model), input, snapshot, attributionOptions(c, snapshot));
    if (maxAbs(ours.values) > 0) break;
  }
  return ours;
}

void expectMatchesPyTorch(Case c) {
  const std::string arch = modelEntry(c.model).at("reference").get<std::string>();
  const std::vector<float>& input = reference(arch).input;
  const Snapshot& snapshot = cachedSnapshot(c.model);
  ASSERT_TRUE(c.layer.empty() || snapshot.findLayer(c.layer) >= 0) << "no layer " << c.layer;
  const Attribution ours = firstNonZero(c, input, snapshot);
  SCOPED_TRACE(c.model + " " + c.method + " class " + std::to_string(c.classIndex) + " " + c.layer);
  const nlohmann::json theirs = pythonReference(c, ours.layerName, input, reference(arch).inputShape);
  const std::vector<float> expected = theirs.at("values").get<std::vector<float>>();
  EXPECT_EQ(ours.shape, theirs.at("shape").get<std::vector<int64_t>>());
  ASSERT_EQ(ours.values.size(), expected.size());
  const float scale = maxAbs(expected);
  EXPECT_GT(scale, 0.0f) << "a map of zeros tests nothing";
  float worst = 0;
  for (size_t i = 0; i < expected.size(); ++i)
    worst = std::max(worst, std::fabs(ours.values[i] - expected[i]));
  EXPECT_LE(worst, 1e-3f * scale) << "largest difference " << worst << " against a map maximum of " << scale;
  const float score = theirs.at("score").get<float>();
  EXPECT_NEAR(ours.score, score, 1e-4f * std::max(1.0f, std::fabs(score)));
  if (theirs.contains("delta")) {
    ASSERT_TRUE(ours.delta.has_value());
    EXPECT_NEAR(*ours.delta, theirs.at("delta").get<float>(), 1e-3f * std::max(1.0f, std::fabs(score)));
  }
}

TEST(AttributionAgainstPyTorch, GradCamOnScriptedAndTracedModelsSeveralLayersAndClasses) {
  expectMatchesPyTorch({"resnet18_scripted", "gradcam", 3, ""});
  expectMatchesPyTorch({"resnet18_traced", "gradcam", 7, "layer3.0.conv1"});
  expectMatchesPyTorch({"vgg11_bn_scripted", "gradcam", 1, ""});
  expectMatchesPyTorch({"mobilenet_v2_traced", "gradcam", 5, ""});
  expectMatchesPyTorch({"lenet5_scripted", "gradcam", 2, "features.0"});
  expectMatchesPyTorch({"lenet5_traced", "gradcam", 9, "features.3"});
}

// The viewer's ∂y/∂cell: the gradient of a class logit with respect to every value of one layer.
TEST(AttributionAgainstPyTorch, LayerGradientsBehindTheInspectorsCellGradient) {
  const Case cases[] = {{"resnet18_traced", "layergrad", 4, "layer2.0.conv2"},
                        {"resnet18_scripted", "layergrad", 1, "layer4.1.conv2"},
                        {"lenet5_scripted", "layergrad", 6, "features.3"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.model + " " + c.layer);
    const std::string arch = modelEntry(c.model).at("reference").get<std::string>();
    const std::vector<float>& input = reference(arch).input;
    const Snapshot& snapshot = cachedSnapshot(c.model);
    const int layer = snapshot.findLayer(c.layer);
    ASSERT_GE(layer, 0);
    const LayerGradients ours = cachedModel(c.model).layerGradients(input, layer, {c.classIndex, std::nullopt});
    const nlohmann::json theirs = pythonReference(c, c.layer, input, reference(arch).inputShape);
    const std::vector<float> expected = theirs.at("values").get<std::vector<float>>();
    EXPECT_EQ(ours.shape, theirs.at("shape").get<std::vector<int64_t>>());
    ASSERT_EQ(ours.gradient.size(), expected.size());
    const float scale = maxAbs(expected);
    ASSERT_GT(scale, 0.0f);
    float worst = 0;
    for (size_t i = 0; i < expected.size(); ++i) worst = std::max(worst, std::fabs(ours.gradient[i] - expected[i]));
    EXPECT_LE(worst, 1e-3f * scale) << "largest difference " << worst << " against " << scale;
  }
}

TEST(AttributionAgainstPyTorch, SaliencyIntegratedGradientsAndOcclusion) {
  expectMatchesPyTorch({"resnet18_traced", "saliency", 4, ""});
  expectMatchesPyTorch({"lenet5_scripted", "saliency", 0, ""});
  expectMatchesPyTorch({"vgg11_bn_traced", "ig", 6, "", 8});
  expectMatchesPyTorch({"lenet5_traced", "ig", 3, "", 16});
  expectMatchesPyTorch({"lenet5_scripted", "occlusion", 8, ""});
}

TEST(Attribution, IntegratedGradientsAddUpOnTheBundledModel) {
  LoadOptions load;
  load.modelPath = bundledModelPath();
  const auto model = CaptureModel::load(load);
  const Image image = loadImage(bundledDefaultImagePath());
  const std::vector<float> input =
      imageToInput(image, model->metadata().inputShape, model->metadata().normalization);
  const Snapshot snapshot = model->run(input);
  AttributionOptions options;
  options.method = AttributionMethod::IntegratedGradients;
  options.target.classIndex = snapshot.top(1)[0].index;
  options.steps = 256;
  options.batch = 32;
  const Attribution ig = attribute(*model, input, snapshot, options);
  ASSERT_TRUE(ig.delta.has_value());
  double sum = 0;
  for (float v : ig.values) sum += v;
  const double change = sum - *ig.delta;  // y(x) − y(0)
  EXPECT_GT(std::fabs(change), 0.1);
  EXPECT_LT(std::fabs(*ig.delta), 0.01 * std::fabs(change));
}

TEST(Attribution, SmoothGradIsSeededAndWithoutNoiseIsSaliency) {
  const Snapshot& snapshot = cachedSnapshot("lenet5_scripted");
  const std::vector<float>& input = reference("lenet5").input;
  AttributionOptions options;
  options.method = AttributionMethod::Saliency;
  options.target.classIndex = 4;
  const Attribution plain = attribute(cachedModel("lenet5_scripted"), input, snapshot, options);
  options.method = AttributionMethod::SmoothGrad;
  options.noise = 0.0f;
  options.samples = 3;
  const Attribution quiet = attribute(cachedModel("lenet5_scripted"), input, snapshot, options);
  EXPECT_TRUE(allClose(quiet.values, plain.values, 1e-5));
  options.noise = 0.15f;
  options.seed = 7;
  const Attribution a = attribute(cachedModel("lenet5_scripted"), input, snapshot, options);
  options.batch = 2;  // the batch size must not change the map
  const Attribution b = attribute(cachedModel("lenet5_scripted"), input, snapshot, options);
  EXPECT_TRUE(allClose(a.values, b.values, 1e-5));
  options.seed = 8;
  const Attribution c = attribute(cachedModel("lenet5_scripted"), input, snapshot, options);
  EXPECT_FALSE(allClose(a.values, c.values, 1e-5));
}

TEST(Attribution, BadRequestsAreInputErrorsThatSayWhy) {
  const Snapshot& snapshot = cachedSnapshot("lenet5_scripted");
  const std::vector<float>& input = reference("lenet5").input;
  const CaptureModel& model = cachedModel("lenet5_scripted");
  AttributionOptions options;
  options.target.classIndex = 10;
  EXPECT_TRUE(contains(inputErrorOf([&] { attribute(model, input, snapshot, options); }), "out of range"));
  options.target.classIndex = 1;
  options.target.contrast = -1;
  EXPECT_TRUE(contains(inputErrorOf([&] { attribute(model, input, snapshot, options); }), "out of range"));
  options.target.contrast.reset();
  options.layer = snapshot.findLayer("classifier.0");
  ASSERT_GE(options.layer, 0);
  EXPECT_TRUE(contains(inputErrorOf([&] { attribute(model, input, snapshot, options); }), "classifier.0"));
  options.method = AttributionMethod::IntegratedGradients;
  options.steps = 0;
  EXPECT_TRUE(contains(inputErrorOf([&] { attribute(model, input, snapshot, options); }), "--steps"));
  EXPECT_TRUE(contains(inputErrorOf([] { parseAttributionMethod("lime"); }), "gradcam"));
}

// A model whose scores are computed under torch.no_grad(): every gradient method says so and points to
// occlusion, which works.
TEST(Attribution, ANonDifferentiableModelOffersOcclusion) {
  const CaptureModel& model = cachedModel("no_grad_head_scripted");
  const std::vector<float> input(64, 0.5f);
  const Snapshot snapshot = model.run(input);
  AttributionOptions options;
  options.target.classIndex = 1;
  for (AttributionMethod method : {AttributionMethod::GradCam, AttributionMethod::Saliency,
                                   AttributionMethod::SmoothGrad, AttributionMethod::IntegratedGradients}) {
    options.method = method;
    const std::string message = inputErrorOf([&] { attribute(model, input, snapshot, options); });
    EXPECT_TRUE(contains(message, "does not depend differentiably")) << attributionMethodName(method) << ": " << message;
    EXPECT_TRUE(contains(message, "--method occlusion")) << message;
  }
  options.method = AttributionMethod::Occlusion;
  const Attribution occluded = attribute(model, input, snapshot, options);
  EXPECT_EQ(occluded.shape, (std::vector<int64_t>{8, 8}));
}

TEST(Attribution, ContrastIsTheDifferenceOfTwoClassesGradients) {
  const Snapshot& snapshot = cachedSnapshot("lenet5_traced");
  const std::vector<float>& input = reference("lenet5").input;
  const CaptureModel& model = cachedModel("lenet5_traced");
  const InputGradients a = model.inputGradients(input, 1, {2, std::nullopt});
  const InputGradients b = model.inputGradients(input, 1, {5, std::nullopt});
  const InputGradients ab = model.inputGradients(input, 1, {2, 5});
  std::vector<float> difference(a.gradients.size());
  for (size_t i = 0; i < difference.size(); ++i) difference[i] = a.gradients[i] - b.gradients[i];
  EXPECT_TRUE(allClose(ab.gradients, difference, 1e-5));
  EXPECT_NEAR(ab.scores[0], a.scores[0] - b.scores[0], 1e-4);
  EXPECT_EQ(snapshot.logits.size(), 10u);
}

}  // namespace
}  // namespace convoscope::testing
