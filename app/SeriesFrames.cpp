#include "app/SeriesFrames.h"

#include "core/Errors.h"

namespace convoscope {

SeriesFrames::SeriesFrames(const SeriesModels& models, const std::string& imagePath, const Snapshot& model,
                           const LayoutOptions& layoutOptions)
    : series_(models.series), snapshots_(runSeries(models, imagePath)), layoutOptions_(layoutOptions) {
  for (size_t k = 0; k < snapshots_.size(); ++k) {
    loaded_.push_back(snapshots_[k] != nullptr);
    if (snapshots_[k] && !sameArchitecture(*snapshots_[k], model))
      throw InputError(models.where.index + ": " + series_.checkpoints[k].file +
                       " is not the architecture of the tour's model " + model.modelName);
  }
}

SeriesFrames::Frame SeriesFrames::at(double position) {
  if (position != position_ || !snapshot_) {
    snapshot_ = snapshotAtPosition(snapshots_, position, /*blend=*/true);
    layout_ = layoutSlabs(*snapshot_, layoutOptions_);  // the same slabs; the prediction panel follows
    mark_ = timelineMark(series_, loaded_, position);
    position_ = position;
  }
  return {snapshot_.get(), &layout_, &mark_};
}

}  // namespace convoscope
