// The engine's work for the window besides loading, each on a worker thread: the attribution panel's (or a
// tour step's) heat maps, the selected cell's gradient, the selected channel's feature visualization, features
// mode's tile pictures, input B of the compare view. Each
// poll starts what the state asks for, shows progress and hands results back. One engine job at a time: a
// load in flight goes first, and a load waits for a running job to stop.
#include "app/ViewerWindow.h"

#include <filesystem>

namespace convoscope {

// A queued load counts: it waits for the running job to stop, and no new job may start before it.
// Between two checkpoints of a playing timeline the snapshot is a blend that no model computed: the jobs that
// read the model wait until the timeline rests on a checkpoint.
bool ViewerWindow::engineBusy() const {
  return loader_.busy() || queued_.has_value() || engineJobRunning() ||
         (seriesOpen(state_) && !state_.timeline.snapshots.empty() && !restingCheckpoint(state_));
}

bool ViewerWindow::engineJobRunning() const {
  return heatJob_.busy() || gradientJob_.busy() || featureJob_.busy() || featureBatchJob_.busy() ||
         examplesJob_.busy() || compareJob_.busy() || seriesLoadJob_.busy() || seriesRunJob_.busy();
}

void ViewerWindow::cancelEngineJobs() {
  heatJob_.cancel();
  gradientJob_.cancel();
  featureJob_.cancel();
  featureBatchJob_.cancel();
  examplesJob_.cancel();
  compareJob_.cancel();
  seriesLoadJob_.cancel();
  seriesRunJob_.cancel();
}

void ViewerWindow::pollAttribution() {
  AttributionState& a = state_.attribution;
  if (std::optional<JobOutcome<HeatJobResult>> outcome = heatJob_.poll()) {
    if (outcome->cancelled) {
      a.computing = false;
      if (!a.outbox) a.outbox = heatRequest_;  // asked again once the new snapshot is here
    } else if (!outcome->error.empty()) {
      failAttribution(state_, outcome->error);
    } else {
      finishAttribution(state_, outcome->value->overlay, heatRequest_, heatSnapshot_,
                        std::move(outcome->value->summary));
    }
  }
  if (heatJob_.busy()) {
    a.progress = heatJob_.progress();
    state_.touch(1);
    return;
  }
  if (!a.outbox || !modelReady() || !state_.snapshot || engineBusy()) return;
  heatRequest_ = *a.outbox;
  heatSnapshot_ = state_.snapshot->id;
  heatJob_.start(heatMapWork(model_, state_.snapshot, heatRequest_));
  a.outbox.reset();
  a.computing = true;
  a.progress = 0.0f;
  state_.touch();
}

void ViewerWindow::pollCellGradient() {
  CellGradientState& g = state_.cellGradient;
  if (std::optional<JobOutcome<std::vector<float>>> outcome = gradientJob_.poll()) {
    const CellGradientRequest request = *g.computing;
    if (outcome->cancelled)
      g.computing.reset();
    else
      finishCellGradient(state_, request, outcome->value ? std::move(*outcome->value) : std::vector<float>{},
                         outcome->error);
  }
  const std::optional<CellGradientRequest> wanted = wantedCellGradient(state_);
  if (!wanted || !modelReady() || engineBusy()) return;
  g.computing = wanted;
  ClassTarget target{wanted->target.classIndex, wanted->target.contrast};
  gradientJob_.start(layerGradientWork(model_, state_.snapshot, wanted->layer, target));
}

void ViewerWindow::pollChannelFeature() {
  ChannelFeatureState& f = state_.channelFeature;
  if (std::optional<JobOutcome<ChannelFeaturePicture>> outcome = featureJob_.poll()) {
    const ChannelFeatureRequest request = *f.computing;
    if (outcome->cancelled)
      f.computing.reset();
    else if (outcome->value)
      finishChannelFeature(state_, request, outcome->value->path, outcome->value->activation, "");
    else
      finishChannelFeature(state_, request, "", 0.0f, outcome->error);
  }
  const std::optional<ChannelFeatureRequest> wanted = wantedChannelFeature(state_);
  if (!wanted || !modelReady() || engineBusy()) return;
  f.computing = wanted;
  featureJob_.start(channelFeatureWork(model_, wanted->layer, wanted->channel));
}

// Features mode: one batch of tile pictures at a time, so the other jobs (and loads) interleave between them.
void ViewerWindow::pollFeaturesMode() {
  FeaturesModeState& f = state_.features;
  if (std::optional<JobOutcome<std::vector<FeaturePicture>>> outcome = featureBatchJob_.poll()) {
    const FeatureBatchRequest request = *f.computing;
    if (outcome->cancelled)
      f.computing.reset();
    else
      finishFeatureBatch(state_, request, outcome->value ? std::move(*outcome->value) : std::vector<FeaturePicture>{},
                         outcome->error);
  }
  if (featureBatchJob_.busy()) {
    f.progress = featureBatchJob_.progress();
    state_.touch(1);
    return;
  }
  const std::optional<FeatureBatchRequest> wanted = nextFeatureBatch(state_);
  if (!wanted || !modelReady() || engineBusy()) return;
  f.computing = wanted;
  featureBatchJob_.start(featureBatchWork(model_, wanted->layer, wanted->channels));
}

void ViewerWindow::pollChannelExamples() {
  ChannelExamplesState& e = state_.channelExamples;
  if (std::optional<JobOutcome<ChannelExamplesResult>> outcome = examplesJob_.poll()) {
    const ChannelExamplesRequest request = *e.computing;
    if (outcome->cancelled)
      e.computing.reset();
    else if (outcome->value)
      finishChannelExamples(state_, request, std::move(*outcome->value), "");
    else
      finishChannelExamples(state_, request, {}, outcome->error);
  }
  if (examplesJob_.busy()) {
    e.progress = examplesJob_.progress();
    state_.touch(1);
    return;
  }
  const std::optional<ChannelExamplesRequest> wanted = wantedChannelExamples(state_);
  if (!wanted || !modelReady() || engineBusy()) return;
  e.computing = wanted;
  examplesJob_.start(channelExamplesWork(model_, state_.snapshot, *wanted));
}

// Input B: one job at a time; while the ε slider moves, only the latest request waits in the outbox.
void ViewerWindow::pollCompare() {
  CompareState& c = state_.compare;
  if (std::optional<JobOutcome<CompareResult>> outcome = compareJob_.poll()) {
    const bool current = compareGeneration_ == c.generation;  // B was not removed meanwhile
    c.computing = false;
    c.inFlight.reset();
    if (outcome->cancelled) {
      if (current && !c.outbox) c.outbox = compareRequest_;  // asked again once the new snapshot is here
    } else if (!current) {
      state_.touch();
    } else if (!outcome->error.empty()) {
      failCompare(state_, outcome->error);
    } else {
      if (!compareRequest_.searchFlip && c.result) outcome->value->smallestFlip = c.result->smallestFlip;
      finishCompare(state_, std::make_shared<const CompareResult>(std::move(*outcome->value)), compareRequest_,
                    compareSnapshot_);
    }
  }
  if (compareJob_.busy()) {
    c.progress = compareJob_.progress();
    state_.touch(1);
    return;
  }
  if (!c.outbox || !modelReady() || !state_.snapshot || engineBusy()) return;
  compareRequest_ = *c.outbox;
  compareSnapshot_ = state_.snapshot->id;
  compareGeneration_ = c.generation;
  // While only ε moves (the slider), the smallest flipping ε found for this A and attack still holds.
  compareRequest_.searchFlip =
      !(visibleCompare(state_) && c.shownRequest.sameApartFromEpsilon(compareRequest_));
  compareJob_.start(compareWork(model_, state_.snapshot, compareRequest_));
  c.outbox.reset();
  c.inFlight = compareRequest_;
  c.computing = true;
  c.progress = 0.0f;
  state_.touch();
}

// The bundled model's examples come from Fashion-MNIST's test set (its results ship in assets/cache); another
// model keeps the folder the user chose (`view --examples`, the inspector), or none.
void ViewerWindow::chooseDefaultExampleDataset() {
  std::error_code ec;
  if (!state_.channelExamples.dataset.empty() || state_.modelPath.empty() ||
      !std::filesystem::equivalent(state_.modelPath, bundledModelPath(), ec) ||
      !std::filesystem::is_directory(kFashionMnistFolder, ec))
    return;
  setExampleDataset(state_, kFashionMnistFolder, /*isDefault=*/true);
}

}  // namespace convoscope

namespace convoscope {

// A training series: its checkpoints loaded once, then the image through every one whenever the image changes.
void ViewerWindow::pollTimeline() {
  TimelineState& t = state_.timeline;
  if (std::optional<JobOutcome<std::shared_ptr<const SeriesModels>>> outcome = seriesLoadJob_.poll()) {
    t.loading = false;
    if (outcome->cancelled) {
      if (!t.outbox) t.outbox = seriesLoadPath_;  // asked again once the engine is free
    } else if (!outcome->error.empty()) {
      failSeriesLoad(state_, outcome->error);
    } else {
      series_ = *outcome->value;
      std::vector<bool> loaded;
      std::vector<std::string> problems;
      for (const CheckpointStatus& s : series_->statuses) {
        loaded.push_back(s.loaded);
        if (!s.loaded) problems.push_back(s.problem);
      }
      finishSeriesLoad(state_, seriesLoadPath_, series_->series, std::move(loaded), std::move(problems));
    }
  }
  if (std::optional<JobOutcome<std::vector<std::shared_ptr<const Snapshot>>>> outcome = seriesRunJob_.poll()) {
    if (outcome->cancelled)
      t.running = false;  // the same image is asked again
    else if (!outcome->error.empty())
      failSeriesRun(state_, outcome->error);
    else
      finishSeriesRun(state_, seriesRunImage_, std::move(*outcome->value));
  }
  if (!seriesOpen(state_) && !seriesLoadJob_.busy()) series_.reset();  // closed: its checkpoints are not kept
  followTimelineModel();
  if (seriesLoadJob_.busy() || seriesRunJob_.busy()) {
    t.progress = seriesLoadJob_.busy() ? seriesLoadJob_.progress() : seriesRunJob_.progress();
    state_.touch(1);
    return;
  }
  if (t.outbox && !engineBusy()) {
    seriesLoadPath_ = *t.outbox;
    t.outbox.reset();
    t.loading = true;
    t.progress = 0.0f;
    seriesLoadJob_.start([path = seriesLoadPath_, base = options_.model](const auto& progress) {
      return std::make_shared<const SeriesModels>(loadSeriesModels(path, base, progress));
    });
    state_.touch();
  } else if (const std::optional<std::string> image = wantedSeriesRun(state_); image && series_ && !engineBusy()) {
    seriesRunImage_ = *image;
    t.running = true;
    t.progress = 0.0f;
    seriesRunJob_.start([series = series_, image = *image](const auto& progress) { return runSeries(*series, image, progress); });
    state_.touch();
  }
}

// The rest of the viewer (computation, heat maps, features, compare) uses the checkpoint the timeline rests on.
void ViewerWindow::followTimelineModel() {
  const int k = state_.timelineModel;
  if (!series_ || !seriesOpen(state_) || k < 0 || k >= static_cast<int>(series_->models.size()) || !series_->models[k] ||
      model_ == series_->models[k])
    return;
  model_ = series_->models[k];
  state_.modelPath = model_->path();
  updateTitle();
}

}  // namespace convoscope
