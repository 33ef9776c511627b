#pragma once
// Hand-built Snapshots for the GL tests: a Tiny-VGG-like network (as in CNN Explainer) computed for real on a
// drawn digit, so heat maps look like a trained model's, with no libtorch and no model file.
//   input 1x28x28 → conv1 → relu1 → conv2 → relu2 → pool1 (14x14) → conv3 → relu3 → conv4 → relu4 → pool2
//   (7x7) → flatten → fc (10) → softmax
// `channelScale` multiplies every conv width (the draw-call test compares 1 and 10); `residual` adds a skip
// connection around conv3/conv4 (for arcs).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/Snapshot.h"

namespace convoscope::rendertest {

class Lcg {
 public:
  explicit Lcg(uint32_t seed) : state_(seed) {}
  float uniform() {  // [-1, 1)
    state_ = state_ * 1664525u + 1013904223u;
    return static_cast<float>(state_ >> 8) / static_cast<float>(1u << 23) - 1.0f;
  }

 private:
  uint32_t state_;
};

inline Layer syntheticLayer(const std::string& name, LayerKind kind, std::vector<int64_t> shape,
                            std::vector<float> data, std::vector<int> inputs) {
  Layer layer;
  layer.name = name;
  layer.kind = kind;
  layer.typeName = layerKindName(kind);
  layer.output.shape = std::move(shape);
  layer.output.data = std::move(data);
  layer.stats = computeStats(layer.output.data);
  layer.inputs = std::move(inputs);
  return layer;
}

// A handwritten-looking "7" with a little stroke-width variation.
inline std::vector<float> drawnSeven() {
  std::vector<float> image(28 * 28, 0.0f);
  auto stroke = [&](float x0, float y0, float x1, float y1, float width) {
    for (int y = 0; y < 28; ++y)
      for (int x = 0; x < 28; ++x) {
        const float px = x + 0.5f, py = y + 0.5f;
        const float dx = x1 - x0, dy = y1 - y0;
        float t = ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy);
        t = std::clamp(t, 0.0f, 1.0f);
        const float d = std::hypot(px - (x0 + t * dx), py - (y0 + t * dy));
        const float v = std::clamp(1.0f - (d - width * 0.5f), 0.0f, 1.0f);
        image[y * 28 + x] = std::max(image[y * 28 + x], v);
      }
  };
  stroke(6.5f, 6.5f, 21.0f, 6.0f, 2.6f);
  stroke(21.0f, 6.0f, 12.5f, 23.5f, 2.8f);
  stroke(10.5f, 14.5f, 18.5f, 14.5f, 2.0f);
  return image;
}

// 3x3 convolution, padding 1, stride 1, with weights from `rng` plus a structured part (oriented edges) so
// the first layer's maps read as edge detectors.
inline std::vector<float> conv3x3(const std::vector<float>& in, int inC, int h, int w, int outC, Lcg& rng,
                                  bool edgeBias) {
  std::vector<float> out(static_cast<size_t>(outC) * h * w, 0.0f);
  for (int o = 0; o < outC; ++o) {
    float kernel[64][9];
    const float angle = 3.14159265f * o / std::max(outC, 1);
    for (int i = 0; i < inC && i < 64; ++i)
      for (int k = 0; k < 9; ++k) {
        const int ky = k / 3 - 1, kx = k % 3 - 1;
        const float edge = edgeBias ? (std::cos(angle) * kx + std::sin(angle) * ky) : 0.0f;
        kernel[i][k] = edge + 0.55f * rng.uniform() / std::sqrt(static_cast<float>(inC));
      }
    const float bias = 0.1f * rng.uniform();
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        float sum = bias;
        for (int i = 0; i < inC && i < 64; ++i)
          for (int k = 0; k < 9; ++k) {
            const int yy = y + k / 3 - 1, xx = x + k % 3 - 1;
            if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
            sum += kernel[i][k] * in[(static_cast<size_t>(i) * h + yy) * w + xx];
          }
        out[(static_cast<size_t>(o) * h + y) * w + x] = sum;
      }
  }
  return out;
}

inline std::vector<float> relu(std::vector<float> v) {
  for (float& x : v) x = std::max(x, 0.0f);
  return v;
}

inline std::vector<float> maxPool2(const std::vector<float>& in, int c, int h, int w) {
  std::vector<float> out(static_cast<size_t>(c) * (h / 2) * (w / 2));
  for (int i = 0; i < c; ++i)
    for (int y = 0; y < h / 2; ++y)
      for (int x = 0; x < w / 2; ++x) {
        float m = -1e30f;
        for (int k = 0; k < 4; ++k)
          m = std::max(m, in[(static_cast<size_t>(i) * h + 2 * y + k / 2) * w + 2 * x + k % 2]);
        out[(static_cast<size_t>(i) * (h / 2) + y) * (w / 2) + x] = m;
      }
  return out;
}

inline Snapshot tinyVggSnapshot(int channelScale = 1, bool residual = false) {
  const int c = 10 * channelScale;
  Lcg rng(12345);
  Snapshot s;
  s.modelName = residual ? "Tiny VGG + skip (synthetic)" : "Tiny VGG (synthetic)";
  s.inputShape = {1, 28, 28};
  std::vector<float> x = drawnSeven();
  s.layers.push_back(syntheticLayer("input", LayerKind::Input, {1, 28, 28}, x, {}));
  auto add = [&](const std::string& name, LayerKind kind, std::vector<int64_t> shape,
                 std::vector<float> data) {
    const int previous = static_cast<int>(s.layers.size()) - 1;
    s.layers.push_back(syntheticLayer(name, kind, std::move(shape), std::move(data), {previous}));
    return s.layers.back().output.data;
  };
  x = add("conv1", LayerKind::Conv2d, {c, 28, 28}, conv3x3(x, 1, 28, 28, c, rng, true));
  x = add("relu1", LayerKind::ReLU, {c, 28, 28}, relu(x));
  x = add("conv2", LayerKind::Conv2d, {c, 28, 28}, conv3x3(x, c, 28, 28, c, rng, false));
  x = add("relu2", LayerKind::ReLU, {c, 28, 28}, relu(x));
  x = add("pool1", LayerKind::MaxPool, {c, 14, 14}, maxPool2(x, c, 28, 28));
  const int skipFrom = static_cast<int>(s.layers.size()) - 1;
  const std::vector<float> skip = x;
  x = add("conv3", LayerKind::Conv2d, {c, 14, 14}, conv3x3(x, c, 14, 14, c, rng, false));
  x = add("relu3", LayerKind::ReLU, {c, 14, 14}, relu(x));
  x = add("conv4", LayerKind::Conv2d, {c, 14, 14}, conv3x3(x, c, 14, 14, c, rng, false));
  if (residual) {
    for (size_t i = 0; i < x.size(); ++i) x[i] += skip[i];
    x = add("add", LayerKind::Add, {c, 14, 14}, x);
    s.layers.back().inputs.push_back(skipFrom);
  }
  x = add("relu4", LayerKind::ReLU, {c, 14, 14}, relu(x));
  x = add("pool2", LayerKind::MaxPool, {c, 7, 7}, maxPool2(x, c, 14, 14));
  x = add("flatten", LayerKind::Flatten, {static_cast<int64_t>(x.size())}, x);
  std::vector<float> logits(10, 0.0f);
  for (int o = 0; o < 10; ++o) {
    for (size_t i = 0; i < x.size(); ++i) logits[o] += 0.04f * rng.uniform() * x[i];
    if (o == 7) logits[o] += 4.0f;  // it is a seven
  }
  add("fc", LayerKind::Linear, {10}, logits);
  std::vector<float> probabilities(10);
  float m = *std::max_element(logits.begin(), logits.end()), sum = 0;
  for (int o = 0; o < 10; ++o) sum += probabilities[o] = std::exp(logits[o] - m);
  for (float& p : probabilities) p /= sum;
  add("softmax", LayerKind::Softmax, {10}, probabilities);
  for (int o = 0; o < 10; ++o) s.classNames.push_back(std::to_string(o));
  s.logits = logits;
  s.probabilities = probabilities;
  return s;
}

}  // namespace convoscope::rendertest
