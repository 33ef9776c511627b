#include <gtest/gtest.h>

#include "scene/ConvArithmetic.h"

namespace convoscope {
namespace {

ConvGeometry geo(int w, int k, int s, int p, int d = 1) { return ConvGeometry{w, k, s, p, d}; }

TEST(ConvArithmetic, StrideTwoOnSixBySixWithThreeByThreeAndNoPaddingIsInvalid) {
  const ConvCheck c = checkConv(geo(6, 3, 2, 0));
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.outputSize, 0);
  EXPECT_NE(c.reason.find("not divisible by stride 2"), std::string::npos) << c.reason;
  EXPECT_NE(c.reason.find("the last window would not fit evenly"), std::string::npos) << c.reason;
  EXPECT_NE(c.reason.find("= 3"), std::string::npos) << c.reason;
  EXPECT_NE(c.formula.find("2.5"), std::string::npos) << c.formula;
  EXPECT_NE(c.formula.find("invalid"), std::string::npos) << c.formula;
  EXPECT_TRUE(windowStarts(geo(6, 3, 2, 0)).empty());
}

TEST(ConvArithmetic, ValidCombinationsGiveTheOutputSize) {
  EXPECT_EQ(checkConv(geo(5, 3, 1, 0)).outputSize, 3);
  EXPECT_EQ(checkConv(geo(7, 3, 2, 1)).outputSize, 4);
  EXPECT_EQ(checkConv(geo(28, 3, 1, 1)).outputSize, 28);
  EXPECT_EQ(checkConv(geo(224, 7, 2, 3)).valid, false);  // (224+6-7)=223, odd: PyTorch floors, we flag it
  EXPECT_EQ(checkConv(geo(225, 7, 2, 3)).outputSize, 113);
  EXPECT_EQ(checkConv(geo(4, 1, 1, 0)).outputSize, 4);
  EXPECT_EQ(checkConv(geo(3, 3, 1, 0)).outputSize, 1);
  EXPECT_EQ(checkConv(geo(12, 2, 2, 0)).outputSize, 6);
  const ConvCheck c = checkConv(geo(7, 3, 2, 1));
  EXPECT_TRUE(c.valid);
  EXPECT_TRUE(c.reason.empty());
  EXPECT_EQ(c.formula, "(7 + 2\u00b71 \u2212 3)/2 + 1 = 4");
}

TEST(ConvArithmetic, WindowStartsStepByStrideAcrossThePaddedInput) {
  EXPECT_EQ(windowStarts(geo(7, 3, 2, 1)), (std::vector<int>{0, 2, 4, 6}));
  EXPECT_EQ(windowStarts(geo(5, 3, 1, 0)), (std::vector<int>{0, 1, 2}));
  // The last window ends exactly at the padded edge.
  const ConvGeometry g = geo(11, 3, 3, 0, 2);
  const auto starts = windowStarts(g);
  ASSERT_FALSE(starts.empty());
  EXPECT_EQ(starts.back() + effectiveKernel(g), g.inputSize + 2 * g.padding);
}

TEST(ConvArithmetic, DilationSpreadsTheKernel) {
  EXPECT_EQ(effectiveKernel(geo(7, 3, 1, 0, 2)), 5);
  EXPECT_EQ(checkConv(geo(7, 3, 1, 0, 2)).outputSize, 3);
  EXPECT_EQ(checkConv(geo(9, 3, 1, 2, 2)).outputSize, 9);   // "same" padding for a dilated 3x3
  EXPECT_EQ(checkConv(geo(11, 3, 3, 0, 2)).outputSize, 3);  // K_eff 5, (11-5)/3+1
  EXPECT_FALSE(checkConv(geo(9, 3, 3, 0, 2)).valid);        // (9-5)=4 not divisible by 3
}

TEST(ConvArithmetic, ImpossibleCombinationsSayWhy) {
  // Dilated kernel wider than the padded input.
  ConvCheck c = checkConv(geo(4, 3, 1, 0, 3));  // K_eff 7 > 4
  EXPECT_FALSE(c.valid);
  EXPECT_NE(c.reason.find("larger than the padded input"), std::string::npos) << c.reason;
  c = checkConv(geo(3, 5, 1, 0));
  EXPECT_FALSE(c.valid);
  EXPECT_NE(c.reason.find("larger than the padded input"), std::string::npos) << c.reason;
  // Padding at least the kernel.
  c = checkConv(geo(5, 3, 1, 3));
  EXPECT_FALSE(c.valid);
  EXPECT_NE(c.reason.find("padding 3"), std::string::npos) << c.reason;
  EXPECT_FALSE(checkConv(geo(5, 1, 1, 1)).valid);
  // Non-positive values.
  EXPECT_FALSE(checkConv(geo(0, 3, 1, 0)).valid);
  EXPECT_FALSE(checkConv(geo(5, 0, 1, 0)).valid);
  EXPECT_FALSE(checkConv(geo(5, 3, 0, 0)).valid);
  EXPECT_FALSE(checkConv(geo(5, 3, 1, 0, 0)).valid);
  EXPECT_FALSE(checkConv(geo(5, 3, 1, -1)).valid);
  EXPECT_NE(checkConv(geo(5, 3, 0, 0)).reason.find("stride"), std::string::npos);
  for (const ConvGeometry& g : {geo(0, 3, 1, 0), geo(5, 3, 0, 0), geo(6, 3, 2, 0), geo(5, 3, 1, 3)})
    EXPECT_FALSE(checkConv(g).reason.empty());
}

}  // namespace
}  // namespace convoscope
