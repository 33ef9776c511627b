#include "scene/ColorMap.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace convoscope {
namespace {

struct ControlPoint {
  float t;
  glm::vec3 rgb;
};

// Blue → near-white → orange-red: the blue/orange axis survives the common red-green deficiencies. The idea
// follows Moreland, "Diverging Color Maps for Scientific Visualization" (2009) and ColorBrewer's PuOr; the
// control points are our own, chosen so luminance rises to the white centre and falls evenly on both sides.
constexpr std::array<ControlPoint, 5> kDiverging{{
    {0.00f, {0.09f, 0.25f, 0.55f}},
    {0.25f, {0.40f, 0.64f, 0.88f}},
    {0.50f, {0.97f, 0.97f, 0.97f}},
    {0.75f, {0.96f, 0.60f, 0.30f}},
    {1.00f, {0.62f, 0.18f, 0.04f}},
}};

// Dark purple → blue → teal → green → yellow, in the spirit of matplotlib's viridis (van der Walt & Smith,
// 2015): perceptually ordered and colour-blind friendly. Hand-picked points whose luminance strictly rises.
constexpr std::array<ControlPoint, 6> kSequential{{
    {0.00f, {0.27f, 0.01f, 0.33f}},
    {0.20f, {0.25f, 0.26f, 0.53f}},
    {0.40f, {0.17f, 0.46f, 0.56f}},
    {0.60f, {0.15f, 0.64f, 0.51f}},
    {0.80f, {0.45f, 0.81f, 0.34f}},
    {1.00f, {0.99f, 0.91f, 0.14f}},
}};

// Deep red → orange → pale yellow, in the spirit of "inferno" and of Grad-CAM papers' heat overlays: it
// stands apart from both activation maps above, so an attribution never reads as an activation. Drawn with
// alpha rising with t (transparent at 0), so its dark end is rarely seen.
constexpr std::array<ControlPoint, 5> kHeat{{
    {0.00f, {0.35f, 0.02f, 0.10f}},
    {0.30f, {0.75f, 0.10f, 0.12f}},
    {0.60f, {0.96f, 0.42f, 0.08f}},
    {0.85f, {1.00f, 0.78f, 0.20f}},
    {1.00f, {1.00f, 0.97f, 0.70f}},
}};

template <size_t N>
glm::vec3 samplePiecewise(const std::array<ControlPoint, N>& points, float t) {
  t = std::isfinite(t) ? std::clamp(t, 0.0f, 1.0f) : 0.0f;
  for (size_t i = 1; i < N; ++i) {
    if (t <= points[i].t) {
      const float f = (t - points[i - 1].t) / (points[i].t - points[i - 1].t);
      return glm::mix(points[i - 1].rgb, points[i].rgb, f);
    }
  }
  return points[N - 1].rgb;
}

std::uint8_t toByte(float v) {
  return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
}

}  // namespace

glm::vec3 sampleDiverging(float t) { return samplePiecewise(kDiverging, t); }

glm::vec3 sampleSequential(float t) { return samplePiecewise(kSequential, t); }

glm::vec3 sampleHeat(float t) { return samplePiecewise(kHeat, t); }

// Below this the map is not drawn at all: a faint wash over a whole slab says nothing and muddies its tiles.
constexpr float kHeatFloor = 0.1f;

float heatOpacity(float t) {
  t = std::isfinite(t) ? std::clamp(t, 0.0f, 1.0f) : 0.0f;
  const float above = std::max(0.0f, (t - kHeatFloor) / (1.0f - kHeatFloor));
  return std::pow(above, 0.7f);
}

glm::vec3 sampleColorMap(ColorMapKind kind, float t) {
  return kind == ColorMapKind::Diverging ? sampleDiverging(t) : sampleSequential(t);
}

ColorMapKind colorMapFor(const ValueRange& range) {
  return useDivergingMap(range) ? ColorMapKind::Diverging : ColorMapKind::Sequential;
}

std::vector<std::uint8_t> bakeLookupTable(ColorMapKind kind, int entries) {
  std::vector<std::uint8_t> texels;
  if (entries <= 0) return texels;
  texels.reserve(static_cast<size_t>(entries) * 4);
  for (int i = 0; i < entries; ++i) {
    const float t = entries == 1 ? 0.5f : static_cast<float>(i) / static_cast<float>(entries - 1);
    const glm::vec3 rgb = sampleColorMap(kind, t);
    texels.insert(texels.end(), {toByte(rgb.r), toByte(rgb.g), toByte(rgb.b), 255});
  }
  return texels;
}

std::vector<std::uint8_t> bakeLookupTableAtlas(int entries) {
  std::vector<std::uint8_t> atlas = bakeLookupTable(ColorMapKind::Diverging, entries);
  const std::vector<std::uint8_t> sequential = bakeLookupTable(ColorMapKind::Sequential, entries);
  atlas.insert(atlas.end(), sequential.begin(), sequential.end());
  return atlas;
}

float relativeLuminance(const glm::vec3& rgb) { return 0.2126f * rgb.r + 0.7152f * rgb.g + 0.0722f * rgb.b; }

}  // namespace convoscope
