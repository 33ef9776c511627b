// Layer names, kinds, parameters and data-flow edges of well-known architectures.
#include <gtest/gtest.h>

#include <set>

#include "FixtureSupport.h"

namespace convoscope::testing {
namespace {

using Names = std::multiset<std::string>;

class ResNetGraph : public ::testing::TestWithParam<std::string> {};

TEST_P(ResNetGraph, ResidualAddReadsTheSkipEdgeAndTheBlock) {
  const auto& s = cachedSnapshot(GetParam());
  const int add = layerIndex(s, "layer1.0.add");
  ASSERT_GE(add, 0);
  EXPECT_EQ(s.layers[add].kind, LayerKind::Add);
  EXPECT_EQ(s.layers[add].parent, "layer1.0");
  const auto firstInputs = inputNames(s, add);
  EXPECT_EQ(Names(firstInputs.begin(), firstInputs.end()), (Names{"maxpool", "layer1.0.bn2"}));
  const int second = layerIndex(s, "layer1.1.add");
  ASSERT_GE(second, 0);
  const auto secondInputs = inputNames(s, second);
  EXPECT_EQ(Names(secondInputs.begin(), secondInputs.end()), (Names{"layer1.0.relu#2", "layer1.1.bn2"}));
  const int down = layerIndex(s, "layer2.0.add");
  ASSERT_GE(down, 0);
  const auto downInputs = inputNames(s, down);
  EXPECT_EQ(Names(downInputs.begin(), downInputs.end()), (Names{"layer2.0.downsample.1", "layer2.0.bn2"}));
  // The add's tap is its own result, not bn2 overwritten in place (out += identity).
  const auto& sum = s.layers[add].output.data;
  const auto& a = s.layers[s.layers[add].inputs.at(0)].output.data;
  const auto& b = s.layers[s.layers[add].inputs.at(1)].output.data;
  ASSERT_EQ(a.size(), sum.size());
  ASSERT_EQ(b.size(), sum.size());
  std::vector<float> expected(sum.size());
  for (size_t i = 0; i < sum.size(); ++i) expected[i] = a[i] + float(s.layers[add].alpha) * b[i];
  EXPECT_TRUE(allClose(sum, expected));
}

TEST_P(ResNetGraph, NamesFollowTheModuleTree) {
  const auto& s = cachedSnapshot(GetParam());
  for (const char* name :
       {"conv1", "bn1", "relu", "maxpool", "layer1.0.conv1", "layer1.0.bn1", "layer1.0.relu",
        "layer1.0.conv2", "layer1.0.bn2", "layer1.0.relu#2", "layer4.1.relu#2", "avgpool", "flatten", "fc"}) {
    EXPECT_GE(s.findLayer(name), 0) << name;
  }
  EXPECT_EQ(s.findLayer("layer1.0.relu#3"), -1);
  EXPECT_EQ(s.layers.at(s.findLayer("layer1.0.conv1")).parent, "layer1.0");
  EXPECT_EQ(s.layers.at(s.findLayer("conv1")).parent, "");
  EXPECT_EQ(s.layers.at(s.findLayer("layer1.0.relu#2")).kind, LayerKind::ReLU);
  EXPECT_EQ(s.layers.at(s.findLayer("flatten")).kind, LayerKind::Flatten);
  for (const char* name : {"layer1", "layer1.0", "layer4", "layer2.0.downsample"}) {
    EXPECT_NE(findModule(s, name), nullptr) << name;
  }
  const auto* layer1 = findModule(s, "layer1");
  const auto* block = findModule(s, "layer1.0");
  ASSERT_TRUE(layer1 && block);
  EXPECT_EQ(layer1->shape, (std::vector<int64_t>{64, 16, 16}));
  // Outer before inner.
  auto position = [&](const ModuleOutput* m) { return m - s.modules.data(); };
  EXPECT_LT(position(layer1), position(block));
}

TEST_P(ResNetGraph, ConvAndBatchNormCarryTheirParameters) {
  const auto& s = cachedSnapshot(GetParam());
  const auto& conv1 = s.layers.at(layerIndex(s, "conv1"));
  EXPECT_EQ(conv1.kind, LayerKind::Conv2d);
  EXPECT_EQ(conv1.typeName, "Conv2d");
  EXPECT_EQ(conv1.window.kernel, (std::array<int64_t, 2>{7, 7}));
  EXPECT_EQ(conv1.window.stride, (std::array<int64_t, 2>{2, 2}));
  EXPECT_EQ(conv1.window.padding, (std::array<int64_t, 2>{3, 3}));
  EXPECT_EQ(conv1.window.dilation, (std::array<int64_t, 2>{1, 1}));
  EXPECT_EQ(conv1.window.groups, 1);
  EXPECT_EQ(conv1.weight->shape, (std::vector<int64_t>{64, 3, 7, 7}));
  EXPECT_TRUE(conv1.bias.empty()) << "torchvision ResNet convs have no bias";
  EXPECT_EQ(conv1.parameterCount, 64 * 3 * 7 * 7);
  EXPECT_EQ(conv1.output.shape, (std::vector<int64_t>{64, 32, 32}));
  EXPECT_EQ(conv1.inputs, (std::vector<int>{0}));

  const auto& bn1 = s.layers.at(layerIndex(s, "bn1"));
  EXPECT_EQ(bn1.kind, LayerKind::BatchNorm);
  for (const auto* t : {&bn1.weight, &bn1.bias, &bn1.runningMean, &bn1.runningVar}) {
    EXPECT_EQ((*t)->shape, (std::vector<int64_t>{64}));
  }
  EXPECT_DOUBLE_EQ(bn1.eps, 1e-5);
  EXPECT_EQ(bn1.parameterCount, 2 * 64);

  const auto& fc = s.layers.at(layerIndex(s, "fc"));
  EXPECT_EQ(fc.kind, LayerKind::Linear);
  EXPECT_EQ(fc.weight->shape, (std::vector<int64_t>{1000, 512}));
  EXPECT_EQ(fc.bias->shape, (std::vector<int64_t>{1000}));
  EXPECT_EQ(fc.output.shape, (std::vector<int64_t>{1000}));

  const auto& maxpool = s.layers.at(layerIndex(s, "maxpool"));
  EXPECT_EQ(maxpool.kind, LayerKind::MaxPool);
  EXPECT_EQ(maxpool.window.kernel, (std::array<int64_t, 2>{3, 3}));
  EXPECT_EQ(maxpool.window.stride, (std::array<int64_t, 2>{2, 2}));
  EXPECT_EQ(maxpool.window.padding, (std::array<int64_t, 2>{1, 1}));
  const auto& avgpool = s.layers.at(layerIndex(s, "avgpool"));
  EXPECT_EQ(avgpool.kind, LayerKind::AdaptiveAvgPool);
  EXPECT_EQ(avgpool.window.outputSize, (std::array<int64_t, 2>{1, 1}));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ResNetGraph, ::testing::Values("resnet18_scripted", "resnet18_traced"),
                         [](const auto& info) { return info.param; });

class SqueezeNetGraph : public ::testing::TestWithParam<std::string> {};

TEST_P(SqueezeNetGraph, FireConcatReadsBothExpandActivations) {
  const auto& s = cachedSnapshot(GetParam());
  int concats = 0;
  for (size_t i = 0; i < s.layers.size(); ++i) {
    const auto& layer = s.layers[i];
    if (layer.kind != LayerKind::Concat) continue;
    SCOPED_TRACE(layer.name);
    ++concats;
    EXPECT_EQ(layer.name, layer.parent + ".cat");
    EXPECT_EQ(layer.concatDim, 1);
    EXPECT_EQ(inputNames(s, int(i)), (std::vector<std::string>{layer.parent + ".expand1x1_activation",
                                                               layer.parent + ".expand3x3_activation"}));
    ASSERT_EQ(layer.inputs.size(), 2u);
    const auto& a = s.layers[layer.inputs[0]].output;
    const auto& b = s.layers[layer.inputs[1]].output;
    ASSERT_EQ(a.shape.size(), 3u);
    EXPECT_EQ(layer.output.shape, (std::vector<int64_t>{a.shape[0] + b.shape[0], a.shape[1], a.shape[2]}));
    std::vector<float> joined(a.data);
    joined.insert(joined.end(), b.data.begin(), b.data.end());
    EXPECT_TRUE(allClose(layer.output.data, joined, 0.0));
  }
  EXPECT_EQ(concats, 8) << "SqueezeNet 1.1 has eight Fire modules";
  EXPECT_GE(s.findLayer("features.3.cat"), 0);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, SqueezeNetGraph,
                         ::testing::Values("squeezenet1_1_scripted", "squeezenet1_1_traced"),
                         [](const auto& info) { return info.param; });

class MobileNetGraph : public ::testing::TestWithParam<std::string> {};

TEST_P(MobileNetGraph, DepthwiseConvHasOneGroupPerChannel) {
  const auto& s = cachedSnapshot(GetParam());
  const auto& dw = s.layers.at(layerIndex(s, "features.1.conv.0.0"));
  EXPECT_EQ(dw.kind, LayerKind::Conv2d);
  EXPECT_EQ(dw.window.groups, 32);
  EXPECT_EQ(dw.weight->shape, (std::vector<int64_t>{32, 1, 3, 3}));
  EXPECT_EQ(dw.output.shape.at(0), 32);
  int depthwise = 0;
  for (const auto& layer : s.layers) {
    if (layer.kind != LayerKind::Conv2d || layer.window.groups == 1) continue;
    ++depthwise;
    EXPECT_EQ(layer.window.groups, layer.output.shape.at(0)) << layer.name;
    EXPECT_EQ(layer.weight->shape.at(1), 1) << layer.name;
  }
  EXPECT_EQ(depthwise, 17) << "MobileNetV2 has one depthwise conv per inverted residual block";
  EXPECT_EQ(s.layers.at(layerIndex(s, "features.0.2")).kind, LayerKind::ReLU6);
  // Inverted residual blocks with a skip (stride 1, same width) end in an add of block input and projection.
  const int add = layerIndex(s, "features.3.add");
  ASSERT_GE(add, 0);
  const auto inputs = inputNames(s, add);
  EXPECT_EQ(Names(inputs.begin(), inputs.end()), (Names{"features.2.conv.3", "features.3.conv.3"}));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MobileNetGraph,
                         ::testing::Values("mobilenet_v2_scripted", "mobilenet_v2_traced"),
                         [](const auto& info) { return info.param; });

class KitchenSinkGraph : public ::testing::TestWithParam<std::string> {};

TEST_P(KitchenSinkGraph, WindowParametersAndKinds) {
  const auto& s = cachedSnapshot(GetParam());
  auto layer = [&](const char* name) -> const Layer& { return s.layers.at(layerIndex(s, name)); };
  using P = std::array<int64_t, 2>;
  EXPECT_EQ(layer("stem").window.kernel, (P{7, 7}));
  EXPECT_EQ(layer("stem").window.stride, (P{2, 2}));
  EXPECT_EQ(layer("stem").window.padding, (P{3, 3}));
  EXPECT_EQ(layer("dilated").window.dilation, (P{2, 2}));
  EXPECT_EQ(layer("dilated").window.padding, (P{2, 2}));
  EXPECT_EQ(layer("grouped").window.groups, 4);
  EXPECT_EQ(layer("grouped").weight->shape, (std::vector<int64_t>{8, 2, 3, 3}));
  EXPECT_EQ(layer("pointwise").window.kernel, (P{1, 1}));
  EXPECT_EQ(layer("asymmetric").window.kernel, (P{3, 5}));
  EXPECT_EQ(layer("asymmetric").window.stride, (P{1, 2}));
  EXPECT_EQ(layer("asymmetric").window.padding, (P{1, 2}));
  EXPECT_TRUE(layer("asymmetric").bias.empty());
  EXPECT_EQ(layer("maxpool").window.kernel, (P{3, 3}));
  EXPECT_EQ(layer("maxpool").window.stride, (P{2, 2}));
  EXPECT_EQ(layer("maxpool").window.padding, (P{1, 1}));
  EXPECT_EQ(layer("avgpool").window.padding, (P{1, 1}));
  EXPECT_FALSE(layer("avgpool").window.countIncludePad);
  EXPECT_EQ(layer("gap").window.outputSize, (P{2, 1}));
  EXPECT_DOUBLE_EQ(layer("bn").eps, 1e-3);
  EXPECT_NEAR(layer("leaky").negativeSlope, 0.2, 1e-7);
  EXPECT_TRUE(layer("softmax").softmaxDim == 1 || layer("softmax").softmaxDim == -1)
      << layer("softmax").softmaxDim;

  const std::vector<std::pair<const char*, LayerKind>> kinds{
      {"stem", LayerKind::Conv2d},         {"bn", LayerKind::BatchNorm},
      {"leaky", LayerKind::LeakyReLU},     {"relu6", LayerKind::ReLU6},
      {"hardswish", LayerKind::Hardswish}, {"gelu", LayerKind::GELU},
      {"maxpool", LayerKind::MaxPool},     {"sigmoid", LayerKind::Sigmoid},
      {"avgpool", LayerKind::AvgPool},     {"relu", LayerKind::ReLU},
      {"silu", LayerKind::SiLU},           {"gap", LayerKind::AdaptiveAvgPool},
      {"flatten", LayerKind::Flatten},     {"dropout", LayerKind::Dropout},
      {"fc", LayerKind::Linear},           {"softmax", LayerKind::Softmax}};
  for (const auto& [name, kind] : kinds) {
    EXPECT_EQ(layer(name).kind, kind) << name << " is " << layerKindName(layer(name).kind);
  }
  EXPECT_TRUE(isActivation(LayerKind::GELU));
  EXPECT_TRUE(isPooling(LayerKind::AvgPool));
  EXPECT_FALSE(isActivation(LayerKind::Conv2d));
  EXPECT_STREQ(layerKindName(LayerKind::Conv2d), "conv2d");
  // The model ends in Softmax: its output already is a distribution.
  EXPECT_TRUE(allClose(s.probabilities, s.logits, 1e-6));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, KitchenSinkGraph,
                         ::testing::Values("kitchen_sink_scripted", "kitchen_sink_traced"),
                         [](const auto& info) { return info.param; });

TEST(FlatModel, MlpOnA784VectorIsCaptured) {
  const auto& s = cachedSnapshot("mlp784_scripted");
  EXPECT_EQ(s.inputShape, (std::vector<int64_t>{784}));
  ASSERT_EQ(s.layers.size(), 4u);
  EXPECT_EQ(s.layers[1].name, "fc1");
  EXPECT_EQ(s.layers[1].kind, LayerKind::Linear);
  EXPECT_EQ(s.layers[1].output.shape, (std::vector<int64_t>{64}));
  EXPECT_EQ(s.layers[2].name, "relu");
  EXPECT_EQ(s.layers[3].name, "fc2");
  EXPECT_EQ(s.layers[3].inputs, (std::vector<int>{2}));
  EXPECT_EQ(s.logits.size(), 10u);
}

TEST(LeNet, FeaturesAndClassifierInOrder) {
  const auto& s = cachedSnapshot("lenet5_scripted");
  std::vector<std::string> names;
  for (const auto& layer : s.layers) names.push_back(layer.name);
  const std::vector<std::string> expected{
      "input",   "features.0",   "features.1",   "features.2",   "features.3",   "features.4",  "features.5",
      "flatten", "classifier.0", "classifier.1", "classifier.2", "classifier.3", "classifier.4"};
  EXPECT_EQ(names, expected);
  EXPECT_EQ(s.layers.at(2).kind, LayerKind::Tanh);
  EXPECT_EQ(s.layers.at(3).kind, LayerKind::AvgPool);
  EXPECT_EQ(s.layers.at(layerIndex(s, "flatten")).output.shape, (std::vector<int64_t>{400}));
}

}  // namespace
}  // namespace convoscope::testing
