#include "scene/ConvArithmetic.h"

#include <cstdio>

#include "core/TextFormat.h"

namespace convoscope {

int effectiveKernel(const ConvGeometry& g) { return g.dilation * (g.kernel - 1) + 1; }

namespace {

std::string formulaText(const ConvGeometry& g, bool valid) {
  const int keff = effectiveKernel(g);
  std::string kernelTerm = std::to_string(keff);
  if (g.dilation != 1)
    kernelTerm = std::to_string(g.dilation) + "\u00b7(" + std::to_string(g.kernel) + "\u22121)+1";
  std::string text = "(" + std::to_string(g.inputSize) + " + 2\u00b7" + std::to_string(g.padding) +
                     " \u2212 " + kernelTerm + ")/" + std::to_string(g.stride) + " + 1 = ";
  const double out = static_cast<double>(g.inputSize + 2 * g.padding - keff) / g.stride + 1.0;
  text += plainNumber(out);
  text += valid ? "" : " \u2192 invalid";
  return text;
}

}  // namespace

ConvCheck checkConv(const ConvGeometry& g) {
  ConvCheck c;
  auto fail = [&](std::string reason) {
    c.valid = false;
    c.outputSize = 0;
    c.reason = std::move(reason);
    return c;
  };
  if (g.inputSize <= 0)
    return fail("input size must be at least 1 (it is " + std::to_string(g.inputSize) + ")");
  if (g.kernel <= 0) return fail("kernel size must be at least 1 (it is " + std::to_string(g.kernel) + ")");
  if (g.stride <= 0) return fail("stride must be at least 1 (it is " + std::to_string(g.stride) + ")");
  if (g.dilation <= 0) return fail("dilation must be at least 1 (it is " + std::to_string(g.dilation) + ")");
  if (g.padding < 0) return fail("padding cannot be negative (it is " + std::to_string(g.padding) + ")");

  const int padded = g.inputSize + 2 * g.padding;
  const int keff = effectiveKernel(g);
  c.formula = formulaText(g, false);
  if (g.padding >= g.kernel && g.padding > 0)
    return fail("padding " + std::to_string(g.padding) + " \u2265 kernel " + std::to_string(g.kernel) +
                ": some windows would see only padding zeros, never the input");
  if (keff > padded)
    return fail("the kernel (" + std::to_string(keff) + " cells wide" +
                (g.dilation != 1 ? " with dilation " + std::to_string(g.dilation) : std::string()) +
                ") is larger than the padded input (" + std::to_string(g.inputSize) + " + 2\u00b7" +
                std::to_string(g.padding) + " = " + std::to_string(padded) + ")");
  const int span = padded - keff;
  if (span % g.stride != 0)
    return fail("(" + std::to_string(g.inputSize) + " + 2\u00b7" + std::to_string(g.padding) + " \u2212 " +
                std::to_string(keff) + ") = " + std::to_string(span) + " is not divisible by stride " +
                std::to_string(g.stride) + ": the last window would not fit evenly (it would hang " +
                std::to_string(g.stride - span % g.stride) + " cell" +
                (g.stride - span % g.stride == 1 ? "" : "s") + " past the edge)");
  c.valid = true;
  c.outputSize = span / g.stride + 1;
  c.reason.clear();
  c.formula = formulaText(g, true);
  return c;
}

std::vector<int> windowStarts(const ConvGeometry& g) {
  std::vector<int> starts;
  const ConvCheck c = checkConv(g);
  if (!c.valid) return starts;
  starts.reserve(c.outputSize);
  for (int i = 0; i < c.outputSize; ++i) starts.push_back(i * g.stride);
  return starts;
}

}  // namespace convoscope
