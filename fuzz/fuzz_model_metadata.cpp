// libFuzzer target: the small JSON and flag parsers of core/: convoscope.json text, --input-shape, --normalize
// (core/ModelMetadata) and a training series' series.json (core/TrainingSeries). The first byte picks the
// parser. Anything must end in a value or an InputError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/Errors.h"
#include "core/ModelMetadata.h"
#include "core/TrainingSeries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace convoscope;
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 4) {
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
      case 3: {
        const TrainingSeries series = parseTrainingSeries(text, "fuzz/series.json");
        // What we write we must read back.
        const TrainingSeries again = parseTrainingSeries(serializeTrainingSeries(series), "round-trip.json");
        if (again.checkpoints.size() != series.checkpoints.size() || again.model != series.model) std::abort();
        break;
      }
      default:  // 2
        parseNormalization(text);
        break;
    }
  } catch (const InputError&) {
  }
  return 0;
}
