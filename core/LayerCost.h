#pragma once
// What a layer costs and how much of its output is exactly zero: the inspector's and `inspect --json`'s
// "macs", "flops" and "zeros" (docs/CLI.md has the counting rules):
//   MACs   conv: output values × (input channels / groups) × kernel h × w; linear: outputs × input features;
//          every other kind 0
//   FLOPs  2 per MAC and 1 per output value for a bias (conv, linear); batchnorm 2 per value (scale, shift);
//          activations and adds 1 per value; pooling the window's h × w per output value (adaptive pooling:
//          ⌈in / out⌉ per side); softmax 3 per value (exp, sum, divide); input, flatten, dropout, concat 0
#include <cstdint>
#include <vector>

#include "core/Snapshot.h"

namespace convoscope {

struct LayerCost {
  int64_t macs = 0, flops = 0;
};

// `snapshot` gives the shapes of the layer's inputs (adaptive pooling's window).
LayerCost layerCost(const Snapshot& snapshot, int layer);
LayerCost modelCost(const Snapshot& snapshot);  // every layer's, added up

// The share of values that are exactly 0 (a ReLU's dead cells): over the whole output, and per channel for a
// C×H×W output (empty otherwise).
struct ZeroShare {
  double layer = 0;
  std::vector<double> channels;
};
ZeroShare zeroShare(const Layer& layer);

}  // namespace convoscope
