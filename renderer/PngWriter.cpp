#include "renderer/PngWriter.h"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace convoscope {

void writePng(const RgbaImage& image, const std::string& path) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<size_t>(image.width) * image.height * 4)
    throw std::runtime_error(path + ": no image to write");
  errno = 0;
  if (!stbi_write_png(path.c_str(), image.width, image.height, 4, image.pixels.data(), image.width * 4))
    throw std::runtime_error(path + ": cannot write PNG" +
                             (errno ? std::string(" (") + std::strerror(errno) + ")" : ""));
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
