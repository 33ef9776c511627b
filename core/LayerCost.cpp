#include "core/LayerCost.h"

namespace convoscope {
namespace {

// Input channels per group × kernel area (conv, weight [Cout, Cin/groups, kh, kw]) or input features
// (linear, weight [out, in]): the MACs behind one output value.
int64_t macsPerOutput(const Layer& layer) {
  const std::vector<int64_t>& w = layer.weight->shape;
  int64_t per = 1;
  for (size_t d = 1; d < w.size(); ++d) per *= w[d];
  return w.size() >= 2 ? per : 0;
}

// ⌈in / out⌉ per side: the window adaptive pooling averages (or takes the maximum of) for one output.
int64_t adaptiveWindow(const Snapshot& snapshot, const Layer& layer) {
  if (layer.inputs.empty()) return 1;
  const std::vector<int64_t>& in = snapshot.layers[layer.inputs[0]].output.shape;
  const std::vector<int64_t>& out = layer.output.shape;
  if (in.size() != 3 || out.size() != 3 || out[1] < 1 || out[2] < 1) return 1;
  return ((in[1] + out[1] - 1) / out[1]) * ((in[2] + out[2] - 1) / out[2]);
}

}  // namespace

LayerCost layerCost(const Snapshot& snapshot, int index) {
  const Layer& layer = snapshot.layers[index];
  const int64_t values = layer.output.numel();
  LayerCost cost;
  if (isActivation(layer.kind) || layer.kind == LayerKind::Add) {
    cost.flops = values;
    return cost;
  }
  switch (layer.kind) {
    case LayerKind::Conv2d:
    case LayerKind::Linear:
      cost.macs = values * macsPerOutput(layer);
      cost.flops = 2 * cost.macs + (layer.bias.empty() ? 0 : values);
      break;
    case LayerKind::BatchNorm:
      cost.flops = 2 * values;
      break;
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
      cost.flops = values * layer.window.kernel[0] * layer.window.kernel[1];
      break;
    case LayerKind::AdaptiveAvgPool:
    case LayerKind::AdaptiveMaxPool:
      cost.flops = values * adaptiveWindow(snapshot, layer);
      break;
    case LayerKind::Softmax:
      cost.flops = 3 * values;
      break;
    default:
      break;
  }
  return cost;
}

LayerCost modelCost(const Snapshot& snapshot) {
  LayerCost total;
  for (size_t i = 0; i < snapshot.layers.size(); ++i) {
    const LayerCost c = layerCost(snapshot, static_cast<int>(i));
    total.macs += c.macs;
    total.flops += c.flops;
  }
  return total;
}

ZeroShare zeroShare(const Layer& layer) {
  ZeroShare share;
  const std::vector<float>& v = layer.output.data;
  if (v.empty()) return share;
  int64_t zeros = 0;
  const std::vector<int64_t>& shape = layer.output.shape;
  const bool channelled = shape.size() == 3 && shape[0] * shape[1] * shape[2] == layer.output.numel();
  const size_t plane = channelled ? static_cast<size_t>(shape[1] * shape[2]) : v.size();
  for (size_t begin = 0; begin < v.size(); begin += plane) {
    int64_t here = 0;
    for (size_t i = begin; i < begin + plane; ++i) here += v[i] == 0.0f;
    zeros += here;
    if (channelled) share.channels.push_back(plane ? static_cast<double>(here) / plane : 0.0);
  }
  share.layer = static_cast<double>(zeros) / static_cast<double>(v.size());
  return share;
}

}  // namespace convoscope
