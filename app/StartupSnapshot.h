#pragma once
// The start-up snapshot cache: the picture of a model and an image as the engine last captured them, kept on
// disk (core/ResultCache.h, kind "snapshots") so that the viewer draws the real network at once and `shot`
// needs no engine at all. The key names everything the snapshot depends on — the model file's bytes, its
// sidecar's, every load flag, the image's bytes (or "the model's default image"), the engine module's size and
// time — so a changed model, image, flag or engine misses and is captured afresh; it can never be shown as if
// it were current. Entries are written only for snapshots up to kStartupSnapshotMaxBytes (the bundled model's
// is ~0.3 MiB): large networks start as fast from the engine as from a file that size.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/SnapshotCodec.h"
#include "engine/CaptureModel.h"

namespace convoscope {

constexpr uint64_t kStartupSnapshotMaxBytes = 32ull << 20;

// What a start asks for: the model with its flags, and an image ("" for the model's default image).
struct StartupRequest {
  LoadOptions model;
  std::string image;
};

// The entry's key, computed before the engine reads anything (so a file that changes meanwhile can only
// miss later, never be stored under its new content). nullopt when the request is not cached: a model file
// larger than an entry may be (its weights alone would be), or a file that cannot be read (the engine then
// names the problem).
std::optional<std::string> startupSnapshotKey(const StartupRequest& request);

// The cached snapshot for `key`, or nullopt (no entry, a stale or corrupt file, an unreadable image, a default
// image that is now another file or has changed). Never throws: a miss only means the engine runs.
// `requestedImage` is the request's image ("" for the model's default).
std::optional<CachedSnapshot> readStartupSnapshot(const std::string& key, const std::string& requestedImage);

// Runs `imagePath` through `model` as an entry for the cache: the image's hash is taken before the engine reads
// it, for the same reason as the key.
CachedSnapshot captureStartupSnapshot(const CaptureModel& model, const std::string& imagePath);

// Stores an entry. False when it was not written (too large, a cache that cannot be written): never an error.
bool writeStartupSnapshot(const std::string& key, const CachedSnapshot& entry);

// A request's snapshot for the commands: from the cache unless `needsEngine`; else, or on a miss, the engine
// loads the model and runs the image (the model's default when none is asked for), and the entry is stored.
struct StartupCapture {
  std::unique_ptr<CaptureModel> model;  // null when the snapshot came from the cache
  Snapshot snapshot;
  std::string imagePath;
};
StartupCapture captureOrRecall(const StartupRequest& request, bool needsEngine);

}  // namespace convoscope
