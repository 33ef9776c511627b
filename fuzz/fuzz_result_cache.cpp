// libFuzzer target: the disk cache's entry parser (core/ResultCache) and the top-examples payload parser
// (engine/TopExamplePayload). Any bytes must give a payload or nothing, never a crash; a payload is only ever
// returned for a well-formed entry of the asked key, and what we encode parses back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/ResultCache.h"
#include "engine/TopExamplePayload.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace convoscope;
  const std::vector<uint8_t> file(data, data + size);
  const std::string key = "features v1|model 0123|layer 3|channel 1";
  if (const auto payload = parseCacheEntry(file, key))
    if (encodeCacheEntry(key, *payload) != file) std::abort();
  if (parseCacheEntry(encodeCacheEntry(key, file), key) != file) std::abort();
  // A top-examples payload: parsed or refused; what parses encodes to text that parses to the same lists.
  if (const auto examples = decodeTopExamples(std::string(file.begin(), file.end()), 2)) {
    const auto again = decodeTopExamples(encodeTopExamples(*examples), 2);
    if (!again || again->channels.size() != examples->channels.size()) std::abort();
  }
  return 0;
}
