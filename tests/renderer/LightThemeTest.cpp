// The light projector theme: every floating label the scene draws (slab names and details, the prediction's
// title, class names and shares) keeps a WCAG contrast of at least 4.5:1 against what is behind it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "core/PngFile.h"

namespace convoscope {
namespace {

using rendertest::renderSnapshot;
using rendertest::sharedContext;

// WCAG relative luminance of an 8-bit sRGB pixel.
double luminance(const uint8_t* p) {
  auto linear = [](uint8_t v) {
    const double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(p[0]) + 0.7152 * linear(p[1]) + 0.0722 * linear(p[2]);
}

// The label's text (its darkest pixel) against its background (the pixels around the glyphs: the brighter
// quarter of its rectangle).
double labelContrast(const RgbaImage& image, const glm::vec4& rect) {
  std::vector<double> values;
  for (int y = std::max(0, static_cast<int>(rect.y)); y < std::min(image.height, static_cast<int>(rect.w)); ++y)
    for (int x = std::max(0, static_cast<int>(rect.x)); x < std::min(image.width, static_cast<int>(rect.z)); ++x)
      values.push_back(luminance(&image.pixels[(static_cast<size_t>(y) * image.width + x) * 4]));
  if (values.size() < 10) return 99.0;  // off screen
  std::sort(values.begin(), values.end());
  const double text = values.front(), behind = values[values.size() * 3 / 4];
  return (std::max(text, behind) + 0.05) / (std::min(text, behind) + 0.05);
}

TEST(LightTheme, EveryFloatingLabelKeepsFourAndAHalfToOne) {
  sharedContext();
  const Snapshot snapshot = rendertest::tinyVggSnapshot();
  ViewOptions options;
  options.backgroundTop = kLightBackgroundTop;
  options.backgroundBottom = kLightBackgroundBottom;
  SceneRenderer renderer;
  // At 4K the labels' strokes are several pixels wide, so their darkest pixels are their colour, not a blend
  // of ink and background (the measure reads colours on what is behind them, as WCAG means).
  const rendertest::RenderedFrame frame = renderSnapshot(renderer, snapshot, 3840, 2160, {}, options);
  ASSERT_GE(frame.stats.labels.size(), 10u);
  if (const char* dump = std::getenv("CONVOSCOPE_TEST_DUMP")) writePng(frame.image, dump);
  for (const ScreenLabel& label : frame.stats.labels)
    EXPECT_GE(labelContrast(frame.image, label.rect), 4.5) << label.text;
}

}  // namespace
}  // namespace convoscope
