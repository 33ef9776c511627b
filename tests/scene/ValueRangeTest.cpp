#include <gtest/gtest.h>

#include <cmath>

#include "SnapshotFixtures.h"
#include "scene/ValueRange.h"

namespace convoscope {
namespace {

using scene_fixtures::makeLayer;

Layer layerWith(const std::string& name, std::vector<float> values, const std::string& parent = "") {
  Layer layer = makeLayer(name, LayerKind::Conv2d, {static_cast<int64_t>(values.size())}, {}, parent);
  layer.output.data = std::move(values);
  return layer;
}

Snapshot blocksSnapshot() {
  Snapshot s;
  s.layers = {
      layerWith("input", {0.0f, 255.0f}),
      layerWith("stem", {0.0f, 2.0f}),
      layerWith("block1.conv", {-1.0f, 3.0f}, "block1"),
      layerWith("block1.relu", {0.0f, 5.0f}, "block1"),
      layerWith("block2.conv", {0.5f, 1.0f}, "block2"),
      layerWith("head", {-4.0f, 1.0f}),
  };
  s.layers[0].kind = LayerKind::Input;
  return s;
}

TEST(ValueRange, SignedDataIsSymmetricAroundZero) {
  const ValueRange r = rangeOfValues({-2.0f, 0.5f, 1.0f});
  EXPECT_FLOAT_EQ(r.lo, -2.0f);
  EXPECT_FLOAT_EQ(r.hi, 2.0f);
  EXPECT_TRUE(r.isSigned());
  EXPECT_TRUE(useDivergingMap(r));
  const ValueRange r2 = rangeOfValues({-0.5f, 3.0f});
  EXPECT_FLOAT_EQ(r2.lo, -3.0f);
  EXPECT_FLOAT_EQ(r2.hi, 3.0f);
}

TEST(ValueRange, NonNegativeDataStartsAtZero) {
  const ValueRange r = rangeOfValues({0.5f, 3.0f, 1.0f});
  EXPECT_FLOAT_EQ(r.lo, 0.0f);
  EXPECT_FLOAT_EQ(r.hi, 3.0f);
  EXPECT_FALSE(useDivergingMap(r));
}

TEST(ValueRange, DegenerateAndNonFiniteDataStillGiveAUsableRange) {
  const ValueRange zeros = rangeOfValues({0.0f, 0.0f});
  EXPECT_GT(zeros.hi, zeros.lo);
  const ValueRange withNan = rangeOfValues({1.0f, NAN, INFINITY, 2.0f});
  EXPECT_FLOAT_EQ(withNan.lo, 0.0f);
  EXPECT_FLOAT_EQ(withNan.hi, 2.0f);
  const ValueRange none = rangeOfValues({});
  EXPECT_GT(none.hi, none.lo);
}

TEST(ValueRange, UnitModeIsPerLayer) {
  const Snapshot s = blocksSnapshot();
  EXPECT_FLOAT_EQ(rangeFor(s, 1, RangeMode::Unit).hi, 2.0f);
  EXPECT_FLOAT_EQ(rangeFor(s, 2, RangeMode::Unit).lo, -3.0f);
  EXPECT_FLOAT_EQ(rangeFor(s, 3, RangeMode::Unit).lo, 0.0f);
  EXPECT_FLOAT_EQ(rangeFor(s, 3, RangeMode::Unit).hi, 5.0f);
}

TEST(ValueRange, ModuleModeSharesARangeWithinABlock) {
  const Snapshot s = blocksSnapshot();
  const ValueRange conv = rangeFor(s, 2, RangeMode::Module);
  const ValueRange relu = rangeFor(s, 3, RangeMode::Module);
  EXPECT_FLOAT_EQ(conv.lo, -5.0f);  // block1 spans [-1, 5]: signed, so ±5
  EXPECT_FLOAT_EQ(conv.hi, 5.0f);
  EXPECT_FLOAT_EQ(relu.lo, conv.lo);
  EXPECT_FLOAT_EQ(relu.hi, conv.hi);
  EXPECT_FLOAT_EQ(rangeFor(s, 4, RangeMode::Module).hi, 1.0f);  // block2 alone
  EXPECT_FLOAT_EQ(rangeFor(s, 1, RangeMode::Module).hi, 2.0f);  // top-level layers stand alone
  EXPECT_FLOAT_EQ(rangeFor(s, 5, RangeMode::Module).lo, -4.0f);
}

TEST(ValueRange, GlobalModeSpansEveryLayerButTheInput) {
  const Snapshot s = blocksSnapshot();
  for (int i = 1; i < 6; ++i) {
    const ValueRange r = rangeFor(s, i, RangeMode::Global);
    EXPECT_FLOAT_EQ(r.lo, -5.0f) << i;
    EXPECT_FLOAT_EQ(r.hi, 5.0f) << i;
  }
  EXPECT_FLOAT_EQ(rangeFor(s, 0, RangeMode::Global).hi, 255.0f);
  EXPECT_FLOAT_EQ(rangeFor(s, 0, RangeMode::Global).lo, 0.0f);
}

TEST(ValueRange, RangesForMatchesRangeForEveryLayer) {
  const Snapshot s = blocksSnapshot();
  for (RangeMode mode : {RangeMode::Unit, RangeMode::Module, RangeMode::Global}) {
    const std::vector<ValueRange> all = rangesFor(s, mode);
    ASSERT_EQ(all.size(), s.layers.size());
    for (int i = 0; i < static_cast<int>(all.size()); ++i) {
      EXPECT_FLOAT_EQ(all[i].lo, rangeFor(s, i, mode).lo);
      EXPECT_FLOAT_EQ(all[i].hi, rangeFor(s, i, mode).hi);
    }
  }
}

TEST(ValueRange, FallsBackToTheEngineStatsWithoutData) {
  Snapshot s = blocksSnapshot();
  s.layers[1].output.data.clear();
  s.layers[1].stats = {-0.25f, 0.75f, 0.1f};
  const ValueRange r = rangeFor(s, 1, RangeMode::Unit);
  EXPECT_FLOAT_EQ(r.lo, -0.75f);
  EXPECT_FLOAT_EQ(r.hi, 0.75f);
}

TEST(ValueRange, NormalizedValueCentresZeroForSignedRanges) {
  const ValueRange signedRange{-4.0f, 4.0f};
  EXPECT_FLOAT_EQ(normalizedValue(0.0f, signedRange), 0.5f);
  EXPECT_FLOAT_EQ(normalizedValue(-4.0f, signedRange), 0.0f);
  EXPECT_FLOAT_EQ(normalizedValue(2.0f, signedRange), 0.75f);
  EXPECT_FLOAT_EQ(normalizedValue(9.0f, signedRange), 1.0f);
  EXPECT_FLOAT_EQ(normalizedValue(1.5f, ValueRange{0.0f, 3.0f}), 0.5f);
  EXPECT_EQ(rangeFor(blocksSnapshot(), 42, RangeMode::Unit).hi, 1.0f);  // out of range: the default
}

}  // namespace
}  // namespace convoscope
