// libFuzzer target: the image loader (core/ImageInput) on arbitrary bytes, then the preprocessing a model
// input goes through. Any input must end in an Image or an InputError, never a crash.
#include <cstddef>
#include <cstdint>

#include "core/Errors.h"
#include "core/ImageInput.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace convoscope;
  try {
    const Image image = decodeImage(data, size, "fuzz-input");
    // Tiny files can decode to tens of megapixels (legitimately, within kMaxImagePixels); resizing those is
    // only slow, so keep the executions per second up and preprocess the small ones.
    if (static_cast<long long>(image.width) * image.height > (1 << 20)) return 0;
    // Both model shapes (gray and RGB) and a flat MLP input, as a model would ask for them.
    imageToInput(image, {1, 28, 28}, Normalization{});
    imageToInput(image, {3, 7, 5}, Normalization{{0.5f}, {0.25f}});
    imageToInput(image, {16}, Normalization{});
  } catch (const InputError&) {
  }
  return 0;
}
