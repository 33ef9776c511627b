// libFuzzer target: the disk cache's entry parser (core/ResultCache). Any bytes must give a payload or
// nothing, never a crash; a payload is only ever returned for a well-formed entry of the asked key, and what
// we encode parses back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/ResultCache.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace convoscope;
  const std::vector<uint8_t> file(data, data + size);
  const std::string key = "features v1|model 0123|layer 3|channel 1";
  if (const auto payload = parseCacheEntry(file, key))
    if (encodeCacheEntry(key, *payload) != file) std::abort();
  if (parseCacheEntry(encodeCacheEntry(key, file), key) != file) std::abort();
  return 0;
}
