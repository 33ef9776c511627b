#pragma once
// The compare view's "A − B": a snapshot shaped like A whose every activation is a − b, so the slabs show
// where two inputs part ways with the same renderer (a signed range gets the diverging colour map, centred on
// zero). Classes and parameters stay A's.
#include "core/Snapshot.h"

namespace convoscope {

// Throws std::invalid_argument when the two snapshots do not come from the same model (layer shapes differ).
Snapshot differenceSnapshot(const Snapshot& a, const Snapshot& b);

}  // namespace convoscope
