#pragma once
// Framing for still shots. The scene's framingPose() fits the bounding sphere, which leaves a long network
// small in a wide frame; fitPose() fits the projected content points themselves to the viewport.
#include <vector>

#include "scene/OrbitCamera.h"
#include "scene/RegionFraming.h"
#include "scene/SlabLayout.h"

namespace convoscope {

// Keeps yaw and pitch; chooses target and distance so the projected `points` span the view with `margin`
// (a fraction of the half-size) free on the tighter axis, centred. With `regionTop` < 1 or `regionBottom` > -1
// they span the band of the view between those NDC heights instead (room for a card along the top or a
// caption along the bottom).
CameraPose fitPose(const std::vector<glm::vec3>& points, float yaw, float pitch, float fovY, float aspect,
                   float margin = 0.08f, float regionTop = 1.0f, float regionBottom = -1.0f);

// What a shot must show: every slab's corners, label anchors, arcs and the probability panel (turned to face
// a camera at `yaw`, as SceneRenderer draws it).
std::vector<glm::vec3> layoutContentPoints(const SceneLayout& layout, float yaw = 0.0f);

// The default still: a three-quarter view from the output side, above and to the left, so the stack reads
// left (input) to right (output) and the faces carrying the heat maps stay visible. A narrow field of view
// keeps near and far slabs comparable in size.
constexpr float kShotYaw = -1.12f;    // ~ -64 degrees
constexpr float kShotPitch = 0.36f;   // ~ 21 degrees
constexpr float kShotFovY = 0.5236f;  // 30 degrees
// The overview keeps the top band of the frame (the header card's) clear when the network would reach into
// it — a wrapped network's first lane starts at the top left, where the header is.
constexpr float kOverviewHeaderBand = 0.1f;  // of the frame's height
// `alsoShow`: points beyond the network the overview must hold too (the compare view's divergence fence).
CameraPose overviewPose(const SceneLayout& layout, float fovY, float aspect,
                        const std::vector<glm::vec3>& alsoShow = {});
void applyShotCamera(OrbitCamera& camera, const SceneLayout& layout, float aspect,
                     const std::vector<glm::vec3>& alsoShow = {});
// The overview framed into the rows of the frame a tour's caption and the header leave free (`region`, in
// fractions of the frame from the top-left; only its heights are used: a caption spans the width).
CameraPose overviewPoseInRegion(const SceneLayout& layout, float fovY, float aspect, const FrameRegion& region);

// How the overview (applyShotCamera) shows a layout in a frame of `frame` pixels: the share of the frame that
// the slabs' bounding rectangle covers, and the height of the smallest slab on screen.
struct OverviewFit {
  float fill = 0.0f;
  float smallestSlabPixels = 0.0f;
};
OverviewFit overviewFit(const SceneLayout& layout, const glm::ivec2& frame);
// How much of a card of `card` pixels in each bottom corner of the overview's frame (where the colour legend
// goes, `margin` pixels in) the slabs and the prediction panel cover, as a share of the card.
struct OverviewCorners {
  float bottomLeft = 0.0f, bottomRight = 0.0f;
};
OverviewCorners overviewCorners(const SceneLayout& layout, const glm::ivec2& frame, const glm::vec2& card,
                                float margin);

}  // namespace convoscope
