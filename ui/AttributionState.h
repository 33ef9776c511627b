#pragma once
// "Why this class?" in the viewer: what the attribution panel asks for, and the heat maps on screen. The
// panel and tours write a request into the outbox; the window computes it on a worker thread
// (app/AttributionWorker.h) and reports back with finishAttribution / failAttribution. Torch- and GL-free.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "scene/HeatOverlay.h"

namespace convoscope {

struct ViewerState;

struct AttributionState {
  AttributionRequest request;                // what the panel's controls say
  std::optional<AttributionRequest> outbox;  // asked for, not started yet (the window starts it)
  bool computing = false;
  float progress = 0.0f;                 // 0..1 while computing
  std::shared_ptr<HeatOverlay> overlay;  // on screen; null: none
  uint64_t snapshotId = 0;               // the snapshot the overlay belongs to
  AttributionRequest shownRequest;       // what the overlay answers
  std::string summary;                   // "logit 7.31 · at conv_2_2"
  std::string error;                     // the last failure (the previous overlay stays)
  float opacity = 0.65f;
};

// Asks "why this class?" for `classIndex` (nullopt: the top prediction) with the panel's method.
void askWhy(ViewerState& state, std::optional<int> classIndex);
// Asks for `request` exactly (a tour step, a script).
void requestAttribution(ViewerState& state, const AttributionRequest& request);
void clearAttribution(ViewerState& state);
void finishAttribution(ViewerState& state, std::shared_ptr<HeatOverlay> overlay, const AttributionRequest& request,
                       uint64_t snapshotId, std::string summary);
void failAttribution(ViewerState& state, const std::string& message);
// A new snapshot arrived: the shown overlay is recomputed for it (same request), or dropped for a new model.
void refreshAttributionFor(ViewerState& state, bool newModel);
// The overlay to draw with the current snapshot (null when none, or when it belongs to another snapshot).
const HeatOverlay* visibleHeat(const ViewerState& state);

}  // namespace convoscope
