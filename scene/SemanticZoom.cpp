#include "scene/SemanticZoom.h"

#include <algorithm>
#include <cmath>

namespace convoscope {
namespace {

// Ramps in log space so each step takes the same share of a zoom gesture (zoom is multiplicative).
float logRamp(float fraction, float from, float full) {
  return smoothstep(std::log(from), std::log(full), std::log(std::max(fraction, 1e-12f)));
}

}  // namespace

float smoothstep(float edge0, float edge1, float x) {
  const float t = std::clamp((x - edge0) / (edge1 - edge0), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

float distanceToSlab(const glm::vec3& eye, const Slab& slab) {
  const Bounds box = slabBounds(slab);
  return glm::length(eye - glm::clamp(eye, box.min, box.max));
}

float semanticZoomLevel(float distance, const Slab& slab, float fovY, const SemanticZoomThresholds& th) {
  const float viewHeight = 2.0f * std::max(distance, 1e-6f) * std::tan(fovY * 0.5f);
  const TileGrid& g = slab.grid;
  const float tileSide = std::sqrt(g.tileSize.x * g.tileSize.y);
  const float cellSide = std::sqrt((g.tileSize.x / g.cellCols) * (g.tileSize.y / g.cellRows));
  const float tileFraction = tileSide / viewHeight;
  const float cellFraction = cellSide / viewHeight;
  return logRamp(tileFraction, th.tilesFrom, th.tilesFull) +
         logRamp(cellFraction, th.numbersFrom, th.numbersFull) +
         logRamp(cellFraction, th.computationFrom, th.computationFull);
}

SemanticZoomFades semanticZoomFades(float level) {
  SemanticZoomFades f;
  f.level = std::clamp(level, 0.0f, 3.0f);
  // Each layer of detail cross-fades over most of its unit step, so nothing switches at an integer level.
  f.overview = 1.0f - smoothstep(0.25f, 1.0f, f.level);
  f.tiles = smoothstep(0.0f, 0.75f, f.level);
  f.numbers = smoothstep(1.25f, 2.0f, f.level);
  f.computation = smoothstep(2.25f, 3.0f, f.level);
  return f;
}

}  // namespace convoscope
