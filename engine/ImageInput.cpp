#include "engine/ImageInput.h"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <cmath>
#include <filesystem>
#include <memory>

#include "engine/Errors.h"

namespace convoscope {

namespace {

// stb refuses huge PNGs without saying how big they are; their header does, so the message can.
bool readPngSize(const std::string& path, int& width, int& height) {
  unsigned char header[24] = {};
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return false;
  const size_t got = std::fread(header, 1, sizeof header, file);
  std::fclose(file);
  static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (got < 24 || std::memcmp(header, signature, 8) != 0 || std::memcmp(header + 12, "IHDR", 4) != 0) return false;
  auto be32 = [&](int at) { return (header[at] << 24) | (header[at + 1] << 16) | (header[at + 2] << 8) | header[at + 3]; };
  width = be32(16);
  height = be32(20);
  return width > kMaxImageSide || height > kMaxImageSide;  // only worth reporting when too large
}

}  // namespace

Image loadImage(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(path + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not an image");
  if (std::filesystem::file_size(path, ec) == 0) throw InputError(path + ": empty file, not an image");
  int width = 0, height = 0, channels = 0;
  if (!stbi_info(path.c_str(), &width, &height, &channels) && !readPngSize(path, width, height))
    throw InputError(path + ": not a readable image (" + stbi_failure_reason() + "); use PNG, JPEG, BMP or TGA");
  if (width <= 0 || height <= 0) throw InputError(path + ": image has no pixels");
  if (width > kMaxImageSide || height > kMaxImageSide)
    throw InputError(path + ": image is " + std::to_string(width) + "x" + std::to_string(height) +
                     ", larger than the " + std::to_string(kMaxImageSide) + " px limit");
  if (channels == 0) throw InputError(path + ": not a readable image; use PNG, JPEG, BMP or TGA");
  const int wanted = channels <= 2 ? 1 : 3;  // drop alpha: models see gray or RGB
  std::unique_ptr<stbi_uc, void (*)(void*)> data(stbi_load(path.c_str(), &width, &height, &channels, wanted),
                                                 stbi_image_free);
  if (!data) throw InputError(path + ": corrupt or truncated image (" + stbi_failure_reason() + ")");
  Image image;
  image.width = width;
  image.height = height;
  image.channels = wanted;
  image.pixels.assign(data.get(), data.get() + static_cast<size_t>(width) * height * wanted);
  return image;
}

void savePng(const Image& image, const std::string& path) {
  if (!stbi_write_png(path.c_str(), image.width, image.height, image.channels, image.pixels.data(),
                      image.width * image.channels))
    throw std::runtime_error(path + ": cannot write PNG");
}

namespace {

// Value of channel c at (x, y) after gray<->RGB conversion to `channels`.
float sampleChannel(const Image& image, int x, int y, int c, int channels) {
  const uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * image.channels];
  if (image.channels == channels) return p[c];
  if (channels == 1) return 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];  // ITU-R BT.601 luma
  return p[0];                                                             // gray to every channel
}

}  // namespace

Image resizeImage(const Image& image, int width, int height, int channels) {
  Image out;
  out.width = width;
  out.height = height;
  out.channels = channels;
  out.pixels.resize(static_cast<size_t>(width) * height * channels);
  const float sx = static_cast<float>(image.width) / width, sy = static_cast<float>(image.height) / height;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < channels; ++c) {
        float value = 0;
        if (sx > 1 || sy > 1) {
          // Shrinking: average the source pixels the destination pixel covers (no aliasing).
          const int x0 = static_cast<int>(x * sx), x1 = std::max(x0 + 1, static_cast<int>((x + 1) * sx));
          const int y0 = static_cast<int>(y * sy), y1 = std::max(y0 + 1, static_cast<int>((y + 1) * sy));
          double sum = 0;
          int count = 0;
          for (int yy = y0; yy < std::min(y1, image.height); ++yy)
            for (int xx = x0; xx < std::min(x1, image.width); ++xx, ++count)
              sum += sampleChannel(image, xx, yy, c, channels);
          value = count ? static_cast<float>(sum / count) : 0.f;
        } else {
          // Enlarging: bilinear between pixel centres.
          const float fx = std::clamp((x + 0.5f) * sx - 0.5f, 0.f, image.width - 1.f);
          const float fy = std::clamp((y + 0.5f) * sy - 0.5f, 0.f, image.height - 1.f);
          const int ix = static_cast<int>(fx), iy = static_cast<int>(fy);
          const int jx = std::min(ix + 1, image.width - 1), jy = std::min(iy + 1, image.height - 1);
          const float tx = fx - ix, ty = fy - iy;
          const float top = sampleChannel(image, ix, iy, c, channels) * (1 - tx) + sampleChannel(image, jx, iy, c, channels) * tx;
          const float bottom = sampleChannel(image, ix, jy, c, channels) * (1 - tx) + sampleChannel(image, jx, jy, c, channels) * tx;
          value = top * (1 - ty) + bottom * ty;
        }
        out.pixels[(static_cast<size_t>(y) * width + x) * channels + c] =
            static_cast<uint8_t>(std::clamp(std::lround(value), 0L, 255L));
      }
    }
  }
  return out;
}

std::vector<float> imageToInput(const Image& image, const std::vector<int64_t>& shape, const Normalization& norm) {
  int channels = 1, height = 1, width = 1;
  if (shape.size() == 3) {
    channels = static_cast<int>(shape[0]);
    height = static_cast<int>(shape[1]);
    width = static_cast<int>(shape[2]);
  } else if (shape.size() == 1) {
    // A flat input (an MLP on N pixels): use the image as a square gray picture when N is a square.
    const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(shape[0]))));
    if (static_cast<int64_t>(side) * side != shape[0])
      throw InputError("input shape [" + std::to_string(shape[0]) + "] is not a square image; cannot feed an image");
    height = width = side;
  } else {
    throw InputError("input shape must be C,H,W or N to feed an image");
  }
  if (channels != 1 && channels != 3)
    throw InputError("model expects " + std::to_string(channels) + " channels; images give 1 (gray) or 3 (RGB)");
  const Image resized = (image.width == width && image.height == height && image.channels == channels)
                            ? image
                            : resizeImage(image, width, height, channels);
  std::vector<float> input(static_cast<size_t>(channels) * height * width);
  for (int c = 0; c < channels; ++c) {
    float mean = 0, stdev = 1;
    if (!norm.isIdentity()) {
      mean = norm.mean[norm.mean.size() == 1 ? 0 : std::min<size_t>(c, norm.mean.size() - 1)];
      stdev = norm.std[norm.std.size() == 1 ? 0 : std::min<size_t>(c, norm.std.size() - 1)];
    }
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) {
        const float v = resized.pixels[(static_cast<size_t>(y) * width + x) * channels + c] / 255.f;
        input[(static_cast<size_t>(c) * height + y) * width + x] = (v - mean) / stdev;
      }
  }
  return input;
}

}  // namespace convoscope
