#include "core/SnapshotBlend.h"

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

}  // namespace convoscope
