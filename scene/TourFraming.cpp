#include "scene/TourFraming.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "scene/FeatureOverlay.h"
#include "scene/ShotFraming.h"

namespace convoscope {
namespace {

int layerIndex(const Snapshot& snapshot, const std::string& name) {
  for (size_t i = 0; i < snapshot.layers.size(); ++i)
    if (snapshot.layers[i].name == name) return static_cast<int>(i);
  return -1;
}

const Slab* slabOf(const Snapshot& snapshot, const SceneLayout& layout, const TourFocus& focus) {
  const int layer = layerIndex(snapshot, focus.layer);
  const int slab = layer >= 0 ? layout.slabForLayer(layer) : -1;
  return slab >= 0 ? &layout.slabs[slab] : nullptr;
}

std::vector<glm::vec3> faceCorners(const Slab& slab, const FaceRect& rect) {
  const float z = frontFaceZ(slab);
  return {glm::vec3(rect.min.x, rect.min.y, z), glm::vec3(rect.max.x, rect.min.y, z),
          glm::vec3(rect.min.x, rect.max.y, z), glm::vec3(rect.max.x, rect.max.y, z)};
}

// Slabs are stacked along +Z with their tiles on the +Z face, so a head-on view of a tile looks through the
// next slab unless the eye stays in the gap in front of it: keep the eye short of that slab.
CameraPose keepInFrontGap(const SceneLayout& layout, const Slab& slab, CameraPose pose) {
  const float face = frontFaceZ(slab);
  float gap = 1e9f;
  for (const Slab& other : layout.slabs) {
    if (other.lane != slab.lane) continue;  // other lanes run above or below, out of the way
    const float back = other.centre.z - 0.5f * other.size.z;
    if (back > face + 1e-4f) gap = std::min(gap, back - face);
  }
  const float depthPerDistance = std::cos(pose.yaw) * std::cos(pose.pitch);
  if (gap < 1e8f && depthPerDistance > 0.0f)
    pose.distance = std::min(pose.distance, 0.9f * gap / depthPerDistance);
  return pose;
}

}  // namespace

Selection tourSelection(const Snapshot& snapshot, const SceneLayout& layout,
                        const std::optional<TourFocus>& focus) {
  if (!focus) return {};
  const int layer = layerIndex(snapshot, focus->layer);
  const Slab* slab = slabOf(snapshot, layout, *focus);
  if (!slab) return {};
  // The layer the tour names (a conv folded with its ReLU explains the conv, then the ReLU), as `shot` does.
  const int shown = layer >= 0 ? layer : slab->displayLayer;
  if (!focus->channel || *focus->channel >= slab->grid.channels) return Selection::ofLayer(shown);
  if (!focus->y || !focus->x) return Selection::ofChannel(shown, *focus->channel);
  return Selection::ofCell(shown, *focus->channel, *focus->y, *focus->x);
}

CameraPose tourFocusPose(const Snapshot& snapshot, const SceneLayout& layout,
                         const std::optional<TourFocus>& focus, int zoom, float fovY, float aspect) {
  const Slab* slab = focus ? slabOf(snapshot, layout, *focus) : nullptr;
  if (!slab) return overviewPoseInRegion(layout, fovY, aspect, kTourOverviewBand);
  constexpr float kLayerYaw = -1.0f, kLayerPitch = 0.30f;  // from the side: the face shows between the slabs
  constexpr float kFaceYaw = -0.18f, kFacePitch = 0.10f;   // nearly head-on: a tile reads like an image
  if (!focus->channel || *focus->channel >= slab->grid.channels) {
    std::vector<glm::vec3> points;
    for (const glm::vec3& c : slabBounds(*slab).corners()) points.push_back(c);
    points.push_back(slab->labelAnchor + glm::vec3(0.0f, 0.6f, 0.0f));  // keep the label in view
    return fitPose(points, kLayerYaw, kLayerPitch, fovY, aspect, 0.15f);
  }
  const int channel = *focus->channel;
  FaceRect tile = tileRect(*slab, channel);
  const int layer = layerIndex(snapshot, focus->layer);
  if (focus->withExamples && layer >= 0)  // the gallery floats right of the slab: frame both
    if (const std::optional<FaceRect> gallery =
            galleryArea(layout, featureLayerFor(snapshot, layout, layer), channel, kGalleryExamples)) {
      tile.min = glm::min(tile.min, gallery->min);
      tile.max = glm::max(tile.max, gallery->max);
      tile.min.y -= 0.3f * (tile.max.y - tile.min.y);  // room below for the step's caption
    }
  if (!focus->y || !focus->x || zoom <= 1) {
    const CameraPose pose = fitPose(faceCorners(*slab, tile), kFaceYaw, kFacePitch, fovY, aspect, 0.1f);
    // With the gallery the framed area is wider than the gap to the next slab allows; the slabs in front of
    // the selected one are cut away (scene/CutAway.h), so the camera may stand further back.
    return focus->withExamples ? pose : keepInFrontGap(layout, *slab, pose);
  }
  const FaceRect cell = cellRect(*slab, channel, *focus->y, *focus->x);
  const glm::vec2 reach = cell.size() * (zoom >= 3 ? 1.5f : 3.5f);
  const FaceRect around{cell.centre() - reach, cell.centre() + reach};
  // Head-on for the computation: the numbers and the kernel read flat.
  const float yaw = zoom >= 3 ? 0.0f : kFaceYaw, pitch = zoom >= 3 ? 0.0f : kFacePitch;
  return keepInFrontGap(layout, *slab, fitPose(faceCorners(*slab, around), yaw, pitch, fovY, aspect, 0.1f));
}

TourFocusResolver tourFocusResolver(const Snapshot& snapshot, const SceneLayout& layout, float fovY,
                                    float aspect) {
  return [&snapshot, &layout, fovY, aspect](const std::optional<TourFocus>& focus, int zoom) {
    return tourFocusPose(snapshot, layout, focus, zoom, fovY, aspect);
  };
}

}  // namespace convoscope
