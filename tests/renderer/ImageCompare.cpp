#include "ImageCompare.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "core/PngFile.h"

namespace convoscope::rendertest {

ImageDifference compareImages(const RgbaImage& actual, const RgbaImage& expected, RgbaImage* diff) {
  ImageDifference result;
  if (actual.width != expected.width || actual.height != expected.height) {
    result.sizeMismatch = true;
    return result;
  }
  const size_t pixels = static_cast<size_t>(actual.width) * actual.height;
  if (diff) {
    diff->width = actual.width;
    diff->height = actual.height;
    diff->pixels.assign(pixels * 4, 255);
  }
  uint64_t sum = 0, over = 0;
  for (size_t i = 0; i < pixels; ++i) {
    int worst = 0;
    for (int c = 0; c < 3; ++c) {
      const int d = std::abs(int(actual.pixels[i * 4 + c]) - int(expected.pixels[i * 4 + c]));
      sum += d;
      worst = std::max(worst, d);
      if (diff) diff->pixels[i * 4 + c] = static_cast<uint8_t>(std::min(255, d * 8));
    }
    if (worst > 16) ++over;
  }
  result.meanAbsolute = pixels ? static_cast<double>(sum) / (pixels * 3.0) : 0.0;
  result.fractionOver16 = pixels ? static_cast<double>(over) / pixels : 0.0;
  return result;
}

std::string checkAgainstBaseline(const RgbaImage& actual, const std::string& name) {
  const std::filesystem::path baseline =
      std::filesystem::path(CONVOSCOPE_SOURCE_DIR) / "tests" / "baselines" / (name + ".png");
  const char* update = std::getenv("CONVOSCOPE_UPDATE_BASELINES");
  if (update && std::strcmp(update, "1") == 0) {
    std::filesystem::create_directories(baseline.parent_path());
    writePng(actual, baseline.string());
    return "";
  }
  if (!std::filesystem::exists(baseline))
    return "no baseline " + baseline.string() + "; run with CONVOSCOPE_UPDATE_BASELINES=1 to create it";
  const RgbaImage expected = readPng(baseline.string());
  RgbaImage diff;
  const ImageDifference d = compareImages(actual, expected, &diff);
  if (!d.sizeMismatch && d.meanAbsolute < kMaxMeanAbsoluteDifference && d.fractionOver16 < kMaxFractionOver16)
    return "";
  const std::filesystem::path dir = std::filesystem::current_path() / "renderer-failures";
  std::filesystem::create_directories(dir);
  const std::string actualPath = (dir / (name + ".actual.png")).string();
  writePng(actual, actualPath);
  std::ostringstream message;
  message << name << " differs from " << baseline.string() << ": ";
  if (d.sizeMismatch) {
    message << "size " << actual.width << "x" << actual.height << " vs " << expected.width << "x"
            << expected.height;
  } else {
    const std::string diffPath = (dir / (name + ".diff.png")).string();
    writePng(diff, diffPath);
    message << "mean abs diff " << d.meanAbsolute << " (limit " << kMaxMeanAbsoluteDifference << "), "
            << d.fractionOver16 * 100.0 << "% pixels off by >16 (limit " << kMaxFractionOver16 * 100.0
            << "%); diff " << diffPath;
  }
  message << "; actual " << actualPath;
  return message.str();
}

}  // namespace convoscope::rendertest
