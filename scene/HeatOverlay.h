#pragma once
// "Why this class?" on the slabs: attribution maps laid over the network, each at its own layer's
// resolution (the input slab shows the map over the image; Grad-CAM can cover every spatial slab at once).
// Pure data and placement; renderer/HeatOverlayView draws it in one instanced call, the app computes it
// (app/AttributionOverlay.h), tours ask for it with an AttributionRequest.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scene/AttributionMethods.h"
#include "scene/SlabLayout.h"

namespace convoscope {

// What a user, a tour step or `shot --attribution` asks to see. Names as the CLI spells them.
struct AttributionRequest {
  std::string method = "gradcam";  // gradcam, saliency, smoothgrad, ig, occlusion
  std::optional<int> classIndex;   // nullopt: the top prediction
  std::optional<int> contrast;     // explain class minus this class
  std::string layer;               // Grad-CAM: a layer name; empty: the last spatial convolution
  bool everyLayer = false;         // Grad-CAM: one map on every spatial slab as well
  bool operator==(const AttributionRequest& o) const {
    return method == o.method && classIndex == o.classIndex && contrast == o.contrast && layer == o.layer &&
           everyLayer == o.everyLayer;
  }
  bool operator!=(const AttributionRequest& o) const { return !(*this == o); }
};

// One map: `values` row-major rows × cols, each in [0, 1] (1: the map's maximum).
struct HeatMap {
  int layer = -1;  // shown on the slab whose tiles show this layer's output (0: the input image)
  int rows = 0, cols = 0;
  std::vector<float> values;
};

struct HeatOverlay {
  uint64_t id = 0;  // new content, new id: the renderer re-uploads only then
  std::vector<HeatMap> maps;
  float opacity = 0.65f;  // at the map's maximum; transparent where it is 0
  std::string title;      // "Grad-CAM · Sneaker", for legends and captions
};
uint64_t newHeatOverlayId();

// Where one map is drawn: a rectangle on a slab's front face, over a channel tile or the far-view image.
struct HeatPlacement {
  int slab = -1;
  int map = -1;  // index into HeatOverlay::maps
  FaceRect rect;
  bool farView = false;  // shown as the slab's tiles fade out (the slab's mean / colour image)
};
// Every tile of each map's slab gets the map, and so does its far-view image when it has one; maps of
// layers without a slab are skipped, as are slabs in `cut` (the cut-away, one flag per slab; may be empty).
std::vector<HeatPlacement> placeHeatMaps(const SceneLayout& layout, const HeatOverlay& overlay,
                                         const std::vector<bool>& cut = {});

// Normalises a plane of attribution magnitudes to [0, 1] by its maximum (all zero stays zero).
void normaliseHeat(std::vector<float>& values);

}  // namespace convoscope
