#pragma once
// A feature visualization as a picture: pixel space [0, 1] to 8-bit RGBA, scaled up by whole pixels so a
// 28×28 image is seen as its pixels (the CLI's PNGs, the viewer's textures and the README share it).
#include "core/PngFile.h"
#include "engine/FeatureVisualization.h"

namespace convoscope {

// Gray images become gray RGB; the image is repeated `scale`× in each direction (nearest neighbour).
RgbaImage featureRgba(const FeatureImage& image, int scale = 1);
// The whole-pixel scale that makes the short side at least `side` pixels.
int upscaleFor(const FeatureImage& image, int side);
// Several images on one sheet, in a near-square grid in the given order, each scaled to at least `side`
// pixels, on a dark background with `gap` pixels between them.
RgbaImage featureSheet(const std::vector<FeatureImage>& images, int side = 112, int gap = 6);

}  // namespace convoscope
