#pragma once
// `attribute -o`: the attribution map as a heat overlay over the input image (the viewer draws the same map
// on the input slab). Plain CPU work: normalise, upsample bilinearly, colour, blend.
#include "core/ImageInput.h"
#include "core/PngFile.h"
#include "engine/Attribution.h"

namespace convoscope {

// The map as one H×W plane of magnitudes in [0, 1] (Integrated Gradients: Σ over channels of |value|;
// the others as they are, negative parts clipped), divided by its maximum.
std::vector<float> heatPlane(const Attribution& attribution);
// The image (at its own size, or upscaled so its short side is at least 256 px) with the heat plane blended
// over it: transparent where the map is 0, `opacity` where it is 1.
RgbaImage heatOverlay(const Image& image, const Attribution& attribution, float opacity = 0.6f);

}  // namespace convoscope
