#pragma once
// A Snapshot and its model's metadata as bytes: the start-up snapshot cache's payload (app/StartupSnapshot.h),
// so that the viewer and `shot` can show the bundled model's real picture before the engine is open. Host byte
// order (a cache belongs to one machine). Decoding checks every size, index and enum against the bytes and
// against each other — a tensor's data matches its shape, a layer reads only earlier layers, a module's span
// lies inside the layers — so that a crafted file cannot hand the renderer an inconsistent snapshot
// (fuzzed: fuzz_snapshot_codec).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ModelMetadata.h"
#include "core/Snapshot.h"

namespace convoscope {

struct CachedSnapshot {
  ModelMetadata metadata;      // as the engine merged it (embedded, sidecar, flags)
  std::string imagePath;       // the image the snapshot is of (the model's default when none was asked for)
  uint64_t imageHash = 0;      // its content hash then (core/ResultCache.h fileContentHash)
  Snapshot snapshot;
};

std::vector<uint8_t> encodeCachedSnapshot(const CachedSnapshot& cached);
// nullopt for bytes that are not exactly one valid encoding.
std::optional<CachedSnapshot> decodeCachedSnapshot(const std::vector<uint8_t>& bytes);

// Every number the viewer draws is the same: layer outputs, parameters, logits and probabilities, bit for bit
// (names and shapes too). The start-up check: an engine's fresh snapshot that equals the cached one replaces
// nothing on screen.
bool sameSnapshotValues(const Snapshot& a, const Snapshot& b);

}  // namespace convoscope
