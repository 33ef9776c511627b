#pragma once
// The plain-C++ result of one captured forward pass: what every other folder reads. No torch types here.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace convoscope {

enum class LayerKind {
  Input,
  Conv2d,
  BatchNorm,
  ReLU,
  LeakyReLU,
  ReLU6,
  Sigmoid,
  Tanh,
  Hardswish,
  GELU,
  SiLU,
  MaxPool,
  AvgPool,
  AdaptiveAvgPool,
  AdaptiveMaxPool,
  Linear,
  Flatten,
  Dropout,
  Add,
  Concat,
  Softmax,
  Other,
};

const char* layerKindName(LayerKind kind);  // "conv2d", "relu", ... (the JSON / CLI spelling)
bool isActivation(LayerKind kind);          // elementwise nonlinearity (relu, tanh, ...)
bool isPooling(LayerKind kind);

// A float tensor in row-major order (no batch dimension for activations).
struct FloatTensor {
  std::vector<int64_t> shape;
  std::vector<float> data;
  bool empty() const { return data.empty(); }
  int64_t numel() const { return static_cast<int64_t>(data.size()); }
};

// A model parameter (weights, bias, running statistics): immutable and shared by every Snapshot of the same
// model, so running a new image copies no weights. Reads like a const FloatTensor (`p->shape`, `*p`).
class ParameterTensor {
 public:
  ParameterTensor() = default;
  ParameterTensor(FloatTensor tensor) : tensor_(std::make_shared<const FloatTensor>(std::move(tensor))) {}
  const FloatTensor& operator*() const { return tensor_ ? *tensor_ : empty_; }
  const FloatTensor* operator->() const { return &**this; }
  operator const FloatTensor&() const { return **this; }
  bool empty() const { return !tensor_ || tensor_->empty(); }

 private:
  std::shared_ptr<const FloatTensor> tensor_;
  static inline const FloatTensor empty_{};
};

// Window hyper-parameters of convolution and pooling, as (height, width) pairs.
struct WindowParams {
  std::array<int64_t, 2> kernel{1, 1};
  std::array<int64_t, 2> stride{1, 1};
  std::array<int64_t, 2> padding{0, 0};
  std::array<int64_t, 2> dilation{1, 1};
  int64_t groups = 1;
  bool ceilMode = false;
  bool countIncludePad = true;              // average pooling
  std::array<int64_t, 2> outputSize{0, 0};  // adaptive pooling
};

struct ActivationStats {
  float min = 0, max = 0, mean = 0;
};

struct Layer {
  std::string name;  // "layer1.0.conv1", "layer1.0.add", "input"
  LayerKind kind = LayerKind::Other;
  std::string typeName;  // module class ("Conv2d") or op ("aten::add_") it came from
  std::string parent;    // enclosing module path ("layer1.0"), "" at the top
  FloatTensor output;    // activation, batch dimension removed (e.g. [C,H,W] or [N])
  ActivationStats stats;
  std::vector<int> inputs;  // data-flow edges: indices of the layers this one reads, in argument order

  // Parameters where the kind has them (conv/linear: weight, bias; batchnorm: gamma=weight, beta=bias).
  ParameterTensor weight, bias, runningMean, runningVar;
  WindowParams window;          // conv and pooling
  double eps = 1e-5;            // batchnorm
  double negativeSlope = 0.01;  // leaky relu
  double alpha = 1.0;           // residual add: out = a + alpha * b
  int64_t concatDim = 1;        // concat, in the batched tensor's dimensions
  int64_t softmaxDim = -1;
  int64_t parameterCount = 0;
};

// A container module's output (layer1, layer1.0, features...), captured for inspection and range grouping.
struct ModuleOutput {
  std::string name;
  std::string typeName;
  std::vector<int64_t> shape;
  ActivationStats stats;
  int firstLayer = -1, lastLayer = -1;  // span of layers (indices) it contains
};

struct ClassScore {
  int index = 0;
  std::string label;
  float probability = 0;
};

// A number no other snapshot of this process has had (from 1). Caches key on it, never on an address: the
// allocator reuses freed blocks, so a new snapshot can sit exactly where an old one was.
uint64_t newSnapshotId();
// The engine module (app/EngineLibrary.h) carries its own copy of core/: the binary hands it its counter when
// opening it, so that one process has one sequence of ids.
void drawSnapshotIdsFrom(uint64_t (*counter)());

struct Snapshot {
  // Copies share the id (same numbers); code that changes a snapshot's values in place calls renewId().
  uint64_t id = newSnapshotId();
  void renewId() { id = newSnapshotId(); }
  std::string modelName;
  std::vector<int64_t> inputShape;    // C,H,W (or N for flat inputs)
  std::vector<Layer> layers;          // data-flow order; layers[0] is the input
  std::vector<ModuleOutput> modules;  // containers, outer before inner
  std::vector<std::string> classNames;
  std::vector<float> logits;         // the model's final output, flattened
  std::vector<float> probabilities;  // softmax of logits (or the output itself when it already is one)
  std::vector<ClassScore> top(int k) const;
  int findLayer(const std::string& name) const;  // -1 when absent
};

ActivationStats computeStats(const std::vector<float>& values);

}  // namespace convoscope
