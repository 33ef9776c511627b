#pragma once
// How much detail to show on a slab, from how large it appears: a continuous level in [0,3] and per-level
// fade alphas that change smoothly with distance (no popping).
//   0 slab overview · 1 channel tiles · 2 cells with numbers · 3 the selected cell's computation
#include <glm/glm.hpp>

#include "scene/SlabLayout.h"

namespace convoscope {

// Thresholds on apparent size: a world length L at distance d fills L / (2 d tan(fovY/2)) of the view height.
struct SemanticZoomThresholds {
  float tilesFrom = 0.015f, tilesFull = 0.04f;            // tile side, as a fraction of the view height
  float numbersFrom = 0.018f, numbersFull = 0.035f;       // cell side (~55 → ~28 cells per view height)
  float computationFrom = 0.09f, computationFull = 0.2f;  // cell side
};

struct SemanticZoomFades {
  float level = 0.0f;  // in [0,3]
  // The activation picture itself is always drawn; these weight the detail drawn on top of it.
  float overview = 1.0f;     // the slab as one object: big layer label, shape caption
  float tiles = 0.0f;        // per-channel detail: tile frames, channel numbers
  float numbers = 0.0f;      // values written in the cells
  float computation = 0.0f;  // the selected cell's computation
};

// GLSL's smoothstep: 0 below edge0, 1 above edge1, a smooth S between (edge0 < edge1).
float smoothstep(float edge0, float edge1, float x);

// Eye-to-slab distance: to the nearest point of the slab's box (0 inside it).
float distanceToSlab(const glm::vec3& eye, const Slab& slab);

// Sum of three smoothstep ramps over log apparent size: continuous and monotone in distance.
float semanticZoomLevel(float distance, const Slab& slab, float fovY,
                        const SemanticZoomThresholds& thresholds = {});
SemanticZoomFades semanticZoomFades(float level);

}  // namespace convoscope
