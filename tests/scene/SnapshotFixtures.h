#pragma once
// Small hand-built Snapshots for the scene tests: a plain chain, a residual block, a SqueezeNet-like fire
// module. Activations hold a deterministic ramp so range and picking tests have known values.
#include <algorithm>
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

// A torchvision-shaped ResNet on a 3x64x64 input, shapes only (values are the ramp): stem, four stages of
// `blocks[s]` blocks (bottleneck: 1x1, 3x3, 1x1 convs, 4x wider out; basic: two 3x3), a downsample on each
// stage's first block, then avgpool, flatten, fc with ten classes. {3,4,6,3} bottleneck is ResNet-50.
inline Snapshot resnetSnapshot(std::vector<int> blocks = {3, 4, 6, 3}, bool bottleneck = true) {
  Snapshot s;
  s.modelName = bottleneck ? "resnet (bottleneck)" : "resnet (basic)";
  s.inputShape = {3, 64, 64};
  auto add = [&](const std::string& name, LayerKind kind, std::vector<int64_t> shape, std::vector<int> inputs) {
    const std::string parent = name.find('.') == std::string::npos ? "" : name.substr(0, name.rfind('.'));
    s.layers.push_back(makeLayer(name, kind, std::move(shape), std::move(inputs), parent));
    return static_cast<int>(s.layers.size()) - 1;
  };
  int x = add("input", LayerKind::Input, {3, 64, 64}, {});
  x = add("conv1", LayerKind::Conv2d, {64, 32, 32}, {x});
  x = add("bn1", LayerKind::BatchNorm, {64, 32, 32}, {x});
  x = add("relu", LayerKind::ReLU, {64, 32, 32}, {x});
  x = add("maxpool", LayerKind::MaxPool, {64, 16, 16}, {x});
  int64_t side = 16, channels = 64;
  for (size_t stage = 0; stage < blocks.size(); ++stage) {
    const int64_t width = 64 << stage, out = bottleneck ? 4 * width : width;
    if (stage > 0) side /= 2;
    for (int b = 0; b < blocks[stage]; ++b) {
      const std::string block = "layer" + std::to_string(stage + 1) + "." + std::to_string(b) + ".";
      const bool first = b == 0 && (stage > 0 || out != channels);
      int y = x;
      const int convs = bottleneck ? 3 : 2;
      for (int c = 1; c <= convs; ++c) {
        const int64_t ch = c == convs ? out : width;
        y = add(block + "conv" + std::to_string(c), LayerKind::Conv2d, {ch, side, side}, {y});
        y = add(block + "bn" + std::to_string(c), LayerKind::BatchNorm, {ch, side, side}, {y});
        if (c < convs) y = add(block + "relu" + std::to_string(c), LayerKind::ReLU, {ch, side, side}, {y});
      }
      int identity = x;
      if (first) {
        identity = add(block + "downsample.0", LayerKind::Conv2d, {out, side, side}, {x});
        identity = add(block + "downsample.1", LayerKind::BatchNorm, {out, side, side}, {identity});
      }
      x = add(block + "add", LayerKind::Add, {out, side, side}, {y, identity});
      x = add(block + "relu", LayerKind::ReLU, {out, side, side}, {x});
      channels = out;
    }
  }
  x = add("avgpool", LayerKind::AvgPool, {channels, 1, 1}, {x});
  x = add("flatten", LayerKind::Flatten, {channels}, {x});
  add("fc", LayerKind::Linear, {10}, {x});
  s.probabilities = {0.3f, 0.2f, 0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.05f, 0.03f, 0.02f};
  return s;
}

// A VGG-like chain of `convs` conv+relu layers with a max-pool after every `poolEvery`, on 3x64x64.
inline Snapshot vggSnapshot(int convs = 8, int poolEvery = 2) {
  Snapshot s;
  s.modelName = "vgg-like";
  s.inputShape = {3, 64, 64};
  s.layers.push_back(makeLayer("input", LayerKind::Input, {3, 64, 64}, {}));
  int64_t side = 64, channels = 32;
  for (int c = 0; c < convs; ++c) {
    const int x = static_cast<int>(s.layers.size()) - 1;
    s.layers.push_back(makeLayer("conv" + std::to_string(c), LayerKind::Conv2d, {channels, side, side}, {x}));
    s.layers.push_back(makeLayer("relu" + std::to_string(c), LayerKind::ReLU, {channels, side, side}, {x + 1}));
    if ((c + 1) % poolEvery == 0 && side > 2) {
      side /= 2;
      s.layers.push_back(makeLayer("pool" + std::to_string(c), LayerKind::MaxPool, {channels, side, side}, {x + 2}));
      channels = std::min<int64_t>(channels * 2, 256);
    }
  }
  const int x = static_cast<int>(s.layers.size()) - 1;
  s.layers.push_back(makeLayer("flatten", LayerKind::Flatten, {s.layers[x].output.shape[0] * side * side}, {x}));
  s.layers.push_back(makeLayer("fc", LayerKind::Linear, {10}, {x + 1}));
  s.probabilities = std::vector<float>(10, 0.1f);
  return s;
}

}  // namespace convoscope::scene_fixtures
