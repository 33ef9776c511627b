#pragma once
// Comparing a rendered frame with a baseline PNG under tests/baselines/.
//
// Tolerance: llvmpipe renders the same frame bit-identically on one machine, but another Mesa version, CPU
// feature set (AVX2 vs SSE paths) or thread count may round edge coverage, MSAA resolves and SDF text
// smoothing slightly differently. Those show up as a few pixels along edges and glyphs, each off by a handful
// of levels. A real regression (a missing slab, a wrong colour map, moved labels) changes many pixels by a
// lot. So a frame passes when BOTH hold:
//   * mean absolute difference over all channels < 1.0 level (of 255), and
//   * fewer than 0.5% of pixels have any channel off by more than 16 levels.
// On failure the actual frame and an amplified diff image are written next to the test binary's working
// directory (renderer-failures/), and CONVOSCOPE_UPDATE_BASELINES=1 rewrites the baseline instead.
#include <string>

#include "renderer/Framebuffer.h"

namespace convoscope::rendertest {

struct ImageDifference {
  double meanAbsolute = 0;    // levels, averaged over every RGB channel of every pixel
  double fractionOver16 = 0;  // of pixels
  bool sizeMismatch = false;
};

constexpr double kMaxMeanAbsoluteDifference = 1.0;
constexpr double kMaxFractionOver16 = 0.005;

ImageDifference compareImages(const RgbaImage& actual, const RgbaImage& expected, RgbaImage* diff = nullptr);

// Returns "" when `actual` matches tests/baselines/<name>.png, else a message naming the numbers and the
// files written. Updates the baseline (and returns "") when CONVOSCOPE_UPDATE_BASELINES=1.
std::string checkAgainstBaseline(const RgbaImage& actual, const std::string& name);

}  // namespace convoscope::rendertest
