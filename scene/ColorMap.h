#pragma once
// Colour maps for activations: a colour-blind-safe diverging map centred on zero for signed data, and a
// viridis-like sequential map for non-negative data. Both are piecewise-linear through our own control
// points.
#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

#include "scene/ValueRange.h"

namespace convoscope {

enum class ColorMapKind { Diverging, Sequential };

// t in [0,1] (clamped) → linear-ish sRGB in [0,1]. Diverging: 0 blue, 0.5 near white, 1 orange-red.
glm::vec3 sampleDiverging(float t);
glm::vec3 sampleSequential(float t);
glm::vec3 sampleColorMap(ColorMapKind kind, float t);
// Attribution heat (scene/HeatOverlay.h): deep red → orange → pale yellow, luminance rising.
glm::vec3 sampleHeat(float t);
// How opaque heat t is drawn (times the overlay's opacity): 0 up to t = 0.1, then rising as a power 0.7 to 1,
// so moderate evidence is seen, not only the peak, and a faint wash is not drawn at all.
float heatOpacity(float t);

// The map that suits a range (diverging for signed data).
ColorMapKind colorMapFor(const ValueRange& range);

// `entries` RGBA8 texels (4 bytes each, alpha 255), entry i sampled at t = i / (entries - 1): upload as a
// 1D texture (or one row of a 2D texture holding several maps).
std::vector<std::uint8_t> bakeLookupTable(ColorMapKind kind, int entries = 256);
// Every map, one row each in ColorMapKind order: a entries x 2 RGBA8 image.
std::vector<std::uint8_t> bakeLookupTableAtlas(int entries = 256);

// Relative luminance (Rec. 709 weights on the given components), used to check ordering of the maps.
float relativeLuminance(const glm::vec3& rgb);

}  // namespace convoscope
