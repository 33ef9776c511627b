// Loading: metadata from the .pt's extra file, flags overriding it, and every way a model file can be bad.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "FixtureSupport.h"
#include "core/ImageInput.h"
#include "core/ModelMetadata.h"

namespace convoscope::testing {
namespace {

LoadOptions pathOnly(const std::string& relative) {
  LoadOptions options;
  options.modelPath = fixturePath(relative);
  return options;
}

TEST(ModelMetadataFromExtraFile, ClassNamesShapeAndNormalizationAreRead) {
  const auto& expected = modelEntry("lenet5_meta").at("metadata");
  const auto model = CaptureModel::load(pathOnly("lenet5_meta.pt"));  // no --input-shape: metadata has it
  const auto& meta = model->metadata();
  EXPECT_EQ(meta.displayName, expected.at("display_name").get<std::string>());
  EXPECT_EQ(meta.classNames, expected.at("class_names").get<std::vector<std::string>>());
  EXPECT_EQ(meta.inputShape, shapeOf(expected.at("input_shape")));
  EXPECT_EQ(meta.normalization.mean, expected.at("normalization").at("mean").get<std::vector<float>>());
  EXPECT_EQ(meta.normalization.std, expected.at("normalization").at("std").get<std::vector<float>>());

  const auto snapshot = model->run(reference("lenet5_meta").input);
  EXPECT_EQ(snapshot.classNames, meta.classNames);
  const auto top = snapshot.top(1);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].label, meta.classNames.at(top[0].index));
  EXPECT_TRUE(allClose(snapshot.logits, reference("lenet5_meta").logits));
}

TEST(ModelMetadataFromExtraFile, FlagsOverrideMetadata) {
  auto options = pathOnly("lenet5_meta.pt");
  options.normalization = Normalization{{0.5f}, {0.25f}};
  const auto model = CaptureModel::load(options);
  EXPECT_EQ(model->metadata().normalization.mean, std::vector<float>{0.5f});
  EXPECT_EQ(model->metadata().normalization.std, std::vector<float>{0.25f});
  EXPECT_EQ(model->metadata().classNames.size(), 10u);
}

TEST(ModelMetadataFromExtraFile, RunImageAppliesTheModelsNormalization) {
  const auto model = CaptureModel::load(pathOnly("kitchen_sink_meta_traced.pt"));
  const auto& meta = model->metadata();
  ASSERT_EQ(meta.inputShape, (std::vector<int64_t>{3, 32, 32}));
  ASSERT_EQ(meta.normalization.mean.size(), 3u);
  EXPECT_FLOAT_EQ(meta.normalization.std[2], 0.225f);
  const std::string image = fixturePath("rgb_64x64.png");
  const auto snapshot = model->runImage(image);
  const auto expectedInput = imageToInput(loadImage(image), meta.inputShape, meta.normalization);
  EXPECT_TRUE(allClose(snapshot.layers.at(0).output.data, expectedInput, 0.0));
  EXPECT_TRUE(allClose(snapshot.logits, model->plainForward(expectedInput), 0.0));
  EXPECT_EQ(snapshot.top(1).at(0).label, meta.classNames.at(snapshot.top(1).at(0).index));
}

TEST(ModelWithoutMetadata, NeedsInputShapeFlag) {
  const auto message = inputErrorOf([] { CaptureModel::load(pathOnly("resnet18_scripted.pt")); });
  EXPECT_TRUE(contains(message, "--input-shape")) << message;
  EXPECT_TRUE(contains(message, "resnet18_scripted.pt")) << message;
  // Typed, so the viewer asks for C,H,W instead of matching the message's words.
  EXPECT_THROW(CaptureModel::load(pathOnly("resnet18_scripted.pt")), MissingInputShapeError);
  // Any other bad input is not that error.
  auto options = optionsFor("lenet5_scripted");
  options.inputShape = std::vector<int64_t>{3, 28, 28};
  try {
    CaptureModel::load(options);
    ADD_FAILURE() << "a wrong input shape loaded";
  } catch (const MissingInputShapeError&) {
    ADD_FAILURE() << "a wrong input shape is not a missing one";
  } catch (const InputError&) {
  }
}

TEST(ModelWithoutMetadata, LoadsWithInputShapeAndDefaultsToNoNormalization) {
  const auto& model = cachedModel("resnet18_scripted");
  EXPECT_EQ(model.metadata().inputShape, (std::vector<int64_t>{3, 64, 64}));
  EXPECT_TRUE(model.metadata().normalization.isIdentity());
  EXPECT_TRUE(model.metadata().classNames.empty());
  EXPECT_EQ(model.path(), fixturePath("resnet18_scripted.pt"));
}

TEST(ModelWithoutMetadata, WrongInputShapeIsAnInputError) {
  auto options = optionsFor("lenet5_scripted");
  options.inputShape = std::vector<int64_t>{3, 28, 28};  // LeNet's first conv takes one channel
  const auto message = inputErrorOf([&] { CaptureModel::load(options); });
  EXPECT_TRUE(contains(message, "lenet5_scripted.pt")) << message;
}

TEST(RunInput, WrongLengthIsAnInputError) {
  const auto& model = cachedModel("lenet5_scripted");
  inputErrorOf([&] { model.run(std::vector<float>(27)); });
  inputErrorOf([&] { model.plainForward(std::vector<float>(28 * 28 + 1)); });
}

class BadModelFile : public ::testing::TestWithParam<std::string> {};

// Each bad file fails at load with an InputError naming the file, never a crash or a torch exception.
TEST_P(BadModelFile, IsAnInputErrorNamingTheFile) {
  const auto file = manifest().at("bad_models").at(GetParam()).get<std::string>();
  LoadOptions options = pathOnly(file);
  options.inputShape = std::vector<int64_t>{3, 8, 8};
  const auto message = inputErrorOf([&] { CaptureModel::load(options); });
  EXPECT_TRUE(contains(message, file)) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << "one-line message expected: " << message;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadModelFile,
                         ::testing::Values("empty", "random_bytes", "truncated", "tuple_output",
                                           "dict_output"),
                         [](const auto& info) { return info.param; });

TEST(BadModelFile, MissingFileIsAnInputErrorNamingIt) {
  LoadOptions options;
  options.modelPath = fixturePath("no-such-model.pt");
  options.inputShape = std::vector<int64_t>{3, 8, 8};
  const auto message = inputErrorOf([&] { CaptureModel::load(options); });
  EXPECT_TRUE(contains(message, "no-such-model.pt")) << message;
}

TEST(BadModelFile, DirectoryIsAnInputError) {
  LoadOptions options;
  options.modelPath = CONVOSCOPE_FIXTURE_DIR;
  options.inputShape = std::vector<int64_t>{3, 8, 8};
  inputErrorOf([&] { CaptureModel::load(options); });
}

TEST(MemoryBudget, TinyBudgetIsRefusedAndTheExactBudgetIsEnough) {
  const auto& model = cachedModel("resnet18_scripted");
  const uint64_t bytes = model.capturedBytes();
  const auto& snapshot = cachedSnapshot("resnet18_scripted");
  uint64_t layerBytes = 0;
  for (const auto& layer : snapshot.layers) layerBytes += layer.output.data.size() * sizeof(float);
  EXPECT_GE(bytes, layerBytes) << "captured bytes must count at least every layer's activation";
  EXPECT_LE(bytes, 4 * layerBytes);

  auto options = optionsFor("resnet18_scripted");
  options.memoryBudgetBytes = 1024;
  auto message = inputErrorOf([&] { CaptureModel::load(options); });
  EXPECT_TRUE(contains(lower(message), "memory")) << message;
  EXPECT_TRUE(contains(message, "resnet18_scripted.pt")) << message;

  options.memoryBudgetBytes = bytes - 1;
  message = inputErrorOf([&] { CaptureModel::load(options); });
  EXPECT_TRUE(contains(lower(message), "memory")) << message;

  options.memoryBudgetBytes = bytes;
  EXPECT_NO_THROW(CaptureModel::load(options));
}

TEST(ParseInputShape, AcceptsCommaSeparatedPositiveDimensions) {
  EXPECT_EQ(parseInputShape("3,224,224"), (std::vector<int64_t>{3, 224, 224}));
  EXPECT_EQ(parseInputShape("1,28,28"), (std::vector<int64_t>{1, 28, 28}));
  EXPECT_EQ(parseInputShape("784"), (std::vector<int64_t>{784}));
}

TEST(ParseInputShape, RejectsAnythingElseNamingTheFlag) {
  for (const char* bad : {"", "3,,224", "a,b,c", "3,-1,4", "0,28,28", "3x224x224", "3,224,", "3.5,2,2",
                          "99999999999999999999,1,1"}) {
    SCOPED_TRACE(bad);
    const auto message = inputErrorOf([&] { parseInputShape(bad, "--shape-flag"); });
    EXPECT_TRUE(contains(message, "--shape-flag")) << message;
  }
  const auto message = inputErrorOf([] { parseInputShape("nonsense"); });
  EXPECT_TRUE(contains(message, "--input-shape")) << message;
}

TEST(ParseNormalization, NamedAndNumericForms) {
  EXPECT_TRUE(parseNormalization("none").isIdentity());
  const auto imagenet = parseNormalization("imagenet");
  EXPECT_EQ(imagenet.mean, (std::vector<float>{0.485f, 0.456f, 0.406f}));
  EXPECT_EQ(imagenet.std, (std::vector<float>{0.229f, 0.224f, 0.225f}));
  const auto one = parseNormalization("0.1307,0.3081");
  EXPECT_EQ(one.mean, std::vector<float>{0.1307f});
  EXPECT_EQ(one.std, std::vector<float>{0.3081f});
  const auto three = parseNormalization("0.5,0.4,0.3,0.2,0.1,0.25");
  EXPECT_EQ(three.mean, (std::vector<float>{0.5f, 0.4f, 0.3f}));
  EXPECT_EQ(three.std, (std::vector<float>{0.2f, 0.1f, 0.25f}));
}

TEST(ParseNormalization, RejectsMalformedText) {
  for (const char* bad : {"", "imagenette", "0.5", "1,2,3", "1,2,3,4", "a,b", "0.5,0", "0.5,-1"}) {
    SCOPED_TRACE(bad);
    inputErrorOf([&] { parseNormalization(bad); });
  }
}

TEST(ParseModelMetadata, ReadsEveryFieldAndRoundTrips) {
  const std::string text = R"({"display_name": "Digits", "class_names": ["a", "b", "c"],
      "input_shape": [1, 28, 28], "normalization": {"mean": [0.1307], "std": [0.3081]}})";
  const auto meta = parseModelMetadata(text, "digits.pt");
  EXPECT_EQ(meta.displayName, "Digits");
  EXPECT_EQ(meta.classNames, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(meta.inputShape, (std::vector<int64_t>{1, 28, 28}));
  EXPECT_EQ(meta.normalization.mean, std::vector<float>{0.1307f});
  EXPECT_EQ(meta.normalization.std, std::vector<float>{0.3081f});
  const auto again = parseModelMetadata(serializeModelMetadata(meta), "again");
  EXPECT_EQ(again.displayName, meta.displayName);
  EXPECT_EQ(again.classNames, meta.classNames);
  EXPECT_EQ(again.inputShape, meta.inputShape);
  EXPECT_EQ(again.normalization.mean, meta.normalization.mean);
  EXPECT_EQ(again.normalization.std, meta.normalization.std);
  EXPECT_TRUE(parseModelMetadata("{}", "empty.json").classNames.empty());
}

TEST(ParseModelMetadata, BadJsonNamesTheOrigin) {
  for (const char* bad : {"{not json", R"({"class_names": "cat"})", R"({"input_shape": [3, "a", 4]})",
                          R"({"input_shape": [3, -2, 4]})", R"({"normalization": {"mean": [0.5]}})", "[]"}) {
    SCOPED_TRACE(bad);
    const auto message = inputErrorOf([&] { parseModelMetadata(bad, "origin-name.json"); });
    EXPECT_TRUE(contains(message, "origin-name.json")) << message;
  }
}

TEST(ModelLoaderProbe, AProbeThatNeverFinishesIsStoppedAndTheLoadRefused) {
  // A stand-in probe that hangs (as libtorch's loader might on a hostile file) must not hang the load.
  namespace fs = std::filesystem;
  const fs::path script =
      fs::temp_directory_path() / ("convoscope-hanging-probe-" + std::to_string(::getpid()));
  {
    std::ofstream out(script);
    out << "#!/bin/sh\nexec sleep 30\n";
  }
  fs::permissions(script, fs::perms::owner_all);
  setModelLoaderProbe(script.string());
  ::setenv("CONVOSCOPE_PROBE_TIMEOUT_S", "0.5", 1);
  LoadOptions options = pathOnly("lenet5_meta.pt");
  const auto start = std::chrono::steady_clock::now();
  try {
    CaptureModel::load(options);
    ADD_FAILURE() << "the load went ahead although the probe never finished";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("lenet5_meta.pt"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("did not finish within 0.5 s"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ::unsetenv("CONVOSCOPE_PROBE_TIMEOUT_S");
  setModelLoaderProbe("");
  fs::remove(script);
  // Without a probe the same model loads.
  EXPECT_NO_THROW(CaptureModel::load(options));
}

}  // namespace
}  // namespace convoscope::testing
