#include "app/EngineLibrary.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include "core/BundledAssets.h"

namespace convoscope {
namespace {

struct OpenedEngine {
  std::mutex mutex;
  const EngineEntryPoints* table = nullptr;
  std::string error;  // why the first attempt failed: later calls fail the same way, without retrying
};

OpenedEngine& openedEngine() {
  static OpenedEngine engine;  // house: not viewer state (the process's one engine module)
  return engine;
}

const EngineEntryPoints* openModule(const std::string& path) {
  // RTLD_LOCAL: libtorch's symbols stay the module's own; RTLD_NOW: a missing symbol fails here, not mid-run.
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    throw std::runtime_error(path + ": cannot open the engine (" + std::string(why ? why : "unknown reason") +
                             "); rebuild with ./run");
  }
  using EntryPoints = const EngineEntryPoints* (*)();
  auto entry = reinterpret_cast<EntryPoints>(dlsym(handle, "convoscope_engine_entry_points"));
  const EngineEntryPoints* table = entry ? entry() : nullptr;
  if (!table || table->version != kEngineEntryPointsVersion || table->size != sizeof(EngineEntryPoints))
    throw std::runtime_error(path + ": the engine was built from other sources than this convoscope; rebuild "
                             "with ./run");
  table->drawSnapshotIdsFrom(&newSnapshotId);
  // Models from strangers are first loaded by a child convoscope (`probe-model`), so that a crash inside
  // libtorch's own loader becomes a message instead of taking the viewer down.
  if (const std::string self = executablePath(); !self.empty()) table->setModelLoaderProbe(self);
  return table;  // never closed: models and threads from it live until the process ends
}

}  // namespace

std::string engineLibraryPath() {
  if (const char* path = std::getenv("CONVOSCOPE_ENGINE_LIBRARY"); path && *path) return path;
  const std::string exe = executablePath();
  return ((exe.empty() ? std::filesystem::path(".") : std::filesystem::path(exe).parent_path()) /
          "libconvoscope-engine.so")
      .string();
}

const EngineEntryPoints& engineEntryPoints() {
  OpenedEngine& engine = openedEngine();
  std::lock_guard<std::mutex> lock(engine.mutex);
  if (engine.table) return *engine.table;
  if (!engine.error.empty()) throw std::runtime_error(engine.error);
  if (const char* off = std::getenv("CONVOSCOPE_NO_ENGINE"); off && std::string(off) == "1")
    throw std::runtime_error("the engine is off (CONVOSCOPE_NO_ENGINE=1): only pictures in the start-up cache");
  try {
    engine.table = openModule(engineLibraryPath());
  } catch (const std::exception& e) {
    engine.error = e.what();
    throw;
  }
  return *engine.table;
}

}  // namespace convoscope
