#include "core/ReceptiveField.h"

#include <algorithm>

namespace convoscope {
namespace {

// Rows (or columns) lo..hi of an output, as rows of the layer's input (dimension d: 0 rows, 1 columns).
struct Span {
  int64_t lo, hi;
};

int64_t sideOf(const Layer& layer, int d) {
  const std::vector<int64_t>& s = layer.output.shape;
  return s.size() == 3 ? s[1 + d] : 1;
}

bool windowed(LayerKind kind) {
  return kind == LayerKind::Conv2d || kind == LayerKind::MaxPool || kind == LayerKind::AvgPool;
}

Span backThrough(const Layer& layer, const Layer& input, Span out, int d) {
  const int64_t inSide = sideOf(input, d);
  if (windowed(layer.kind)) {
    const WindowParams& w = layer.window;
    return {out.lo * w.stride[d] - w.padding[d], out.hi * w.stride[d] - w.padding[d] + (w.kernel[d] - 1) * w.dilation[d]};
  }
  const int64_t outSide = sideOf(layer, d);
  if (layer.kind == LayerKind::AdaptiveAvgPool || layer.kind == LayerKind::AdaptiveMaxPool)
    return {out.lo * inSide / outSide, ((out.hi + 1) * inSide + outSide - 1) / outSide - 1};
  if (outSide == inSide && layer.output.shape.size() == 3) return out;  // elementwise, add, concat, ...
  return {0, inSide - 1};  // geometry unknown: everything
}

PixelBox trace(const Snapshot& s, int layer, Span ys, Span xs) {
  const Layer& l = s.layers[layer];
  if (layer == 0 || l.inputs.empty()) {
    const int64_t h = sideOf(l, 0), w = sideOf(l, 1);
    return {std::max<int64_t>(0, ys.lo), std::max<int64_t>(0, xs.lo), std::min(h - 1, ys.hi), std::min(w - 1, xs.hi)};
  }
  PixelBox box;
  for (int input : l.inputs) {
    const Layer& in = s.layers[input];
    const PixelBox part = trace(s, input, backThrough(l, in, ys, 0), backThrough(l, in, xs, 1));
    if (part.empty()) continue;
    box = box.empty() ? part
                      : PixelBox{std::min(box.y0, part.y0), std::min(box.x0, part.x0), std::max(box.y1, part.y1),
                                 std::max(box.x1, part.x1)};
  }
  return box;
}

}  // namespace

PixelBox receptiveField(const Snapshot& snapshot, int layer, int64_t y, int64_t x) {
  return trace(snapshot, layer, {y, y}, {x, x});
}

}  // namespace convoscope
