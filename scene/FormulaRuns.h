#pragma once
// Formulas are written as plain UTF-8 with `_{…}` marking a subscript ("Σ_{c,ky,kx}", "z_{i}"), so the CLI
// prints them readably and the 3D computation view and the ImGui panels can typeset the subscript small and
// low. Only the braced form counts: layer names such as "conv_1_1" or "expand1x1_activation" stay as they
// are.
#include <string>
#include <vector>

namespace convoscope {

struct FormulaRun {
  std::string text;
  bool subscript = false;
};

// Splits a formula into alternating normal and subscript runs (no empty runs; an unclosed `_{` is kept as
// text).
std::vector<FormulaRun> formulaRuns(const std::string& formula);

// The formula with the markup removed ("Σ_{i} x" → "Σi x"), for places that cannot typeset subscripts.
std::string formulaPlainText(const std::string& formula);

}  // namespace convoscope
