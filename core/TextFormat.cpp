#include "core/TextFormat.h"

#include <cmath>
#include <cstdio>

namespace convoscope {

namespace {

std::string joined(const std::vector<int64_t>& values, const char* separator) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) text += (i ? separator : "") + std::to_string(values[i]);
  return text;
}

std::string printed(const char* format, double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// "1.23e-04" → "1.23e-4", "1.2e+03" → "1.2e3": exponents without padding zeros or a plus.
std::string shortExponent(std::string text) {
  const size_t e = text.find('e');
  if (e == std::string::npos) return text;
  const std::string sign = text.substr(e + 1, 1);
  std::string digits = text.substr(e + 2);
  while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
  return text.substr(0, e) + "e" + (sign == "-" ? "-" : "") + digits;
}

}  // namespace

std::string shapeText(const std::vector<int64_t>& shape, const char* separator, const char* empty) {
  return shape.empty() ? std::string(empty) : joined(shape, separator);
}

std::string bracketText(const std::vector<int64_t>& index) { return "[" + joined(index, ",") + "]"; }

std::string indexText(const std::vector<int64_t>& index) { return joined(index, ", "); }

std::string withMinusSign(std::string text) {
  if (!text.empty() && text[0] == '-') text.replace(0, 1, "\xE2\x88\x92");
  return text;
}

std::string compactNumber(float value) {
  const float a = std::fabs(value);
  if (value == 0.0f) return "0";
  if (a >= 1000.0f || a < 0.001f) return withMinusSign(printed("%.1e", value));
  if (a >= 100.0f) return withMinusSign(printed("%.0f", value));
  if (a >= 10.0f) return withMinusSign(printed("%.1f", value));
  if (a >= 1.0f) return withMinusSign(printed("%.2f", value));
  return withMinusSign(printed("%.3f", value));
}

std::string mathNumber(double value) {
  const double a = std::fabs(value);
  if (value == 0.0) return "0";
  if (a >= 10000.0 || a < 0.0005) return withMinusSign(shortExponent(printed("%.2e", value)));
  if (a >= 100.0) return withMinusSign(printed("%.1f", value));
  if (a >= 10.0) return withMinusSign(printed("%.2f", value));
  if (a >= 1.0) return withMinusSign(printed("%.3f", value));
  return withMinusSign(printed("%.4f", value));
}

std::string fixedNumber(double value) {
  if (value == 0) value = 0.0;  // no "-0.0000"
  const double a = std::fabs(value);
  return printed(value == 0 || (a >= 1e-3 && a < 1e5) ? "%.4f" : "%.4e", value);
}

std::string plainNumber(double value) { return printed("%g", value); }

std::string preciseNumber(double value) { return printed("%.7g", value); }

std::string countText(int64_t count) {
  if (count >= 10'000'000) return printed("%.1f M", count / 1e6);
  if (count >= 10'000) return printed("%.1f k", count / 1e3);
  return std::to_string(count);
}

}  // namespace convoscope
