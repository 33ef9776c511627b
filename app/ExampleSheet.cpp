#include "app/ExampleSheet.h"

#include <algorithm>
#include <cmath>

namespace convoscope {
namespace {

void fill(RgbaImage& image, int x0, int y0, int x1, int y1, const uint8_t rgb[3]) {
  for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x) {
      uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * 4];
      p[0] = rgb[0], p[1] = rgb[1], p[2] = rgb[2], p[3] = 255;
    }
}

// One example at (left, top), `scale` screen pixels per image pixel, its box outlined.
void drawExample(RgbaImage& sheet, const Image& image, const PixelBox& box, int left, int top, int scale) {
  for (int y = 0; y < image.height * scale; ++y)
    for (int x = 0; x < image.width * scale; ++x) {
      const uint8_t* source = &image.pixels[(static_cast<size_t>(y / scale) * image.width + x / scale) * image.channels];
      uint8_t* target = &sheet.pixels[(static_cast<size_t>(top + y) * sheet.width + left + x) * 4];
      for (int c = 0; c < 3; ++c) target[c] = source[image.channels == 3 ? c : 0];
      target[3] = 255;
    }
  if (box.empty()) return;
  static constexpr uint8_t kOutline[3] = {255, 184, 71};  // the winner orange of the panels
  const int x0 = left + static_cast<int>(box.x0) * scale, x1 = left + static_cast<int>(box.x1 + 1) * scale;
  const int y0 = top + static_cast<int>(box.y0) * scale, y1 = top + static_cast<int>(box.y1 + 1) * scale;
  const int t = std::max(1, scale / 4);
  fill(sheet, x0, y0, x1, y0 + t, kOutline);
  fill(sheet, x0, y1 - t, x1, y1, kOutline);
  fill(sheet, x0, y0, x0 + t, y1, kOutline);
  fill(sheet, x1 - t, y0, x1, y1, kOutline);
}

}  // namespace

RgbaImage exampleSheet(const std::vector<Image>& images, const std::vector<PixelBox>& boxes, int side, int gap) {
  RgbaImage sheet;
  if (images.empty()) return sheet;
  const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(images.size()))));
  const int rows = static_cast<int>((images.size() + columns - 1) / columns);
  const int shortSide = std::max(1, std::min(images[0].width, images[0].height));
  const int scale = std::max(1, (side + shortSide - 1) / shortSide);
  const int cellW = images[0].width * scale, cellH = images[0].height * scale;
  sheet.width = columns * cellW + (columns + 1) * gap;
  sheet.height = rows * cellH + (rows + 1) * gap;
  sheet.pixels.assign(static_cast<size_t>(sheet.width) * sheet.height * 4, 0);
  static constexpr uint8_t kBackground[3] = {22, 26, 34};
  fill(sheet, 0, 0, sheet.width, sheet.height, kBackground);
  for (size_t k = 0; k < images.size(); ++k) {
    if (images[k].width != images[0].width || images[k].height != images[0].height) continue;
    drawExample(sheet, images[k], k < boxes.size() ? boxes[k] : PixelBox{}, gap + static_cast<int>(k % columns) * (cellW + gap),
                gap + static_cast<int>(k / columns) * (cellH + gap), scale);
  }
  return sheet;
}

std::string exampleLabelName(const ExampleSource& source, const std::vector<std::string>& modelClassNames, int label) {
  for (const std::vector<std::string>* names : {&source.classNames(), &modelClassNames})
    if (!names->empty()) return label >= 0 && label < static_cast<int>(names->size()) ? (*names)[label] : "?";
  return std::to_string(label);
}

}  // namespace convoscope
