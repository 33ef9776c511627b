#include "app/AttributionWorker.h"

#include <chrono>

#include "core/TextFormat.h"

namespace convoscope {
namespace {

// Thrown from the progress callback to leave the computation between batches.
struct Cancelled {};

}  // namespace

std::string attributionSummary(const Attribution& a) {
  std::string text = "logit " + fixedNumber(a.score);
  if (a.layer >= 0) text += " · at " + a.layerName;
  if (a.delta) text += " · completeness gap " + fixedNumber(*a.delta);
  return text;
}

AttributionWorker::~AttributionWorker() {
  if (!job_.valid()) return;
  cancel();
  job_.wait();
}

void AttributionWorker::start(std::shared_ptr<const CaptureModel> model, std::shared_ptr<const Snapshot> snapshot,
                              const AttributionRequest& request) {
  progress_->store(0.0f);
  cancel_->store(false);
  auto progress = progress_;
  auto cancel = cancel_;
  job_ = std::async(std::launch::async, [model, snapshot, request, progress, cancel]() {
    AttributionJobResult out;
    out.request = request;
    out.snapshotId = snapshot->id;
    try {
      AttributionOutcome outcome = computeAttributionOverlay(*model, *snapshot, request, [&](float done) {
        if (cancel->load()) throw Cancelled{};
        progress->store(done);
      });
      out.summary = attributionSummary(outcome.attribution);
      out.overlay = std::make_shared<HeatOverlay>(std::move(outcome.overlay));
    } catch (const Cancelled&) {
      out.cancelled = true;
    } catch (const std::exception& e) {
      out.error = e.what();
    }
    return out;
  });
}

std::optional<AttributionJobResult> AttributionWorker::poll() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
  return job_.get();
}

}  // namespace convoscope
