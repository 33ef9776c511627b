// The compare view's measures from their sums (core/Divergence.h), including the cases with no norm, and the
// pixel-space half of the image pipeline the attacks use (core/ImageInput.h).
#include <gtest/gtest.h>

#include <cmath>

#include "core/Divergence.h"
#include "core/ImageInput.h"

namespace convoscope {
namespace {

LayerDivergence sumsOf(const std::vector<float>& a, const std::vector<float>& b) {
  LayerDivergence d;
  for (size_t i = 0; i < a.size(); ++i) {
    d.normA2 += a[i] * a[i], d.normB2 += b[i] * b[i], d.dot += a[i] * b[i];
    d.difference2 += (a[i] - b[i]) * (a[i] - b[i]);
  }
  return d;
}

TEST(Divergence, DistanceIsRelativeToAAndCosineIsTheAngle) {
  const LayerDivergence d = sumsOf({3, 4}, {3, 0});
  EXPECT_DOUBLE_EQ(*d.distance(), 4.0 / 5.0);
  EXPECT_DOUBLE_EQ(*d.cosine(), 9.0 / (5.0 * 3.0));
}

TEST(Divergence, ZeroActivationsHaveNoScaleOrDirection) {
  EXPECT_EQ(*sumsOf({0, 0}, {0, 0}).distance(), 0.0);
  EXPECT_EQ(*sumsOf({0, 0}, {0, 0}).cosine(), 1.0);
  EXPECT_FALSE(sumsOf({0, 0}, {1, 0}).distance());
  EXPECT_FALSE(sumsOf({0, 0}, {1, 0}).cosine());
  EXPECT_DOUBLE_EQ(*sumsOf({1, 0}, {0, 0}).distance(), 1.0);
  EXPECT_FALSE(sumsOf({1, 0}, {0, 0}).cosine());
}

TEST(Divergence, FirstDivergentLayerIsTheFirstPastTheThreshold) {
  const std::vector<LayerDivergence> layers{sumsOf({1, 1}, {0, 0}), sumsOf({1, 0}, {0.8f, 0}),
                                            sumsOf({1, 0}, {0.4f, 0}), sumsOf({1, 0}, {0, 0})};
  EXPECT_EQ(firstDivergentLayer(layers), 2) << "the input (layer 0) does not count";
  EXPECT_EQ(firstDivergentLayer(layers, 0.1), 1);
  EXPECT_EQ(firstDivergentLayer(layers, 2.0), -1);
  EXPECT_EQ(firstDivergentLayer({sumsOf({1, 1}, {1, 1}), sumsOf({0, 0}, {1, 1})}, 100.0), 1)
      << "no distance counts as diverged";
}

TEST(PixelSpace, PixelsRoundTripToTheSameEightBitImage) {
  Image image{3, 2, 3, {}};
  for (int i = 0; i < 18; ++i) image.pixels.push_back(static_cast<uint8_t>(i * 14));
  const PixelGeometry g = pixelGeometryOf({3, 2, 3});
  const std::vector<float> pixels = imageToPixels(image, g);
  EXPECT_FLOAT_EQ(pixels[1 * 6 + 0], 14.f / 255) << "CHW: channel 1 of the first pixel";
  EXPECT_EQ(pixelsToImage(pixels, g).pixels, image.pixels);
  const Normalization norm{{0.5f}, {0.25f}};
  const std::vector<float> input = normalizePixels(pixels, g, norm);
  EXPECT_EQ(input, imageToInput(image, {3, 2, 3}, norm));
  EXPECT_FLOAT_EQ(input[0], (0.f - 0.5f) / 0.25f);
}

TEST(PixelSpace, ConversionNoteSaysWhatThePipelineDid) {
  const Image rgb{300, 200, 3, std::vector<uint8_t>(300 * 200 * 3)};
  EXPECT_EQ(conversionNote(rgb, pixelGeometryOf({1, 64, 64})), "resized from 300x200 to 64x64, RGB to gray");
  EXPECT_EQ(conversionNote(rgb, pixelGeometryOf({3, 200, 300})), "");
  EXPECT_THROW(pixelGeometryOf({2, 8, 8}), std::exception);
  EXPECT_THROW(pixelGeometryOf({10}), std::exception);
}

}  // namespace
}  // namespace convoscope
