#pragma once
// Private to engine/: turns a TorchScript module's forward graph into one that also returns every layer's
// activation ("taps"). This is our forward-hook mechanism; torch types are fine here (never include this
// header outside engine/).
#include <torch/script.h>

#include <memory>
#include <string>
#include <vector>

#include "core/Snapshot.h"

namespace convoscope {

// How a tap leaves the graph: a copy of the activation, or only its shape (to size memory before a run).
enum class TapMode { Activation, ShapeOnly };

struct TapInfo {
  Layer layer;                 // everything but the data (name, kind, params, parent, inputs)
  bool isContainer = false;    // a module holding other modules (goes to Snapshot::modules)
  std::string modulePath;      // where its parameters live ("" for functional ops)
  std::vector<int> ancestors;  // indices (in taps) of containers enclosing it, outer first
};

struct CaptureGraph {
  std::shared_ptr<torch::jit::Graph> graph;  // (self, input) -> (model output, tap 0, tap 1, ...)
  std::vector<TapInfo> taps;                 // tap i is tuple element i+1; layer inputs index layers
  std::vector<int> layerTaps;                // data-flow layers in order: tap index, -1 for the model input
};

// Throws InputError (with `origin` in the message) when the module's forward cannot be captured.
CaptureGraph buildCaptureGraph(const torch::jit::Module& module, TapMode mode, const std::string& origin);

}  // namespace convoscope
