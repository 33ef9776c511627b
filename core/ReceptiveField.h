#pragma once
// Which input pixels one cell of a layer can see: its receptive field, traced back through every layer's
// window (kernel, stride, padding, dilation) to the input, the union over every path (a residual add sees
// both branches). Used to outline where a top dataset example fired (engine/TopExamples.h).
#include <cstdint>

#include "core/Snapshot.h"

namespace convoscope {

// Inclusive pixel rows y0..y1 and columns x0..x1 of the input, clamped to the image.
struct PixelBox {
  int64_t y0 = 0, x0 = 0, y1 = -1, x1 = -1;
  bool empty() const { return y1 < y0 || x1 < x0; }
  bool operator==(const PixelBox& o) const { return y0 == o.y0 && x0 == o.x0 && y1 == o.y1 && x1 == o.x1; }
};

// `layer` must have a C×H×W output; (y, x) a cell of it. A layer whose geometry is unknown (a flatten, an
// unrecognised op that changes the size) sees the whole input.
PixelBox receptiveField(const Snapshot& snapshot, int layer, int64_t y, int64_t x);

}  // namespace convoscope
