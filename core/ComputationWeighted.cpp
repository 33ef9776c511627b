// The weighted breakdowns: convolution, linear and batch norm (Σ input × weight + bias).
#include <algorithm>
#include <cmath>

#include "core/ComputationDetail.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace detail {
namespace {

// "y·2 − 3 + ky·2", leaving out the ·1 and − 0 parts.
std::string axisText(const std::string& axis, const WindowParams& w, int d) {
  std::string s = axis + (w.stride[d] != 1 ? "·" + std::to_string(w.stride[d]) : "");
  if (w.padding[d] != 0) s += " − " + std::to_string(w.padding[d]);
  s += " + k" + axis + (w.dilation[d] != 1 ? "·" + std::to_string(w.dilation[d]) : "");
  return s;
}

}  // namespace

void ComputationBuilder::conv() {
  const int in = producer(0);
  const FloatTensor& x = s_.layers[in].output;
  const FloatTensor& w = L_.weight;
  if (w.shape.size() != 4 || x.shape.size() != 3) fail("needs a [O,I,kh,kw] weight and a [C,H,W] input");
  const WindowParams& win = L_.window;
  const int64_t groups = std::max<int64_t>(1, win.groups);
  const int64_t perGroupIn = w.shape[1], kh = w.shape[2], kw = w.shape[3];
  const int64_t perGroupOut = w.shape[0] / groups;
  if (perGroupIn * groups != x.shape[0] || perGroupOut * groups != w.shape[0])
    fail("weight " + shapeText(w.shape, "x") + " and groups " + std::to_string(groups) +
         " do not fit input " + shapeText(x.shape, "x"));
  const int64_t o = e_->channel, group = o / perGroupOut;
  const int64_t H = x.shape[1], W = x.shape[2];
  e_->window = win;
  e_->window->kernel = {kh, kw};
  for (int64_t ic = 0; ic < perGroupIn; ++ic) {
    const int64_t c = group * perGroupIn + ic;
    ChannelPartial partial;
    partial.inputChannel = c;
    partial.firstTerm = static_cast<int>(e_->terms.size());
    for (int64_t ky = 0; ky < kh; ++ky) {
      for (int64_t kx = 0; kx < kw; ++kx) {
        const int64_t iy = e_->y * win.stride[0] - win.padding[0] + ky * win.dilation[0];
        const int64_t ix = e_->x * win.stride[1] - win.padding[1] + kx * win.dilation[1];
        ComputationTerm t;
        t.inputLayer = in;
        t.inputIndex = {c, iy, ix};
        t.padding = iy < 0 || iy >= H || ix < 0 || ix >= W;
        t.input = t.padding ? 0.0 : valueAt(x, t.inputIndex);
        t.weighted = true;
        t.weightIndex = {o, ic, ky, kx};
        t.weight = valueAt(w, t.weightIndex);
        t.product = t.input * t.weight;
        partial.sum += t.product;
        e_->terms.push_back(std::move(t));
      }
    }
    partial.termCount = static_cast<int>(e_->terms.size()) - partial.firstTerm;
    e_->partials.push_back(partial);
  }
  e_->hasBias = !L_.bias.empty();
  if (e_->hasBias) e_->bias = L_.bias->data.at(static_cast<size_t>(o));
  e_->formula = "out[o,y,x] = bias[o] + Σ_{c,ky,kx} x[c, " + axisText("y", win, 0) + ", " +
                axisText("x", win, 1) + "] · w[o,c,ky,kx]" +
                (groups > 1 ? "  (c over group " + std::to_string(group) + " of " + std::to_string(groups) +
                                  ": input channels " + std::to_string(group * perGroupIn) + ".." +
                                  std::to_string(group * perGroupIn + perGroupIn - 1) + ")"
                            : std::string());
  finishWeighted();
}

// Walks back through flatten/dropout to the multi-dimensional layer a flat input was laid out from.
int ComputationBuilder::flatSource(int in) const {
  int at = in;
  const int64_t n = s_.layers[in].output.numel();
  while (true) {
    const Layer& l = s_.layers[at];
    if ((l.kind != LayerKind::Flatten && l.kind != LayerKind::Dropout) || l.inputs.empty()) break;
    const int up = l.inputs[0];
    if (up < 0 || up >= static_cast<int>(s_.layers.size()) || s_.layers[up].output.numel() != n) break;
    at = up;
  }
  return at != in && s_.layers[at].output.shape.size() > 1 ? at : -1;
}

void ComputationBuilder::linear() {
  const int in = producer(0);
  const FloatTensor& x = s_.layers[in].output;
  const FloatTensor& w = L_.weight;
  if (w.shape.size() != 2 || L_.output.shape.size() != 1 || x.numel() != w.shape[1])
    fail("needs a [O,I] weight applied to a flat input of I values (input " + shapeText(x.shape, "x") +
         ", weight " + shapeText(w.shape, "x") + ")");
  const int source = flatSource(in);
  const int64_t o = e_->channel;
  for (int64_t i = 0; i < w.shape[1]; ++i) {
    ComputationTerm t;
    t.inputLayer = in;
    t.inputIndex = unravel(x.shape, i);
    t.input = x.data[static_cast<size_t>(i)];
    t.weighted = true;
    t.weightIndex = {o, i};
    t.weight = w.data[static_cast<size_t>(o * w.shape[1] + i)];
    t.product = t.input * t.weight;
    if (source >= 0) {
      t.sourceLayer = source;
      t.sourceIndex = unravel(s_.layers[source].output.shape, i);
    } else if (x.shape.size() > 1) {  // fed a [C,H,W] tensor directly: its index is the traced-back one
      t.sourceLayer = in;
      t.sourceIndex = t.inputIndex;
    }
    e_->terms.push_back(std::move(t));
  }
  e_->hasBias = !L_.bias.empty();
  if (e_->hasBias) e_->bias = L_.bias->data.at(static_cast<size_t>(o));
  e_->formula = "out[o] = bias[o] + Σ_{i} x[i] · w[o,i]";
  finishWeighted();
}

void ComputationBuilder::batchNorm() {
  const int in = sameShapeProducer();
  const size_t c = static_cast<size_t>(e_->channel);
  if (L_.runningMean.empty() || L_.runningVar.empty())
    fail("no running statistics were captured (explain shows eval-mode batch norm)");
  BatchNormTerms bn;
  bn.input = valueAt(s_.layers[in].output, e_->outputIndex);
  bn.mean = L_.runningMean->data.at(c);
  bn.var = L_.runningVar->data.at(c);
  bn.eps = L_.eps;
  bn.gamma = L_.weight.empty() ? 1.0 : L_.weight->data.at(c);
  bn.beta = L_.bias.empty() ? 0.0 : L_.bias->data.at(c);
  bn.std = std::sqrt(bn.var + bn.eps);
  bn.normalized = (bn.input - bn.mean) / bn.std;
  // The same arithmetic as one weighted term: x · γ/√(σ²+ε) + (β − μ·γ/√(σ²+ε)).
  ComputationTerm t = plainTerm(in, e_->outputIndex);
  t.weighted = true;
  t.weight = bn.gamma / bn.std;
  t.product = t.input * t.weight;
  e_->terms.push_back(t);
  e_->hasBias = true;
  e_->bias = bn.beta - bn.mean * t.weight;
  e_->formula = "y = (x − μ) / √(σ² + ε) · γ + β";
  e_->batchNorm = bn;
  e_->sum = bn.normalized * bn.gamma + bn.beta;
}

}  // namespace detail
}  // namespace convoscope
