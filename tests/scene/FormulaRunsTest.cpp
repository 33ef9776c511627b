#include <gtest/gtest.h>

#include "scene/FormulaRuns.h"

using namespace convoscope;

TEST(FormulaRuns, BracedSubscriptsSplitOut) {
  const auto runs = formulaRuns("out = Σ_{c,ky,kx} x · w");
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].text, "out = Σ");
  EXPECT_FALSE(runs[0].subscript);
  EXPECT_EQ(runs[1].text, "c,ky,kx");
  EXPECT_TRUE(runs[1].subscript);
  EXPECT_EQ(runs[2].text, " x · w");
  EXPECT_FALSE(runs[2].subscript);
}

TEST(FormulaRuns, AdjacentSubscriptsAndEndsWork) {
  const auto runs = formulaRuns("z_{i}_{j}");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].text, "z");
  EXPECT_EQ(runs[1].text, "ij");
  EXPECT_TRUE(runs[1].subscript);
}

TEST(FormulaRuns, LayerNamesWithUnderscoresStayPlain) {
  const auto runs = formulaRuns("copied from 'conv_1_1' and expand1x1_activation");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_FALSE(runs[0].subscript);
  EXPECT_EQ(runs[0].text, "copied from 'conv_1_1' and expand1x1_activation");
}

TEST(FormulaRuns, UnclosedBraceIsKeptAsText) {
  const auto runs = formulaRuns("a_{b c");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].text, "a_{b c");
  EXPECT_TRUE(formulaRuns("").empty());
}

TEST(FormulaRuns, PlainTextDropsTheMarkup) {
  EXPECT_EQ(formulaPlainText("exp(z_{i}) / Σ_{j} exp(z_{j})"), "exp(zi) / Σj exp(zj)");
}
