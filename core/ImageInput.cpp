#include "core/ImageInput.h"

#include <stb/stb_image.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "core/AtomicFile.h"
#include "core/Errors.h"
#include "core/PngFile.h"

namespace convoscope {

namespace {

// stb refuses huge or empty PNGs without saying how big they are; their header does, so the message can.
bool readPngSize(const uint8_t* data, size_t size, int& width, int& height) {
  static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (size < 24 || std::memcmp(data, signature, 8) != 0 || std::memcmp(data + 12, "IHDR", 4) != 0)
    return false;
  // Unsigned arithmetic: a header byte >= 0x80 shifted into the sign bit must not overflow an int.
  auto be32 = [&](int at) {
    return (uint32_t{data[at]} << 24) | (uint32_t{data[at + 1]} << 16) | (uint32_t{data[at + 2]} << 8) |
           uint32_t{data[at + 3]};
  };
  const uint32_t w = be32(16), h = be32(20);
  const bool empty = w == 0 || h == 0;
  if (!empty && w <= static_cast<uint32_t>(kMaxImageSide) && h <= static_cast<uint32_t>(kMaxImageSide))
    return false;
  // Only worth reporting when empty or too large; PNG caps sides at 2^31-1, so these fit an int.
  width = static_cast<int>(std::min<uint32_t>(w, INT32_MAX));
  height = static_cast<int>(std::min<uint32_t>(h, INT32_MAX));
  return true;
}

// Debian's stb_image (git 2022-09-08) writes past its Huffman tables when a JPEG DHT segment's 16 code
// counts add up to more than 256 (found by fuzz/fuzz_image; fixed upstream later). Walk the markers the way
// stb does and refuse such a file before stb sees it.
bool jpegHuffmanTablesFit(const uint8_t* data, size_t size) {
  size_t at = 0;
  if (size < 2 || data[at++] != 0xFF) return true;  // not a JPEG
  while (at < size && data[at] == 0xFF) ++at;       // stb accepts fill bytes before SOI too
  if (at >= size || data[at++] != 0xD8) return true;
  auto byteAt = [&](size_t i) -> unsigned { return i < size ? data[i] : 0u; };  // stb reads 0 past the end
  while (at + 1 < size) {
    if (data[at] != 0xFF) {  // entropy-coded data or junk between segments: stb skips it byte by byte too
      ++at;
      continue;
    }
    const unsigned marker = data[at + 1];
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
      at += 2;  // stuffed 0xFF, TEM, SOI, RSTn: no length
      continue;
    }
    if (marker == 0xD9) return true;  // EOI
    const size_t length = (byteAt(at + 2) << 8) | byteAt(at + 3);
    if (marker == 0xC4) {
      long left = static_cast<long>(length) - 2;
      size_t p = at + 4;
      while (left > 0) {
        const unsigned q = byteAt(p++);
        if ((q >> 4) > 1 || (q & 15) > 3) return true;  // stb refuses this itself
        unsigned count = 0;
        for (int i = 0; i < 16; ++i) count += byteAt(p++);
        if (count > 256) return false;
        p += count;
        left -= 17 + static_cast<long>(count);
      }
    }
    at += 2 + std::max<size_t>(length, 2);
  }
  return true;
}

}  // namespace

namespace {

// stb_image also decodes GIF, PSD, HDR, PIC and PNM, whose parsers we neither need nor trust (the fuzzer
// found a signed overflow in stb's PNM header reader): recognise their signatures and refuse them before stb
// sees them.
const char* unsupportedFormat(const uint8_t* data, size_t size) {
  auto startsWith = [&](const char* magic) {
    const size_t n = std::strlen(magic);
    return size >= n && std::memcmp(data, magic, n) == 0;
  };
  if (startsWith("GIF8")) return "GIF";
  if (startsWith("8BPS")) return "PSD";
  if (startsWith("#?RADIANCE") || startsWith("#?RGBE")) return "HDR";
  if (startsWith("\x53\x80\xF6\x34")) return "PIC";
  if (size >= 2 && data[0] == 'P' && std::strchr("123456fF", data[1]) && data[1] != '\0') return "PNM";
  return nullptr;
}

}  // namespace

Image loadImage(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(path + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not an image");
  if (std::filesystem::file_size(path, ec) == 0) throw InputError(path + ": empty file, not an image");
  std::ifstream in(path, std::ios::binary);
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) throw InputError(path + ": cannot read the file");
  return decodeImage(bytes.data(), bytes.size(), path);
}

Image decodeImage(const uint8_t* data, size_t size, const std::string& origin) {
  const std::string& path = origin;
  if (size == 0) throw InputError(path + ": empty file, not an image");
  if (size > static_cast<size_t>(INT32_MAX)) throw InputError(path + ": file too large for an image");
  const int length = static_cast<int>(size);
  if (const char* format = unsupportedFormat(data, size))
    throw InputError(path + ": " + format + " images are not supported; use PNG, JPEG, BMP or TGA");
  if (!jpegHuffmanTablesFit(data, size)) throw InputError(path + ": corrupt JPEG (bad Huffman table)");
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_memory(data, length, &width, &height, &channels) &&
      !readPngSize(data, size, width, height)) {
    const char* reason = stbi_failure_reason();
    throw InputError(path + ": not a readable image (" + (reason ? reason : "unknown format") +
                     "); use PNG, JPEG, BMP or TGA");
  }
  if (width <= 0 || height <= 0)
    throw InputError(path + ": image has no pixels (" + std::to_string(width) + "x" + std::to_string(height) +
                     ")");
  if (width > kMaxImageSide || height > kMaxImageSide)
    throw InputError(path + ": image is " + std::to_string(width) + "x" + std::to_string(height) +
                     ", larger than the " + std::to_string(kMaxImageSide) + " px limit");
  if (static_cast<long long>(width) * height > kMaxImagePixels)
    throw InputError(path + ": image is " + std::to_string(width) + "x" + std::to_string(height) +
                     ", more than the " + std::to_string(kMaxImagePixels >> 20) + " megapixel limit");
  if (channels == 0) throw InputError(path + ": not a readable image; use PNG, JPEG, BMP or TGA");
  const int wanted = channels <= 2 ? 1 : 3;  // drop alpha: models see gray or RGB
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(data, length, &width, &height, &channels, wanted), stbi_image_free);
  if (!pixels) {
    const char* reason = stbi_failure_reason();
    throw InputError(path + ": corrupt or truncated image (" + (reason ? reason : "decoding failed") + ")");
  }
  // stbi_info and stbi_load parse the header separately; trust only what the decode returned.
  if (width <= 0 || height <= 0 || width > kMaxImageSide || height > kMaxImageSide ||
      static_cast<long long>(width) * height > kMaxImagePixels)
    throw InputError(path + ": corrupt image header");
  Image image;
  image.width = width;
  image.height = height;
  image.channels = wanted;
  image.pixels.assign(pixels.get(), pixels.get() + static_cast<size_t>(width) * height * wanted);
  return image;
}

void savePng(const Image& image, const std::string& path) {
  if (image.pixels.size() !=
      static_cast<size_t>(std::max(image.width, 0)) * std::max(image.height, 0) * std::max(image.channels, 0))
    throw std::runtime_error(path + ": no image to write");
  const std::vector<unsigned char> png =
      encodePng(image.width, image.height, image.channels, image.pixels.data(), path);
  writeFileAtomically(path, png.data(), png.size(), "PNG");
}

namespace {

// Value of channel c at (x, y) after gray<->RGB conversion to `channels`.
float sampleChannel(const Image& image, int x, int y, int c, int channels) {
  const uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * image.channels];
  if (image.channels == channels) return p[c];
  if (channels == 1) return 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];  // ITU-R BT.601 luma
  return p[0];                                                              // gray to every channel
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
          const float top = sampleChannel(image, ix, iy, c, channels) * (1 - tx) +
                            sampleChannel(image, jx, iy, c, channels) * tx;
          const float bottom = sampleChannel(image, ix, jy, c, channels) * (1 - tx) +
                               sampleChannel(image, jx, jy, c, channels) * tx;
          value = top * (1 - ty) + bottom * ty;
        }
        out.pixels[(static_cast<size_t>(y) * width + x) * channels + c] =
            static_cast<uint8_t>(std::clamp(std::lround(value), 0L, 255L));
      }
    }
  }
  return out;
}

PixelGeometry pixelGeometryOf(const std::vector<int64_t>& shape) {
  PixelGeometry g;
  if (shape.size() == 3) {
    g.channels = static_cast<int>(shape[0]);
    g.height = static_cast<int>(shape[1]);
    g.width = static_cast<int>(shape[2]);
  } else if (shape.size() == 1) {
    // A flat input (an MLP on N pixels): use the image as a square gray picture when N is a square.
    const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(shape[0]))));
    if (static_cast<int64_t>(side) * side != shape[0])
      throw InputError("input shape [" + std::to_string(shape[0]) +
                       "] is not a square image; cannot feed an image");
    g.height = g.width = side;
  } else {
    throw InputError("input shape must be C,H,W or N to feed an image");
  }
  if (g.channels != 1 && g.channels != 3)
    throw InputError("model expects " + std::to_string(g.channels) +
                     " channels; images give 1 (gray) or 3 (RGB)");
  return g;
}

std::vector<float> imageToPixels(const Image& image, const PixelGeometry& g) {
  const Image resized = (image.width == g.width && image.height == g.height && image.channels == g.channels)
                            ? image
                            : resizeImage(image, g.width, g.height, g.channels);
  std::vector<float> pixels(g.values());
  for (int c = 0; c < g.channels; ++c)
    for (int y = 0; y < g.height; ++y)
      for (int x = 0; x < g.width; ++x)
        pixels[(static_cast<size_t>(c) * g.height + y) * g.width + x] =
            resized.pixels[(static_cast<size_t>(y) * g.width + x) * g.channels + c] / 255.f;
  return pixels;
}

std::string conversionNote(const Image& image, const PixelGeometry& g) {
  std::string note;
  if (image.width != g.width || image.height != g.height)
    note = "resized from " + std::to_string(image.width) + "x" + std::to_string(image.height) + " to " +
           std::to_string(g.width) + "x" + std::to_string(g.height);
  if (image.channels != g.channels)
    note += (note.empty() ? "" : ", ") + std::string(image.channels == 1 ? "gray to RGB" : "RGB to gray");
  return note;
}

std::pair<float, float> channelNormalization(const Normalization& norm, int c) {
  if (norm.isIdentity()) return {0.f, 1.f};
  const auto pick = [c](const std::vector<float>& v) {
    return v[v.size() == 1 ? 0 : std::min<size_t>(static_cast<size_t>(c), v.size() - 1)];
  };
  return {pick(norm.mean), pick(norm.std)};
}

std::vector<float> normalizePixels(std::vector<float> pixels, const PixelGeometry& g,
                                   const Normalization& norm) {
  if (norm.isIdentity()) return pixels;
  const size_t plane = static_cast<size_t>(g.height) * g.width;
  for (int c = 0; c < g.channels; ++c) {
    const auto [mean, stdev] = channelNormalization(norm, c);
    for (size_t i = c * plane; i < (c + 1) * plane; ++i) pixels[i] = (pixels[i] - mean) / stdev;
  }
  return pixels;
}

Image pixelsToImage(const std::vector<float>& pixels, const PixelGeometry& g) {
  Image image;
  image.width = g.width;
  image.height = g.height;
  image.channels = g.channels;
  image.pixels.resize(g.values());
  for (int c = 0; c < g.channels; ++c)
    for (int y = 0; y < g.height; ++y)
      for (int x = 0; x < g.width; ++x) {
        const float v = pixels[(static_cast<size_t>(c) * g.height + y) * g.width + x];
        image.pixels[(static_cast<size_t>(y) * g.width + x) * g.channels + c] =
            static_cast<uint8_t>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f));
      }
  return image;
}

std::vector<float> imageToInput(const Image& image, const std::vector<int64_t>& shape,
                                const Normalization& norm) {
  const PixelGeometry geometry = pixelGeometryOf(shape);
  return normalizePixels(imageToPixels(image, geometry), geometry, norm);
}

}  // namespace convoscope
