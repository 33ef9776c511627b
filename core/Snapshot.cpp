#include "core/Snapshot.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <numeric>

namespace convoscope {

namespace {
std::atomic<uint64_t (*)()> sharedCounter{nullptr};
}  // namespace

uint64_t newSnapshotId() {
  if (auto counter = sharedCounter.load()) return counter();
  static std::atomic<uint64_t> last{0};
  return ++last;
}

void drawSnapshotIdsFrom(uint64_t (*counter)()) { sharedCounter = counter; }

const char* layerKindName(LayerKind kind) {
  switch (kind) {
    case LayerKind::Input:
      return "input";
    case LayerKind::Conv2d:
      return "conv2d";
    case LayerKind::BatchNorm:
      return "batchnorm";
    case LayerKind::ReLU:
      return "relu";
    case LayerKind::LeakyReLU:
      return "leaky_relu";
    case LayerKind::ReLU6:
      return "relu6";
    case LayerKind::Sigmoid:
      return "sigmoid";
    case LayerKind::Tanh:
      return "tanh";
    case LayerKind::Hardswish:
      return "hardswish";
    case LayerKind::GELU:
      return "gelu";
    case LayerKind::SiLU:
      return "silu";
    case LayerKind::MaxPool:
      return "max_pool";
    case LayerKind::AvgPool:
      return "avg_pool";
    case LayerKind::AdaptiveAvgPool:
      return "adaptive_avg_pool";
    case LayerKind::AdaptiveMaxPool:
      return "adaptive_max_pool";
    case LayerKind::Linear:
      return "linear";
    case LayerKind::Flatten:
      return "flatten";
    case LayerKind::Dropout:
      return "dropout";
    case LayerKind::Add:
      return "add";
    case LayerKind::Concat:
      return "concat";
    case LayerKind::Softmax:
      return "softmax";
    case LayerKind::Other:
      return "other";
  }
  return "other";
}

bool isActivation(LayerKind kind) {
  switch (kind) {
    case LayerKind::ReLU:
    case LayerKind::LeakyReLU:
    case LayerKind::ReLU6:
    case LayerKind::Sigmoid:
    case LayerKind::Tanh:
    case LayerKind::Hardswish:
    case LayerKind::GELU:
    case LayerKind::SiLU:
      return true;
    default:
      return false;
  }
}

bool isPooling(LayerKind kind) {
  return kind == LayerKind::MaxPool || kind == LayerKind::AvgPool || kind == LayerKind::AdaptiveAvgPool ||
         kind == LayerKind::AdaptiveMaxPool;
}

ActivationStats computeStats(const std::vector<float>& values) {
  ActivationStats stats;
  if (values.empty()) return stats;
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  double sum = 0;
  for (float v : values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  stats.min = lo;
  stats.max = hi;
  stats.mean = static_cast<float>(sum / static_cast<double>(values.size()));
  return stats;
}

std::vector<ClassScore> Snapshot::top(int k) const {
  std::vector<int> order(probabilities.size());
  std::iota(order.begin(), order.end(), 0);
  k = std::max(0, std::min<int>(k, static_cast<int>(order.size())));
  std::partial_sort(order.begin(), order.begin() + k, order.end(),
                    [&](int a, int b) { return probabilities[a] > probabilities[b]; });
  std::vector<ClassScore> scores;
  for (int i = 0; i < k; ++i) {
    const int index = order[i];
    std::string label =
        index < static_cast<int>(classNames.size()) ? classNames[index] : "class " + std::to_string(index);
    scores.push_back({index, label, probabilities[index]});
  }
  return scores;
}

int Snapshot::findLayer(const std::string& name) const {
  for (size_t i = 0; i < layers.size(); ++i)
    if (layers[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace convoscope
