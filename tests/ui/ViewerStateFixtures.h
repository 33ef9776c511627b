#pragma once
// A ViewerState showing scene_fixtures::chainSnapshot() as a new model, for the ui tier's tests.
#include <memory>

#include "scene/SnapshotFixtures.h"
#include "ui/ViewerState.h"

namespace convoscope::ui_fixtures {

inline ViewerState stateWithChain() {
  ViewerState state;
  showSnapshot(state, std::make_shared<Snapshot>(scene_fixtures::chainSnapshot()), true);
  return state;
}

}  // namespace convoscope::ui_fixtures
