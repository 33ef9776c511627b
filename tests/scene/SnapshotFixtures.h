#pragma once
// Small hand-built Snapshots for the scene tests: a plain chain, a residual block, a SqueezeNet-like fire
// module. Activations hold a deterministic ramp so range and picking tests have known values.
#include <string>
#include <vector>

#include "core/Snapshot.h"

namespace convoscope::scene_fixtures {

inline Layer makeLayer(const std::string& name, LayerKind kind, std::vector<int64_t> shape,
                       std::vector<int> inputs, const std::string& parent = "") {
  Layer layer;
  layer.name = name;
  layer.kind = kind;
  layer.parent = parent;
  layer.inputs = std::move(inputs);
  int64_t count = 1;
  for (int64_t d : shape) count *= d;
  layer.output.shape = std::move(shape);
  layer.output.data.resize(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i)
    layer.output.data[i] = static_cast<float>(i % 7) * 0.5f;  // non-negative
  return layer;
}

// input → conv1 → bn1 → relu1 → pool → conv2 → relu2 → flatten → fc → softmax
inline Snapshot chainSnapshot() {
  Snapshot s;
  s.modelName = "chain";
  s.inputShape = {3, 32, 32};
  s.layers = {
      makeLayer("input", LayerKind::Input, {3, 32, 32}, {}),
      makeLayer("conv1", LayerKind::Conv2d, {8, 32, 32}, {0}),
      makeLayer("bn1", LayerKind::BatchNorm, {8, 32, 32}, {1}),
      makeLayer("relu1", LayerKind::ReLU, {8, 32, 32}, {2}),
      makeLayer("pool", LayerKind::MaxPool, {8, 16, 16}, {3}),
      makeLayer("conv2", LayerKind::Conv2d, {16, 16, 16}, {4}),
      makeLayer("relu2", LayerKind::ReLU, {16, 16, 16}, {5}),
      makeLayer("flatten", LayerKind::Flatten, {4096}, {6}),
      makeLayer("fc", LayerKind::Linear, {10}, {7}),
      makeLayer("softmax", LayerKind::Softmax, {10}, {8}),
  };
  for (int i = 0; i < 10; ++i) s.classNames.push_back("class" + std::to_string(i));
  s.probabilities = {0.01f, 0.02f, 0.5f, 0.03f, 0.2f, 0.04f, 0.05f, 0.1f, 0.03f, 0.02f};
  s.logits = s.probabilities;
  return s;
}

// input → conv0 → relu0 ─┬→ conv1 → bn1 → relu1 → conv2 → bn2 → add → relu
//                        └──────────────────────────────────────↗
inline Snapshot residualSnapshot() {
  Snapshot s;
  s.modelName = "residual";
  s.inputShape = {3, 16, 16};
  s.layers = {
      makeLayer("input", LayerKind::Input, {3, 16, 16}, {}),
      makeLayer("conv0", LayerKind::Conv2d, {8, 16, 16}, {0}),
      makeLayer("relu0", LayerKind::ReLU, {8, 16, 16}, {1}),
      makeLayer("block.conv1", LayerKind::Conv2d, {8, 16, 16}, {2}, "block"),
      makeLayer("block.bn1", LayerKind::BatchNorm, {8, 16, 16}, {3}, "block"),
      makeLayer("block.relu1", LayerKind::ReLU, {8, 16, 16}, {4}, "block"),
      makeLayer("block.conv2", LayerKind::Conv2d, {8, 16, 16}, {5}, "block"),
      makeLayer("block.bn2", LayerKind::BatchNorm, {8, 16, 16}, {6}, "block"),
      makeLayer("block.add", LayerKind::Add, {8, 16, 16}, {7, 2}, "block"),
      makeLayer("block.relu", LayerKind::ReLU, {8, 16, 16}, {8}, "block"),
  };
  return s;
}

// input → squeeze → squeeze_relu ─┬→ expand1x1 → relu ─┐
//                                 └→ expand3x3 → relu ─┴→ concat → pool
inline Snapshot fireSnapshot() {
  Snapshot s;
  s.modelName = "fire";
  s.inputShape = {3, 16, 16};
  s.layers = {
      makeLayer("input", LayerKind::Input, {3, 16, 16}, {}),
      makeLayer("fire.squeeze", LayerKind::Conv2d, {4, 16, 16}, {0}, "fire"),
      makeLayer("fire.squeeze_activation", LayerKind::ReLU, {4, 16, 16}, {1}, "fire"),
      makeLayer("fire.expand1x1", LayerKind::Conv2d, {8, 16, 16}, {2}, "fire"),
      makeLayer("fire.expand1x1_activation", LayerKind::ReLU, {8, 16, 16}, {3}, "fire"),
      makeLayer("fire.expand3x3", LayerKind::Conv2d, {8, 16, 16}, {2}, "fire"),
      makeLayer("fire.expand3x3_activation", LayerKind::ReLU, {8, 16, 16}, {5}, "fire"),
      makeLayer("fire.concat", LayerKind::Concat, {16, 16, 16}, {4, 6}, "fire"),
      makeLayer("pool", LayerKind::AvgPool, {16, 8, 8}, {7}),
  };
  return s;
}

}  // namespace convoscope::scene_fixtures
