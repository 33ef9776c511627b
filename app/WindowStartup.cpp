// The viewer's start: the window and its first frame come before the engine. The start request's snapshot is
// looked up in the start-up cache (app/StartupSnapshot.h) on a worker while the first frame is drawn; a hit is
// shown at once, as the real network. The engine is opened only after that — on the loader's worker — and
// its own snapshot of the same request then replaces the cached one, which changes nothing on screen when the
// numbers agree (they do, bit for bit, unless the machine computes otherwise) and redraws in place when not.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>

#include "app/StartupSnapshot.h"
#include "app/ViewerWindow.h"
#include "core/ProcessClock.h"

namespace convoscope {

void ViewerWindow::startStartupLookup() {
  StartupRequest request{options_.model, options_.image};
  state_.loading = true;  // the first frame says the model is coming, not that there is none
  state_.loadingWhat = "Loading " + std::filesystem::path(options_.model.modelPath).filename().string() + "...";
  startupLookup_ = std::async(std::launch::async, [request] {
    StartupLookup lookup;
    lookup.key = startupSnapshotKey(request);
    if (lookup.key) lookup.cached = readStartupSnapshot(*lookup.key, request.image);
    return lookup;
  });
}

void ViewerWindow::pollStartupLookup() {
  if (!startupLookup_.valid() || startupLookup_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return;
  StartupLookup lookup = startupLookup_.get();
  startupKey_ = lookup.key;
  state_.loading = false;  // a miss: the loader takes over (and says so) once the first frame is up
  if (!lookup.cached || state_.snapshot) return;
  cachedStart_ = std::make_shared<const Snapshot>(std::move(lookup.cached->snapshot));
  state_.modelPath = options_.model.modelPath;
  state_.imagePath = lookup.cached->imagePath;
  showFirstSnapshot(cachedStart_, /*newModel=*/true);
  chooseDefaultExampleDataset();
}

// The engine waits for the first frame (on two cores, libtorch's ~0.7 s of loading would otherwise slow the
// very frames it is kept out of). On a cache hit it waits until something needs more than the picture — a
// heat map, a feature, a gradient, input B, another image or model — so that a lecture on the bundled model
// costs neither its memory (~160 MiB) nor its time.
bool ViewerWindow::engineMayStart() const {
  return firstFrameMs_ >= 0 && !startupLookup_.valid() && !startDeferred();
}

bool ViewerWindow::startDeferred() const { return cachedStart_ && !model_ && !engineWanted_; }

bool ViewerWindow::modelReady() {
  if (model_) return true;
  engineWanted_ = true;
  // The picture on screen is the start request's: ask the engine for it (again, when another model failed).
  if (!queued_ && startRequest_ && !loader_.busy()) queued_ = startRequest_;
  return false;
}

// The engine's snapshot of the start request, arriving after the cached one is on screen.
void ViewerWindow::settleCachedStart(const LoadOutcome& outcome) {
  model_ = outcome.model;
  state_.modelPath = model_->path();
  state_.imagePath = outcome.imagePath;
  if (!sameSnapshotValues(*cachedStart_, *outcome.snapshot))
    showSnapshot(state_, outcome.snapshot, /*newModel=*/false);  // in place: camera and selection stay
  cachedStart_.reset();
  chooseDefaultExampleDataset();
  updateTitle();
}

// After each swap: the start-up figures, and with CONVOSCOPE_STARTUP_REPORT=1 their one line on stderr.
void ViewerWindow::noteFrameDrawn() {
  if (firstFrameMs_ < 0) firstFrameMs_ = millisecondsSinceProcessStart();
  if (modelDrawnMs_ >= 0 || !state_.snapshot) return;
  modelDrawnMs_ = millisecondsSinceProcessStart();
  const char* report = std::getenv("CONVOSCOPE_STARTUP_REPORT");
  if (report && std::string(report) == "1")
    std::fprintf(stderr, "startup: first frame %.0f ms, model drawn %.0f ms, peak RSS %.0f MiB%s\n", firstFrameMs_,
                 modelDrawnMs_, peakResidentMiB(), cachedStart_ ? " (from the snapshot cache)" : "");
}

}  // namespace convoscope
