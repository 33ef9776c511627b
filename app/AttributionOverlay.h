#pragma once
// From "why this class?" as asked (scene/HeatOverlay.h's AttributionRequest) to what is drawn: the method's
// map on the input slab, a Grad-CAM map on its own layer's slab, and with `everyLayer` one Grad-CAM map on
// every spatial slab, so the evidence can be followed through the depth of the network. The window's worker
// thread, `shot --attribution` and `record` (tour steps) all call it; `attribute` shares its option parsing.
#include <functional>
#include <string>

#include "engine/Attribution.h"
#include "scene/HeatOverlay.h"

namespace convoscope {

// The class's name, or "class N" for a model without names.
std::string classNameOf(const Snapshot& snapshot, int index);

// The request as engine options: method, class (default: the top prediction), contrast and layer resolved
// against the snapshot. InputError naming `modelPath` for an unknown method, layer or class.
AttributionOptions attributionOptionsFor(const AttributionRequest& request, const Snapshot& snapshot,
                                         const std::string& modelPath);

struct AttributionOutcome {
  Attribution attribution;           // the requested method's result (the panel shows its score, layer, delta)
  std::vector<Attribution> layerMaps;  // with everyLayer: Grad-CAM at every spatial slab, as computed
  HeatOverlay overlay;
};

// Runs on the calling thread; `progress` (0..1) covers every map. Throws InputError like attribute().
AttributionOutcome computeAttributionOverlay(const CaptureModel& model, const Snapshot& snapshot,
                                             const AttributionRequest& request,
                                             const std::function<void(float)>& progress = {});

}  // namespace convoscope
