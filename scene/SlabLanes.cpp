#include "scene/SlabLanes.h"

#include <algorithm>
#include <limits>

#include "scene/OrbitCamera.h"
#include "scene/PanelTurn.h"
#include "scene/ShotFraming.h"

namespace convoscope {
namespace {

constexpr float kInfinity = std::numeric_limits<float>::max();

// A piece of a lane as the overview sees it, orthographically: its extent along the screen's right and up.
struct ScreenExtent {
  float left = kInfinity, right = -kInfinity, bottom = kInfinity, top = -kInfinity;
  void include(const glm::vec2& p) {
    left = std::min(left, p.x);
    right = std::max(right, p.x);
    bottom = std::min(bottom, p.y);
    top = std::max(top, p.y);
  }
};

struct OverviewAxes {
  glm::vec3 right, up;
  glm::vec2 project(const glm::vec3& p) const { return {glm::dot(p, right), glm::dot(p, up)}; }
};

OverviewAxes overviewAxes() {
  OrbitCamera camera;
  camera.pose.yaw = kShotYaw;
  camera.pose.pitch = kShotPitch;
  return {camera.right(), camera.up()};
}

// How far below its lane's slabs the way back to the next lane runs.
float returnDrop(const LayoutOptions& options) { return 0.25f * options.slabSpacing; }

// The way back under a lane, like a typewriter's carriage return: a straight line from just past its last
// slab's front face to just before its first slab, as high as keeps it below every slab of the lane.
std::vector<glm::vec3> returnPath(const SceneLayout& layout, int lane, const LayoutOptions& options) {
  const Slab* first = nullptr;
  const Slab* last = nullptr;
  for (const Slab& slab : layout.slabs)
    if (slab.lane == lane) {
      if (!first) first = &slab;
      last = &slab;
    }
  auto bottom = [](const Slab& slab) { return slab.centre.y - 0.5f * slab.size.y; };
  const float reach = laneEntryReach(options), drop = returnDrop(options);
  glm::vec3 end(last->centre.x, bottom(*last) - drop, frontFaceZ(*last) + reach);
  glm::vec3 start(last->centre.x, bottom(*first) - drop, first->centre.z - 0.5f * first->size.z - reach);
  float lower = 0.0f;  // how far the line must come down to pass under every slab
  for (const Slab& slab : layout.slabs)
    if (slab.lane == lane) {
      const float t = (slab.centre.z - end.z) / (start.z - end.z);
      lower = std::max(lower, end.y + t * (start.y - end.y) - (bottom(slab) - drop));
    }
  end.y -= lower;
  start.y -= lower;
  return {end, start};
}

// The pieces of every lane, lane-local: slabs with their label room, arcs, the way back to the next lane, and
// the prediction panel.
std::vector<std::vector<ScreenExtent>> laneExtents(const SceneLayout& layout, const LayoutOptions& options,
                                                    const OverviewAxes& axes) {
  std::vector<std::vector<ScreenExtent>> lanes(layout.laneCount);
  for (const Slab& slab : layout.slabs) {
    ScreenExtent e;
    for (const glm::vec3& c : slabBounds(slab).corners()) e.include(axes.project(c));
    e.include(axes.project(slab.labelAnchor + glm::vec3(0.0f, 0.6f, 0.0f)));
    lanes[slab.lane].push_back(e);
  }
  for (const Arc& arc : layout.arcs)
    for (int i = 0; i < 16; ++i) {
      ScreenExtent e;
      e.include(axes.project(arcPoint(arc, i / 16.0f)));
      e.include(axes.project(arcPoint(arc, (i + 1) / 16.0f)));
      lanes[layout.slabs[arc.toSlab].lane].push_back(e);
    }
  for (int lane = 0; lane + 1 < layout.laneCount; ++lane) {
    const std::vector<glm::vec3> path = returnPath(layout, lane, options);
    for (size_t i = 0; i + 1 < path.size(); ++i) {
      ScreenExtent e;
      e.include(axes.project(path[i]));
      e.include(axes.project(path[i + 1]));
      lanes[lane].push_back(e);
    }
  }
  const ProbabilityPanel& panel = layout.probabilities;
  if (panel.visible) {
    ScreenExtent e;
    for (int i = 0; i < 4; ++i)
      e.include(axes.project(turnedPanelPoint(
          panel, kShotYaw,
          panel.centre + glm::vec3((i & 1 ? 0.5f : -0.5f) * panel.size.x, (i & 2 ? 0.5f : -0.5f) * panel.size.y, 0))));
    e.include(axes.project(turnedPanelPoint(panel, kShotYaw, panel.titleAnchor)));
    lanes[layout.laneCount - 1].push_back(e);
  }
  return lanes;
}

// The world Y offset of each lane: the highest that keeps every piece of a lane below every piece of the lane
// above that shares its stretch of the screen, by a margin.
std::vector<float> laneOffsets(const std::vector<std::vector<ScreenExtent>>& lanes, const OverviewAxes& axes,
                               const LayoutOptions& options) {
  const float margin = 0.5f * options.slabSpacing;
  std::vector<float> offset(lanes.size(), 0.0f);
  // The offset that puts a piece of this lane `margin` below a piece of the lane above.
  auto below = [&](const ScreenExtent& above, const ScreenExtent& here, float aboveOffset) {
    return (above.bottom + aboveOffset * axes.up.y - margin - here.top) / axes.up.y;
  };
  for (size_t k = 1; k < lanes.size(); ++k) {
    float highest = kInfinity;
    for (const ScreenExtent& above : lanes[k - 1])
      for (const ScreenExtent& here : lanes[k])
        if (here.left <= above.right + margin && above.left <= here.right + margin)
          highest = std::min(highest, below(above, here, offset[k - 1]));
    if (highest == kInfinity) {  // nothing shares the screen: below the whole lane above
      ScreenExtent whole, wholeAbove;
      for (const ScreenExtent& e : lanes[k]) whole.include({e.left, e.top});
      for (const ScreenExtent& e : lanes[k - 1]) wholeAbove.include({e.left, e.bottom});
      highest = below(wholeAbove, whole, offset[k - 1]);
    }
    offset[k] = std::min(highest, offset[k - 1]);
  }
  return offset;
}

void moveDown(Slab& slab, float dy) {
  slab.centre.y += dy;
  slab.grid.gridTopLeft.y += dy;
  slab.labelAnchor.y += dy;
}

void moveDown(ProbabilityPanel& panel, float dy) {
  panel.centre.y += dy;
  panel.titleAnchor.y += dy;
  for (ProbabilityBar& bar : panel.bars) {
    bar.origin.y += dy;
    bar.labelAnchor.y += dy;
    bar.valueAnchor.y += dy;
  }
}

// The flow from a lane's last slab to a first slab of the next lane: out of its front face, back under the
// lane (returnPath), down past the next lane's start and into that slab's back face.
LaneLink routeLaneLink(const SceneLayout& layout, const SlabEdge& edge, const LayoutOptions& options) {
  const Slab& from = layout.slabs[edge.fromSlab];
  const Slab& to = layout.slabs[edge.toSlab];
  LaneLink link;
  link.fromSlab = edge.fromSlab;
  link.toSlab = edge.toSlab;
  const std::vector<glm::vec3> back = returnPath(layout, from.lane, options);
  const float toBack = to.centre.z - 0.5f * to.size.z;
  link.points = {{from.centre.x, from.centre.y, frontFaceZ(from)}, {from.centre.x, from.centre.y, back.front().z}};
  link.points.insert(link.points.end(), back.begin(), back.end());
  link.points.push_back({to.centre.x, to.centre.y, back.back().z});
  link.points.push_back({to.centre.x, to.centre.y, toBack});
  return link;
}

}  // namespace

float laneEntryReach(const LayoutOptions& options) { return options.slabSpacing; }

std::vector<bool> cleanBreaks(const std::vector<int>& slabsPerLevel, const std::vector<LevelLink>& links) {
  const int levels = static_cast<int>(slabsPerLevel.size());
  std::vector<int> passing(levels + 1, 0);  // difference array: arcs passing over the boundary after a level
  for (const LevelLink& link : links) {  // an arc from L may cross the break after L (see SlabLanes.h)
    if (link.to - link.from <= 1 || link.from < 0 || link.to > levels) continue;
    ++passing[link.from + 1];
    --passing[link.to];
  }
  std::vector<bool> breaks(levels, false);
  int running = 0;
  for (int level = 0; level + 1 < levels; ++level) {
    running += passing[level];
    breaks[level] = slabsPerLevel[level] == 1 && running == 0;
  }
  return breaks;
}

std::vector<int> balanceLanes(const std::vector<float>& stepAfter, const std::vector<bool>& breaks, int lanes,
                              float tail) {
  const int levels = static_cast<int>(breaks.size());
  std::vector<int> starts{0};  // where a lane may start
  for (int level = 0; level + 1 < levels; ++level)
    if (breaks[level]) starts.push_back(level + 1);
  const int candidates = static_cast<int>(starts.size());
  lanes = std::clamp(lanes, 1, candidates);
  std::vector<float> z(levels, 0.0f);  // Z of each level in one long lane
  for (int level = 1; level < levels; ++level) z[level] = z[level - 1] + stepAfter[level - 1];
  auto length = [&](int a, int b) {  // a lane from candidate a up to candidate b (or the end)
    return b < candidates ? z[starts[b] - 1] - z[starts[a]] : z[levels - 1] - z[starts[a]] + tail;
  };
  // longest[k][c]: the shortest possible longest lane when lanes 0..k cover the levels before candidate c.
  std::vector<std::vector<float>> longest(lanes, std::vector<float>(candidates + 1, kInfinity));
  std::vector<std::vector<int>> previous(lanes, std::vector<int>(candidates + 1, -1));
  for (int c = 1; c <= candidates; ++c) longest[0][c] = length(0, c);
  for (int k = 1; k < lanes; ++k)
    for (int c = k + 1; c <= candidates; ++c)
      for (int p = k; p < c; ++p) {
        const float worst = std::max(longest[k - 1][p], length(p, c));
        if (worst < longest[k][c]) {
          longest[k][c] = worst;
          previous[k][c] = p;
        }
      }
  std::vector<int> chosen(lanes);
  for (int k = lanes - 1, c = candidates; k >= 0; --k) {
    const int p = k > 0 ? previous[k][c] : 0;
    chosen[k] = starts[p];
    c = p;
  }
  return chosen;
}

std::vector<int> nudgeLaneStarts(std::vector<int> starts, const std::vector<int>& allowed,
                                 const std::function<float(const std::vector<int>&)>& score) {
  float best = score(starts);
  for (int round = 0; round < 4; ++round) {
    bool improved = false;
    for (size_t lane = 1; lane < starts.size(); ++lane)
      for (int step : {-1, 1}) {
        const auto at = std::lower_bound(allowed.begin(), allowed.end(), starts[lane]) - allowed.begin();
        const auto to = at + step;
        if (to < 0 || to >= static_cast<long>(allowed.size())) continue;
        std::vector<int> moved = starts;
        moved[lane] = allowed[to];
        if (moved[lane] <= moved[lane - 1] || (lane + 1 < moved.size() && moved[lane] >= moved[lane + 1])) continue;
        const float s = score(moved);
        if (s > best + 1e-3f) {
          best = s;
          starts = std::move(moved);
          improved = true;
        }
      }
    if (!improved) break;
  }
  return starts;
}

void stackLanes(SceneLayout& layout, const LayoutOptions& options) {
  layout.laneLinks.clear();
  if (layout.laneCount <= 1) return;
  const OverviewAxes axes = overviewAxes();
  const std::vector<float> offset = laneOffsets(laneExtents(layout, options, axes), axes, options);
  for (Slab& slab : layout.slabs) moveDown(slab, offset[slab.lane]);
  for (Arc& arc : layout.arcs)
    for (glm::vec3& p : arc.controlPoints) p.y += offset[layout.slabs[arc.toSlab].lane];
  moveDown(layout.probabilities, offset.back());
  for (const SlabEdge& edge : layout.edges)
    if (layout.slabs[edge.fromSlab].lane != layout.slabs[edge.toSlab].lane)
      layout.laneLinks.push_back(routeLaneLink(layout, edge, options));
}

}  // namespace convoscope
