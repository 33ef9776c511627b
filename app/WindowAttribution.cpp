// The window's side of "why this class?": starts the attribution panel's (or a tour step's) request on the
// worker thread, shows its progress, and hands the heat maps to the state when they are ready.
#include "app/ViewerWindow.h"

namespace convoscope {

void ViewerWindow::pollAttribution() {
  AttributionState& a = state_.attribution;
  if (std::optional<AttributionJobResult> result = attribution_.poll()) {
    if (result->cancelled) {
      a.computing = false;
      if (!a.outbox) a.outbox = result->request;  // asked again once the new snapshot is here
    } else if (!result->error.empty()) {
      failAttribution(state_, result->error);
    } else {
      finishAttribution(state_, result->overlay, result->request, result->snapshotId,
                        std::move(result->summary));
    }
  }
  if (attribution_.busy()) {
    a.progress = attribution_.progress();
    state_.touch(1);
    return;
  }
  // One model at a time: a load in flight finishes first (the engine is not shared between threads).
  if (!a.outbox || !model_ || !state_.snapshot || loader_.busy()) return;
  attribution_.start(model_, state_.snapshot, *a.outbox);
  a.outbox.reset();
  a.computing = true;
  a.progress = 0.0f;
  state_.touch();
}

}  // namespace convoscope
