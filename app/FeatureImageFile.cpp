#include "app/FeatureImageFile.h"

#include <algorithm>
#include <cmath>

namespace convoscope {

int upscaleFor(const FeatureImage& image, int side) {
  const int64_t shortSide = std::max<int64_t>(1, std::min(image.shape[1], image.shape[2]));
  return static_cast<int>(std::max<int64_t>(1, (side + shortSide - 1) / shortSide));
}

RgbaImage featureRgba(const FeatureImage& image, int scale) {
  const int64_t channels = image.shape[0], height = image.shape[1], width = image.shape[2];
  RgbaImage out;
  out.width = static_cast<int>(width * scale);
  out.height = static_cast<int>(height * scale);
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * 4);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const int64_t p = (y / scale) * width + x / scale;
      uint8_t* target = &out.pixels[(static_cast<size_t>(y) * out.width + x) * 4];
      for (int c = 0; c < 3; ++c) {
        const float v = image.pixels[(channels == 3 ? c : 0) * height * width + p];
        target[c] = static_cast<uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
      }
      target[3] = 255;
    }
  return out;
}

RgbaImage featureSheet(const std::vector<FeatureImage>& images, int side, int gap) {
  RgbaImage sheet;
  if (images.empty()) return sheet;
  const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(images.size()))));
  const int rows = static_cast<int>((images.size() + columns - 1) / columns);
  const RgbaImage first = featureRgba(images[0], upscaleFor(images[0], side));
  sheet.width = columns * first.width + (columns + 1) * gap;
  sheet.height = rows * first.height + (rows + 1) * gap;
  sheet.pixels.assign(static_cast<size_t>(sheet.width) * sheet.height * 4, 0);
  for (size_t i = 0; i < sheet.pixels.size(); i += 4) sheet.pixels[i] = 22, sheet.pixels[i + 1] = 26, sheet.pixels[i + 2] = 34, sheet.pixels[i + 3] = 255;
  for (size_t k = 0; k < images.size(); ++k) {
    const RgbaImage tile = featureRgba(images[k], upscaleFor(images[k], side));
    const int left = gap + static_cast<int>(k % columns) * (first.width + gap);
    const int top = gap + static_cast<int>(k / columns) * (first.height + gap);
    for (int y = 0; y < std::min(tile.height, first.height); ++y)
      std::copy_n(&tile.pixels[static_cast<size_t>(y) * tile.width * 4], std::min(tile.width, first.width) * 4,
                  &sheet.pixels[(static_cast<size_t>(top + y) * sheet.width + left) * 4]);
  }
  return sheet;
}

}  // namespace convoscope
