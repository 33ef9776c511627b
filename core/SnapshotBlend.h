#pragma once
// The training timeline's in-between frames: a snapshot between two checkpoints' snapshots of the same input,
// every activation, parameter, logit and probability mixed linearly, so playback flows from one checkpoint to
// the next instead of jumping. Only an animation's frame: the timeline rests on real checkpoints, whose numbers
// are exact (the computation view reads them).
#include <memory>
#include <optional>
#include <vector>

#include "core/Snapshot.h"

namespace convoscope {

// (1 − t)·a + t·b for t in [0, 1]; t = 0 and t = 1 give a's and b's values. Names, classes and hyper-parameters
// are a's. Throws std::invalid_argument when the two do not come from one architecture (layer or parameter
// shapes differ).
Snapshot blendSnapshots(const Snapshot& a, const Snapshot& b, float t);
// Same layer names and output shapes: one network's snapshots (a series, or a series and its final model).
bool sameArchitecture(const Snapshot& a, const Snapshot& b);

// A timeline's snapshots, one per checkpoint, null where a checkpoint did not load.
using CheckpointSnapshots = std::vector<std::shared_ptr<const Snapshot>>;
// The nearest checkpoint with a snapshot at or below / at or above `position` (in checkpoints).
std::optional<int> snapshotAtOrBelow(const CheckpointSnapshots& snapshots, double position);
std::optional<int> snapshotAtOrAbove(const CheckpointSnapshots& snapshots, double position);
// What a timeline shows at `position`: a checkpoint's own snapshot, or between two with snapshots their blend
// (`blend` false: the nearer one's). Null when none has a snapshot.
std::shared_ptr<const Snapshot> snapshotAtPosition(const CheckpointSnapshots& snapshots, double position, bool blend);

}  // namespace convoscope
