#pragma once
// Image files to model inputs: decode (stb_image), match channels, resize, scale to [0,1], normalize.
#include <cstdint>
#include <string>
#include <utility>
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

// The picture a model input holds: C,H,W for an image input, 1,side,side for a flat square one ([784]).
struct PixelGeometry {
  int channels = 1, height = 1, width = 1;
  size_t values() const { return static_cast<size_t>(channels) * height * width; }
};
// Throws InputError for a shape no image can fill (not C,H,W or a square N; not 1 or 3 channels).
PixelGeometry pixelGeometryOf(const std::vector<int64_t>& inputShape);

// Pixel space: CHW floats in [0,1] (resize, /255), what the model sees before normalization. Attacks work
// here (engine/Adversarial.h), so that what they change is what an 8-bit PNG can hold.
std::vector<float> imageToPixels(const Image& image, const PixelGeometry& geometry);
// (x − mean) / std per channel: pixel space to the model's input.
std::vector<float> normalizePixels(std::vector<float> pixels, const PixelGeometry& geometry,
                                   const Normalization& norm);
// Back to an 8-bit image: round(x·255), clamped to 0..255.
Image pixelsToImage(const std::vector<float>& pixels, const PixelGeometry& geometry);
// What the pipeline does to `image` to fit `geometry`, in words ("resized from 300x200 to 64x64, RGB to
// gray"); "" when it fits as it is. Shown when a second input differs from what the model takes.
std::string conversionNote(const Image& image, const PixelGeometry& geometry);
// The mean and standard deviation channel c is normalized with ((0, 1) for the identity).
std::pair<float, float> channelNormalization(const Normalization& norm, int channel);

// CHW floats for a model input of shape {C,H,W}: resize, /255, then (x-mean)/std per channel.
std::vector<float> imageToInput(const Image& image, const std::vector<int64_t>& chw,
                                const Normalization& norm);

}  // namespace convoscope
