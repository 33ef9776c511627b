#include "core/SnapshotBlend.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace convoscope {
namespace {

void mixInto(std::vector<float>& values, const std::vector<float>& other, float t, const char* what) {
  if (values.size() != other.size())
    throw std::invalid_argument(std::string("the two snapshots' ") + what + " differ in size");
  for (size_t i = 0; i < values.size(); ++i) values[i] += t * (other[i] - values[i]);
}

ParameterTensor mixed(const ParameterTensor& a, const ParameterTensor& b, float t) {
  if (a.empty() && b.empty()) return a;
  FloatTensor out = *a;
  if (out.shape != b->shape) throw std::invalid_argument("the two snapshots' parameters differ in shape");
  mixInto(out.data, b->data, t, "parameters");
  return ParameterTensor(std::move(out));
}

float mixed(float a, float b, float t) { return a + t * (b - a); }

}  // namespace

Snapshot blendSnapshots(const Snapshot& a, const Snapshot& b, float t) {
  if (a.layers.size() != b.layers.size() || a.modules.size() != b.modules.size())
    throw std::invalid_argument("the two snapshots come from different models");
  Snapshot s = a;
  s.renewId();
  for (size_t l = 0; l < s.layers.size(); ++l) {
    Layer& layer = s.layers[l];
    const Layer& other = b.layers[l];
    if (layer.output.shape != other.output.shape) throw std::invalid_argument("the two snapshots' layer shapes differ");
    mixInto(layer.output.data, other.output.data, t, "activations");
    layer.stats = computeStats(layer.output.data);
    layer.weight = mixed(layer.weight, other.weight, t);
    layer.bias = mixed(layer.bias, other.bias, t);
    layer.runningMean = mixed(layer.runningMean, other.runningMean, t);
    layer.runningVar = mixed(layer.runningVar, other.runningVar, t);
  }
  // A container's range is only mixed, not measured: it groups colour ranges, and the frame is in between.
  for (size_t m = 0; m < s.modules.size(); ++m) {
    ActivationStats& stats = s.modules[m].stats;
    const ActivationStats& other = b.modules[m].stats;
    stats = {mixed(stats.min, other.min, t), mixed(stats.max, other.max, t), mixed(stats.mean, other.mean, t)};
  }
  mixInto(s.logits, b.logits, t, "outputs");
  mixInto(s.probabilities, b.probabilities, t, "probabilities");
  return s;
}

bool sameArchitecture(const Snapshot& a, const Snapshot& b) {
  if (a.layers.size() != b.layers.size()) return false;
  for (size_t l = 0; l < a.layers.size(); ++l)
    if (a.layers[l].name != b.layers[l].name || a.layers[l].output.shape != b.layers[l].output.shape) return false;
  return true;
}

std::optional<int> snapshotAtOrBelow(const CheckpointSnapshots& snapshots, double position) {
  const int last = static_cast<int>(snapshots.size()) - 1;
  for (int k = std::min(static_cast<int>(std::floor(position + 1e-9)), last); k >= 0; --k)
    if (snapshots[k]) return k;
  return std::nullopt;
}

std::optional<int> snapshotAtOrAbove(const CheckpointSnapshots& snapshots, double position) {
  for (int k = std::max(0, static_cast<int>(std::ceil(position - 1e-9))); k < static_cast<int>(snapshots.size()); ++k)
    if (snapshots[k]) return k;
  return std::nullopt;
}

std::shared_ptr<const Snapshot> snapshotAtPosition(const CheckpointSnapshots& snapshots, double position, bool blend) {
  const std::optional<int> lo = snapshotAtOrBelow(snapshots, position), hi = snapshotAtOrAbove(snapshots, position);
  if (!lo || !hi) return lo ? snapshots[*lo] : hi ? snapshots[*hi] : nullptr;
  if (*lo == *hi) return snapshots[*lo];
  const float mix = static_cast<float>((position - *lo) / (*hi - *lo));
  if (!blend) return snapshots[mix < 0.5f ? *lo : *hi];
  return std::make_shared<const Snapshot>(blendSnapshots(*snapshots[*lo], *snapshots[*hi], mix));
}

}  // namespace convoscope
