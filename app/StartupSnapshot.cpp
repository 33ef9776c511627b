#include "app/StartupSnapshot.h"

#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "app/Commands.h"
#include "app/EngineLibrary.h"
#include "core/Errors.h"
#include "core/ResultCache.h"

namespace convoscope {
namespace {

constexpr const char* kKind = "snapshots";

// A rebuilt engine may round differently: its module's size and modification time are part of the key.
std::string engineIdentity() {
  const std::string path = engineLibraryPath();
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw InputError(path + ": no engine module");
  return std::to_string(info.st_size) + "@" + std::to_string(info.st_mtim.tv_sec) + "." +
         std::to_string(info.st_mtim.tv_nsec);
}

uint64_t snapshotBytes(const Snapshot& snapshot) {
  uint64_t values = snapshot.logits.size() * 2;
  for (const Layer& l : snapshot.layers)
    values += l.output.data.size() + l.weight->data.size() + l.bias->data.size() + l.runningMean->data.size() +
              l.runningVar->data.size();
  return values * sizeof(float);
}

}  // namespace

std::optional<std::string> startupSnapshotKey(const StartupRequest& request) try {
  const LoadOptions& m = request.model;
  if (std::filesystem::file_size(m.modelPath) > kStartupSnapshotMaxBytes) return std::nullopt;
  std::ostringstream key;
  key << std::hexfloat << "startup snapshot v1|engine " << engineIdentity() << "|model "
      << hexText(fileContentHash(m.modelPath));
  const std::string sidecar = m.sidecarPath.empty() ? m.modelPath + ".convoscope.json" : m.sidecarPath;
  key << "|sidecar " << (std::filesystem::exists(sidecar) ? hexText(fileContentHash(sidecar)) : "none");
  key << "|shape";
  if (m.inputShape)
    for (int64_t d : *m.inputShape) key << ' ' << d;
  else
    key << " model's";
  key << "|normalize";
  if (m.normalization) {
    for (float v : m.normalization->mean) key << ' ' << v;
    key << " /";
    for (float v : m.normalization->std) key << ' ' << v;
  } else {
    key << " model's";
  }
  key << "|budget " << m.memoryBudgetBytes << "|image "
      << (request.image.empty() ? "default" : hexText(fileContentHash(request.image)));
  return key.str();
} catch (const std::exception&) {
  return std::nullopt;
}

std::optional<CachedSnapshot> readStartupSnapshot(const std::string& key, const std::string& requestedImage) {
  try {
    const std::optional<std::vector<uint8_t>> payload = readCached(kKind, key);
    if (!payload) return std::nullopt;
    std::optional<CachedSnapshot> cached = decodeCachedSnapshot(*payload);
    if (!cached) return std::nullopt;
    if (!requestedImage.empty()) {  // the key holds its content; it is shown under the name asked for
      cached->imagePath = requestedImage;
      return cached;
    }
    // The model's default image: the same file as then, with the same bytes.
    if (defaultImageFor(cached->metadata) != cached->imagePath) return std::nullopt;
    if (fileContentHash(cached->imagePath) != cached->imageHash) return std::nullopt;
    return cached;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

CachedSnapshot captureStartupSnapshot(const CaptureModel& model, const std::string& imagePath) {
  CachedSnapshot entry;
  entry.metadata = model.metadata();
  entry.imagePath = imagePath;
  entry.imageHash = fileContentHash(imagePath);
  entry.snapshot = model.runImage(imagePath);
  return entry;
}

bool writeStartupSnapshot(const std::string& key, const CachedSnapshot& entry) {
  if (snapshotBytes(entry.snapshot) > kStartupSnapshotMaxBytes) return false;
  try {
    return writeCached(kKind, key, encodeCachedSnapshot(entry));
  } catch (const std::exception&) {
    return false;
  }
}

StartupCapture captureOrRecall(const StartupRequest& request, bool needsEngine) {
  const std::optional<std::string> key = startupSnapshotKey(request);
  if (key && !needsEngine)
    if (std::optional<CachedSnapshot> cached = readStartupSnapshot(*key, request.image))
      return {nullptr, std::move(cached->snapshot), cached->imagePath};
  StartupCapture out;
  out.model = CaptureModel::load(request.model);
  CachedSnapshot entry =
      captureStartupSnapshot(*out.model, request.image.empty() ? defaultImageFor(*out.model) : request.image);
  if (key) writeStartupSnapshot(*key, entry);
  out.snapshot = std::move(entry.snapshot);
  out.imagePath = entry.imagePath;
  return out;
}

}  // namespace convoscope
