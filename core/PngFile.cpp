#include "core/PngFile.h"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <stdexcept>

#include "core/AtomicFile.h"

namespace convoscope {

namespace {

void appendBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<unsigned char>*>(context);
  out->insert(out->end(), static_cast<unsigned char*>(data), static_cast<unsigned char*>(data) + size);
}

}  // namespace

// Encoded in memory: stbi_write_png ignores fwrite/fclose errors (a full disk left a truncated PNG under the
// final name), so the file itself is written by writeFileAtomically, which checks every write.
std::vector<unsigned char> encodePng(int width, int height, int channels, const uint8_t* pixels,
                                     const std::string& path) {
  std::vector<unsigned char> png;
  if (width <= 0 || height <= 0 || channels < 1 || channels > 4 || !pixels)
    throw std::runtime_error(path + ": no image to write");
  if (!stbi_write_png_to_func(appendBytes, &png, width, height, channels, pixels, width * channels))
    throw std::runtime_error(path + ": cannot encode PNG");
  return png;
}

void writePng(const RgbaImage& image, const std::string& path) {
  if (image.pixels.size() != static_cast<size_t>(std::max(image.width, 0)) * std::max(image.height, 0) * 4)
    throw std::runtime_error(path + ": no image to write");
  const std::vector<unsigned char> png = encodePng(image.width, image.height, 4, image.pixels.data(), path);
  writeFileAtomically(path, png.data(), png.size(), "PNG");
}

RgbaImage readPng(const std::string& path) {
  int w = 0, h = 0, n = 0;
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 4);
  if (!data) throw std::runtime_error(path + ": cannot read image (" + stbi_failure_reason() + ")");
  RgbaImage image;
  image.width = w;
  image.height = h;
  image.pixels.assign(data, data + static_cast<size_t>(w) * h * 4);
  stbi_image_free(data);
  return image;
}

}  // namespace convoscope
