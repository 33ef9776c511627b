#pragma once
// The checkpoint files of a training series (core/TrainingSeries.h): which of them load, and whether they are
// one architecture — a series is one model at different moments of its training.
#include <string>
#include <vector>

#include "core/TrainingSeries.h"

namespace convoscope {

struct CheckpointStatus {
  bool loaded = false;
  std::string problem;  // why not: "step-000010.pt: missing", "…: not a TorchScript model (…)"
};

// Loads every checkpoint and compares its parameters (names and shapes) with the first that loads. A missing or
// unreadable file is named in its status and the rest stay usable; checkpoints of different architectures throw
// InputError naming both files and the first parameter that differs. So does a series none of whose files load.
std::vector<CheckpointStatus> checkSeriesCheckpoints(const TrainingSeries& series, const SeriesLocation& where);

}  // namespace convoscope
