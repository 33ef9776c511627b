#pragma once
// The elementwise activations written as formulas, in one place for every writer: the CLI and the card's
// general formula ("relu(x) = max(0, x)") and the computation card's step with its numbers filled in
// ("max(0, −0.18) = 0"). A number after an operator is written in parentheses when negative, so the caller
// passes both spellings of the operand.
#include <string>

#include "core/Snapshot.h"

namespace convoscope {

struct FormulaOperand {
  std::string plain;           // "x", or "−0.18"
  std::string afterOperator;   // "x", or "(−0.18)"
};

// The right-hand side for an activation kind ("max(0, x)"); empty for a kind that is not one. LeakyReLU's
// depends on the sign and is written by its callers.
std::string activationBody(LayerKind kind, const FormulaOperand& x);
// "relu(x) = max(0, x)": the general formula computations carry (`slope` for LeakyReLU, e.g. "0.01").
std::string activationFormula(LayerKind kind, const std::string& slope);

}  // namespace convoscope
