#include "app/AttributionImage.h"

#include <algorithm>
#include <cmath>

#include "scene/ColorMap.h"
#include "scene/HeatOverlay.h"

namespace convoscope {

std::vector<float> heatPlane(const Attribution& attribution) {
  const std::vector<int64_t>& s = attribution.shape;
  const int64_t plane = s.size() >= 2 ? s[s.size() - 2] * s[s.size() - 1] : 0;
  const int64_t channels = s.size() == 3 ? s[0] : 1;
  std::vector<float> heat(plane, 0.0f);
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t p = 0; p < plane; ++p) {
      const float v = attribution.values[c * plane + p];
      heat[p] += channels > 1 ? std::fabs(v) : std::max(v, 0.0f);
    }
  normaliseHeat(heat);
  return heat;
}

namespace {

// Bilinear sample of an h×w plane at (u, v) in [0, 1] (pixel centres).
float sampleBilinear(const std::vector<float>& plane, int64_t h, int64_t w, float u, float v) {
  const float x = std::clamp(u * w - 0.5f, 0.0f, static_cast<float>(w - 1));
  const float y = std::clamp(v * h - 0.5f, 0.0f, static_cast<float>(h - 1));
  const int64_t x0 = static_cast<int64_t>(x), y0 = static_cast<int64_t>(y);
  const int64_t x1 = std::min(x0 + 1, w - 1), y1 = std::min(y0 + 1, h - 1);
  const float fx = x - x0, fy = y - y0;
  const float top = plane[y0 * w + x0] * (1 - fx) + plane[y0 * w + x1] * fx;
  const float bottom = plane[y1 * w + x0] * (1 - fx) + plane[y1 * w + x1] * fx;
  return top * (1 - fy) + bottom * fy;
}

}  // namespace

RgbaImage heatOverlay(const Image& image, const Attribution& attribution, float opacity) {
  const std::vector<float> heat = heatPlane(attribution);
  const int64_t h = attribution.shape[attribution.shape.size() - 2], w = attribution.shape.back();
  const int scale = std::max(
      1, (256 + std::min(image.width, image.height) - 1) / std::max(1, std::min(image.width, image.height)));
  RgbaImage out;
  out.width = image.width * scale;
  out.height = image.height * scale;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * 4);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const uint8_t* source =
          &image.pixels[(static_cast<size_t>(y / scale) * image.width + x / scale) * image.channels];
      const float grey =
          image.channels == 1 ? source[0] : 0.299f * source[0] + 0.587f * source[1] + 0.114f * source[2];
      const float t = sampleBilinear(heat, h, w, (x + 0.5f) / out.width, (y + 0.5f) / out.height);
      const glm::vec3 colour = sampleHeat(t) * 255.0f;
      const float a = opacity * heatOpacity(t);
      uint8_t* target = &out.pixels[(static_cast<size_t>(y) * out.width + x) * 4];
      for (int c = 0; c < 3; ++c) {
        const float base = image.channels == 1 ? grey : source[c];
        target[c] =
            static_cast<uint8_t>(std::lround(std::clamp(base * (1 - a) + colour[c] * a, 0.0f, 255.0f)));
      }
      target[3] = 255;
    }
  return out;
}

}  // namespace convoscope
