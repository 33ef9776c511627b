// formatComputation(): the aligned text `convoscope explain` prints, one writer per layer kind.
#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>

#include "core/Computation.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace {

// " + 0.5000" / " − 0.5000": a formula's next term without "+ -".
std::string plusTerm(double v) {
  return (std::signbit(v) && v != 0 ? " − " : " + ") + fixedNumber(std::fabs(v));
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

// The title line (layer, kind, cell, window hyper-parameters), the formula and the layers read from.
void writeHeading(std::ostream& out, const Computation& e) {
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
  for (const ComputationInput& in : e.inputs) {
    const bool source = std::any_of(e.terms.begin(), e.terms.end(),
                                    [&](const ComputationTerm& t) { return t.sourceLayer == in.layer; });
    out << (source ? "laid out from " : "input ") << "'" << in.name << "' " << shapeText(in.shape, "x")
        << "\n";
  }
}

std::string inputText(const ComputationTerm& t) {
  std::string s = "x" + bracketText(t.inputIndex);
  if (t.padding) return s + " pad";
  return s;
}

// The weight's name: an explicit index, the pooling share, batch norm's scale, or plain "w".
std::string weightLabel(const Computation& e, const ComputationTerm& t) {
  if (!t.weightIndex.empty()) return "w" + bracketText(t.weightIndex);
  if (e.pool) return t.weight == 0 ? std::string("(not counted)") : "1/" + std::to_string(e.pool->count);
  if (e.kind == LayerKind::BatchNorm) return std::string("γ/√(σ²+ε)");
  return std::string("w");
}

// One term: input index and value, where a flat value came from, and for weighted kinds × weight = product.
std::string termLine(const Computation& e, const ComputationTerm& t, const std::string& suffix = "") {
  const bool maxPool = e.kind == LayerKind::MaxPool || e.kind == LayerKind::AdaptiveMaxPool;
  std::string line = "  " + padRight(inputText(t), 16) + " = " +
                     padLeft(t.padding && maxPool ? "(ignored)" : fixedNumber(t.input), 11);
  if (!t.sourceIndex.empty()) line += "  " + padRight("(from " + bracketText(t.sourceIndex) + ")", 18);
  if (t.weighted) {
    line += "  × " + padRight(weightLabel(e, t), 14) + " = " + padLeft(fixedNumber(t.weight), 11) + "  = " +
            padLeft(fixedNumber(t.product), 11);
  }
  return line + suffix + "\n";
}

// The breakdown's result next to the captured value, and why they differ when they do.
void writeResult(std::ostream& out, const Computation& e, const std::string& what) {
  out << padRight(what, 24) << "= " << preciseNumber(e.sum) << "\n";
  out << padRight("value (libtorch)", 24) << "= " << preciseNumber(e.value) << "\n";
  if (!e.consistent) out << "note: " << e.note << "\n";
}

void writeBias(std::ostream& out, const Computation& e) {
  if (e.hasBias)
    out << padRight(e.kind == LayerKind::BatchNorm ? "bias (β − μ·scale)" : "bias", 24) << "= "
        << fixedNumber(e.bias) << "\n";
}

// Conv: one input channel's terms and their partial sum.
void writeChannelTerms(std::ostream& out, const Computation& e, const ChannelPartial& p) {
  out << "input channel " << p.inputChannel << ":\n";
  for (int t = 0; t < p.termCount; ++t) out << termLine(e, e.terms[static_cast<size_t>(p.firstTerm + t)]);
  out << "  " << padRight("partial sum", 16) << " = " << padLeft(fixedNumber(p.sum), 11) << "\n";
}

void writeRestChannels(std::ostream& out, const TopContributions& top) {
  if (top.restCount)
    out << "… and " << top.restCount << " more input channels = " << fixedNumber(top.restSum) << "\n";
}

// Conv with too many terms but short channels: every term of the channels contributing most.
void writeTopChannels(std::ostream& out, const Computation& e, int maxTerms, int perChannel) {
  const TopContributions top = topContributions(e, std::max(1, maxTerms / std::max(1, perChannel)));
  out << (top.top.size() == 1 ? std::string("the input channel")
                              : "the " + std::to_string(top.top.size()) + " input channels")
      << " contributing most (of " << e.partials.size() << "):\n";
  for (const Contribution& c : top.top) writeChannelTerms(out, e, e.partials[static_cast<size_t>(c.partial)]);
  writeRestChannels(out, top);
}

// Conv whose single channel already has too many terms: only the partial sums of the top channels.
void writeTopPartialSums(std::ostream& out, const Computation& e, int maxTerms, int perChannel) {
  const TopContributions top = topContributions(e, maxTerms);
  out << "partial sums (Σ of " << perChannel << " terms each) of the " << top.top.size()
      << " input channels contributing most (of " << e.partials.size() << "):\n";
  for (const Contribution& c : top.top) {
    const ChannelPartial& p = e.partials[static_cast<size_t>(c.partial)];
    out << "  " << padRight("channel " + std::to_string(p.inputChannel), 16) << " = "
        << padLeft(fixedNumber(p.sum), 11) << "\n";
  }
  writeRestChannels(out, top);
}

void writeConv(std::ostream& out, const Computation& e, int maxTerms) {
  const int perChannel = e.partials.empty() ? 0 : e.partials.front().termCount;
  if (static_cast<int>(e.terms.size()) <= maxTerms) {
    for (const ChannelPartial& p : e.partials) writeChannelTerms(out, e, p);
  } else if (perChannel <= maxTerms) {
    writeTopChannels(out, e, maxTerms, perChannel);
  } else {
    writeTopPartialSums(out, e, maxTerms, perChannel);
  }
  writeBias(out, e);
  writeResult(out, e, "sum (pre-activation)");
}

// Linear and average pooling: every term, or the largest ones and the rest summed.
void writeWeightedSum(std::ostream& out, const Computation& e, int maxTerms) {
  if (e.pool) out << "divisor " << e.pool->count << "\n";
  if (static_cast<int>(e.terms.size()) <= maxTerms) {
    for (const ComputationTerm& t : e.terms) out << termLine(e, t);
  } else {
    const TopContributions top = topContributions(e, maxTerms);
    out << "the " << top.top.size() << " largest of " << e.terms.size() << " terms:\n";
    for (const Contribution& c : top.top) out << termLine(e, e.terms[static_cast<size_t>(c.term)]);
    if (top.restCount)
      out << "… and " << top.restCount << " more terms = " << fixedNumber(top.restSum) << "\n";
  }
  writeBias(out, e);
  writeResult(out, e, e.kind == LayerKind::Linear ? "sum" : "mean");
}

// Max pooling: the window's cells with the winner marked, shown even when it lies beyond maxTerms.
void writeMaxPool(std::ostream& out, const Computation& e, int maxTerms) {
  const int best = e.pool ? e.pool->maxTerm : -1;
  const size_t shown = std::min(e.terms.size(), static_cast<size_t>(maxTerms));
  for (size_t t = 0; t < shown; ++t)
    out << termLine(e, e.terms[t], static_cast<int>(t) == best ? "  ← max" : "");
  if (shown < e.terms.size()) {
    out << "… and " << e.terms.size() - shown << " more cells\n";
    if (best >= static_cast<int>(shown)) out << termLine(e, e.terms[static_cast<size_t>(best)], "  ← max");
  }
  writeResult(out, e, "max");
}

// Batch norm: the statistics, then normalise, scale and shift step by step.
void writeBatchNorm(std::ostream& out, const Computation& e) {
  const BatchNormTerms& bn = *e.batchNorm;
  const ComputationTerm& t = e.terms.front();
  out << "  x" << bracketText(t.inputIndex) << " = " << fixedNumber(bn.input) << "\n";
  out << "  μ = " << fixedNumber(bn.mean) << "   σ² = " << fixedNumber(bn.var)
      << "   ε = " << preciseNumber(bn.eps) << "   γ = " << fixedNumber(bn.gamma)
      << "   β = " << fixedNumber(bn.beta) << "\n";
  out << "  (" << fixedNumber(bn.input) << plusTerm(-bn.mean) << ") / √(" << fixedNumber(bn.var) << " + "
      << preciseNumber(bn.eps) << ") = " << fixedNumber(bn.input - bn.mean) << " / " << fixedNumber(bn.std)
      << " = " << fixedNumber(bn.normalized) << "\n";
  out << "  " << fixedNumber(bn.normalized) << " × " << fixedNumber(bn.gamma) << plusTerm(bn.beta) << " = "
      << fixedNumber(bn.normalized * bn.gamma + bn.beta) << "\n";
  writeResult(out, e, "y");
}

// Softmax: the exp terms (the rest summed past maxTerms), their sum and the output's own share.
void writeSoftmax(std::ostream& out, const Computation& e, int maxTerms) {
  const SoftmaxTerms& sm = *e.softmax;
  const std::string shifted = sm.shift != 0 ? " − " + fixedNumber(sm.shift) : "";
  const size_t shown = std::min(sm.terms.size(), static_cast<size_t>(maxTerms));
  for (size_t j = 0; j < shown; ++j) {
    const SoftmaxTerm& t = sm.terms[j];
    out << "  " << padRight("exp(z_" + std::to_string(t.index) + ")", 12) << " = exp("
        << padLeft(fixedNumber(t.logit), 11) << shifted << ") = " << padLeft(fixedNumber(t.exp), 11)
        << (t.index == sm.position ? "  ← i" : "") << "\n";
  }
  if (shown < sm.terms.size()) {
    double rest = 0;
    for (size_t j = shown; j < sm.terms.size(); ++j) rest += sm.terms[j].exp;
    out << "… and " << sm.terms.size() - shown << " more terms = " << fixedNumber(rest) << "\n";
  }
  out << "  " << padRight("Σ exp(z_j)", 12) << " = " << fixedNumber(sm.expSum) << "\n";
  const SoftmaxTerm& own = sm.terms[static_cast<size_t>(sm.position)];
  if (sm.log)
    out << "  " << fixedNumber(own.logit) << shifted << " − log(" << fixedNumber(sm.expSum)
        << ") = " << fixedNumber(e.sum) << "\n";
  else
    out << "  " << fixedNumber(own.exp) << " / " << fixedNumber(sm.expSum) << " = " << fixedNumber(e.sum)
        << "\n";
  writeResult(out, e, sm.log ? "log probability" : "probability");
}

// Residual add: a and b by the layer they come from, b scaled when alpha is not 1.
void writeAdd(std::ostream& out, const Computation& e) {
  for (size_t k = 0; k < e.terms.size(); ++k) {
    const ComputationTerm& t = e.terms[k];
    std::string name;
    for (const ComputationInput& in : e.inputs)
      if (in.layer == t.inputLayer) name = in.name;
    out << "  " << (k == 0 ? "a" : "b") << " = " << padRight(name + bracketText(t.inputIndex), 28) << " = "
        << padLeft(fixedNumber(t.input), 11);
    if (k == 1 && t.weight != 1.0)
      out << "  × α " << fixedNumber(t.weight) << " = " << fixedNumber(t.product);
    out << "\n";
  }
  writeResult(out, e, "sum");
}

// Activations, flatten, dropout, concat: one input value.
void writeSingleInput(std::ostream& out, const Computation& e) {
  for (const ComputationTerm& t : e.terms) out << termLine(e, t);
  writeResult(out, e, "result");
}

}  // namespace

std::string formatComputation(const Computation& e, int maxTerms) {
  maxTerms = std::max(1, maxTerms);
  std::ostringstream out;
  writeHeading(out, e);
  switch (e.kind) {
    case LayerKind::Conv2d:
      writeConv(out, e, maxTerms);
      break;
    case LayerKind::Linear:
    case LayerKind::AvgPool:
    case LayerKind::AdaptiveAvgPool:
      writeWeightedSum(out, e, maxTerms);
      break;
    case LayerKind::MaxPool:
    case LayerKind::AdaptiveMaxPool:
      writeMaxPool(out, e, maxTerms);
      break;
    case LayerKind::BatchNorm:
      writeBatchNorm(out, e);
      break;
    case LayerKind::Softmax:
      writeSoftmax(out, e, maxTerms);
      break;
    case LayerKind::Add:
      writeAdd(out, e);
      break;
    default:
      writeSingleInput(out, e);
      break;
  }
  return out.str();
}

}  // namespace convoscope
