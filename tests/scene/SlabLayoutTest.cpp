#include <gtest/gtest.h>

#include <algorithm>

#include "SnapshotFixtures.h"
#include "scene/SlabLayout.h"

namespace convoscope {
namespace {

using scene_fixtures::chainSnapshot;
using scene_fixtures::fireSnapshot;
using scene_fixtures::makeLayer;
using scene_fixtures::residualSnapshot;

void expectNoSlabOverlaps(const SceneLayout& layout) {
  for (size_t a = 0; a < layout.slabs.size(); ++a)
    for (size_t b = a + 1; b < layout.slabs.size(); ++b)
      EXPECT_FALSE(slabBounds(layout.slabs[a]).overlaps(slabBounds(layout.slabs[b])))
          << "slabs " << a << " and " << b << " overlap";
}

const Slab& slabOf(const SceneLayout& layout, int layer) {
  const int s = layout.slabForLayer(layer);
  EXPECT_GE(s, 0) << "layer " << layer << " has no slab";
  return layout.slabs.at(s);
}

bool hasEdge(const SceneLayout& layout, int fromSlab, int toSlab) {
  return std::any_of(layout.edges.begin(), layout.edges.end(),
                     [&](const SlabEdge& e) { return e.fromSlab == fromSlab && e.toSlab == toSlab; });
}

TEST(SlabLayout, ChainFoldsActivationsIntoTheLayerBefore) {
  const Snapshot snapshot = chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  // input, conv1(+bn1+relu1), pool, conv2(+relu2), flatten, fc, softmax
  ASSERT_EQ(layout.slabs.size(), 7u);
  const Slab& conv1 = slabOf(layout, 1);
  EXPECT_EQ(conv1.layer, 1);
  EXPECT_EQ(conv1.displayLayer, 3);  // shows relu1's output
  EXPECT_EQ(conv1.members, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(layout.slabForLayer(2), layout.slabForLayer(1));
  EXPECT_EQ(layout.slabForLayer(3), layout.slabForLayer(1));
  EXPECT_EQ(layout.slabForLayer(6), layout.slabForLayer(5));
  EXPECT_NE(layout.slabForLayer(4), layout.slabForLayer(3));
  EXPECT_EQ(layout.slabForLayer(99), -1);
}

TEST(SlabLayout, WideNeighboursStandFurtherApart) {
  LayoutOptions options;
  options.spacingPerWidth = 0.5f;
  const SceneLayout layout = layoutSlabs(chainSnapshot(), options);
  for (size_t i = 1; i < layout.slabs.size(); ++i) {
    const Slab& a = layout.slabs[i - 1];
    const Slab& b = layout.slabs[i];
    const float freeSpace = slabBounds(b).min.z - slabBounds(a).max.z;
    EXPECT_NEAR(freeSpace, options.slabSpacing + 0.5f * std::max(a.size.x, b.size.x), 1e-4f) << i;
  }
}

TEST(SlabLayout, ChainStacksAlongZWithTheRequestedSpacing) {
  LayoutOptions options;
  options.slabSpacing = 5.0f;
  options.slabThickness = 0.5f;
  options.spacingPerWidth = 0.0f;
  const SceneLayout layout = layoutSlabs(chainSnapshot(), options);
  ASSERT_EQ(layout.slabs[0].layer, 0);  // the input comes first
  for (size_t i = 0; i < layout.slabs.size(); ++i) {
    const Slab& slab = layout.slabs[i];
    EXPECT_EQ(slab.depthLevel, static_cast<int>(i));
    EXPECT_FLOAT_EQ(slab.centre.z, 5.5f * i);
    EXPECT_FLOAT_EQ(slab.centre.x, 0.0f);  // a chain has no branches: everything on the axis
    EXPECT_FLOAT_EQ(slab.size.z, 0.5f);
    if (i > 0) {
      // Free space between consecutive slabs is exactly the spacing.
      EXPECT_NEAR(slabBounds(slab).min.z - slabBounds(layout.slabs[i - 1]).max.z, 5.0f, 1e-5f);
      EXPECT_TRUE(hasEdge(layout, static_cast<int>(i) - 1, static_cast<int>(i)));
    }
  }
  EXPECT_TRUE(layout.arcs.empty());
  expectNoSlabOverlaps(layout);
}

TEST(SlabLayout, WithoutFoldingEveryLayerHasItsOwnSlab) {
  LayoutOptions options;
  options.foldActivations = false;
  const Snapshot snapshot = chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot, options);
  ASSERT_EQ(layout.slabs.size(), snapshot.layers.size());
  for (int i = 0; i < static_cast<int>(snapshot.layers.size()); ++i) {
    EXPECT_EQ(layout.slabs[layout.slabForLayer(i)].layer, i);
    EXPECT_EQ(layout.slabs[layout.slabForLayer(i)].displayLayer, i);
  }
}

TEST(SlabLayout, HiddenLayersGetNoSlabAndTheFlowPassesThrough) {
  LayoutOptions options;
  options.hiddenLayers = {4};  // the pool
  const SceneLayout layout = layoutSlabs(chainSnapshot(), options);
  EXPECT_EQ(layout.slabForLayer(4), -1);
  ASSERT_EQ(layout.slabs.size(), 6u);
  const int conv1 = layout.slabForLayer(1);
  const int conv2 = layout.slabForLayer(5);
  EXPECT_EQ(layout.slabs[conv2].depthLevel, layout.slabs[conv1].depthLevel + 1);
  EXPECT_TRUE(hasEdge(layout, conv1, conv2));
}

TEST(SlabLayout, TileGridIsNearSquareAndKeepsTheMapAspect) {
  const LayoutOptions options;
  const TileGrid eight = tileGridFor(makeLayer("c", LayerKind::Conv2d, {8, 16, 16}, {}), options);
  EXPECT_EQ(eight.channels, 8);
  EXPECT_EQ(eight.cols, 3);
  EXPECT_EQ(eight.rows, 3);
  EXPECT_EQ(eight.cellRows, 16);
  EXPECT_EQ(eight.cellCols, 16);
  EXPECT_FLOAT_EQ(eight.tileSize.x, eight.tileSize.y);

  const TileGrid sixteen = tileGridFor(makeLayer("c", LayerKind::Conv2d, {16, 4, 4}, {}), options);
  EXPECT_EQ(sixteen.cols, 4);
  EXPECT_EQ(sixteen.rows, 4);

  const TileGrid wide = tileGridFor(makeLayer("c", LayerKind::Conv2d, {5, 8, 16}, {}), options);
  EXPECT_EQ(wide.cols, 3);
  EXPECT_EQ(wide.rows, 2);
  EXPECT_NEAR(wide.tileSize.x / wide.tileSize.y, 2.0f, 1e-5f);
  EXPECT_NEAR(wide.tileSize.x * wide.tileSize.y, std::pow(tileSideFor(8, 16, options), 2.0f), 1e-4f);
}

TEST(SlabLayout, FlatOutputsFillOneNearSquareTile) {
  const LayoutOptions options;
  const TileGrid ten = tileGridFor(makeLayer("fc", LayerKind::Linear, {10}, {}), options);
  EXPECT_TRUE(ten.flat);
  EXPECT_EQ(ten.channels, 1);
  EXPECT_EQ(ten.cellCols, 4);
  EXPECT_EQ(ten.cellRows, 3);
  EXPECT_EQ(ten.valuesPerChannel, 10);
  EXPECT_EQ(valueIndex(ten, 0, 0, 0), 0);
  EXPECT_EQ(valueIndex(ten, 0, 2, 1), 9);
  EXPECT_EQ(valueIndex(ten, 0, 2, 2), -1);  // past the last value
  EXPECT_EQ(valueIndex(ten, 1, 0, 0), -1);

  const TileGrid big = tileGridFor(makeLayer("flat", LayerKind::Flatten, {4096}, {}), options);
  EXPECT_EQ(big.cellCols, 64);
  EXPECT_EQ(big.cellRows, 64);
}

TEST(SlabLayout, TileSideGrowsWithSqrtOfAreaWithinTheClamp) {
  LayoutOptions options;
  options.cellWorldSize = 0.1f;
  options.minTileSide = 0.5f;
  options.maxTileSide = 3.0f;
  EXPECT_FLOAT_EQ(tileSideFor(1, 1, options), 0.5f);      // 0.1 → clamped up
  EXPECT_FLOAT_EQ(tileSideFor(10, 10, options), 1.0f);    // 0.1 * 10
  EXPECT_FLOAT_EQ(tileSideFor(20, 20, options), 2.0f);    // doubling the side doubles the tile
  EXPECT_FLOAT_EQ(tileSideFor(224, 224, options), 3.0f);  // 22.4 → clamped down
  EXPECT_FLOAT_EQ(tileSideFor(5, 20, options), 1.0f);     // sqrt(100)
}

TEST(SlabLayout, TilesLieInsideTheirSlabInRowMajorOrderWithoutOverlap) {
  const SceneLayout layout = layoutSlabs(chainSnapshot());
  for (const Slab& slab : layout.slabs) {
    const FaceRect face{glm::vec2(slab.centre) - glm::vec2(slab.size) * 0.5f,
                        glm::vec2(slab.centre) + glm::vec2(slab.size) * 0.5f};
    for (int c = 0; c < slab.grid.channels; ++c) {
      const FaceRect tile = tileRect(slab, c);
      EXPECT_TRUE(face.contains(tile.min) && face.contains(tile.max)) << "slab " << slab.layer << " ch " << c;
      EXPECT_NEAR(tile.size().x, slab.grid.tileSize.x, 1e-5f);
      for (int d = c + 1; d < slab.grid.channels; ++d) {
        const FaceRect other = tileRect(slab, d);
        const bool apart = tile.max.x < other.min.x || other.max.x < tile.min.x || tile.max.y < other.min.y ||
                           other.max.y < tile.min.y;
        EXPECT_TRUE(apart) << "tiles " << c << " and " << d;
      }
    }
    if (slab.grid.channels > slab.grid.cols) {
      EXPECT_GT(tileRect(slab, 1).min.x, tileRect(slab, 0).max.x);               // next channel to the right
      EXPECT_LT(tileRect(slab, slab.grid.cols).max.y, tileRect(slab, 0).min.y);  // next row below
    }
    // Cell (0,0) is the top-left of its tile.
    const FaceRect cell = cellRect(slab, 0, 0, 0);
    EXPECT_NEAR(cell.min.x, tileRect(slab, 0).min.x, 1e-5f);
    EXPECT_NEAR(cell.max.y, tileRect(slab, 0).max.y, 1e-5f);
  }
}

TEST(SlabLayout, FireModuleBranchesSitSideBySide) {
  const Snapshot snapshot = fireSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int squeeze = layout.slabForLayer(1);
  const int e1 = layout.slabForLayer(3);
  const int e3 = layout.slabForLayer(5);
  const int concat = layout.slabForLayer(7);
  ASSERT_GE(e1, 0);
  ASSERT_GE(e3, 0);
  EXPECT_EQ(layout.slabForLayer(2), squeeze);  // squeeze activation folded, though two layers read it
  EXPECT_EQ(layout.slabForLayer(4), e1);
  EXPECT_EQ(layout.slabForLayer(6), e3);

  const Slab& left = layout.slabs[e1];
  const Slab& right = layout.slabs[e3];
  EXPECT_EQ(left.depthLevel, right.depthLevel);
  EXPECT_FLOAT_EQ(left.centre.z, right.centre.z);
  EXPECT_EQ(left.branchCount, 2);
  EXPECT_EQ(left.branch, 0);  // data-flow order, left to right
  EXPECT_EQ(right.branch, 1);
  EXPECT_LT(slabBounds(left).max.x, slabBounds(right).min.x);
  EXPECT_NEAR(left.centre.x, -right.centre.x, 1e-5f);  // the pair is centred on the axis
  EXPECT_EQ(layout.slabs[concat].depthLevel, left.depthLevel + 1);
  EXPECT_EQ(layout.slabs[squeeze].depthLevel, left.depthLevel - 1);

  EXPECT_TRUE(hasEdge(layout, squeeze, e1));
  EXPECT_TRUE(hasEdge(layout, squeeze, e3));
  EXPECT_TRUE(hasEdge(layout, e1, concat));
  EXPECT_TRUE(hasEdge(layout, e3, concat));
  EXPECT_TRUE(layout.arcs.empty());
  expectNoSlabOverlaps(layout);
}

TEST(SlabLayout, ResidualAddGetsAnArcFromTheSkippedInput) {
  const Snapshot snapshot = residualSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const int stem = layout.slabForLayer(1);  // conv0 + relu0
  const int conv1 = layout.slabForLayer(3);
  const int conv2 = layout.slabForLayer(6);
  const int add = layout.slabForLayer(8);
  EXPECT_EQ(layout.slabForLayer(2), stem);
  EXPECT_EQ(layout.slabForLayer(9), add);  // the relu after the add is shown in the add's slab
  EXPECT_EQ(layout.slabs[add].depthLevel, layout.slabs[stem].depthLevel + 3);

  ASSERT_EQ(layout.arcs.size(), 1u);
  const Arc& arc = layout.arcs[0];
  EXPECT_EQ(arc.fromSlab, stem);
  EXPECT_EQ(arc.toSlab, add);
  EXPECT_EQ(arc.fromLayer, 2);
  EXPECT_EQ(arc.toLayer, 8);
  EXPECT_TRUE(arc.residual);
  EXPECT_TRUE(hasEdge(layout, conv2, add));
  EXPECT_FALSE(hasEdge(layout, stem, add));

  // Starts on top of the stem slab, ends on top of the add slab.
  const Slab& from = layout.slabs[stem];
  const Slab& to = layout.slabs[add];
  EXPECT_NEAR(glm::distance(arcPoint(arc, 0.0f),
                            glm::vec3(from.centre.x, from.centre.y + from.size.y / 2, from.centre.z)),
              0.0f, 1e-5f);
  EXPECT_NEAR(
      glm::distance(arcPoint(arc, 1.0f), glm::vec3(to.centre.x, to.centre.y + to.size.y / 2, to.centre.z)),
      0.0f, 1e-5f);
  // Wherever it crosses the Z range of a slab in between, it passes above that slab.
  for (int s : {conv1, conv2}) {
    const Bounds box = slabBounds(layout.slabs[s]);
    for (int i = 0; i <= 1000; ++i) {
      const glm::vec3 p = arcPoint(arc, i / 1000.0f);
      if (p.z >= box.min.z && p.z <= box.max.z) EXPECT_GT(p.y, box.max.y) << "t=" << i / 1000.0f;
    }
  }
  EXPECT_TRUE(layout.bounds.contains(arcPoint(arc, 0.5f), 1e-4f));
  expectNoSlabOverlaps(layout);
}

TEST(SlabLayout, DownsampleBranchSitsBesideTheMainPathAndBothMerge) {
  Snapshot s;
  s.layers = {
      makeLayer("input", LayerKind::Input, {3, 16, 16}, {}),
      makeLayer("conv1", LayerKind::Conv2d, {8, 8, 8}, {0}),
      makeLayer("relu1", LayerKind::ReLU, {8, 8, 8}, {1}),
      makeLayer("conv2", LayerKind::Conv2d, {8, 8, 8}, {2}),
      makeLayer("downsample", LayerKind::Conv2d, {8, 8, 8}, {0}),
      makeLayer("add", LayerKind::Add, {8, 8, 8}, {3, 4}),
  };
  const SceneLayout layout = layoutSlabs(s);
  const Slab& conv1 = slabOf(layout, 1);
  const Slab& down = slabOf(layout, 4);
  EXPECT_EQ(conv1.depthLevel, down.depthLevel);
  EXPECT_LT(conv1.centre.x, down.centre.x);
  ASSERT_EQ(layout.arcs.size(), 1u);  // downsample (level 1) → add (level 3) skips conv2's level
  EXPECT_EQ(layout.arcs[0].fromSlab, layout.slabForLayer(4));
  EXPECT_EQ(layout.arcs[0].toSlab, layout.slabForLayer(5));
  expectNoSlabOverlaps(layout);
}

TEST(SlabLayout, SameGraphGivesTheSameLayout) {
  for (const Snapshot& snapshot : {chainSnapshot(), residualSnapshot(), fireSnapshot()}) {
    const SceneLayout a = layoutSlabs(snapshot);
    const SceneLayout b = layoutSlabs(snapshot);
    ASSERT_EQ(a.slabs.size(), b.slabs.size());
    for (size_t i = 0; i < a.slabs.size(); ++i) {
      EXPECT_EQ(a.slabs[i].layer, b.slabs[i].layer);
      EXPECT_EQ(a.slabs[i].members, b.slabs[i].members);
      EXPECT_EQ(a.slabs[i].centre, b.slabs[i].centre);
      EXPECT_EQ(a.slabs[i].size, b.slabs[i].size);
      EXPECT_EQ(a.slabs[i].grid.gridTopLeft, b.slabs[i].grid.gridTopLeft);
    }
    EXPECT_EQ(a.slabOfLayer, b.slabOfLayer);
    ASSERT_EQ(a.arcs.size(), b.arcs.size());
    for (size_t i = 0; i < a.arcs.size(); ++i) EXPECT_EQ(a.arcs[i].controlPoints, b.arcs[i].controlPoints);
    EXPECT_EQ(a.bounds.min, b.bounds.min);
    EXPECT_EQ(a.bounds.max, b.bounds.max);
  }
}

TEST(SlabLayout, BoundsHoldEverySlab) {
  const SceneLayout layout = layoutSlabs(residualSnapshot());
  for (const Slab& slab : layout.slabs) {
    for (const glm::vec3& corner : slabBounds(slab).corners())
      EXPECT_TRUE(layout.bounds.contains(corner, 1e-5f));
    EXPECT_TRUE(layout.bounds.contains(slab.labelAnchor, 1e-5f));
    EXPECT_GT(slab.labelAnchor.y, slab.centre.y + slab.size.y / 2);
  }
}

TEST(SlabLayout, ProbabilityPanelFollowsTheLastSlabWithSortedBars) {
  LayoutOptions options;
  options.probabilityBars = 3;
  const SceneLayout layout = layoutSlabs(chainSnapshot(), options);
  const ProbabilityPanel& panel = layout.probabilities;
  ASSERT_TRUE(panel.visible);
  EXPECT_GT(panel.centre.z, frontFaceZ(layout.slabs.back()));
  ASSERT_EQ(panel.bars.size(), 3u);
  EXPECT_EQ(panel.bars[0].classIndex, 2);
  EXPECT_EQ(panel.bars[0].label, "class2");
  EXPECT_EQ(panel.bars[1].classIndex, 4);
  EXPECT_EQ(panel.bars[2].classIndex, 7);
  EXPECT_FLOAT_EQ(panel.bars[0].length, 0.5f * options.barMaxLength);
  EXPECT_FLOAT_EQ(panel.bars[1].length, 0.2f * options.barMaxLength);
  for (size_t i = 1; i < panel.bars.size(); ++i)  // stacked downwards without touching
    EXPECT_LT(panel.bars[i].origin.y + panel.bars[i].fullSize.y, panel.bars[i - 1].origin.y);
  for (const ProbabilityBar& bar : panel.bars) {
    EXPECT_LT(bar.labelAnchor.x, bar.origin.x);
    EXPECT_GT(bar.valueAnchor.x, bar.origin.x + bar.length);
    EXPECT_TRUE(layout.bounds.contains(bar.origin, 1e-5f));
  }

  options.showProbabilities = false;
  EXPECT_FALSE(layoutSlabs(chainSnapshot(), options).probabilities.visible);
}

TEST(SlabLayout, ProbabilityLabelsFallBackToTheClassIndex) {
  Snapshot snapshot = chainSnapshot();
  snapshot.classNames.clear();
  const SceneLayout layout = layoutSlabs(snapshot);
  ASSERT_FALSE(layout.probabilities.bars.empty());
  EXPECT_EQ(layout.probabilities.bars[0].label, "2");
}

TEST(SlabLayout, EmptySnapshotGivesAnEmptyLayout) {
  const SceneLayout layout = layoutSlabs(Snapshot{});
  EXPECT_TRUE(layout.slabs.empty());
  EXPECT_TRUE(layout.bounds.empty());
  EXPECT_FALSE(layout.probabilities.visible);
}

}  // namespace
}  // namespace convoscope
