#pragma once
// Small drawing helpers the panels share (headings, muted text, number formatting).
#include <cstdint>
#include <string>
#include <vector>

#include "core/TextFormat.h"

namespace convoscope {

void sectionHeading(const char* text);  // bold caption with a rule under it
void mutedText(const char* fmt, ...);
// A formula with its `_{…}` subscripts typeset small and low (scene/FormulaRuns.h), wrapped at spaces.
void formulaText(const std::string& formula);
std::string fileName(const std::string& path);

}  // namespace convoscope
