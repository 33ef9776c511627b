#pragma once
// Loads a model and/or runs an image on a worker thread (std::async) so the window stays responsive; the
// window loop polls for the result and keeps showing the previous snapshot until then.
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "engine/CaptureModel.h"
#include "ui/ViewerState.h"

namespace convoscope {

struct LoadOutcome {
  std::shared_ptr<CaptureModel> model;  // set when a new model was loaded
  std::shared_ptr<const Snapshot> snapshot;
  std::string modelPath, imagePath;
  std::string error;              // empty on success
  std::string modelNeedingShape;  // set when the model has no input shape: ask the user
  bool ok() const { return error.empty() && modelNeedingShape.empty(); }
};

class BackgroundLoader {
 public:
  // `base` carries the command line's preprocessing options (normalization, memory budget).
  explicit BackgroundLoader(LoadOptions base) : base_(std::move(base)) {}

  // Starts a job: load `request.modelPath` (if any) then run the image. `current` is the model now shown.
  // With `startupKey`, the snapshot is also stored in the start-up cache under it (app/StartupSnapshot.h).
  void start(const LoadRequest& request, std::shared_ptr<CaptureModel> current, const std::string& currentImage,
             const std::optional<std::string>& startupKey = std::nullopt);
  bool busy() const { return job_.valid(); }
  std::optional<LoadOutcome> poll();  // the finished job's outcome, once

  // What the loading indicator says about the job in flight.
  const std::string& describe() const { return what_; }

 private:
  LoadOptions base_;
  std::future<LoadOutcome> job_;
  std::string what_;
};

}  // namespace convoscope
