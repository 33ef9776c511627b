#include <gtest/gtest.h>

#include "scene/Selection.h"

namespace convoscope {
namespace {

TEST(Selection, PartsNestLayerChannelCell) {
  EXPECT_TRUE(Selection{}.empty());
  const Selection layer = Selection::ofLayer(3);
  EXPECT_FALSE(layer.empty());
  EXPECT_FALSE(layer.hasChannel());
  const Selection channel = Selection::ofChannel(3, 7);
  EXPECT_TRUE(channel.hasChannel());
  EXPECT_FALSE(channel.hasCell());
  const Selection cell = Selection::ofCell(3, 7, 1, 2);
  EXPECT_TRUE(cell.hasCell());
  EXPECT_EQ(*cell.y, 1);
  EXPECT_EQ(*cell.x, 2);
  Selection half = cell;
  half.x.reset();
  EXPECT_FALSE(half.hasCell());  // a cell needs both coordinates
}

TEST(Selection, EqualityComparesEveryPart) {
  EXPECT_EQ(Selection::ofCell(1, 2, 3, 4), Selection::ofCell(1, 2, 3, 4));
  EXPECT_NE(Selection::ofCell(1, 2, 3, 4), Selection::ofCell(1, 2, 4, 3));
  EXPECT_NE(Selection::ofLayer(1), Selection::ofChannel(1, 0));
  EXPECT_NE(Selection{}, Selection::ofLayer(0));
}

}  // namespace
}  // namespace convoscope
