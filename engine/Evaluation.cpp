#include "engine/Evaluation.h"

#include <algorithm>

#include "core/Errors.h"

namespace convoscope {

EvaluationResult evaluateModel(const CaptureModel& model, const IdxDataset& data) {
  constexpr int kBatch = 500;  // large enough to amortise the call, small enough to stay cache-friendly
  const auto& meta = model.metadata();
  EvaluationResult result;
  for (int start = 0; start < data.count; start += kBatch) {
    const int n = std::min(kBatch, data.count - start);
    std::vector<float> batch;
    for (int i = 0; i < n; ++i) {
      const auto input = imageToInput(data.image(start + i), meta.inputShape, meta.normalization);
      batch.insert(batch.end(), input.begin(), input.end());
    }
    const auto scores = model.plainForward(batch, n);
    if (scores.size() % n != 0) throw InputError(model.path() + ": output size does not split into a batch");
    const size_t classes = scores.size() / n;
    for (int i = 0; i < n; ++i) {
      const auto first = scores.begin() + i * classes;
      const auto best = std::max_element(first, first + classes) - first;
      result.correct += best == data.labels[start + i];
    }
    result.count += n;
  }
  return result;
}

}  // namespace convoscope
