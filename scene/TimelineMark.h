#pragma once
// Where a training timeline stands, as the 3D view's timeline card draws it (renderer/SceneTimeline.cpp): every
// checkpoint's test accuracy as a bar, the position marked, and one line saying what is shown. Built from a
// series (core/TrainingSeries.h) and a position by the window, `shot --series` and `record` alike.
#include <string>
#include <vector>

#include "core/TrainingSeries.h"

namespace convoscope {

struct TimelineMark {
  std::vector<float> accuracy;  // per checkpoint, 0..1
  std::vector<bool> loaded;     // per checkpoint: drawn hollow when it did not load
  double position = 0.0;        // in checkpoints; between two while playing
  std::string line;             // timelinePositionLine
};

// "step 308 · epoch 0.33 · test accuracy 80.3 %" at a checkpoint, "step 86 → 163" between two.
std::string timelinePositionLine(const TrainingSeries& series, double position);
// `loaded` empty: every checkpoint loaded.
TimelineMark timelineMark(const TrainingSeries& series, const std::vector<bool>& loaded, double position);

}  // namespace convoscope
