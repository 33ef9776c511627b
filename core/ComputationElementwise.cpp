// The breakdowns of one value in, one value out: activations, the eval-mode identities and the residual add.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/ActivationFormula.h"
#include "core/ComputationDetail.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace detail {

void ComputationBuilder::activation() {
  const int in = sameShapeProducer();
  ComputationTerm t = plainTerm(in, e_->outputIndex);
  const double x = t.input;
  e_->terms.push_back(t);
  auto relu6 = [](double v) { return std::min(std::max(v, 0.0), 6.0); };
  switch (L_.kind) {
    case LayerKind::ReLU:
      e_->sum = std::max(0.0, x);
      break;
    case LayerKind::LeakyReLU:
      e_->sum = x >= 0 ? x : L_.negativeSlope * x;
      break;
    case LayerKind::ReLU6:
      e_->sum = relu6(x);
      break;
    case LayerKind::Sigmoid:
      e_->sum = 1.0 / (1.0 + std::exp(-x));
      break;
    case LayerKind::Tanh:
      e_->sum = std::tanh(x);
      break;
    case LayerKind::Hardswish:
      e_->sum = x * relu6(x + 3.0) / 6.0;
      break;
    case LayerKind::GELU:
      e_->sum = 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
      break;
    case LayerKind::SiLU:
      e_->sum = x / (1.0 + std::exp(-x));
      break;
    default:
      fail("is not an activation");
  }
  e_->formula = activationFormula(L_.kind, plainNumber(L_.negativeSlope));
}

void ComputationBuilder::identity(const std::string& formula) {
  const int in = sameShapeProducer();
  e_->terms.push_back(plainTerm(in, e_->outputIndex));
  e_->formula = formula;
  e_->sum = e_->terms.back().input;
}

// Right-aligned broadcasting: a size-1 (or missing) dimension of the input repeats.
std::vector<int64_t> ComputationBuilder::broadcastIndex(const std::vector<int64_t>& inShape) const {
  const auto& out = L_.output.shape;
  if (inShape.size() > out.size()) fail("an input has more dimensions than the output");
  std::vector<int64_t> index(inShape.size());
  const size_t lead = out.size() - inShape.size();
  for (size_t d = 0; d < inShape.size(); ++d) {
    if (inShape[d] != 1 && inShape[d] != out[lead + d])
      fail("input shape " + shapeText(inShape, "x") + " does not broadcast to " + shapeText(out, "x"));
    index[d] = inShape[d] == 1 ? 0 : e_->outputIndex[lead + d];
  }
  return index;
}

void ComputationBuilder::add() {
  if (L_.inputs.size() != 2)
    fail("only the sum of two captured tensors can be shown (an added constant was not captured)");
  for (size_t k = 0; k < 2; ++k) {
    const int in = producer(k);
    ComputationTerm t = plainTerm(in, broadcastIndex(s_.layers[in].output.shape));
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

}  // namespace detail
}  // namespace convoscope
