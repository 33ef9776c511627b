#include "engine/Explain.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "engine/Errors.h"

namespace convoscope {
namespace {

std::string shapeText(const std::vector<int64_t>& shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "x" : "") + std::to_string(shape[i]);
  return s;
}

std::string indexText(const std::vector<int64_t>& index) {
  std::string s = "[";
  for (size_t i = 0; i < index.size(); ++i) s += (i ? "," : "") + std::to_string(index[i]);
  return s + "]";
}

int64_t numelOf(const std::vector<int64_t>& shape) {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<int64_t>());
}

int64_t offsetOf(const std::vector<int64_t>& shape, const std::vector<int64_t>& index) {
  int64_t offset = 0;
  for (size_t d = 0; d < shape.size(); ++d) offset = offset * shape[d] + index[d];
  return offset;
}

std::vector<int64_t> unravel(const std::vector<int64_t>& shape, int64_t offset) {
  std::vector<int64_t> index(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    index[d] = offset % shape[d];
    offset /= shape[d];
  }
  return index;
}

double valueAt(const FloatTensor& t, const std::vector<int64_t>& index) {
  return static_cast<double>(t.data[static_cast<size_t>(offsetOf(t.shape, index))]);
}

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

// "y·2 − 3 + ky·2", leaving out the ·1 and − 0 parts.
std::string axisText(const std::string& axis, const WindowParams& w, int d) {
  std::string s = axis + (w.stride[d] != 1 ? "·" + std::to_string(w.stride[d]) : "");
  if (w.padding[d] != 0) s += " − " + std::to_string(w.padding[d]);
  s += " + k" + axis + (w.dilation[d] != 1 ? "·" + std::to_string(w.dilation[d]) : "");
  return s;
}

// What explain() needs while it builds one explanation.
class Explainer {
 public:
  Explainer(const Snapshot& snapshot, int layer) : s_(snapshot), L_(snapshot.layers[layer]) {}

  void run(Explanation& e) {
    e_ = &e;
    switch (L_.kind) {
      case LayerKind::Conv2d:
        conv();
        break;
      case LayerKind::Linear:
        linear();
        break;
      case LayerKind::BatchNorm:
        batchNorm();
        break;
      case LayerKind::MaxPool:
      case LayerKind::AvgPool:
        windowPool();
        break;
      case LayerKind::AdaptiveAvgPool:
      case LayerKind::AdaptiveMaxPool:
        adaptivePool();
        break;
      case LayerKind::Flatten:
        flatten();
        break;
      case LayerKind::Dropout:
        identity("dropout (eval) = x: the identity");
        break;
      case LayerKind::Add:
        add();
        break;
      case LayerKind::Concat:
        concat();
        break;
      case LayerKind::Softmax:
        softmax();
        break;
      default:
        if (isActivation(L_.kind)) {
          activation();
          break;
        }
        throw InputError("layer '" + L_.name + "' is of kind '" + layerKindName(L_.kind) +
                         "', which explain cannot break down");
    }
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw InputError("layer '" + L_.name + "' (" + layerKindName(L_.kind) + "): " + why);
  }

  int producer(size_t position) const {
    if (position >= L_.inputs.size()) fail("its input was not captured, so its arithmetic cannot be shown");
    const int index = L_.inputs[position];
    if (index < 0 || index >= static_cast<int>(s_.layers.size()) || s_.layers[index].output.empty())
      fail("its input was not captured, so its arithmetic cannot be shown");
    return index;
  }
  const FloatTensor& producerOutput(size_t position) const { return s_.layers[producer(position)].output; }

  // The producer of an elementwise layer has the same shape; returns its index.
  int sameShapeProducer() const {
    const int in = producer(0);
    if (s_.layers[in].output.shape != L_.output.shape)
      fail("input shape " + shapeText(s_.layers[in].output.shape) + " differs from its output shape " +
           shapeText(L_.output.shape));
    return in;
  }

  ExplainTerm plainTerm(int layer, std::vector<int64_t> index) const {
    ExplainTerm t;
    t.inputLayer = layer;
    t.input = valueAt(s_.layers[layer].output, index);
    t.inputIndex = std::move(index);
    return t;
  }

  void finishWeighted() {
    double sum = 0;
    for (const ExplainTerm& t : e_->terms) sum += t.product;
    e_->sum = sum + (e_->hasBias ? e_->bias : 0.0);
  }

  void conv() {
    const int in = producer(0);
    const FloatTensor& x = s_.layers[in].output;
    const FloatTensor& w = L_.weight;
    if (w.shape.size() != 4 || x.shape.size() != 3) fail("needs a [O,I,kh,kw] weight and a [C,H,W] input");
    const WindowParams& win = L_.window;
    const int64_t groups = std::max<int64_t>(1, win.groups);
    const int64_t perGroupIn = w.shape[1], kh = w.shape[2], kw = w.shape[3];
    const int64_t perGroupOut = w.shape[0] / groups;
    if (perGroupIn * groups != x.shape[0] || perGroupOut * groups != w.shape[0])
      fail("weight " + shapeText(w.shape) + " and groups " + std::to_string(groups) + " do not fit input " +
           shapeText(x.shape));
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
          ExplainTerm t;
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
  int flatSource(int in) const {
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

  void linear() {
    const int in = producer(0);
    const FloatTensor& x = s_.layers[in].output;
    const FloatTensor& w = L_.weight;
    if (w.shape.size() != 2 || L_.output.shape.size() != 1 || x.numel() != w.shape[1])
      fail("needs a [O,I] weight applied to a flat input of I values (input " + shapeText(x.shape) +
           ", weight " + shapeText(w.shape) + ")");
    const int source = flatSource(in);
    const int64_t o = e_->channel;
    for (int64_t i = 0; i < w.shape[1]; ++i) {
      ExplainTerm t;
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

  void batchNorm() {
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
    ExplainTerm t = plainTerm(in, e_->outputIndex);
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

  void activation() {
    const int in = sameShapeProducer();
    ExplainTerm t = plainTerm(in, e_->outputIndex);
    const double x = t.input;
    e_->terms.push_back(t);
    auto relu6 = [](double v) { return std::min(std::max(v, 0.0), 6.0); };
    switch (L_.kind) {
      case LayerKind::ReLU:
        e_->formula = "relu(x) = max(0, x)";
        e_->sum = std::max(0.0, x);
        break;
      case LayerKind::LeakyReLU: {
        char slope[32];
        std::snprintf(slope, sizeof slope, "%g", L_.negativeSlope);
        e_->formula = std::string("leaky_relu(x) = x if x ≥ 0, else ") + slope + " · x";
        e_->sum = x >= 0 ? x : L_.negativeSlope * x;
        break;
      }
      case LayerKind::ReLU6:
        e_->formula = "relu6(x) = min(max(0, x), 6)";
        e_->sum = relu6(x);
        break;
      case LayerKind::Sigmoid:
        e_->formula = "sigmoid(x) = 1 / (1 + exp(−x))";
        e_->sum = 1.0 / (1.0 + std::exp(-x));
        break;
      case LayerKind::Tanh:
        e_->formula = "tanh(x) = (exp(x) − exp(−x)) / (exp(x) + exp(−x))";
        e_->sum = std::tanh(x);
        break;
      case LayerKind::Hardswish:
        e_->formula = "hardswish(x) = x · min(max(0, x + 3), 6) / 6";
        e_->sum = x * relu6(x + 3.0) / 6.0;
        break;
      case LayerKind::GELU:
        e_->formula = "gelu(x) = 0.5 · x · (1 + erf(x / √2))";
        e_->sum = 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
        break;
      case LayerKind::SiLU:
        e_->formula = "silu(x) = x · sigmoid(x) = x / (1 + exp(−x))";
        e_->sum = x / (1.0 + std::exp(-x));
        break;
      default:
        fail("is not an activation");
    }
  }

  // Max/avg pooling with kernel, stride, padding, dilation (max), ceil mode and count_include_pad (avg),
  // following ATen's window arithmetic so ceil-mode edge windows come out the same.
  void windowPool() {
    const int in = producer(0);
    const FloatTensor& x = s_.layers[in].output;
    if (x.shape.size() != 3 || L_.output.shape.size() != 3) fail("needs [C,H,W] input and output");
    const WindowParams& w = L_.window;
    const int64_t H = x.shape[1], W = x.shape[2], c = e_->channel;
    e_->window = w;
    PoolTerms pool;
    pool.countIncludePad = w.countIncludePad;
    if (L_.kind == LayerKind::MaxPool) {
      pool.start = {e_->y * w.stride[0] - w.padding[0], e_->x * w.stride[1] - w.padding[1]};
      pool.end = {pool.start[0] + (w.kernel[0] - 1) * w.dilation[0] + 1,
                  pool.start[1] + (w.kernel[1] - 1) * w.dilation[1] + 1};
      double best = 0;
      for (int64_t ky = 0; ky < w.kernel[0]; ++ky) {
        for (int64_t kx = 0; kx < w.kernel[1]; ++kx) {
          const int64_t iy = pool.start[0] + ky * w.dilation[0], ix = pool.start[1] + kx * w.dilation[1];
          ExplainTerm t;
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
    } else {
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
    e_->pool = pool;
  }

  void averageOver(int in, const PoolTerms& pool, int64_t hs, int64_t he, int64_t ws, int64_t we,
                   bool padCounts) {
    const FloatTensor& x = s_.layers[in].output;
    const int64_t H = x.shape[1], W = x.shape[2];
    const double share = 1.0 / static_cast<double>(pool.count);
    for (int64_t iy = hs; iy < he; ++iy) {
      for (int64_t ix = ws; ix < we; ++ix) {
        ExplainTerm t;
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

  void adaptivePool() {
    const int in = producer(0);
    const FloatTensor& x = s_.layers[in].output;
    const auto& out = L_.output.shape;
    if (x.shape.size() != 3 || (out.size() != 3 && out.size() != 1) || out[0] != x.shape[0])
      fail("needs a [C,H,W] input (input " + shapeText(x.shape) + ", output " + shapeText(out) + ")");
    const int64_t H = x.shape[1], W = x.shape[2];
    const int64_t OH = out.size() == 3 ? out[1] : 1, OW = out.size() == 3 ? out[2] : 1;
    const int64_t oy = std::max<int64_t>(e_->y, 0), ox = std::max<int64_t>(e_->x, 0);
    PoolTerms pool;
    pool.start = {oy * H / OH, ox * W / OW};
    pool.end = {((oy + 1) * H + OH - 1) / OH, ((ox + 1) * W + OW - 1) / OW};
    pool.count = (pool.end[0] - pool.start[0]) * (pool.end[1] - pool.start[1]);
    const std::string cells = "rows " + std::to_string(pool.start[0]) + ".." +
                              std::to_string(pool.end[0] - 1) + ", cols " + std::to_string(pool.start[1]) +
                              ".." + std::to_string(pool.end[1] - 1);
    if (L_.kind == LayerKind::AdaptiveAvgPool) {
      averageOver(in, pool, pool.start[0], pool.end[0], pool.start[1], pool.end[1], true);
      e_->formula = "mean of the adaptive window (" + cells + "): Σ x / " + std::to_string(pool.count);
    } else {
      double best = 0;
      for (int64_t iy = pool.start[0]; iy < pool.end[0]; ++iy) {
        for (int64_t ix = pool.start[1]; ix < pool.end[1]; ++ix) {
          ExplainTerm t = plainTerm(in, {e_->channel, iy, ix});
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

  void flatten() {
    const int in = producer(0);
    const FloatTensor& x = s_.layers[in].output;
    if (x.numel() != L_.output.numel())
      fail("input " + shapeText(x.shape) + " and output " + shapeText(L_.output.shape) + " differ in size");
    const int64_t offset = offsetOf(L_.output.shape, e_->outputIndex);
    e_->terms.push_back(plainTerm(in, unravel(x.shape, offset)));
    e_->formula = "flatten: out[i] = x[c,y,x] with i = (c·H + y)·W + x (row-major, values unchanged)";
    e_->sum = e_->terms.back().input;
  }

  void identity(const std::string& formula) {
    const int in = sameShapeProducer();
    e_->terms.push_back(plainTerm(in, e_->outputIndex));
    e_->formula = formula;
    e_->sum = e_->terms.back().input;
  }

  // Right-aligned broadcasting: a size-1 (or missing) dimension of the input repeats.
  std::vector<int64_t> broadcastIndex(const std::vector<int64_t>& inShape) const {
    const auto& out = L_.output.shape;
    if (inShape.size() > out.size()) fail("an input has more dimensions than the output");
    std::vector<int64_t> index(inShape.size());
    const size_t lead = out.size() - inShape.size();
    for (size_t d = 0; d < inShape.size(); ++d) {
      if (inShape[d] != 1 && inShape[d] != out[lead + d])
        fail("input shape " + shapeText(inShape) + " does not broadcast to " + shapeText(out));
      index[d] = inShape[d] == 1 ? 0 : e_->outputIndex[lead + d];
    }
    return index;
  }

  void add() {
    if (L_.inputs.size() != 2)
      fail("only the sum of two captured tensors can be shown (an added constant was not captured)");
    for (size_t k = 0; k < 2; ++k) {
      const int in = producer(k);
      ExplainTerm t = plainTerm(in, broadcastIndex(s_.layers[in].output.shape));
      t.weighted = true;
      t.weight = k == 0 ? 1.0 : L_.alpha;
      t.product = t.input * t.weight;
      e_->terms.push_back(std::move(t));
    }
    char alpha[32];
    std::snprintf(alpha, sizeof alpha, "%g", L_.alpha);
    e_->formula = L_.alpha == 1.0 ? "out = a + b" : std::string("out = a + ") + alpha + " · b";
    finishWeighted();
  }

  void concat() {
    const int64_t rank = static_cast<int64_t>(L_.output.shape.size());
    int64_t dim = L_.concatDim < 0 ? L_.concatDim + rank + 1 : L_.concatDim;
    dim -= 1;  // concatDim counts the batch dimension
    if (dim < 0 || dim >= rank) fail("concatenates along dimension " + std::to_string(L_.concatDim));
    std::vector<ConcatPart> parts;  // every input's share of the concatenated dimension, in order
    for (size_t k = 0; k < L_.inputs.size(); ++k) {
      const int in = producer(k);
      const auto& shape = s_.layers[in].output.shape;
      if (static_cast<int64_t>(shape.size()) != rank) fail("inputs differ in rank from the output");
      const int64_t first = parts.empty() ? 0 : parts.back().first + parts.back().size;
      parts.push_back({in, s_.layers[in].name, first, shape[static_cast<size_t>(dim)]});
    }
    const int64_t index = e_->outputIndex[static_cast<size_t>(dim)];
    for (size_t k = 0; k < parts.size(); ++k) {
      if (index >= parts[k].first + parts[k].size) continue;
      const int in = parts[k].inputLayer;
      const int64_t along = index - parts[k].first;
      std::vector<int64_t> inputIndex = e_->outputIndex;
      inputIndex[static_cast<size_t>(dim)] = along;
      e_->terms.push_back(plainTerm(in, inputIndex));
      ConcatSource source;
      source.inputPosition = static_cast<int>(k);
      source.inputLayer = in;
      source.channelInInput = along;
      source.dimension = dim;
      source.parts = std::move(parts);
      e_->concat = source;
      e_->sum = e_->terms.back().input;
      e_->formula = "concatenation along dimension " + std::to_string(dim) +
                    ": the value is copied from input " + std::to_string(k) + " ('" + s_.layers[in].name +
                    "') at index " + std::to_string(along) + " there";
      return;
    }
    fail("the captured inputs are smaller than the output");
  }

  void softmax() {
    const int in = sameShapeProducer();
    const FloatTensor& z = s_.layers[in].output;
    const int64_t rank = static_cast<int64_t>(L_.output.shape.size());
    int64_t dim = L_.softmaxDim < 0 ? L_.softmaxDim + rank + 1 : L_.softmaxDim;
    dim -= 1;  // softmaxDim counts the batch dimension
    if (dim < 0 || dim >= rank) fail("softmax over dimension " + std::to_string(L_.softmaxDim));
    SoftmaxTerms sm;
    sm.log = contains(L_.typeName, "LogSoftmax") || contains(L_.typeName, "log_softmax");
    sm.position = e_->outputIndex[static_cast<size_t>(dim)];
    std::vector<int64_t> index = e_->outputIndex;
    double maxLogit = -INFINITY;
    for (int64_t j = 0; j < L_.output.shape[static_cast<size_t>(dim)]; ++j) {
      index[static_cast<size_t>(dim)] = j;
      SoftmaxTerm t;
      t.index = j;
      t.logit = valueAt(z, index);
      maxLogit = std::max(maxLogit, t.logit);
      sm.terms.push_back(t);
    }
    // Plain exp(z) reads best; shift by max z only where double exp would overflow or underflow to 0.
    sm.shift = std::fabs(maxLogit) > 700.0 ? maxLogit : 0.0;
    for (SoftmaxTerm& t : sm.terms) {
      t.exp = std::exp(t.logit - sm.shift);
      sm.expSum += t.exp;
    }
    const SoftmaxTerm& own = sm.terms[static_cast<size_t>(sm.position)];
    e_->terms.push_back(plainTerm(in, e_->outputIndex));
    if (sm.log) {
      e_->formula = "log_softmax(z)_{i} = z_{i} − log Σ_{j} exp(z_{j})";
      e_->sum = own.logit - sm.shift - std::log(sm.expSum);
    } else {
      e_->formula = "softmax(z)_{i} = exp(z_{i}) / Σ_{j} exp(z_{j})";
      e_->sum = own.exp / sm.expSum;
    }
    e_->softmax = std::move(sm);
  }

  const Snapshot& s_;
  const Layer& L_;
  Explanation* e_ = nullptr;
};

double termMagnitude(const Explanation& e) {
  double magnitude = e.hasBias ? std::fabs(e.bias) : 0.0;
  for (const ExplainTerm& t : e.terms) magnitude += std::fabs(t.weighted ? t.product : t.input);
  return magnitude;
}

std::string number(double v) {
  char buffer[48];
  if (v == 0) v = 0.0;  // no "-0.0000"
  const double a = std::fabs(v);
  if (v == 0 || (a >= 1e-3 && a < 1e5))
    std::snprintf(buffer, sizeof buffer, "%.4f", v);
  else
    std::snprintf(buffer, sizeof buffer, "%.4e", v);
  return buffer;
}

// " + 0.5000" / " − 0.5000": a formula's next term without "+ -".
std::string plusTerm(double v) { return (std::signbit(v) && v != 0 ? " − " : " + ") + number(std::fabs(v)); }

std::string precise(double v) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.7g", v);
  return buffer;
}

std::string padRight(std::string text, size_t width) {
  // Width in code points, so "×" and "Σ" do not break the columns.
  size_t length = 0;
  for (unsigned char ch : text) length += (ch & 0xC0) != 0x80;
  if (length < width) text.append(width - length, ' ');
  return text;
}

std::string padLeft(const std::string& text, size_t width) {
  return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

}  // namespace

Explanation explain(const Snapshot& snapshot, int layer, int64_t channel, int64_t y, int64_t x) {
  if (layer < 0 || layer >= static_cast<int>(snapshot.layers.size()))
    throw InputError("layer index " + std::to_string(layer) + " is out of range 0.." +
                     std::to_string(static_cast<int>(snapshot.layers.size()) - 1));
  const Layer& L = snapshot.layers[layer];
  if (L.kind == LayerKind::Input)
    throw InputError("layer '" + L.name + "' is the model's input: it has no arithmetic to explain");
  if (L.kind == LayerKind::Other)
    throw InputError(
        "layer '" + L.name + "' is of kind 'other' (" + L.typeName +
        "): explain breaks down conv2d, linear, batchnorm, pooling, activations, flatten, dropout, "
        "add, concat and softmax layers only");
  const auto& shape = L.output.shape;
  if (L.output.empty() || (shape.size() != 3 && shape.size() != 1))
    throw InputError("layer '" + L.name + "' has output shape " + shapeText(shape) +
                     ": explain handles [C,H,W] and [N] outputs");
  const std::string range = " (valid 0.." + std::to_string(shape[0] - 1) + ")";
  if (channel < 0 || channel >= shape[0])
    throw InputError("channel " + std::to_string(channel) + " is out of range for layer '" + L.name + "'" +
                     range);
  Explanation e;
  e.layer = layer;
  e.layerName = L.name;
  e.kind = L.kind;
  e.channel = channel;
  if (shape.size() == 3) {
    if (y < 0 && x < 0)
      throw InputError("layer '" + L.name + "' is spatial (" + shapeText(shape) + "): give y (0.." +
                       std::to_string(shape[1] - 1) + ") and x (0.." + std::to_string(shape[2] - 1) + ")");
    if (y < 0 || y >= shape[1])
      throw InputError("y " + std::to_string(y) + " is out of range for layer '" + L.name + "' (valid 0.." +
                       std::to_string(shape[1] - 1) + ")");
    if (x < 0 || x >= shape[2])
      throw InputError("x " + std::to_string(x) + " is out of range for layer '" + L.name + "' (valid 0.." +
                       std::to_string(shape[2] - 1) + ")");
    e.y = y;
    e.x = x;
    e.outputIndex = {channel, y, x};
  } else {
    if (y >= 0 || x >= 0)
      throw InputError("layer '" + L.name + "' has no spatial dimensions (output " + shapeText(shape) +
                       "): y and x do not apply");
    e.outputIndex = {channel};
  }
  e.value = valueAt(L.output, e.outputIndex);
  Explainer(snapshot, layer).run(e);
  for (const ExplainTerm& t : e.terms) {
    for (int used : {t.inputLayer, t.sourceLayer}) {
      if (used < 0) continue;
      const bool known = std::any_of(e.inputs.begin(), e.inputs.end(),
                                     [&](const ExplainInput& i) { return i.layer == used; });
      if (!known) e.inputs.push_back({used, snapshot.layers[used].name, snapshot.layers[used].output.shape});
    }
  }

  double allowed = 0;
  e.consistent = reproduces(e, &allowed);
  if (!e.consistent) {
    e.note =
        "the breakdown gives " + precise(e.sum) + " but the captured value is " + precise(e.value) +
        ": an operation between this layer and its captured input (e.g. tensor arithmetic) was not captured";
  }
  return e;
}

bool reproduces(const Explanation& e, double* allowedOut) {
  const double allowed = 1e-4 * std::fabs(e.value) + 1e-6 * termMagnitude(e) + 1e-7;
  if (allowedOut) *allowedOut = allowed;
  return std::fabs(e.sum - e.value) <= allowed;
}

TopContributions topContributions(const Explanation& e, int k) {
  TopContributions result;
  std::vector<Contribution> all;
  if (!e.partials.empty()) {
    for (size_t p = 0; p < e.partials.size(); ++p)
      all.push_back({static_cast<int>(p), -1, e.partials[p].sum});
  } else {
    for (size_t t = 0; t < e.terms.size(); ++t)
      if (e.terms[t].weighted) all.push_back({-1, static_cast<int>(t), e.terms[t].product});
  }
  const size_t keep = std::min(all.size(), static_cast<size_t>(std::max(0, k)));
  // Stable: equal magnitudes keep their input order.
  std::stable_sort(all.begin(), all.end(), [](const Contribution& a, const Contribution& b) {
    return std::fabs(a.amount) > std::fabs(b.amount);
  });
  result.top.assign(all.begin(), all.begin() + keep);
  for (size_t i = keep; i < all.size(); ++i) result.restSum += all[i].amount;
  result.restCount = static_cast<int64_t>(all.size() - keep);
  result.bias = e.hasBias ? e.bias : 0.0;
  result.total = result.restSum + result.bias;
  for (const Contribution& c : result.top) result.total += c.amount;
  return result;
}

std::string formatExplanation(const Explanation& e, int maxTerms) {
  maxTerms = std::max(1, maxTerms);
  std::ostringstream out;
  out << e.layerName << " (" << layerKindName(e.kind) << ")  channel " << e.channel;
  if (e.y >= 0) out << " at y=" << e.y << ", x=" << e.x;
  if (e.window &&
      (e.kind == LayerKind::Conv2d || e.kind == LayerKind::MaxPool || e.kind == LayerKind::AvgPool)) {
    const WindowParams& w = *e.window;
    out << "   kernel " << w.kernel[0] << "×" << w.kernel[1] << " stride " << w.stride[0] << ","
        << w.stride[1] << " padding " << w.padding[0] << "," << w.padding[1];
    if (e.kind != LayerKind::AvgPool) out << " dilation " << w.dilation[0] << "," << w.dilation[1];
    if (e.kind == LayerKind::Conv2d) out << " groups " << w.groups;
    if (e.kind != LayerKind::Conv2d && w.ceilMode) out << " ceil_mode";
  }
  out << "\n" << e.formula << "\n";
  for (const ExplainInput& in : e.inputs) {
    const bool source = std::any_of(e.terms.begin(), e.terms.end(),
                                    [&](const ExplainTerm& t) { return t.sourceLayer == in.layer; });
    out << (source ? "laid out from " : "input ") << "'" << in.name << "' " << shapeText(in.shape) << "\n";
  }

  auto inputText = [&](const ExplainTerm& t) {
    std::string s = "x" + indexText(t.inputIndex);
    if (t.padding) return s + " pad";
    return s;
  };
  const bool maxPool = e.kind == LayerKind::MaxPool || e.kind == LayerKind::AdaptiveMaxPool;
  auto weightLabel = [&](const ExplainTerm& t) {
    if (!t.weightIndex.empty()) return "w" + indexText(t.weightIndex);
    if (e.pool) return t.weight == 0 ? std::string("(not counted)") : "1/" + std::to_string(e.pool->count);
    if (e.kind == LayerKind::BatchNorm) return std::string("γ/√(σ²+ε)");
    return std::string("w");
  };
  auto termLine = [&](const ExplainTerm& t, const std::string& suffix = "") {
    std::string line = "  " + padRight(inputText(t), 16) + " = " +
                       padLeft(t.padding && maxPool ? "(ignored)" : number(t.input), 11);
    if (!t.sourceIndex.empty()) line += "  " + padRight("(from " + indexText(t.sourceIndex) + ")", 18);
    if (t.weighted) {
      line += "  × " + padRight(weightLabel(t), 14) + " = " + padLeft(number(t.weight), 11) + "  = " +
              padLeft(number(t.product), 11);
    }
    return line + suffix + "\n";
  };
  auto resultLines = [&](const std::string& what) {
    out << padRight(what, 24) << "= " << precise(e.sum) << "\n";
    out << padRight("value (libtorch)", 24) << "= " << precise(e.value) << "\n";
    if (!e.consistent) out << "note: " << e.note << "\n";
  };
  auto biasLine = [&] {
    if (e.hasBias)
      out << padRight(e.kind == LayerKind::BatchNorm ? "bias (β − μ·scale)" : "bias", 24) << "= "
          << number(e.bias) << "\n";
  };

  switch (e.kind) {
    case LayerKind::Conv2d: {
      const int perChannel = e.partials.empty() ? 0 : e.partials.front().termCount;
      const bool everything = static_cast<int>(e.terms.size()) <= maxTerms;
      if (everything) {
        for (const ChannelPartial& p : e.partials) {
          out << "input channel " << p.inputChannel << ":\n";
          for (int t = 0; t < p.termCount; ++t)
            out << termLine(e.terms[static_cast<size_t>(p.firstTerm + t)]);
          out << "  " << padRight("partial sum", 16) << " = " << padLeft(number(p.sum), 11) << "\n";
        }
      } else if (perChannel <= maxTerms) {
        const TopContributions top = topContributions(e, std::max(1, maxTerms / std::max(1, perChannel)));
        out << (top.top.size() == 1 ? std::string("the input channel")
                                    : "the " + std::to_string(top.top.size()) + " input channels")
            << " contributing most (of " << e.partials.size() << "):\n";
        for (const Contribution& c : top.top) {
          const ChannelPartial& p = e.partials[static_cast<size_t>(c.partial)];
          out << "input channel " << p.inputChannel << ":\n";
          for (int t = 0; t < p.termCount; ++t)
            out << termLine(e.terms[static_cast<size_t>(p.firstTerm + t)]);
          out << "  " << padRight("partial sum", 16) << " = " << padLeft(number(p.sum), 11) << "\n";
        }
        if (top.restCount)
          out << "… and " << top.restCount << " more input channels = " << number(top.restSum) << "\n";
      } else {
        const TopContributions top = topContributions(e, maxTerms);
        out << "partial sums (Σ of " << perChannel << " terms each) of the " << top.top.size()
            << " input channels contributing most (of " << e.partials.size() << "):\n";
        for (const Contribution& c : top.top) {
          const ChannelPartial& p = e.partials[static_cast<size_t>(c.partial)];
          out << "  " << padRight("channel " + std::to_string(p.inputChannel), 16) << " = "
              << padLeft(number(p.sum), 11) << "\n";
        }
        if (top.restCount)
          out << "… and " << top.restCount << " more input channels = " << number(top.restSum) << "\n";
      }
      biasLine();
      resultLines("sum (pre-activation)");
      break;
    }
    case LayerKind::Linear:
    case LayerKind::AvgPool:
    case LayerKind::AdaptiveAvgPool: {
      if (e.pool) out << "divisor " << e.pool->count << "\n";
      if (static_cast<int>(e.terms.size()) <= maxTerms) {
        for (const ExplainTerm& t : e.terms) out << termLine(t);
      } else {
        const TopContributions top = topContributions(e, maxTerms);
        out << "the " << top.top.size() << " largest of " << e.terms.size() << " terms:\n";
        for (const Contribution& c : top.top) out << termLine(e.terms[static_cast<size_t>(c.term)]);
        if (top.restCount)
          out << "… and " << top.restCount << " more terms = " << number(top.restSum) << "\n";
      }
      biasLine();
      resultLines(e.kind == LayerKind::Linear ? "sum" : "mean");
      break;
    }
    case LayerKind::MaxPool:
    case LayerKind::AdaptiveMaxPool: {
      const int best = e.pool ? e.pool->maxTerm : -1;
      const size_t shown = std::min(e.terms.size(), static_cast<size_t>(maxTerms));
      for (size_t t = 0; t < shown; ++t)
        out << termLine(e.terms[t], static_cast<int>(t) == best ? "  ← max" : "");
      if (shown < e.terms.size()) {
        out << "… and " << e.terms.size() - shown << " more cells\n";
        if (best >= static_cast<int>(shown)) out << termLine(e.terms[static_cast<size_t>(best)], "  ← max");
      }
      resultLines("max");
      break;
    }
    case LayerKind::BatchNorm: {
      const BatchNormTerms& bn = *e.batchNorm;
      const ExplainTerm& t = e.terms.front();
      out << "  x" << indexText(t.inputIndex) << " = " << number(bn.input) << "\n";
      out << "  μ = " << number(bn.mean) << "   σ² = " << number(bn.var) << "   ε = " << precise(bn.eps)
          << "   γ = " << number(bn.gamma) << "   β = " << number(bn.beta) << "\n";
      out << "  (" << number(bn.input) << plusTerm(-bn.mean) << ") / √(" << number(bn.var) << " + "
          << precise(bn.eps) << ") = " << number(bn.input - bn.mean) << " / " << number(bn.std) << " = "
          << number(bn.normalized) << "\n";
      out << "  " << number(bn.normalized) << " × " << number(bn.gamma) << plusTerm(bn.beta) << " = "
          << number(bn.normalized * bn.gamma + bn.beta) << "\n";
      resultLines("y");
      break;
    }
    case LayerKind::Softmax: {
      const SoftmaxTerms& sm = *e.softmax;
      const std::string shifted = sm.shift != 0 ? " − " + number(sm.shift) : "";
      const size_t shown = std::min(sm.terms.size(), static_cast<size_t>(maxTerms));
      for (size_t j = 0; j < shown; ++j) {
        const SoftmaxTerm& t = sm.terms[j];
        out << "  " << padRight("exp(z_" + std::to_string(t.index) + ")", 12) << " = exp("
            << padLeft(number(t.logit), 11) << shifted << ") = " << padLeft(number(t.exp), 11)
            << (t.index == sm.position ? "  ← i" : "") << "\n";
      }
      if (shown < sm.terms.size()) {
        double rest = 0;
        for (size_t j = shown; j < sm.terms.size(); ++j) rest += sm.terms[j].exp;
        out << "… and " << sm.terms.size() - shown << " more terms = " << number(rest) << "\n";
      }
      out << "  " << padRight("Σ exp(z_j)", 12) << " = " << number(sm.expSum) << "\n";
      const SoftmaxTerm& own = sm.terms[static_cast<size_t>(sm.position)];
      if (sm.log)
        out << "  " << number(own.logit) << shifted << " − log(" << number(sm.expSum)
            << ") = " << number(e.sum) << "\n";
      else
        out << "  " << number(own.exp) << " / " << number(sm.expSum) << " = " << number(e.sum) << "\n";
      resultLines(sm.log ? "log probability" : "probability");
      break;
    }
    case LayerKind::Add: {
      for (size_t k = 0; k < e.terms.size(); ++k) {
        const ExplainTerm& t = e.terms[k];
        std::string name;
        for (const ExplainInput& in : e.inputs)
          if (in.layer == t.inputLayer) name = in.name;
        out << "  " << (k == 0 ? "a" : "b") << " = " << padRight(name + indexText(t.inputIndex), 28) << " = "
            << padLeft(number(t.input), 11);
        if (k == 1 && t.weight != 1.0) out << "  × α " << number(t.weight) << " = " << number(t.product);
        out << "\n";
      }
      resultLines("sum");
      break;
    }
    default: {  // activations, flatten, dropout, concat: one input value
      for (const ExplainTerm& t : e.terms) out << termLine(t);
      resultLines("result");
      break;
    }
  }
  return out.str();
}

}  // namespace convoscope
