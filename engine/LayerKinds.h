#pragma once
// Private to engine/: naming what a module type or a graph op computes.
#include <torch/csrc/jit/ir/ir.h>

#include <string>

#include "core/Snapshot.h"

namespace convoscope {

LayerKind kindOfModuleType(const std::string& typeName);  // "Conv2d" -> Conv2d, "Sequential" -> Other
LayerKind kindOfOp(const torch::jit::Node* node);         // aten::conv2d -> Conv2d; F.relu call -> ReLU
// An aten op that changes values (x - 0.25, x * gate, ...): it must be a layer, or the data flow would skip
// it. Pure glue (contiguous, to, detach, select, ...) is not.
bool computesValues(const torch::jit::Node* node);
std::string opShortName(const torch::jit::Node* node);  // "add", "cat", "flatten", "relu"

}  // namespace convoscope
