#pragma once
// Where two inputs part ways: at each layer, how far input B's activation b is from input A's a. The sums
// are gathered while B is captured (CaptureModel::runAgainst); the measures follow from them:
//   distance  ‖a − b‖₂ / ‖a‖₂   (relative L2; 0 for identical activations)
//   cosine    a·b / (‖a‖₂ ‖b‖₂)
#include <optional>
#include <vector>

namespace convoscope {

struct LayerDivergence {
  double normA2 = 0, normB2 = 0, dot = 0, difference2 = 0;  // ‖a‖², ‖b‖², a·b, ‖a − b‖²

  // None when a is all zero but b is not (no scale to measure against); 0 when both are all zero.
  std::optional<double> distance() const;
  // None when a or b is all zero (no direction); 1 when both are.
  std::optional<double> cosine() const;
};

// The default threshold of "the paths diverge": b differs from a by half of a's norm.
constexpr double kDivergenceThreshold = 0.5;

// The first layer after the input (layers[0], which only says how different the two images are) whose
// distance reaches `threshold` (a layer without a distance counts as diverged); -1 when none does.
int firstDivergentLayer(const std::vector<LayerDivergence>& layers, double threshold = kDivergenceThreshold);

}  // namespace convoscope
