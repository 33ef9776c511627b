#include "engine/CheckpointWriter.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/AtomicFile.h"
#include "core/Errors.h"

namespace convoscope {

TestMeasure measureOnTestSet(torch::jit::Module& model, const torch::Tensor& images, const torch::Tensor& labels) {
  torch::NoGradGuard noGrad;
  model.eval();
  int64_t correct = 0;
  double lossSum = 0.0;
  for (int64_t start = 0; start < images.size(0); start += 1000) {
    const int64_t end = std::min<int64_t>(start + 1000, images.size(0));
    const auto logits = model.forward({images.slice(0, start, end)}).toTensor();
    const auto truth = labels.slice(0, start, end);
    correct += logits.argmax(1).eq(truth).sum().item<int64_t>();
    lossSum += torch::nn::functional::cross_entropy(
                   logits, truth, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                   .item<double>();
  }
  model.train();
  const double count = static_cast<double>(std::max<int64_t>(images.size(0), 1));
  return {static_cast<double>(correct) / count, lossSum / count};
}

CheckpointWriter::CheckpointWriter(std::string folder, TrainingSeries header, std::vector<int64_t> steps,
                                   SaveModel save)
    : folder_(std::move(folder)), series_(std::move(header)), steps_(std::move(steps)), saveModel_(std::move(save)) {
  std::error_code error;
  std::filesystem::create_directories(folder_, error);
  if (!std::filesystem::is_directory(folder_))
    throw InputError(folder_ + ": cannot make the series folder" + (error ? " (" + error.message() + ")" : ""));
}

bool CheckpointWriter::due(int64_t step) const { return std::binary_search(steps_.begin(), steps_.end(), step); }

void CheckpointWriter::save(torch::jit::Module& model, int64_t step, double trainingLoss,
                            const torch::Tensor& testImages, const torch::Tensor& testLabels) {
  const TestMeasure measured = measureOnTestSet(model, testImages, testLabels);
  char name[32];
  std::snprintf(name, sizeof name, "step-%06lld.pt", static_cast<long long>(step));
  model.eval();
  saveModel_(model, (std::filesystem::path(folder_) / name).string());
  model.train();
  TrainingCheckpoint checkpoint;
  checkpoint.file = name;
  checkpoint.step = step;
  checkpoint.epoch = series_.stepsPerEpoch > 0 ? static_cast<double>(step) / series_.stepsPerEpoch : 0.0;
  checkpoint.loss = trainingLoss;
  checkpoint.testLoss = measured.loss;
  checkpoint.testAccuracy = measured.accuracy;
  series_.checkpoints.push_back(checkpoint);
  writeFileAtomically((std::filesystem::path(folder_) / kSeriesFileName).string(), serializeTrainingSeries(series_),
                      "the series index");
}

}  // namespace convoscope
