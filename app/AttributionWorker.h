#pragma once
// Computes "why this class?" heat maps on a worker thread (std::async) so frames keep coming; the window
// polls each frame, shows the progress, and starts the next request when one is waiting. A job can be
// cancelled between gradient batches (a new image or model is coming): its result is then dropped.
#include <atomic>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "app/AttributionOverlay.h"

namespace convoscope {

struct AttributionJobResult {
  std::shared_ptr<HeatOverlay> overlay;  // null on failure or cancellation
  AttributionRequest request;
  uint64_t snapshotId = 0;
  std::string summary;  // "logit 7.31 · at conv_2_2 · completeness gap 0.002"
  std::string error;    // empty on success (and on cancellation)
  bool cancelled = false;
};

class AttributionWorker {
 public:
  ~AttributionWorker();  // cancels and waits for a job in flight

  void start(std::shared_ptr<const CaptureModel> model, std::shared_ptr<const Snapshot> snapshot,
             const AttributionRequest& request);
  bool busy() const { return job_.valid(); }
  float progress() const { return progress_->load(); }
  void cancel() { cancel_->store(true); }
  std::optional<AttributionJobResult> poll();  // the finished job's result, once

 private:
  std::future<AttributionJobResult> job_;
  std::shared_ptr<std::atomic<float>> progress_ = std::make_shared<std::atomic<float>>(0.0f);
  std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
};

// One line for the panel: the score, the layer a Grad-CAM map is at, IG's completeness gap.
std::string attributionSummary(const Attribution& attribution);

}  // namespace convoscope
