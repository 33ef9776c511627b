#pragma once
// The training timeline's in-between frames: a snapshot between two checkpoints' snapshots of the same input,
// every activation, parameter, logit and probability mixed linearly, so playback flows from one checkpoint to
// the next instead of jumping. Only an animation's frame: the timeline rests on real checkpoints, whose numbers
// are exact (the computation view reads them).
#include "core/Snapshot.h"

namespace convoscope {

// (1 − t)·a + t·b for t in [0, 1]; t = 0 and t = 1 give a's and b's values. Names, classes and hyper-parameters
// are a's. Throws std::invalid_argument when the two do not come from one architecture (layer or parameter
// shapes differ).
Snapshot blendSnapshots(const Snapshot& a, const Snapshot& b, float t);

}  // namespace convoscope
