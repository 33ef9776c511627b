#pragma once
// Where a tour step's focus puts the camera, for both the recorder and the live viewer: fixed angles (so a
// tour looks the same whatever the camera did before) and a framing whose tightness follows the step's
// semantic-zoom level. Pure computation on the layout; no GL.
#include <optional>

#include "scene/OrbitCamera.h"
#include "scene/RegionFraming.h"
#include "scene/Selection.h"
#include "scene/SlabLayout.h"
#include "scene/Tour.h"

namespace convoscope {

// The selection a focus highlights (empty for none or for a layer that is not displayed).
Selection tourSelection(const Snapshot& snapshot, const SceneLayout& layout,
                        const std::optional<TourFocus>& focus);

// The rows a tour's overview keeps the network in: below the header card and above the caption card, which
// reaches up to about 30 % of the frame with four lines of text. `record` frames each overview step into the
// exact room its caption leaves (app/TourComputationFraming); the viewer, presenting, uses this band.
inline const FrameRegion kTourOverviewBand{{0.0f, 0.1f}, {1.0f, 0.68f}};

// No focus: the whole network as `shot` frames it, within kTourOverviewBand. A layer: its slab from
// three-quarters. A channel: its tile, nearly head-on. A cell: zoom ≤ 1 its tile, 2 its 7x7 neighbourhood (numbers), 3 its 3x3 neighbourhood
// (the computation). Head-on views keep the eye in front of the next slab (tiles may then be cropped a
// little).
constexpr float kTourFovY = 0.6981f;  // 40 degrees: close-ups fit a whole tile in the gap between slabs
CameraPose tourFocusPose(const Snapshot& snapshot, const SceneLayout& layout,
                         const std::optional<TourFocus>& focus, int zoom, float fovY, float aspect);

// A resolver bound to one snapshot/layout/aspect (the references must outlive it).
TourFocusResolver tourFocusResolver(const Snapshot& snapshot, const SceneLayout& layout, float fovY,
                                    float aspect);

}  // namespace convoscope
