#include "core/ActivationFormula.h"

namespace convoscope {

std::string activationBody(LayerKind kind, const FormulaOperand& x) {
  const std::string& p = x.plain;
  const std::string& q = x.afterOperator;
  switch (kind) {
    case LayerKind::ReLU:
      return "max(0, " + p + ")";
    case LayerKind::ReLU6:
      return "min(max(0, " + p + "), 6)";
    case LayerKind::Sigmoid:
      return "1 / (1 + exp(\xE2\x88\x92" + q + "))";
    case LayerKind::Tanh:
      return "(exp(" + p + ") \xE2\x88\x92 exp(\xE2\x88\x92" + q + ")) / (exp(" + p + ") + exp(\xE2\x88\x92" + q + "))";
    case LayerKind::Hardswish:
      return p + " \xC2\xB7 min(max(0, " + p + " + 3), 6) / 6";
    case LayerKind::GELU:
      return "0.5 \xC2\xB7 " + q + " \xC2\xB7 (1 + erf(" + p + " / \xE2\x88\x9A" "2))";
    case LayerKind::SiLU:
      return p + " / (1 + exp(\xE2\x88\x92" + q + "))";
    default:
      return "";
  }
}

std::string activationFormula(LayerKind kind, const std::string& slope) {
  const FormulaOperand x{"x", "x"};
  switch (kind) {
    case LayerKind::LeakyReLU:
      return "leaky_relu(x) = x if x \xE2\x89\xA5 0, else " + slope + " \xC2\xB7 x";
    case LayerKind::SiLU:
      return "silu(x) = x \xC2\xB7 sigmoid(x) = " + activationBody(kind, x);
    default:
      return std::string(layerKindName(kind)) + "(x) = " + activationBody(kind, x);
  }
}

}  // namespace convoscope
