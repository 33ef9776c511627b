#pragma once
// Text for shapes, indices and numbers: one helper per job, so the CLI, the panels and the 3D view agree.
#include <cstdint>
#include <string>
#include <vector>

namespace convoscope {

// Dimensions joined by a separator: shapeText({10,28,28}) = "10×28×28", shapeText(s, "x") = "10x28x28".
// An empty shape is `empty`.
std::string shapeText(const std::vector<int64_t>& shape, const char* separator = "\xC3\x97",
                      const char* empty = "");
// An index or shape in brackets for the CLI: "[3,10,12]".
std::string bracketText(const std::vector<int64_t>& index);
// An index for reading: "3, 10, 12".
std::string indexText(const std::vector<int64_t>& index);

// Legends and cell labels, three significant-ish digits and a real minus sign: "0.153", "−2.41", "1.2e+03".
std::string compactNumber(float value);
// Computation view numbers, four significant-ish digits, real minus sign, short exponent: "−0.1834",
// "1.23e-4".
std::string mathNumber(double value);
// CLI tables: fixed four decimals, scientific outside [1e-3, 1e5): "0.1834", "-1.2000e-05"; never "-0.0000".
std::string fixedNumber(double value);
// Hyperparameters and prose: printf's %g ("0.001", "1e-05", "3").
std::string plainNumber(double value);
// Seven significant digits for checks the reader compares by eye ("0.1834216").
std::string preciseNumber(double value);
// Large counts: "3456", "12.3 k", "11.7 M".
std::string countText(int64_t count);
// A leading '-' made a real minus sign (U+2212), for typeset text.
std::string withMinusSign(std::string text);

}  // namespace convoscope
