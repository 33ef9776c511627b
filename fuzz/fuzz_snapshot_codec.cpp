// libFuzzer target: the start-up snapshot cache's payload (core/SnapshotCodec). Any bytes must decode to
// nothing or to a snapshot whose every index and size is consistent — checked here by walking it the way the
// renderer would — and what decodes must survive its own round trip with the same numbers.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "core/SnapshotCodec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace convoscope;
  const std::vector<uint8_t> bytes(data, data + size);
  const std::optional<CachedSnapshot> decoded = decodeCachedSnapshot(bytes);
  if (!decoded) return 0;
  const Snapshot& s = decoded->snapshot;
  for (size_t i = 0; i < s.layers.size(); ++i) {
    const Layer& l = s.layers[i];
    int64_t elements = l.output.shape.empty() ? 0 : 1;
    for (int64_t d : l.output.shape) elements *= d;
    if (!l.output.data.empty() && elements != l.output.numel()) std::abort();
    for (int input : l.inputs)
      if (input < 0 || static_cast<size_t>(input) >= i) std::abort();
  }
  for (const ModuleOutput& m : s.modules)
    if (m.firstLayer < 0 || static_cast<size_t>(m.lastLayer) >= s.layers.size()) std::abort();
  const std::optional<CachedSnapshot> again = decodeCachedSnapshot(encodeCachedSnapshot(*decoded));
  if (!again || !sameSnapshotValues(again->snapshot, s)) std::abort();
  return 0;
}
