#include "scene/FormulaRuns.h"

namespace convoscope {

std::vector<FormulaRun> formulaRuns(const std::string& formula) {
  std::vector<FormulaRun> runs;
  auto append = [&](const std::string& text, bool subscript) {
    if (text.empty()) return;
    if (!runs.empty() && runs.back().subscript == subscript)
      runs.back().text += text;
    else
      runs.push_back({text, subscript});
  };
  size_t at = 0;
  while (at < formula.size()) {
    const size_t open = formula.find("_{", at);
    const size_t close = open == std::string::npos ? std::string::npos : formula.find('}', open + 2);
    if (close == std::string::npos) {
      append(formula.substr(at), false);
      break;
    }
    append(formula.substr(at, open - at), false);
    append(formula.substr(open + 2, close - open - 2), true);
    at = close + 1;
  }
  return runs;
}

std::string formulaPlainText(const std::string& formula) {
  std::string plain;
  for (const FormulaRun& run : formulaRuns(formula)) plain += run.text;
  return plain;
}

}  // namespace convoscope
