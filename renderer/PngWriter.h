#pragma once
// PNG files for headless frames (stb_image_write) and reading them back for baseline comparison (stb_image).
#include <string>

#include "renderer/Framebuffer.h"

namespace convoscope {

// Throws std::runtime_error naming the path when it cannot be written.
void writePng(const RgbaImage& image, const std::string& path);
// Throws std::runtime_error naming the path when it cannot be read; always returns RGBA.
RgbaImage readPng(const std::string& path);

}  // namespace convoscope
