// Long networks wrap into lanes (scene/SlabLanes.h) and name their stages (scene/SlabStages.h): where a lane
// may end, how lanes are balanced, and what the wrapped overview of a ResNet-50-shaped network looks like
// through the overview camera.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "SnapshotFixtures.h"
#include "scene/ScreenRects.h"
#include "scene/ShotFraming.h"
#include "scene/SlabLanes.h"
#include "scene/SlabStages.h"

namespace convoscope {
namespace {

using scene_fixtures::chainSnapshot;
using scene_fixtures::resnetSnapshot;
using scene_fixtures::residualSnapshot;
using scene_fixtures::vggSnapshot;

TEST(SlabLanes, ABreakNeedsOneSlabAndNoConnectionPassingOverIt) {
  // Levels 0..5: level 2 has two slabs; an arc 3 -> 5 passes over the boundary after 4 but leaves from 3.
  const std::vector<int> slabs{1, 1, 2, 1, 1, 1};
  const std::vector<LevelLink> links{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {3, 5}, {0, 2}};
  const std::vector<bool> breaks = cleanBreaks(slabs, links);
  // After 0: the arc 0 -> 2 leaves from 0, allowed. After 1: that arc passes over it. After 2: two slabs.
  // After 3: the arc 3 -> 5 leaves from 3, allowed. After 4: the arc 3 -> 5 passes over it. 5: the end.
  EXPECT_EQ(breaks, (std::vector<bool>{true, false, false, true, false, false}));
}

// The longest lane of a split, for the brute-force check.
float longestLane(const std::vector<float>& steps, const std::vector<int>& starts, int levels, float tail) {
  float longest = 0.0f;
  for (size_t k = 0; k < starts.size(); ++k) {
    const bool last = k + 1 == starts.size();
    const int end = last ? levels - 1 : starts[k + 1] - 1;
    float length = last ? tail : 0.0f;
    for (int level = starts[k]; level < end; ++level) length += steps[level];
    longest = std::max(longest, length);
  }
  return longest;
}

TEST(SlabLanes, BalancingFindsTheSplitWithTheShortestLongestLane) {
  std::mt19937 random(7);
  for (int trial = 0; trial < 200; ++trial) {
    const int levels = 4 + static_cast<int>(random() % 12);
    std::vector<float> steps(levels);
    std::vector<bool> breaks(levels, false);
    std::vector<int> allowed;
    for (int level = 0; level < levels; ++level) {
      steps[level] = 1.0f + static_cast<float>(random() % 100) / 10.0f;
      breaks[level] = level + 1 < levels && random() % 3 != 0;
      if (breaks[level]) allowed.push_back(level + 1);
    }
    const int lanes = 2 + static_cast<int>(random() % 3);
    const float tail = trial % 2 ? static_cast<float>(random() % 200) / 10.0f : 0.0f;  // a prediction panel
    const std::vector<int> chosen = balanceLanes(steps, breaks, lanes, tail);
    ASSERT_EQ(static_cast<int>(chosen.size()), std::min<int>(lanes, static_cast<int>(allowed.size()) + 1));
    ASSERT_EQ(chosen.front(), 0);
    for (size_t k = 1; k < chosen.size(); ++k) {
      EXPECT_GT(chosen[k], chosen[k - 1]);
      EXPECT_TRUE(breaks[chosen[k] - 1]) << "a lane starts only after a break";
    }
    // Brute force over every choice of lane starts among the allowed ones.
    float best = 1e9f;
    const int choose = static_cast<int>(chosen.size()) - 1;
    std::vector<bool> pick(allowed.size(), false);
    std::fill(pick.begin(), pick.begin() + choose, true);
    do {
      std::vector<int> starts{0};
      for (size_t i = 0; i < allowed.size(); ++i)
        if (pick[i]) starts.push_back(allowed[i]);
      best = std::min(best, longestLane(steps, starts, levels, tail));
    } while (std::prev_permutation(pick.begin(), pick.end()));
    EXPECT_NEAR(longestLane(steps, chosen, levels, tail), best, 1e-4f) << "trial " << trial;
  }
}

TEST(SlabLanes, NudgingKeepsTheLaneCountAndOnlyClimbs) {
  const std::vector<int> allowed{2, 4, 6, 8, 10, 12};
  // A score that peaks at starts {0, 6, 10}.
  auto score = [](const std::vector<int>& s) { return -std::abs(s[1] - 6.0f) - std::abs(s[2] - 10.0f); };
  const std::vector<int> nudged = nudgeLaneStarts({0, 2, 12}, allowed, score);
  ASSERT_EQ(nudged.size(), 3u);
  EXPECT_GE(score(nudged), score({0, 2, 12}));
  EXPECT_GT(nudged[1], 2);
  EXPECT_LT(nudged[2], 12);
  EXPECT_LT(nudged[1], nudged[2]);
}

TEST(SlabLanes, ShortNetworksKeepOneLaneExactlyAsBefore) {
  for (const Snapshot& snapshot : {chainSnapshot(), residualSnapshot(), vggSnapshot(4, 2)}) {
    LayoutOptions oneLane;
    oneLane.maxLanes = 1;
    const SceneLayout wrapped = layoutSlabs(snapshot), plain = layoutSlabs(snapshot, oneLane);
    ASSERT_EQ(wrapped.laneCount, 1) << snapshot.modelName;
    EXPECT_TRUE(wrapped.laneLinks.empty());
    ASSERT_EQ(wrapped.slabs.size(), plain.slabs.size());
    for (size_t s = 0; s < plain.slabs.size(); ++s) {
      EXPECT_EQ(wrapped.slabs[s].centre, plain.slabs[s].centre) << snapshot.modelName << " slab " << s;
      EXPECT_EQ(wrapped.slabs[s].lane, 0);
    }
  }
}

struct WrappedCase {
  const char* name;
  Snapshot (*make)();
};
void PrintTo(const WrappedCase& c, std::ostream* out) { *out << c.name; }

Snapshot resnet50() { return resnetSnapshot({3, 4, 6, 3}, true); }
Snapshot resnet18() { return resnetSnapshot({2, 2, 2, 2}, false); }
Snapshot vgg16() { return vggSnapshot(13, 2); }

class WrappedNetwork : public ::testing::TestWithParam<WrappedCase> {};

TEST_P(WrappedNetwork, LanesFlowForwardAndKeepTheirConnectionsInside) {
  const SceneLayout layout = layoutSlabs(GetParam().make());
  ASSERT_GT(layout.laneCount, 1);
  for (size_t s = 1; s < layout.slabs.size(); ++s) {
    const Slab& a = layout.slabs[s - 1];
    const Slab& b = layout.slabs[s];
    EXPECT_LE(a.lane, b.lane) << "lanes follow the data flow";
    if (a.lane == b.lane && a.depthLevel < b.depthLevel) EXPECT_LT(a.centre.z, b.centre.z) << s;
    if (a.lane != b.lane) EXPECT_LT(b.centre.y, a.centre.y) << "the next lane is below";
  }
  for (const SlabEdge& e : layout.edges) {
    const Slab& from = layout.slabs[e.fromSlab];
    const Slab& to = layout.slabs[e.toSlab];
    ASSERT_LE(to.lane - from.lane, 1);
    if (from.lane == to.lane) continue;
    const auto link = std::find_if(layout.laneLinks.begin(), layout.laneLinks.end(), [&](const LaneLink& l) {
      return l.fromSlab == e.fromSlab && l.toSlab == e.toSlab;
    });
    ASSERT_NE(link, layout.laneLinks.end()) << "every edge between lanes is drawn as a lane link";
    EXPECT_NEAR(link->points.front().z, frontFaceZ(from), 1e-4f);
    EXPECT_NEAR(link->points.back().z, to.centre.z - 0.5f * to.size.z, 1e-4f);
  }
  for (const Arc& arc : layout.arcs) {
    const Slab& from = layout.slabs[arc.fromSlab];
    const Slab& to = layout.slabs[arc.toSlab];
    ASSERT_LE(to.lane - from.lane, 1);
    if (from.lane != to.lane)  // only the slab a lane ends with sends an arc on: the lane's last slab
      EXPECT_EQ(&from, &*std::find_if(layout.slabs.rbegin(), layout.slabs.rend(),
                                      [&](const Slab& s) { return s.lane == from.lane; }));
    const float entry = -laneEntryReach({}) - 0.5f * LayoutOptions{}.slabThickness;  // before a lane's start
    for (const glm::vec3& p : arc.controlPoints) EXPECT_GE(p.z, entry - 1e-3f);
  }
}

// Through the overview camera: lanes never overlap on screen, the network fills at least half the frame at
// 16:9 and 4:3, and no slab is thinner than a few pixels at 1080p.
TEST_P(WrappedNetwork, FillsTheOverviewWithoutLanesOverlapping) {
  for (const glm::ivec2 frame : {glm::ivec2(1920, 1080), glm::ivec2(1440, 1080)}) {
    LayoutOptions options;
    options.frameAspect = static_cast<float>(frame.x) / frame.y;
    const SceneLayout layout = layoutSlabs(GetParam().make(), options);
    const OverviewFit fit = overviewFit(layout, frame);
    EXPECT_GE(fit.fill, 0.5f) << GetParam().name << " at " << frame.x << "x" << frame.y;
    EXPECT_GE(fit.smallestSlabPixels, 3.0f) << GetParam().name << " at " << frame.x << "x" << frame.y;
    OrbitCamera camera;
    applyShotCamera(camera, layout, options.frameAspect);
    const glm::mat4 viewProjection = camera.projection(options.frameAspect) * camera.view();
    for (const Slab& a : layout.slabs)
      for (const Slab& b : layout.slabs) {
        if (b.lane != a.lane + 1) continue;
        const glm::vec4 ra = *slabScreenRect(a, viewProjection, glm::vec2(frame));
        const glm::vec4 rb = *slabScreenRect(b, viewProjection, glm::vec2(frame));
        EXPECT_FALSE(ra.x < rb.z && rb.x < ra.z && ra.y < rb.w && rb.y < ra.w)
            << GetParam().name << ": slabs of lanes " << a.lane << " and " << b.lane << " overlap on screen";
      }
  }
}

TEST_P(WrappedNetwork, FillsTheFrameBetterThanOneLane) {
  LayoutOptions oneLane;
  oneLane.maxLanes = 1;
  const Snapshot snapshot = GetParam().make();
  const glm::ivec2 frame(1920, 1080);
  EXPECT_GT(overviewFit(layoutSlabs(snapshot), frame).fill, overviewFit(layoutSlabs(snapshot, oneLane), frame).fill + 0.1f);
}

// A tour's overview step: the whole network (prediction included) above the caption and below the header,
// as large as that band allows.
TEST_P(WrappedNetwork, TheOverviewFitsTheBandACaptionLeaves) {
  const SceneLayout layout = layoutSlabs(GetParam().make());
  const float aspect = 4.0f / 3.0f;
  for (const FrameRegion& band : {FrameRegion{{0.0f, 0.1f}, {1.0f, 0.7f}}, FrameRegion{{0.0f, 0.05f}, {1.0f, 0.55f}}}) {
    OrbitCamera camera;
    camera.fovY = 0.7f;
    camera.pose = overviewPoseInRegion(layout, camera.fovY, aspect, band);
    const glm::mat4 viewProjection = camera.projection(aspect) * camera.view();
    glm::vec2 lo(1e9f), hi(-1e9f);  // in the band's units: fractions of the frame, y down
    for (const glm::vec3& p : layoutContentPoints(layout, kShotYaw)) {
      const glm::vec4 clip = viewProjection * glm::vec4(p, 1.0f);
      ASSERT_GT(clip.w, 0.0f);
      const glm::vec2 f(0.5f * (clip.x / clip.w + 1.0f), 0.5f * (1.0f - clip.y / clip.w));
      lo = glm::min(lo, f);
      hi = glm::max(hi, f);
    }
    EXPECT_GE(lo.y, band.min.y - 1e-3f);
    EXPECT_LE(hi.y, band.max.y + 1e-3f);
    EXPECT_GE(lo.x, -1e-3f);
    EXPECT_LE(hi.x, 1.0f + 1e-3f);
    const float usedHeight = (hi.y - lo.y) / (band.max.y - band.min.y), usedWidth = hi.x - lo.x;
    EXPECT_GT(std::max(usedHeight, usedWidth), 0.85f) << "the fit is tight on one axis";
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, WrappedNetwork,
                         ::testing::Values(WrappedCase{"resnet50", resnet50}, WrappedCase{"resnet18", resnet18},
                                           WrappedCase{"vgg16", vgg16}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace convoscope

namespace convoscope {
namespace {

using scene_fixtures::resnetSnapshot;
using scene_fixtures::vggSnapshot;

TEST(SlabStages, ModuleNamesKeepABlockNumber) {
  EXPECT_EQ(stageModule("layer2.0.conv1"), "layer2.0");
  EXPECT_EQ(stageModule("features.3.conv.0.0"), "features.3");
  EXPECT_EQ(stageModule("classifier.dense"), "classifier");
  EXPECT_EQ(stageModule("fc"), "fc");
}

TEST(SlabStages, AResNetIsStagedByItsTopLevelModules) {
  const Snapshot snapshot = resnetSnapshot({3, 4, 6, 3}, true);
  const SceneLayout layout = layoutSlabs(snapshot);
  ASSERT_GT(layout.laneCount, 1);
  std::vector<std::string> names;
  for (const SlabStage& stage : layout.stages) {
    ASSERT_LT(stage.firstSlab, stage.lastSlab);
    for (int s = stage.firstSlab; s <= stage.lastSlab; ++s) {
      EXPECT_EQ(layout.slabs[s].lane, stage.lane) << stage.label << ": a stage stays in its lane";
      const std::string& name = snapshot.layers[layout.slabs[s].layer].name;
      EXPECT_EQ(name.rfind(stage.label.substr(0, 6), 0), 0u) << name << " is not in " << stage.label;
    }
    names.push_back(stage.label.substr(0, stage.label.find(' ')));
  }
  // Every stage of the four, in order (a stage split by a lane break is named in both lanes).
  names.erase(std::unique(names.begin(), names.end()), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"layer1", "layer2", "layer3", "layer4"}));
  const SlabStage& last = layout.stages.back();
  EXPECT_NE(last.label.find("2048\xC3\x97" "2\xC3\x97" "2"), std::string::npos) << last.label;
}

TEST(SlabStages, AVggIsStagedBySpatialSizeAndOneLaneHasNone) {
  const SceneLayout wrapped = layoutSlabs(vggSnapshot(13, 2));
  ASSERT_GT(wrapped.laneCount, 1);
  ASSERT_FALSE(wrapped.stages.empty());
  // One stage per map size, in order, each named from its first to its last layer (the pooling that
  // starts a size belongs to it), with that size.
  std::vector<std::string> sizes;
  for (const SlabStage& stage : wrapped.stages) sizes.push_back(stage.label.substr(stage.label.rfind("\xC3\x97") - 2));
  for (std::string& size : sizes) size = size.substr(size.find_first_of("0123456789"));
  EXPECT_EQ(sizes, (std::vector<std::string>{"64\xC3\x97" "64", "32\xC3\x97" "32", "16\xC3\x97" "16",
                                             "8\xC3\x97" "8", "4\xC3\x97" "4", "2\xC3\x97" "2"}));
  EXPECT_EQ(wrapped.stages.front().label.rfind("input \xE2\x80\xA6 conv1", 0), 0u) << wrapped.stages.front().label;
  EXPECT_TRUE(layoutSlabs(vggSnapshot(4, 2)).stages.empty()) << "one lane: the slab labels say it all";
}

}  // namespace
}  // namespace convoscope
