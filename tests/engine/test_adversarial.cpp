// Attacks (engine/Adversarial.h) and the compare view's divergence (CaptureModel::runAgainst) against an
// independent PyTorch computation: tests/fixtures/adversarial_reference.py runs FGSM and PGD with Python
// autograd on the same TorchScript file, and hooks the eager model for per-layer distances.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "FixtureSupport.h"
#include "core/Errors.h"
#include "core/ImageInput.h"
#include "engine/Adversarial.h"

namespace convoscope::testing {
namespace {

std::string listArgument(const std::vector<float>& values) {
  if (values.empty()) return "-";
  std::string s;
  for (size_t i = 0; i < values.size(); ++i) s += (i ? "," : "") + std::to_string(values[i]);
  return s;
}

// The fixture photo-like image in the model's pixel space.
std::vector<float> cleanPixels(const CaptureModel& model, bool mirrored = false) {
  Image image = loadImage(fixturePath(manifest().at("images").at("rgb_64x64").at("file").get<std::string>()));
  if (mirrored)
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width / 2; ++x)
        for (int c = 0; c < image.channels; ++c)
          std::swap(image.pixels[(y * image.width + x) * image.channels + c],
                    image.pixels[(y * image.width + image.width - 1 - x) * image.channels + c]);
  return imageToPixels(image, pixelGeometryOf(model.metadata().inputShape));
}

std::vector<float> modelInputOf(const CaptureModel& model, const std::vector<float>& pixels) {
  return normalizePixels(pixels, pixelGeometryOf(model.metadata().inputShape), model.metadata().normalization);
}

int predictedClass(const CaptureModel& model, const std::vector<float>& pixels) {
  return classesOf(model, pixels, 1).at(0);
}

nlohmann::json pythonAttack(const std::string& name, const std::vector<float>& pixels, const AttackOptions& o,
                            int label) {
  const CaptureModel& model = cachedModel(name);
  const std::string path = writeTemporaryFloats(pixels, "attack");
  const Normalization& norm = model.metadata().normalization;
  std::string args = std::string(o.method == AttackMethod::Pgd ? "pgd " : "fgsm ") + model.path() + " " + path +
                     " " + shapeArgument(model.metadata().inputShape) + " " + listArgument(norm.mean) + " " +
                     listArgument(norm.std) + " " + std::to_string(o.epsilon) + " " + std::to_string(label) +
                     (o.target ? " 1" : " 0");
  if (o.method == AttackMethod::Pgd)
    args += " " + std::to_string(o.alpha) + " " + std::to_string(o.steps);
  const nlohmann::json out = pythonReference("adversarial_reference.py", args);
  std::remove(path.c_str());
  return out;
}

// Pixels whose 8-bit level differs from PyTorch's by more than one.
int levelMismatches(const std::vector<float>& ours, const nlohmann::json& theirs) {
  const std::vector<int> levels = theirs.at("levels").get<std::vector<int>>();
  EXPECT_EQ(levels.size(), ours.size());
  int mismatches = 0;
  for (size_t i = 0; i < std::min(levels.size(), ours.size()); ++i)
    mismatches += std::abs(static_cast<int>(std::lround(ours[i] * 255)) - levels[i]) > 1;
  return mismatches;
}

double linf(const std::vector<float>& a, const std::vector<float>& b) {
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(static_cast<double>(a[i]) - b[i]));
  return m;
}

struct AttackCase {
  std::string model;
  float epsilon;
  bool targeted;
};

class FgsmAgainstPyTorch : public ::testing::TestWithParam<AttackCase> {};

TEST_P(FgsmAgainstPyTorch, PixelsEqualPyTorchsWithinOneLevel) {
  const AttackCase& c = GetParam();
  const CaptureModel& model = cachedModel(c.model);
  const std::vector<float> clean = cleanPixels(model);
  const int predicted = predictedClass(model, clean);
  AttackOptions options;
  options.epsilon = c.epsilon;
  if (c.targeted) options.target = (predicted + 1) % static_cast<int>(model.plainForward(modelInputOf(model, clean)).size());
  const std::vector<float> ours = attack(model, clean, predicted, options);
  const nlohmann::json theirs = pythonAttack(c.model, clean, options, c.targeted ? *options.target : predicted);
  EXPECT_EQ(levelMismatches(ours, theirs), 0) << c.model;
  EXPECT_EQ(predictedClass(model, ours), theirs.at("class").get<int>());
  EXPECT_LE(linf(clean, ours), c.epsilon + 1e-6);
  EXPECT_GT(linf(clean, ours), c.epsilon - 1.f / 255) << "FGSM moves pixels by the whole budget";
}

INSTANTIATE_TEST_SUITE_P(Models, FgsmAgainstPyTorch,
                         ::testing::Values(AttackCase{"lenet5_meta", 8.f / 255, false},
                                           AttackCase{"lenet5_traced", 0.03f, false},
                                           AttackCase{"lenet5_scripted", 0.05f, true},
                                           AttackCase{"resnet18_traced", 4.f / 255, false},
                                           AttackCase{"resnet18_scripted", 2.f / 255, true},
                                           // ends in a softmax: the loss takes the softmax's input
                                           AttackCase{"kitchen_sink_traced", 0.05f, false},
                                           AttackCase{"kitchen_sink_scripted", 0.05f, true},
                                           AttackCase{"mlp784_scripted", 0.03f, false}));  // a flat input

TEST(PgdAgainstPyTorch, PixelsEqualPyTorchsWithinOneLevel) {
  const CaptureModel& model = cachedModel("lenet5_meta");
  const std::vector<float> clean = cleanPixels(model);
  const int predicted = predictedClass(model, clean);
  AttackOptions options;
  options.method = AttackMethod::Pgd;
  options.epsilon = 0.05f;
  options.alpha = 0.01f;
  options.steps = 6;
  const std::vector<float> ours = attack(model, clean, predicted, options);
  const nlohmann::json theirs = pythonAttack("lenet5_meta", clean, options, predicted);
  EXPECT_EQ(levelMismatches(ours, theirs), 0);
  EXPECT_EQ(predictedClass(model, ours), theirs.at("class").get<int>());
  EXPECT_LE(linf(clean, ours), options.epsilon + 1e-6);
  EXPECT_GT(linf(clean, ours), options.epsilon - 1.f / 255) << "six steps of 0.01 reach the ball's edge";
}

TEST(Pgd, NeverLeavesTheEpsilonBallAndTheSeedRepeatsIt) {
  const CaptureModel& model = cachedModel("resnet18_traced");
  const std::vector<float> clean = cleanPixels(model);
  const int predicted = predictedClass(model, clean);
  AttackOptions options;
  options.method = AttackMethod::Pgd;
  options.steps = 3;
  options.randomStart = true;
  for (float epsilon : {1.f / 255, 0.02f, 0.1f}) {
    options.epsilon = epsilon;
    options.seed = 7;
    const std::vector<float> first = attack(model, clean, predicted, options);
    EXPECT_LE(linf(clean, first), epsilon + 1e-6) << epsilon;
    for (float v : first) ASSERT_TRUE(v >= 0 && v <= 1);
    EXPECT_EQ(first, attack(model, clean, predicted, options)) << "same seed, same input";
    options.seed = 8;
    EXPECT_NE(first, attack(model, clean, predicted, options)) << "another seed starts elsewhere";
  }
}

TEST(Pgd, IsAtLeastAsStrongAsFgsmOnItsOwnLoss) {
  const CaptureModel& model = cachedModel("lenet5_traced");
  const std::vector<float> clean = cleanPixels(model);
  const int predicted = predictedClass(model, clean);
  AttackOptions fgsm;
  fgsm.epsilon = 0.1f;
  AttackOptions pgd = fgsm;
  pgd.method = AttackMethod::Pgd;
  pgd.steps = 10;
  const auto lossOf = [&](const std::vector<float>& pixels) {
    return model.lossGradients(modelInputOf(model, pixels), 1, {predicted}).scores.at(0);
  };
  const float clean0 = lossOf(clean);
  const float afterFgsm = lossOf(attack(model, clean, predicted, fgsm));
  const float afterPgd = lossOf(attack(model, clean, predicted, pgd));
  EXPECT_GT(afterFgsm, clean0);
  EXPECT_GE(afterPgd, afterFgsm * 0.99f);
}

TEST(Fgsm, SmallestFlippingEpsilonFlipsAndTheLevelBelowDoesNot) {
  const CaptureModel& model = cachedModel("lenet5_traced");
  const std::vector<float> clean = cleanPixels(model);
  const int predicted = predictedClass(model, clean);
  AttackOptions options;
  const std::optional<float> smallest = smallestFlippingEpsilon(model, clean, predicted, options, 1.f);
  ASSERT_TRUE(smallest) << "a random LeNet flips somewhere below epsilon 1";
  options.epsilon = *smallest;
  EXPECT_NE(predictedClass(model, attack(model, clean, predicted, options)), predicted);
  for (int k = 1; k < std::lround(*smallest * 255); ++k) {
    options.epsilon = k / 255.f;
    EXPECT_EQ(predictedClass(model, attack(model, clean, predicted, options)), predicted) << k;
  }
}

TEST(AttackRequests, BadEpsilonTargetAndGradientlessModelsAreInputErrors) {
  AttackOptions o;
  for (float bad : {-0.1f, 1.5f, std::nanf("")}) {
    o.epsilon = bad;
    EXPECT_THROW(checkAttackOptions(o, 10), InputError) << bad;
  }
  o = AttackOptions{};
  o.target = 10;
  EXPECT_THROW(checkAttackOptions(o, 10), InputError);
  o.target.reset();
  o.steps = 0;
  EXPECT_THROW(checkAttackOptions(o, 10), InputError);
  o.steps = 10;
  EXPECT_THROW(checkAttackOptions(o, 1), InputError) << "a one-class loss has no gradient";
  EXPECT_NO_THROW(checkAttackOptions(o, 2));
  EXPECT_THROW(parseAttackMethod("cw"), InputError);
  const CaptureModel& model = cachedModel("no_grad_head_scripted");
  const std::vector<float> clean(pixelGeometryOf(model.metadata().inputShape).values(), 0.5f);
  try {
    attack(model, clean, 0, AttackOptions{});
    ADD_FAILURE() << "a model without gradients cannot be attacked";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "differentiabl")) << e.what();
  }
}

// ---- compare ----


class CompareAgainstPyTorch : public ::testing::TestWithParam<std::string> {};

TEST_P(CompareAgainstPyTorch, DistancesAndCosinesMatchPyTorchHooks) {
  const std::string name = GetParam();
  const CaptureModel& model = cachedModel(name);
  const std::vector<float> a = modelInputOf(model, cleanPixels(model));
  const std::vector<float> b = modelInputOf(model, cleanPixels(model, true));
  const Snapshot snapshotA = model.run(a);
  const CaptureModel::ComparedRun run = model.runAgainst(b, snapshotA);
  ASSERT_EQ(run.divergence.size(), snapshotA.layers.size());
  const std::string pathA = writeTemporaryFloats(a, "compare-a"), pathB = writeTemporaryFloats(b, "compare-b");
  const nlohmann::json theirs =
      pythonReference("adversarial_reference.py", "compare " + modelEntry(name).at("arch").get<std::string>() +
                                                      " " + model.path() + " " + pathA + " " + pathB + " " +
                                                      shapeArgument(model.metadata().inputShape));
  std::remove(pathA.c_str());
  std::remove(pathB.c_str());
  int compared = 0;
  for (size_t l = 0; l < snapshotA.layers.size(); ++l) {
    const auto found = theirs.at("layers").find(snapshotA.layers[l].name);
    if (found == theirs.at("layers").end()) continue;
    const double d = found->at("distance").get<double>(), c = found->at("cosine").get<double>();
    ASSERT_TRUE(run.divergence[l].distance() && run.divergence[l].cosine()) << snapshotA.layers[l].name;
    EXPECT_NEAR(*run.divergence[l].distance(), d, 1e-4 * std::max(1.0, d)) << snapshotA.layers[l].name;
    EXPECT_NEAR(*run.divergence[l].cosine(), c, 1e-4) << snapshotA.layers[l].name;
    ++compared;
  }
  EXPECT_GE(compared, 6) << "most layers have a module PyTorch can hook";
  // B's own snapshot is an ordinary capture of B.
  EXPECT_EQ(run.snapshot.logits, model.run(b).logits);
}

INSTANTIATE_TEST_SUITE_P(Models, CompareAgainstPyTorch,
                         ::testing::Values("resnet18_scripted", "resnet18_traced", "lenet5_traced",
                                           "vgg11_bn_traced", "mobilenet_v2_traced"));

TEST(Compare, IdenticalInputsHaveZeroDistanceEverywhere) {
  const CaptureModel& model = cachedModel("resnet18_traced");
  const std::vector<float> a = modelInputOf(model, cleanPixels(model));
  const CaptureModel::ComparedRun run = model.runAgainst(a, model.run(a));
  for (size_t l = 0; l < run.divergence.size(); ++l) {
    EXPECT_EQ(run.divergence[l].difference2, 0.0) << run.snapshot.layers[l].name;
    ASSERT_TRUE(run.divergence[l].distance());
    EXPECT_EQ(*run.divergence[l].distance(), 0.0);
    if (run.divergence[l].normA2 > 0) EXPECT_NEAR(*run.divergence[l].cosine(), 1.0, 1e-5);
  }
  EXPECT_EQ(firstDivergentLayer(run.divergence), -1);
}

TEST(Compare, ASnapshotOfAnotherModelIsRefused) {
  const CaptureModel& lenet = cachedModel("lenet5_traced");
  const CaptureModel& resnet = cachedModel("resnet18_traced");
  const Snapshot other = resnet.run(modelInputOf(resnet, cleanPixels(resnet)));
  EXPECT_THROW(lenet.runAgainst(modelInputOf(lenet, cleanPixels(lenet)), other), InputError);
}

}  // namespace
}  // namespace convoscope::testing
