#pragma once
// A training series' checkpoints (core/TrainingSeries.h) loaded as models: which of them load, whether they are
// one architecture — a series is one model at different moments of its training — and one input run through
// every one of them (the viewer's timeline, `timeline`). Plain C++: torch stays in the .cpp.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/Snapshot.h"
#include "core/TrainingSeries.h"
#include "engine/CaptureModel.h"

namespace convoscope {

struct CheckpointStatus {
  bool loaded = false;
  std::string problem;  // why not: "step-000010.pt: missing", "…: not a loadable TorchScript model (…)"
};

struct SeriesModels {
  SeriesLocation where;
  TrainingSeries series;
  std::vector<std::shared_ptr<CaptureModel>> models;  // one per checkpoint, null where it did not load
  std::vector<CheckpointStatus> statuses;             // one per checkpoint
  std::string path(size_t checkpoint) const {  // the checkpoint's file in the series folder
    return (std::filesystem::path(where.folder) / series.checkpoints.at(checkpoint).file).string();
  }
};

using SeriesProgress = std::function<void(float)>;  // 0..1; may throw to cancel (BackgroundJob)

// Reads series.json (`path`: the folder or the file itself) and loads every checkpoint once, with `base`'s
// preprocessing options. All files are probed in one child process (setModelLoaderProbe) so a file that crashes
// libtorch's loader is a problem, not a crash. A missing or unloadable checkpoint is named in its status and the
// rest stay usable; checkpoints of different architectures (parameter names and shapes) throw InputError naming
// both files and the first parameter that differs. So does a series none of whose files load.
SeriesModels loadSeriesModels(const std::string& path, const LoadOptions& base, const SeriesProgress& progress = {});

// The image through every loaded checkpoint: one snapshot per checkpoint, null where it did not load.
std::vector<std::shared_ptr<const Snapshot>> runSeries(const SeriesModels& models, const std::string& imagePath,
                                                       const SeriesProgress& progress = {});

}  // namespace convoscope
