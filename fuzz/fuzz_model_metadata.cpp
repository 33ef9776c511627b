// libFuzzer target: the model-metadata parsers (core/ModelMetadata): convoscope.json text, --input-shape
// and --normalize. The first byte picks the parser. Anything must end in a value or an InputError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/Errors.h"
#include "core/ModelMetadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace convoscope;
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0: {
        const ModelMetadata meta = parseModelMetadata(text, "fuzz.convoscope.json");
        // What we write we must read back.
        const ModelMetadata again = parseModelMetadata(serializeModelMetadata(meta), "round-trip.json");
        if (again.classNames != meta.classNames || again.inputShape != meta.inputShape) std::abort();
        break;
      }
      case 1:
        parseInputShape(text);
        break;
      default:
        parseNormalization(text);
        break;
    }
  } catch (const InputError&) {
  }
  return 0;
}
