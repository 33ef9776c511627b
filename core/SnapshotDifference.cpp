#include "core/SnapshotDifference.h"

#include <stdexcept>

namespace convoscope {

Snapshot differenceSnapshot(const Snapshot& a, const Snapshot& b) {
  if (a.layers.size() != b.layers.size())
    throw std::invalid_argument("the two snapshots come from different models");
  Snapshot d = a;
  d.renewId();
  for (size_t l = 0; l < d.layers.size(); ++l) {
    std::vector<float>& values = d.layers[l].output.data;
    const std::vector<float>& other = b.layers[l].output.data;
    if (values.size() != other.size()) throw std::invalid_argument("the two snapshots' layer shapes differ");
    for (size_t i = 0; i < values.size(); ++i) values[i] -= other[i];
    d.layers[l].stats = computeStats(values);
  }
  return d;
}

}  // namespace convoscope
