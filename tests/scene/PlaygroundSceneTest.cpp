#include <gtest/gtest.h>

#include <algorithm>

#include "scene/PlaygroundScene.h"

using namespace convoscope;

namespace {

int countKind(const std::vector<PlaygroundCell>& cells, PlaygroundCellKind kind) {
  return static_cast<int>(
      std::count_if(cells.begin(), cells.end(), [&](const PlaygroundCell& c) { return c.kind == kind; }));
}
int countSampled(const PlaygroundScene& s) {
  return static_cast<int>(
      std::count_if(s.input.begin(), s.input.end(), [](const PlaygroundCell& c) { return c.sampled; }));
}

}  // namespace

TEST(PlaygroundScene, PaddingRingsTheInputAndTheOutputHasTheFormulaSize) {
  const ConvGeometry g{7, 3, 2, 1, 1};  // (7 + 2 − 3)/2 + 1 = 4
  const PlaygroundScene s = layoutPlayground(g, KernelSlide(4, 4));
  ASSERT_TRUE(s.check.valid);
  EXPECT_EQ(s.padded, 9);
  EXPECT_EQ(countKind(s.input, PlaygroundCellKind::Input), 49);
  EXPECT_EQ(countKind(s.input, PlaygroundCellKind::Padding), 81 - 49);
  EXPECT_EQ(s.output.size(), 16u);
  EXPECT_EQ(countSampled(s), 9);
  EXPECT_TRUE(s.windowFits);
}

TEST(PlaygroundScene, WindowMovesByTheStrideAsTheSlideSteps) {
  const ConvGeometry g{7, 3, 2, 1, 1};
  KernelSlide slide(4, 4);
  const PlaygroundScene first = layoutPlayground(g, slide);
  slide.setStep(1);  // (0, 1): two cells to the right
  const PlaygroundScene second = layoutPlayground(g, slide);
  EXPECT_FLOAT_EQ(second.windowMin.x - first.windowMin.x, 2.0f);
  EXPECT_FLOAT_EQ(second.windowMin.y, first.windowMin.y);
  slide.setStep(5);  // (1, 1): two rows down as well
  const PlaygroundScene third = layoutPlayground(g, slide);
  EXPECT_FLOAT_EQ(third.windowMin.y - first.windowMin.y, -2.0f);
  EXPECT_EQ(third.currentCell, glm::ivec2(1, 1));
  // The cells before the current one are filled, the current one is marked, the rest are empty.
  EXPECT_EQ(countKind(third.output, PlaygroundCellKind::Filled), 5);
  EXPECT_EQ(countKind(third.output, PlaygroundCellKind::Current), 1);
  EXPECT_EQ(countKind(third.output, PlaygroundCellKind::Empty), 10);
  EXPECT_EQ(third.output[5].kind, PlaygroundCellKind::Current);
}

TEST(PlaygroundScene, TheWindowSamplesExactlyItsDilatedCells) {
  const ConvGeometry g{9, 3, 1, 2, 2};  // K_eff = 5
  const PlaygroundScene s = layoutPlayground(g, KernelSlide(9, 9));
  ASSERT_TRUE(s.check.valid);
  EXPECT_EQ(s.check.outputSize, 9);
  EXPECT_FLOAT_EQ(s.windowMax.x - s.windowMin.x, 5.0f);
  std::vector<std::pair<int, int>> sampled;
  for (const PlaygroundCell& c : s.input)
    if (c.sampled) sampled.emplace_back(c.row, c.col);
  const std::vector<std::pair<int, int>> expected = {{0, 0}, {0, 2}, {0, 4}, {2, 0}, {2, 2},
                                                     {2, 4}, {4, 0}, {4, 2}, {4, 4}};
  EXPECT_EQ(sampled, expected);
}

TEST(PlaygroundScene, TheBeamJoinsTheWindowToTheCellItComputes) {
  const ConvGeometry g{5, 3, 1, 0, 1};
  KernelSlide slide(3, 3);
  slide.setStep(4);
  const PlaygroundScene s = layoutPlayground(g, slide);
  ASSERT_EQ(s.beam.size(), 4u);
  const PlaygroundCell& target = s.output[4];
  for (const auto& [from, to] : s.beam) {
    EXPECT_FLOAT_EQ(from.z, 0.0f);
    EXPECT_TRUE(from.x == s.windowMin.x || from.x == s.windowMax.x);
    EXPECT_TRUE(from.y == s.windowMin.y || from.y == s.windowMax.y);
    EXPECT_FLOAT_EQ(to.z, kPlaygroundOutputDepth);
    EXPECT_TRUE(to.x == target.min.x || to.x == target.max.x);
    EXPECT_TRUE(to.y == target.min.y || to.y == target.max.y);
  }
  // The output plate stands right of the input plate; everything lies in the bounds.
  EXPECT_GT(s.output.front().min.x, s.input.back().max.x);
  for (const auto& c : s.output) EXPECT_TRUE(s.bounds.contains(glm::vec3(c.max, c.z), 1e-4f));
}

TEST(PlaygroundScene, AnImpossibleStrideHasNoOutputAndShowsTheOverhangingWindow) {
  const ConvGeometry g{6, 3, 2, 0, 1};  // (6 − 3)/2 + 1 = 2.5
  const PlaygroundScene s = layoutPlayground(g, KernelSlide(3, 3));
  EXPECT_FALSE(s.check.valid);
  EXPECT_TRUE(s.output.empty());
  EXPECT_TRUE(s.beam.empty());
  EXPECT_FALSE(s.windowFits);
  EXPECT_FLOAT_EQ(s.windowMin.x - s.input.front().min.x, 4.0f - 0.06f);  // the third window starts at 4
  bool reasonShown = false;
  for (const PlaygroundLabel& l : s.labels)
    reasonShown |= l.warning && l.text == "invalid: this window hangs 1 cell past the edge";
  EXPECT_TRUE(reasonShown);
  EXPECT_FALSE(s.check.reason.empty());
}
