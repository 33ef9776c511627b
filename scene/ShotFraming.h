#pragma once
// Framing for still shots. The scene's framingPose() fits the bounding sphere, which leaves a long network
// small in a wide frame; fitPose() fits the projected content points themselves to the viewport.
#include <vector>

#include "scene/OrbitCamera.h"
#include "scene/SlabLayout.h"

namespace convoscope {

// Keeps yaw and pitch; chooses target and distance so the projected `points` span the view with `margin`
// (a fraction of the half-size) free on the tighter axis, centred. With `regionTop` < 1 they span the part of
// the view below NDC y = regionTop instead (room for a card along the top).
CameraPose fitPose(const std::vector<glm::vec3>& points, float yaw, float pitch, float fovY, float aspect,
                   float margin = 0.08f, float regionTop = 1.0f);

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
CameraPose overviewPose(const SceneLayout& layout, float fovY, float aspect);
void applyShotCamera(OrbitCamera& camera, const SceneLayout& layout, float aspect);

// How the overview (applyShotCamera) shows a layout in a frame of `frame` pixels: the share of the frame that
// the slabs' bounding rectangle covers, and the height of the smallest slab on screen.
struct OverviewFit {
  float fill = 0.0f;
  float smallestSlabPixels = 0.0f;
};
OverviewFit overviewFit(const SceneLayout& layout, const glm::ivec2& frame);
// How much of each bottom corner of the overview's frame (where the colour legend goes: a sixth of the width,
// a tenth of the height, at a margin) the slabs and the prediction panel cover, as a share of the corner.
struct OverviewCorners {
  float bottomLeft = 0.0f, bottomRight = 0.0f;
};
OverviewCorners overviewCorners(const SceneLayout& layout, const glm::ivec2& frame);

}  // namespace convoscope
