#include "engine/TopExamples.h"

#include <algorithm>

#include "engine/CaptureModelImpl.h"

namespace convoscope {
namespace {

using ModelState = CaptureModelAccess::State;

bool better(const TopExample& a, const TopExample& b) {
  return a.value > b.value || (a.value == b.value && a.index < b.index);
}

// Keeps the k best examples of one channel: a small sorted list (k is ~9).
void offer(std::vector<TopExample>& best, const TopExample& candidate, int k) {
  if (static_cast<int>(best.size()) == k && !better(candidate, best.back())) return;
  best.insert(std::upper_bound(best.begin(), best.end(), candidate, better), candidate);
  if (static_cast<int>(best.size()) > k) best.pop_back();
}

// A batch of the source's images as the model's input tensor.
at::Tensor batchInput(const ModelState& m, const ExampleSource& source, int first, int count) {
  int64_t per = 1;
  for (int64_t d : m.metadata.inputShape) per *= d;
  std::vector<float> values;
  values.reserve(static_cast<size_t>(per) * count);
  for (int i = first; i < first + count; ++i) {
    const std::vector<float> one = imageToInput(source.image(i), m.metadata.inputShape, m.metadata.normalization);
    values.insert(values.end(), one.begin(), one.end());
  }
  return m.inputTensor(values, count);
}

// The layers to collect: as asked, or every spatial one (found from the first batch's outputs).
std::vector<int> spatialLayers(const ModelState& m, const c10::ivalue::TupleElements& outputs, const at::Tensor& x,
                               const std::vector<int>& asked) {
  std::vector<int> layers;
  const int total = static_cast<int>(m.capture.layerTaps.size());
  for (int l = asked.empty() ? 1 : 0; l < total; ++l) {
    const bool wanted = asked.empty() || std::find(asked.begin(), asked.end(), l) != asked.end();
    if (!wanted) continue;
    if (m.layerOutput(outputs, x, l).dim() == 4)
      layers.push_back(l);
    else if (!asked.empty())
      throw InputError(m.path + ": " + m.layerTemplates[l].name + " has no channels (its output is not C×H×W)");
  }
  for (int l : asked)
    if (l < 0 || l >= total) throw InputError(m.path + ": no layer " + std::to_string(l));
  return layers;
}

// Every channel's spatial maximum and where it is, for each image of the batch.
void collectBatch(const at::Tensor& activation, int first, const ExampleSource& source, int k, LayerExamples& out) {
  const int64_t batch = activation.size(0), channels = activation.size(1), width = activation.size(3);
  const auto [values, where] = activation.to(at::kFloat).flatten(2).max(2);
  const at::Tensor v = values.contiguous(), w = where.to(at::kLong).contiguous();
  const float* value = v.data_ptr<float>();
  const int64_t* position = w.data_ptr<int64_t>();
  if (out.channels.empty())
    for (int c = 0; c < channels; ++c) out.channels.push_back({c, {}});
  for (int64_t b = 0; b < batch; ++b) {
    const int index = first + static_cast<int>(b);
    const int label = source.label(index);
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t p = position[b * channels + c];
      offer(out.channels[c].examples,
            {index, label, value[b * channels + c], static_cast<int>(p / width), static_cast<int>(p % width)}, k);
    }
  }
}

}  // namespace

std::vector<LayerExamples> collectTopExamples(const CaptureModel& model, const ExampleSource& source,
                                              const TopExampleOptions& options) {
  const ModelState& m = CaptureModelAccess::of(model);
  if (options.k < 1) throw InputError("--k must be at least 1");
  torch::NoGradGuard frozen;
  const int batch = std::max(1, options.batch);
  std::vector<int> layers;
  std::vector<LayerExamples> out;
  for (int first = 0; first < source.count(); first += batch) {
    const int count = std::min(batch, source.count() - first);
    const at::Tensor x = batchInput(m, source, first, count);
    const c10::ivalue::TupleElements outputs = m.runCaptureGraph(x);
    if (first == 0) {
      layers = spatialLayers(m, outputs, x, options.layers);
      for (int l : layers) out.push_back({l, {}});
    }
    for (size_t i = 0; i < layers.size(); ++i) collectBatch(m.layerOutput(outputs, x, layers[i]), first, source, options.k, out[i]);
    if (options.progress) options.progress(static_cast<float>(first + count) / source.count());
  }
  return out;
}

}  // namespace convoscope
