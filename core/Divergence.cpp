#include "core/Divergence.h"

#include <cmath>

namespace convoscope {

std::optional<double> LayerDivergence::distance() const {
  if (normA2 > 0) return std::sqrt(difference2 / normA2);
  if (difference2 == 0) return 0.0;
  return std::nullopt;
}

std::optional<double> LayerDivergence::cosine() const {
  if (normA2 == 0 && normB2 == 0) return 1.0;
  if (normA2 == 0 || normB2 == 0) return std::nullopt;
  return dot / std::sqrt(normA2 * normB2);
}

int firstDivergentLayer(const std::vector<LayerDivergence>& layers, double threshold) {
  for (size_t i = 1; i < layers.size(); ++i) {
    const std::optional<double> d = layers[i].distance();
    if (!d || *d >= threshold) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace convoscope
