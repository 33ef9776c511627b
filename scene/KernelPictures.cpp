#include "scene/KernelPictures.h"

#include <algorithm>
#include <cmath>

#include "scene/ColorMap.h"

namespace convoscope {
namespace {

constexpr uint8_t kGap[4] = {24, 26, 32, 255};  // between kernels: the tiles' dark background
constexpr double kTexelBudget = 16.0 * 1024 * 1024;  // all pictures together: 64 MiB of RGBA

float largestMagnitude(const FloatTensor& weight) {
  float m = 0.0f;
  for (float w : weight.data) m = std::max(m, std::abs(w));
  return m;
}

void fillBlock(FeaturePicture& p, int x0, int y0, int size, const uint8_t rgba[4]) {
  for (int y = y0; y < std::min(y0 + size, p.height); ++y)
    for (int x = x0; x < std::min(x0 + size, p.width); ++x)
      std::copy(rgba, rgba + 4, p.rgba.begin() + (static_cast<size_t>(y) * p.width + x) * 4);
}

}  // namespace

FeaturePicture kernelPicture(const Layer& conv, int layer, int channel, float maxMagnitude, int side) {
  FeaturePicture p;
  p.layer = layer;
  p.channel = channel;
  const FloatTensor& w = *conv.weight;
  if (w.shape.size() != 4 || channel < 0 || channel >= w.shape[0] || side < 4) return p;
  const int inputs = static_cast<int>(w.shape[1]), kh = static_cast<int>(w.shape[2]), kw = static_cast<int>(w.shape[3]);
  const int cell = std::max(kh, kw) + 1;  // a kernel and its gap, in weights
  // The most input channels whose grid still gives every weight one pixel.
  const int fitAcross = std::max(1, (side - 1) / cell);
  const int shown = std::min(inputs, fitAcross * fitAcross);
  const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(shown))));
  const int rows = (shown + columns - 1) / columns;
  const int units = std::max(columns, rows) * cell + 1;  // a gap, then each kernel followed by its gap
  const int block = std::max(1, side / units);           // pixels per weight
  p.width = p.height = units * block;
  p.rgba.assign(static_cast<size_t>(p.width) * p.height * 4, 0);
  for (size_t i = 0; i < p.rgba.size(); i += 4) std::copy(kGap, kGap + 4, p.rgba.begin() + i);
  // The grid centred in the square picture.
  const int offsetX = (p.width - (columns * cell * block + block)) / 2, offsetY = (p.height - (rows * cell * block + block)) / 2;
  const float scale = maxMagnitude > 0.0f ? 0.5f / maxMagnitude : 0.0f;
  for (int c = 0; c < shown; ++c) {
    const int left = offsetX + block + (c % columns) * cell * block, top = offsetY + block + (c / columns) * cell * block;
    for (int y = 0; y < kh; ++y)
      for (int x = 0; x < kw; ++x) {
        const float value = w.data[((static_cast<size_t>(channel) * inputs + c) * kh + y) * kw + x];
        const glm::vec3 rgb = sampleDiverging(0.5f + value * scale);
        const uint8_t colour[4] = {static_cast<uint8_t>(std::lround(rgb.r * 255)), static_cast<uint8_t>(std::lround(rgb.g * 255)),
                                   static_cast<uint8_t>(std::lround(rgb.b * 255)), 255};
        fillBlock(p, left + x * block, top + y * block, block, colour);
      }
  }
  return p;
}

FeatureOverlay kernelOverlay(const Snapshot& snapshot, const SceneLayout& layout) {
  FeatureOverlay overlay;
  overlay.id = newFeatureOverlayId();
  overlay.legendNote = "conv tiles: each channel's filter: negative blue, positive orange (weights mode)";
  const std::vector<int> layers = featureLayers(snapshot, layout);
  double channels = 0;
  for (int l : layers) channels += static_cast<double>(snapshot.layers[l].output.shape[0]);
  if (channels <= 0) return overlay;
  const int side = std::clamp(static_cast<int>(std::sqrt(kTexelBudget / channels)), 8, kFeaturePictureSide);
  for (int l : layers) {
    const Layer& conv = snapshot.layers[l];
    const float magnitude = largestMagnitude(*conv.weight);
    const int count = static_cast<int>(conv.output.shape[0]);
    for (int c = 0; c < count; ++c) {
      FeaturePicture picture = kernelPicture(conv, l, c, magnitude, side);
      if (!picture.rgba.empty()) overlay.pictures.push_back(std::move(picture));
    }
  }
  return overlay;
}

const FeatureOverlay& KernelOverlayCache::overlayFor(const Snapshot& snapshot, const SceneLayout& layout) {
  if (snapshot.id != snapshotId_) {
    overlay_ = kernelOverlay(snapshot, layout);
    snapshotId_ = snapshot.id;
  }
  return overlay_;
}

}  // namespace convoscope
