#pragma once
// PNG files: frames written by `shot`, `record` and the window (atomically, see core/AtomicFile.h) and read
// back for baseline comparison. Encoded with zlib (core/PngFile.cpp); stb_image decodes.
#include <cstdint>
#include <string>
#include <vector>

namespace convoscope {

// Top-down RGBA8 pixels, as PNG writers expect.
struct RgbaImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // width * height * 4
};

// PNG bytes of top-down 8-bit pixels with 1 to 4 channels. Throws std::runtime_error naming `path`.
std::vector<unsigned char> encodePng(int width, int height, int channels, const uint8_t* pixels,
                                     const std::string& path);
// Throws std::runtime_error naming the path when it cannot be written; an old file there stays whole.
void writePng(const RgbaImage& image, const std::string& path);
// Throws std::runtime_error naming the path when it cannot be read; always returns RGBA.
RgbaImage readPng(const std::string& path);

}  // namespace convoscope
