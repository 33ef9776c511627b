#include "ui/AttributionState.h"

#include "ui/ViewerState.h"

namespace convoscope {

void askWhy(ViewerState& state, std::optional<int> classIndex) {
  AttributionRequest request = state.attribution.request;
  request.classIndex = classIndex;
  state.attribution.request = request;
  requestAttribution(state, request);
}

void requestAttribution(ViewerState& state, const AttributionRequest& request) {
  state.attribution.outbox = request;
  state.attribution.error.clear();
  state.touch();
}

void clearAttribution(ViewerState& state) {
  AttributionState& a = state.attribution;
  a.outbox.reset();
  a.overlay.reset();
  a.summary.clear();
  a.error.clear();
  state.touch();
}

void finishAttribution(ViewerState& state, std::shared_ptr<HeatOverlay> overlay, const AttributionRequest& request,
                       uint64_t snapshotId, std::string summary) {
  AttributionState& a = state.attribution;
  a.computing = false;
  a.progress = 1.0f;
  a.overlay = std::move(overlay);
  if (a.overlay) a.overlay->opacity = a.opacity;
  a.shownRequest = request;
  a.snapshotId = snapshotId;
  a.summary = std::move(summary);
  a.error.clear();
  state.touch();
}

void failAttribution(ViewerState& state, const std::string& message) {
  state.attribution.computing = false;
  state.attribution.error = message;
  reportMessage(state, message);
}

void refreshAttributionFor(ViewerState& state, bool newModel) {
  AttributionState& a = state.attribution;
  if (newModel) {
    clearAttribution(state);
    a.request = AttributionRequest{a.request.method, std::nullopt, std::nullopt, "", a.request.everyLayer};
    return;
  }
  if (a.overlay && !a.outbox) a.outbox = a.shownRequest;
}

const HeatOverlay* visibleHeat(const ViewerState& state) {
  const AttributionState& a = state.attribution;
  if (!a.overlay || !state.snapshot || a.snapshotId != state.snapshot->id) return nullptr;
  return a.overlay.get();
}

}  // namespace convoscope
