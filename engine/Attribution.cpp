#include "engine/Attribution.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/Errors.h"

namespace convoscope {
namespace {

// The input's C, H, W (a flat input is one channel of 1 × N).
struct InputGeometry {
  int64_t channels = 1, height = 1, width = 1;
  int64_t plane() const { return height * width; }
  int64_t size() const { return channels * plane(); }
};

InputGeometry geometryOf(const Snapshot& snapshot) {
  const std::vector<int64_t>& s = snapshot.inputShape;
  if (s.size() == 3) return {s[0], s[1], s[2]};
  int64_t n = 1;
  for (int64_t d : s) n *= d;
  return {1, 1, n};
}

void report(const AttributionOptions& options, float done) {
  if (options.progress) options.progress(std::clamp(done, 0.0f, 1.0f));
}

// y for each of `batch` inputs, from the plain forward pass (no gradient needed).
std::vector<float> scoresOf(const CaptureModel& model, const std::vector<float>& inputs, int batch,
                            const ClassTarget& target) {
  const std::vector<float> output = model.plainForward(inputs, batch);
  const size_t classes = output.size() / static_cast<size_t>(batch);
  std::vector<float> scores(batch);
  for (int b = 0; b < batch; ++b) {
    const float* row = output.data() + b * classes;
    scores[b] = row[target.classIndex] - (target.contrast ? row[*target.contrast] : 0.0f);
  }
  return scores;
}

// max over channels of |g| per pixel, added into `map` (H×W).
void addSaliency(const float* gradient, const InputGeometry& g, std::vector<float>& map, float weight) {
  for (int64_t p = 0; p < g.plane(); ++p) {
    float m = 0;
    for (int64_t c = 0; c < g.channels; ++c) m = std::max(m, std::fabs(gradient[c * g.plane() + p]));
    map[p] += weight * m;
  }
}

// Runs `count` inputs made by `make(i, destination)` through inputGradients in batches; `use(i, gradient)`
// receives each input's ∂y/∂x.
template <typename Make, typename Use>
void batchedGradients(const CaptureModel& model, const AttributionOptions& options, const InputGeometry& g,
                      int count, Make make, Use use) {
  const int batch = std::max(1, options.batch);
  std::vector<float> inputs;
  for (int first = 0; first < count; first += batch) {
    const int n = std::min(batch, count - first);
    inputs.assign(static_cast<size_t>(n) * g.size(), 0.0f);
    for (int i = 0; i < n; ++i) make(first + i, inputs.data() + i * g.size());
    const InputGradients result = model.inputGradients(inputs, n, options.target);
    for (int i = 0; i < n; ++i) use(first + i, result.gradients.data() + i * g.size());
    report(options, static_cast<float>(first + n) / count);
  }
}

Attribution gradCam(const CaptureModel& model, const std::vector<float>& input, const Snapshot& snapshot,
                    const AttributionOptions& options, Attribution out) {
  const int layer = options.layer >= 0 ? options.layer : defaultGradCamLayer(snapshot);
  if (layer < 0 || layer >= static_cast<int>(snapshot.layers.size()))
    throw InputError("Grad-CAM needs a layer with a C×H×W output; this model has none");
  const std::vector<int64_t>& shape = snapshot.layers[layer].output.shape;
  if (shape.size() != 3)
    throw InputError("Grad-CAM needs a layer with a C×H×W output; " + snapshot.layers[layer].name +
                     " has none (the last spatial convolution is the usual choice)");
  const LayerGradients lg = model.layerGradients(input, layer, options.target);
  const int64_t channels = shape[0], plane = shape[1] * shape[2];
  out.layer = layer;
  out.layerName = snapshot.layers[layer].name;
  out.shape = {shape[1], shape[2]};
  out.score = lg.score;
  out.values.assign(plane, 0.0f);
  for (int64_t k = 0; k < channels; ++k) {
    double weight = 0;
    for (int64_t p = 0; p < plane; ++p) weight += lg.gradient[k * plane + p];
    weight /= static_cast<double>(plane);
    for (int64_t p = 0; p < plane; ++p)
      out.values[p] += static_cast<float>(weight * lg.activation[k * plane + p]);
  }
  for (float& v : out.values) v = std::max(v, 0.0f);
  report(options, 1.0f);
  return out;
}

Attribution saliency(const CaptureModel& model, const std::vector<float>& input, const InputGeometry& g,
                     const AttributionOptions& options, Attribution out) {
  const InputGradients result = model.inputGradients(input, 1, options.target);
  out.shape = {g.height, g.width};
  out.score = result.scores[0];
  out.values.assign(g.plane(), 0.0f);
  addSaliency(result.gradients.data(), g, out.values, 1.0f);
  report(options, 1.0f);
  return out;
}

Attribution smoothGrad(const CaptureModel& model, const std::vector<float>& input, const InputGeometry& g,
                       const AttributionOptions& options, Attribution out) {
  if (options.samples < 1) throw InputError("--samples must be at least 1");
  const auto [lo, hi] = std::minmax_element(input.begin(), input.end());
  const float sigma = options.noise * (*hi - *lo);
  std::mt19937_64 random(options.seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  // The noise is drawn in sample order before batching, so the map does not depend on the batch size.
  std::vector<float> noise(static_cast<size_t>(options.samples) * g.size());
  for (float& n : noise) n = sigma * normal(random);
  out.shape = {g.height, g.width};
  out.values.assign(g.plane(), 0.0f);
  batchedGradients(
      model, options, g, options.samples,
      [&](int i, float* destination) {
        for (int64_t v = 0; v < g.size(); ++v) destination[v] = input[v] + noise[i * g.size() + v];
      },
      [&](int, const float* gradient) { addSaliency(gradient, g, out.values, 1.0f / options.samples); });
  out.score = scoresOf(model, input, 1, options.target)[0];
  return out;
}

Attribution integratedGradients(const CaptureModel& model, const std::vector<float>& input,
                                const InputGeometry& g, const AttributionOptions& options, Attribution out) {
  if (options.steps < 1) throw InputError("--steps must be at least 1");
  std::vector<double> mean(g.size(), 0.0);
  batchedGradients(
      model, options, g, options.steps,
      [&](int i, float* destination) {
        const float alpha = (static_cast<float>(i) + 0.5f) / options.steps;
        for (int64_t v = 0; v < g.size(); ++v) destination[v] = alpha * input[v];
      },
      [&](int, const float* gradient) {
        for (int64_t v = 0; v < g.size(); ++v) mean[v] += gradient[v] / static_cast<double>(options.steps);
      });
  out.shape = {g.channels, g.height, g.width};
  out.values.resize(g.size());
  double total = 0;
  for (int64_t v = 0; v < g.size(); ++v) {
    out.values[v] = static_cast<float>(input[v] * mean[v]);
    total += input[v] * mean[v];
  }
  std::vector<float> ends(input);
  ends.resize(2 * g.size(), 0.0f);  // x, then the zero baseline
  const std::vector<float> scores = scoresOf(model, ends, 2, options.target);
  out.score = scores[0];
  out.delta = static_cast<float>(total - (static_cast<double>(scores[0]) - scores[1]));
  return out;
}

Attribution occlusion(const CaptureModel& model, const std::vector<float>& input, const InputGeometry& g,
                      const AttributionOptions& options, Attribution out) {
  const int64_t side = std::max(g.height, g.width);
  const int64_t patch = options.patch > 0 ? options.patch : std::max<int64_t>(1, side / 8);
  const int64_t stride = options.stride > 0 ? options.stride : std::max<int64_t>(1, patch / 2);
  // Patch corners: every stride, plus one flush with the far edge so each pixel is covered.
  auto corners = [&](int64_t extent) {
    std::vector<int64_t> at;
    const int64_t last = std::max<int64_t>(0, extent - patch);
    for (int64_t p = 0; p < last; p += stride) at.push_back(p);
    at.push_back(last);
    return at;
  };
  const std::vector<int64_t> rows = corners(g.height), cols = corners(g.width);
  // Calls visit(p) for each pixel p (index in the H×W plane) of patch `index` (row-major over the corners).
  auto eachPixel = [&](int index, auto visit) {
    const int64_t y0 = rows[index / cols.size()], x0 = cols[index % cols.size()];
    for (int64_t y = y0; y < std::min(g.height, y0 + patch); ++y)
      for (int64_t x = x0; x < std::min(g.width, x0 + patch); ++x) visit(y * g.width + x);
  };
  const float score = scoresOf(model, input, 1, options.target)[0];
  std::vector<double> drop(g.plane(), 0.0), covered(g.plane(), 0.0);
  const int count = static_cast<int>(rows.size() * cols.size());
  const int batch = std::max(1, options.batch);
  std::vector<float> inputs;
  for (int first = 0; first < count; first += batch) {
    const int n = std::min(batch, count - first);
    inputs.clear();
    for (int i = 0; i < n; ++i) {
      inputs.insert(inputs.end(), input.begin(), input.end());
      float* copy = inputs.data() + i * g.size();
      eachPixel(first + i, [&](int64_t p) {
        for (int64_t c = 0; c < g.channels; ++c) copy[c * g.plane() + p] = 0.0f;
      });
    }
    const std::vector<float> scores = scoresOf(model, inputs, n, options.target);
    for (int i = 0; i < n; ++i)
      eachPixel(first + i, [&](int64_t p) {
        drop[p] += score - scores[i];
        covered[p] += 1.0;
      });
    report(options, static_cast<float>(first + n) / count);
  }
  out.shape = {g.height, g.width};
  out.score = score;
  out.values.resize(g.plane());
  for (int64_t p = 0; p < g.plane(); ++p)
    out.values[p] = static_cast<float>(drop[p] / std::max(1.0, covered[p]));
  return out;
}

}  // namespace

int defaultGradCamLayer(const Snapshot& snapshot) {
  for (int l = static_cast<int>(snapshot.layers.size()) - 1; l >= 0; --l) {
    const Layer& layer = snapshot.layers[l];
    if (layer.kind == LayerKind::Conv2d && layer.output.shape.size() == 3 &&
        (layer.output.shape[1] > 1 || layer.output.shape[2] > 1))
      return l;
  }
  return -1;
}

Attribution attribute(const CaptureModel& model, const std::vector<float>& input, const Snapshot& snapshot,
                      const AttributionOptions& options) {
  Attribution out;
  out.method = options.method;
  out.target = options.target;
  const InputGeometry g = geometryOf(snapshot);
  const int classes = static_cast<int>(snapshot.logits.size());
  for (const std::optional<int>& index :
       {std::optional<int>(options.target.classIndex), options.target.contrast})
    if (index && (*index < 0 || *index >= classes))
      throw InputError("class " + std::to_string(*index) + " is out of range; the model has " +
                       std::to_string(classes) + " classes (0.." + std::to_string(classes - 1) + ")");
  if (static_cast<int64_t>(input.size()) != g.size())
    throw InputError("the input has " + std::to_string(input.size()) + " values; the model takes " +
                     std::to_string(g.size()));
  switch (options.method) {
    case AttributionMethod::GradCam:
      return gradCam(model, input, snapshot, options, out);
    case AttributionMethod::Saliency:
      return saliency(model, input, g, options, out);
    case AttributionMethod::SmoothGrad:
      return smoothGrad(model, input, g, options, out);
    case AttributionMethod::IntegratedGradients:
      return integratedGradients(model, input, g, options, out);
    case AttributionMethod::Occlusion:
      return occlusion(model, input, g, options, out);
  }
  return out;
}

}  // namespace convoscope
