#pragma once
// Image files to model inputs: decode (stb_image), match channels, resize, scale to [0,1], normalize.
#include <cstdint>
#include <string>
#include <vector>

#include "core/ModelMetadata.h"

namespace convoscope {

struct Image {
  int width = 0, height = 0, channels = 0;  // channels: 1 (gray) or 3 (RGB)
  std::vector<uint8_t> pixels;              // row-major, interleaved
};

// Largest image side we accept; bigger files are refused before decoding.
constexpr int kMaxImageSide = 16384;
// And the largest pixel count (64 MP: a 48 MP phone photo fits): a 58-byte TGA can claim 16384x16384 and
// cost 800 MB and seconds of decoding (found by fuzz/fuzz_image).
constexpr long long kMaxImagePixels = 64ll << 20;

// Decodes PNG/JPEG/BMP/TGA. Throws InputError naming `path` and the problem.
Image loadImage(const std::string& path);
// The same from bytes in memory (fuzzing, embedded files); `origin` names them in messages.
Image decodeImage(const uint8_t* data, size_t size, const std::string& origin);
void savePng(const Image& image, const std::string& path);  // throws std::runtime_error

// Resizes (bilinear, area-averaged when shrinking) and converts to `channels` (gray<->RGB).
Image resizeImage(const Image& image, int width, int height, int channels);

// CHW floats for a model input of shape {C,H,W}: resize, /255, then (x-mean)/std per channel.
std::vector<float> imageToInput(const Image& image, const std::vector<int64_t>& chw,
                                const Normalization& norm);

}  // namespace convoscope
