// How the computation card writes numbers: negatives parenthesised after an operator, each elementwise step
// as its formula with the values filled in, and the colour range of weights and products.
#include <algorithm>
#include <cstdio>

#include "core/ActivationFormula.h"
#include "core/TextFormat.h"
#include "renderer/ComputationCard.h"

namespace convoscope::computation_card {

std::string paren(double v) {
  const std::string s = mathNumber(v);
  return v < 0 ? "(" + s + ")" : s;
}

std::string stepText(const Computation& e) {
  const double x = e.terms.empty() ? 0.0 : e.terms[0].input;
  const std::string X = mathNumber(x), Y = mathNumber(e.sum);
  const std::string body = activationBody(e.kind, FormulaOperand{X, paren(x)});
  if (!body.empty()) return body + " = " + Y;
  switch (e.kind) {
    case LayerKind::LeakyReLU: {
      char slope[32];
      std::snprintf(slope, sizeof slope, "%g", x >= 0 ? 1.0 : (x == 0 ? 0.0 : e.sum / x));
      return x >= 0 ? X + " \xE2\x89\xA5 0, so y = " + X
                    : std::string(slope) + " \xC2\xB7 " + paren(x) + " = " + Y;
    }
    case LayerKind::BatchNorm:
      if (e.batchNorm) {
        const BatchNormTerms& b = *e.batchNorm;
        return "(" + mathNumber(b.input) + " \xE2\x88\x92 " + paren(b.mean) + ") / \xE2\x88\x9A(" +
               mathNumber(b.var) + " + " + mathNumber(b.eps) + ") \xC2\xB7 " + paren(b.gamma) + " + " +
               paren(b.beta) + " = " + Y;
      }
      return Y;
    case LayerKind::Dropout:
      return X + " (eval: unchanged) = " + Y;
    case LayerKind::Flatten:
      return X + " (moved, unchanged) = " + Y;
    default:
      return X + " \xE2\x86\x92 " + Y;
  }
}

ValueRange symmetricRange(double m) {
  const float r = static_cast<float>(std::max(m, 1e-9));
  return {-r, r};
}

}  // namespace convoscope::computation_card
