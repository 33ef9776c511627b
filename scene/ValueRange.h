#pragma once
// The value range a layer's colours are normalised to: per layer, per enclosing block, or over the model.
#include <vector>

#include "core/Snapshot.h"

namespace convoscope {

enum class RangeMode {
  Unit,    // each layer on its own
  Module,  // all layers sharing the same enclosing module (Layer::parent); a top-level layer is its own block
  Global,  // every layer except the input image
};

// Symmetric [-m, m] when any value is negative (signed); [0, max] otherwise. Never zero-width.
struct ValueRange {
  float lo = 0.0f;
  float hi = 1.0f;
  bool isSigned() const { return lo < 0.0f; }
};

ValueRange rangeFor(const Snapshot& snapshot, int layerIndex, RangeMode mode);
// The ranges of every layer at once (one pass over the data), indexed like Snapshot::layers.
std::vector<ValueRange> rangesFor(const Snapshot& snapshot, RangeMode mode);
// A range that holds `values` by the rule above.
ValueRange rangeOfValues(const std::vector<float>& values);

// Signed data reads best in a diverging map centred on zero; non-negative data in a sequential one.
bool useDivergingMap(const ValueRange& range);
// Maps a value into [0,1] for colour-map lookup (clamped); 0 maps to 0.5 for a signed range.
float normalizedValue(float value, const ValueRange& range);

}  // namespace convoscope
