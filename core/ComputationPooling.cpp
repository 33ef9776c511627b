// The pooling breakdowns: max/avg over a kernel window and adaptive max/avg pooling.
#include <algorithm>
#include <cmath>

#include "core/ComputationDetail.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace detail {

// Max/avg pooling with kernel, stride, padding, dilation (max), ceil mode and count_include_pad (avg),
// following ATen's window arithmetic so ceil-mode edge windows come out the same.
void ComputationBuilder::windowPool() {
  const int in = producer(0);
  const FloatTensor& x = s_.layers[in].output;
  if (x.shape.size() != 3 || L_.output.shape.size() != 3) fail("needs [C,H,W] input and output");
  e_->window = L_.window;
  PoolTerms pool;
  pool.countIncludePad = L_.window.countIncludePad;
  if (L_.kind == LayerKind::MaxPool)
    maxWindow(in, pool);
  else
    avgWindow(in, pool);
  e_->pool = pool;
}

void ComputationBuilder::maxWindow(int in, PoolTerms& pool) {
  const FloatTensor& x = s_.layers[in].output;
  const WindowParams& w = L_.window;
  const int64_t H = x.shape[1], W = x.shape[2], c = e_->channel;
  pool.start = {e_->y * w.stride[0] - w.padding[0], e_->x * w.stride[1] - w.padding[1]};
  pool.end = {pool.start[0] + (w.kernel[0] - 1) * w.dilation[0] + 1,
              pool.start[1] + (w.kernel[1] - 1) * w.dilation[1] + 1};
  double best = 0;
  for (int64_t ky = 0; ky < w.kernel[0]; ++ky) {
    for (int64_t kx = 0; kx < w.kernel[1]; ++kx) {
      const int64_t iy = pool.start[0] + ky * w.dilation[0], ix = pool.start[1] + kx * w.dilation[1];
      ComputationTerm t;
      t.inputLayer = in;
      t.inputIndex = {c, iy, ix};
      t.padding = iy < 0 || iy >= H || ix < 0 || ix >= W;
      if (!t.padding) {
        t.input = valueAt(x, t.inputIndex);
        ++pool.count;
        // As ATen: the first maximum wins ties; a NaN wins.
        if (pool.maxTerm < 0 || t.input > best || std::isnan(t.input)) {
          best = t.input;
          pool.maxTerm = static_cast<int>(e_->terms.size());
        }
      }
      e_->terms.push_back(std::move(t));
    }
  }
  if (pool.maxTerm < 0) fail("the window at this position lies entirely in the padding");
  e_->formula = "max over the " + std::to_string(w.kernel[0]) + "×" + std::to_string(w.kernel[1]) +
                " window (padding cells never win)";
  e_->sum = best;
}

void ComputationBuilder::avgWindow(int in, PoolTerms& pool) {
  const FloatTensor& x = s_.layers[in].output;
  const WindowParams& w = L_.window;
  const int64_t H = x.shape[1], W = x.shape[2];
  int64_t hs = e_->y * w.stride[0] - w.padding[0], ws = e_->x * w.stride[1] - w.padding[1];
  int64_t he = std::min(hs + w.kernel[0], H + w.padding[0]),
          we = std::min(ws + w.kernel[1], W + w.padding[1]);
  const int64_t padded = (he - hs) * (we - ws);
  const int64_t inside =
      (std::min(he, H) - std::max<int64_t>(hs, 0)) * (std::min(we, W) - std::max<int64_t>(ws, 0));
  pool.start = {hs, ws};
  pool.end = {he, we};
  pool.count = w.countIncludePad ? padded : inside;
  if (pool.count <= 0) fail("the window at this position holds no input cells");
  averageOver(in, pool, hs, he, ws, we, w.countIncludePad);
  e_->formula = std::string("mean of the window: Σ x / ") + std::to_string(pool.count) +
                (w.countIncludePad ? " (padding cells count as 0)" : " (padding cells not counted)");
}

// One weighted term per window cell, each weighing 1/count (0 for a padding cell that does not count).
void ComputationBuilder::averageOver(int in, const PoolTerms& pool, int64_t hs, int64_t he, int64_t ws,
                                     int64_t we, bool padCounts) {
  const FloatTensor& x = s_.layers[in].output;
  const int64_t H = x.shape[1], W = x.shape[2];
  const double share = 1.0 / static_cast<double>(pool.count);
  for (int64_t iy = hs; iy < he; ++iy) {
    for (int64_t ix = ws; ix < we; ++ix) {
      ComputationTerm t;
      t.inputLayer = in;
      t.inputIndex = {e_->channel, iy, ix};
      t.padding = iy < 0 || iy >= H || ix < 0 || ix >= W;
      t.input = t.padding ? 0.0 : valueAt(x, t.inputIndex);
      t.weighted = true;
      t.weight = t.padding && !padCounts ? 0.0 : share;
      t.product = t.input * t.weight;
      e_->terms.push_back(std::move(t));
    }
  }
  finishWeighted();
}

void ComputationBuilder::adaptivePool() {
  const int in = producer(0);
  const FloatTensor& x = s_.layers[in].output;
  const auto& out = L_.output.shape;
  if (x.shape.size() != 3 || (out.size() != 3 && out.size() != 1) || out[0] != x.shape[0])
    fail("needs a [C,H,W] input (input " + shapeText(x.shape, "x") + ", output " + shapeText(out, "x") + ")");
  const int64_t H = x.shape[1], W = x.shape[2];
  const int64_t OH = out.size() == 3 ? out[1] : 1, OW = out.size() == 3 ? out[2] : 1;
  const int64_t oy = std::max<int64_t>(e_->y, 0), ox = std::max<int64_t>(e_->x, 0);
  PoolTerms pool;
  pool.start = {oy * H / OH, ox * W / OW};
  pool.end = {((oy + 1) * H + OH - 1) / OH, ((ox + 1) * W + OW - 1) / OW};
  pool.count = (pool.end[0] - pool.start[0]) * (pool.end[1] - pool.start[1]);
  const std::string cells = "rows " + std::to_string(pool.start[0]) + ".." + std::to_string(pool.end[0] - 1) +
                            ", cols " + std::to_string(pool.start[1]) + ".." +
                            std::to_string(pool.end[1] - 1);
  if (L_.kind == LayerKind::AdaptiveAvgPool) {
    averageOver(in, pool, pool.start[0], pool.end[0], pool.start[1], pool.end[1], true);
    e_->formula = "mean of the adaptive window (" + cells + "): Σ x / " + std::to_string(pool.count);
  } else {
    double best = 0;
    for (int64_t iy = pool.start[0]; iy < pool.end[0]; ++iy) {
      for (int64_t ix = pool.start[1]; ix < pool.end[1]; ++ix) {
        ComputationTerm t = plainTerm(in, {e_->channel, iy, ix});
        if (pool.maxTerm < 0 || t.input > best) {
          best = t.input;
          pool.maxTerm = static_cast<int>(e_->terms.size());
        }
        e_->terms.push_back(std::move(t));
      }
    }
    e_->formula = "max over the adaptive window (" + cells + ")";
    e_->sum = best;
  }
  e_->pool = pool;
}

}  // namespace detail
}  // namespace convoscope
