#include "engine/TinyVggTrainer.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <random>

#include "core/Errors.h"
#include "core/IdxDataset.h"
#include "core/ModelMetadata.h"
#include "core/TrainingSeries.h"
#include "engine/CheckpointWriter.h"

namespace convoscope {
namespace {

using torch::jit::Module;

// Our modules are named like torch.nn's (Conv2d, ReLU, ...) so the capture recognises them by type name.
Module makeModule(const std::shared_ptr<torch::jit::CompilationUnit>& unit, const std::string& type,
                  const std::string& forwardSource) {
  Module module(c10::QualifiedName("__torch__.convoscope." + type), unit, /*shouldMangle=*/true);
  module.define(forwardSource);
  return module;
}

Module makeConv(const std::shared_ptr<torch::jit::CompilationUnit>& unit, int in, int out) {
  // "Same" padding keeps 28x28 through the first block; see models/README.md for why.
  Module conv(c10::QualifiedName("__torch__.convoscope.Conv2d"), unit, true);
  auto weight = torch::empty({out, in, 3, 3});
  auto bias = torch::empty({out});
  torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));  // PyTorch's default Conv2d initialisation
  const double bound = 1.0 / std::sqrt(in * 9.0);
  torch::nn::init::uniform_(bias, -bound, bound);
  conv.register_parameter("weight", weight.requires_grad_(), false);
  conv.register_parameter("bias", bias.requires_grad_(), false);
  conv.define(R"(
def forward(self, x):
    return torch.conv2d(x, self.weight, self.bias, [1, 1], [1, 1], [1, 1], 1)
)");
  return conv;
}

Module makeLinear(const std::shared_ptr<torch::jit::CompilationUnit>& unit, int in, int out) {
  Module linear(c10::QualifiedName("__torch__.convoscope.Linear"), unit, true);
  auto weight = torch::empty({out, in});
  auto bias = torch::empty({out});
  torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
  const double bound = 1.0 / std::sqrt(static_cast<double>(in));
  torch::nn::init::uniform_(bias, -bound, bound);
  linear.register_parameter("weight", weight.requires_grad_(), false);
  linear.register_parameter("bias", bias.requires_grad_(), false);
  linear.define(R"(
def forward(self, x):
    return torch.linear(x, self.weight, self.bias)
)");
  return linear;
}

Module buildTinyVgg() {
  auto unit = std::make_shared<torch::jit::CompilationUnit>();
  Module net(c10::QualifiedName("__torch__.convoscope.TinyVGG"), unit, true);
  const char* relu = "\ndef forward(self, x):\n    return torch.relu(x)\n";
  const char* pool =
      "\ndef forward(self, x):\n    return torch.max_pool2d(x, [2, 2], [2, 2], [0, 0], [1, 1], False)\n";
  net.register_module("conv_1_1", makeConv(unit, 1, 10));
  net.register_module("relu_1_1", makeModule(unit, "ReLU", relu));
  net.register_module("conv_1_2", makeConv(unit, 10, 10));
  net.register_module("relu_1_2", makeModule(unit, "ReLU", relu));
  net.register_module("max_pool_1", makeModule(unit, "MaxPool2d", pool));
  net.register_module("conv_2_1", makeConv(unit, 10, 10));
  net.register_module("relu_2_1", makeModule(unit, "ReLU", relu));
  net.register_module("conv_2_2", makeConv(unit, 10, 10));
  net.register_module("relu_2_2", makeModule(unit, "ReLU", relu));
  net.register_module("max_pool_2", makeModule(unit, "MaxPool2d", pool));
  net.register_module(
      "flatten", makeModule(unit, "Flatten", "\ndef forward(self, x):\n    return torch.flatten(x, 1)\n"));
  net.register_module("output", makeLinear(unit, 10 * 7 * 7, 10));
  // Modules built in C++ have no __call__, so submodules are invoked through .forward explicitly.
  net.define(R"(
def forward(self, x):
    x = self.relu_1_1.forward(self.conv_1_1.forward(x))
    x = self.relu_1_2.forward(self.conv_1_2.forward(x))
    x = self.max_pool_1.forward(x)
    x = self.relu_2_1.forward(self.conv_2_1.forward(x))
    x = self.relu_2_2.forward(self.conv_2_2.forward(x))
    x = self.max_pool_2.forward(x)
    x = self.flatten.forward(x)
    return self.output.forward(x)
)");
  return net;
}

torch::Tensor imagesAsTensor(const IdxDataset& data) {
  auto bytes = torch::from_blob(const_cast<uint8_t*>(data.pixels.data()),
                                {data.count, 1, data.rows, data.cols}, torch::kUInt8);
  return bytes.to(torch::kFloat).div_(255.0);  // [0,1], no normalisation: the viewer shows raw pixel values
}

torch::Tensor labelsAsTensor(const IdxDataset& data) {
  return torch::from_blob(const_cast<uint8_t*>(data.labels.data()), {data.count}, torch::kUInt8)
      .to(torch::kLong);
}

// Writes the model with its metadata, then renames it into place: a failure never leaves a half-written
// model under the requested name.
void saveTinyVgg(Module& net, const std::string& path) {
  ModelMetadata meta;
  meta.displayName = "Tiny VGG (Fashion-MNIST)";
  meta.classNames = fashionMnistClassNames();
  meta.inputShape = {1, 28, 28};
  meta.defaultImage = "samples/default.png";
  torch::jit::ExtraFilesMap extra{{"convoscope.json", serializeModelMetadata(meta)}};
  const std::string temporary = path + ".partial";
  try {
    net.save(temporary, extra);
    std::filesystem::rename(temporary, path);
  } catch (const std::exception& e) {
    std::filesystem::remove(temporary);
    throw std::runtime_error(path + ": cannot write the model (" + std::string(e.what()).substr(0, 200) + ")");
  }
}

void checkOutput(const TrainOptions& options) {
  if (options.epochs < 1) throw InputError("--epochs must be at least 1");
  if (options.checkpoints < 0 || options.checkpoints == 1)
    throw InputError("--checkpoints must be at least 2 (the initialisation and the trained model)");
  if (options.outputPath.empty()) throw InputError("train needs -o OUT.pt (or -o DIR with --checkpoints)");
  const auto outDir = std::filesystem::absolute(options.outputPath).parent_path();
  if (!std::filesystem::is_directory(outDir)) throw InputError(options.outputPath + ": folder does not exist");
  if (options.checkpoints > 0 && std::filesystem::exists(options.outputPath) &&
      !std::filesystem::is_directory(options.outputPath))
    throw InputError(options.outputPath + ": with --checkpoints, -o names a folder, and this is a file");
}

// The series' checkpoints over the whole run, or none without --checkpoints.
std::unique_ptr<CheckpointWriter> checkpointWriterFor(const TrainOptions& options, int64_t stepsPerEpoch,
                                                      int testCount) {
  if (options.checkpoints <= 0) return nullptr;
  TrainingSeries header;
  header.model = "Tiny VGG (Fashion-MNIST)";
  header.stepsPerEpoch = stepsPerEpoch;
  header.testCount = testCount;
  header.seed = options.seed;
  return std::make_unique<CheckpointWriter>(options.outputPath, header,
                                            checkpointSteps(stepsPerEpoch * options.epochs, options.checkpoints),
                                            saveTinyVgg);
}

void halveLearningRate(torch::optim::Adam& optimizer) {
  for (auto& group : optimizer.param_groups()) {
    auto& adam = static_cast<torch::optim::AdamOptions&>(group.options());
    adam.lr(adam.lr() * 0.5);
  }
}

// The loss of one batch without learning from it: what the untrained model scores at step 0.
double lossWithoutStep(Module& net, const torch::Tensor& images, const torch::Tensor& labels) {
  torch::NoGradGuard noGrad;
  return torch::nn::functional::cross_entropy(net.forward({images}).toTensor(), labels).item<double>();
}

}  // namespace

TrainResult trainTinyVgg(const TrainOptions& options) {
  checkOutput(options);
  const IdxDataset train = loadIdxDataset(options.dataDirectory, IdxSplit::Train, options.limit);
  const IdxDataset test = loadIdxDataset(options.dataDirectory, IdxSplit::Test);
  if (train.rows != 28 || train.cols != 28)
    throw InputError(options.dataDirectory + ": Tiny VGG trains on 28x28 images");

  torch::manual_seed(options.seed);
  Module net = buildTinyVgg();
  net.train();
  const auto images = imagesAsTensor(train), labels = labelsAsTensor(train);
  const auto testImages = imagesAsTensor(test), testLabels = labelsAsTensor(test);
  std::vector<torch::Tensor> parameters;
  for (const auto& p : net.parameters()) parameters.push_back(p);
  torch::optim::Adam optimizer(parameters, torch::optim::AdamOptions(options.learningRate));
  std::mt19937_64 shuffle(options.seed);
  std::vector<int64_t> order(train.count);
  std::iota(order.begin(), order.end(), 0);
  const int64_t stepsPerEpoch = (train.count + options.batchSize - 1) / options.batchSize;
  const std::unique_ptr<CheckpointWriter> checkpoints = checkpointWriterFor(options, stepsPerEpoch, test.count);

  TrainResult result;
  const auto started = std::chrono::steady_clock::now();
  int64_t step = 0, stepsSinceCheckpoint = 0;
  double lossSinceCheckpoint = 0.0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    if (epoch == options.epochs / 2 || epoch == (3 * options.epochs) / 4) halveLearningRate(optimizer);
    std::shuffle(order.begin(), order.end(), shuffle);
    const auto permutation = torch::from_blob(order.data(), {train.count}, torch::kLong);
    double lossSum = 0;
    int batches = 0;
    for (int64_t start = 0; start < train.count; start += options.batchSize) {
      const auto index = permutation.slice(0, start, std::min<int64_t>(start + options.batchSize, train.count));
      const auto batchImages = images.index_select(0, index), batchLabels = labels.index_select(0, index);
      if (checkpoints && step == 0)
        checkpoints->save(net, 0, lossWithoutStep(net, batchImages, batchLabels), testImages, testLabels);
      const auto loss = torch::nn::functional::cross_entropy(net.forward({batchImages}).toTensor(), batchLabels);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      lossSum += loss.item<double>();
      ++batches;
      ++step;
      lossSinceCheckpoint += loss.item<double>();
      ++stepsSinceCheckpoint;
      if (checkpoints && checkpoints->due(step)) {
        checkpoints->save(net, step, lossSinceCheckpoint / stepsSinceCheckpoint, testImages, testLabels);
        lossSinceCheckpoint = 0.0;
        stepsSinceCheckpoint = 0;
      }
    }
    result.epochLoss.push_back(lossSum / batches);
    result.testAccuracy = measureOnTestSet(net, testImages, testLabels).accuracy;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char line[160];
    std::snprintf(line, sizeof line, "epoch %d/%d  loss %.4f  test accuracy %.4f  (%.0f s)", epoch + 1,
                  options.epochs, result.epochLoss.back(), result.testAccuracy, seconds);
    options.log(line);
  }
  result.testCount = test.count;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (checkpoints) result.checkpoints = static_cast<int>(checkpoints->series().checkpoints.size());
  net.eval();
  if (!checkpoints) saveTinyVgg(net, options.outputPath);
  return result;
}

}  // namespace convoscope
