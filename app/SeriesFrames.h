#pragma once
// A training series' frames for `record` (and the benchmark): the tour's image run through every checkpoint
// once, and for any position on the timeline the snapshot (a checkpoint's own, or the blend of two), its layout
// and the timeline card. The architecture must be the tour model's, so the tour's framing holds for every frame.
#include <memory>
#include <string>

#include "core/SnapshotBlend.h"
#include "engine/SeriesModels.h"
#include "scene/SlabLayout.h"
#include "scene/TimelineMark.h"

namespace convoscope {

class SeriesFrames {
 public:
  // Throws InputError naming the series when its checkpoints are not `model`'s architecture.
  SeriesFrames(const SeriesModels& models, const std::string& imagePath, const Snapshot& model,
               const LayoutOptions& layoutOptions);

  struct Frame {
    const Snapshot* snapshot;
    const SceneLayout* layout;
    const TimelineMark* mark;
  };
  // Valid until the next call; the same position twice costs nothing.
  Frame at(double position);
  int checkpointCount() const { return static_cast<int>(snapshots_.size()); }

 private:
  TrainingSeries series_;
  std::vector<bool> loaded_;
  CheckpointSnapshots snapshots_;
  LayoutOptions layoutOptions_;
  double position_ = -1.0;
  std::shared_ptr<const Snapshot> snapshot_;
  SceneLayout layout_;
  TimelineMark mark_;
};

}  // namespace convoscope
