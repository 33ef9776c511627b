#include "scene/SlabLayout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

#include "scene/ShotFraming.h"
#include "scene/SlabLanes.h"
#include "scene/SlabStages.h"

namespace convoscope {
namespace {

// Layers that change values elementwise (or not at all) read best inside the slab of the layer they follow.
bool isFoldable(LayerKind kind) {
  return kind == LayerKind::BatchNorm || kind == LayerKind::Dropout || isActivation(kind);
}

long long elementCount(const Layer& layer) {
  if (!layer.output.data.empty()) return static_cast<long long>(layer.output.data.size());
  long long n = 1;
  for (int64_t d : layer.output.shape) n *= std::max<int64_t>(d, 1);
  return n;
}

int ceilDiv(long long a, long long b) { return static_cast<int>((a + b - 1) / b); }

// Which slab (by head layer) each layer is shown in, after folding; -1 for hidden layers.
struct FoldResult {
  std::vector<int> headOf;
  std::vector<int> chainTail;  // for a head: the last layer folded into it
};

FoldResult foldLayers(const Snapshot& snapshot, const LayoutOptions& options,
                      const std::vector<std::vector<int>>& consumers) {
  const int n = static_cast<int>(snapshot.layers.size());
  FoldResult fold{std::vector<int>(n, -1), std::vector<int>(n, -1)};
  for (int i = 0; i < n; ++i) {
    if (options.hiddenLayers.count(i)) continue;
    const Layer& layer = snapshot.layers[i];
    bool folded = false;
    if (options.foldActivations && i > 0 && isFoldable(layer.kind) && layer.inputs.size() == 1) {
      const int producer = layer.inputs[0];
      // Fold only when nothing else reads the producer (otherwise a branch would start from a hidden value)
      // and the shapes agree (elementwise), and never into the input image.
      if (producer > 0 && producer < i && fold.headOf[producer] >= 0 &&
          fold.chainTail[fold.headOf[producer]] == producer && consumers[producer].size() == 1 &&
          snapshot.layers[producer].kind != LayerKind::Input &&
          elementCount(snapshot.layers[producer]) == elementCount(layer)) {
        const int head = fold.headOf[producer];
        fold.headOf[i] = head;
        fold.chainTail[head] = i;
        folded = true;
      }
    }
    if (!folded) {
      fold.headOf[i] = i;
      fold.chainTail[i] = i;
    }
  }
  return fold;
}

// The visible layers a layer's input edge leads to, looking through hidden layers.
void visibleProducers(const Snapshot& snapshot, const std::vector<int>& headOf, int layer, int consumer,
                      std::vector<int>& out) {
  if (layer < 0 || layer >= consumer) return;  // only backward edges: guards against malformed graphs
  if (headOf[layer] >= 0) {
    out.push_back(layer);
    return;
  }
  for (int input : snapshot.layers[layer].inputs) visibleProducers(snapshot, headOf, input, layer, out);
}

// Z of each depth level's slab centres (one entry past the last level, for the probability panel).
std::vector<float> levelDepths(const std::vector<float>& rowWidths, const LayoutOptions& o) {
  std::vector<float> z(rowWidths.size() + 1, 0.0f);
  for (size_t level = 1; level < z.size(); ++level) {
    const float previous = rowWidths[level - 1];
    const float next = level < rowWidths.size() ? rowWidths[level] : 0.0f;
    z[level] = z[level - 1] + o.slabThickness + o.slabSpacing + o.spacingPerWidth * std::max(previous, next);
  }
  return z;
}

// Z of every level within its lane (lanes start with their first level at z = 0), plus one entry past the
// last level: where the prediction panel stands at the end of the last lane.
std::vector<float> laneDepths(const std::vector<float>& rowWidths, const std::vector<int>& laneStarts,
                              const LayoutOptions& o) {
  std::vector<float> z(rowWidths.size() + 1, 0.0f);
  for (size_t k = 0; k < laneStarts.size(); ++k) {
    const bool last = k + 1 == laneStarts.size();
    const auto begin = rowWidths.begin() + laneStarts[k];
    const auto end = last ? rowWidths.end() : rowWidths.begin() + laneStarts[k + 1];
    const std::vector<float> lane = levelDepths(std::vector<float>(begin, end), o);
    std::copy(lane.begin(), last ? lane.end() : lane.end() - 1, z.begin() + laneStarts[k]);
  }
  return z;
}

float slabTop(const Slab& s) { return s.centre.y + s.size.y * 0.5f; }

// The arc from `from` to `to`, starting at p0: the top of `from`, or where the way into the next lane enters
// it when the two are in different lanes (an arc belongs to the lane it ends in).
Arc makeArc(const std::vector<Slab>& slabs, int from, int to, const glm::vec3& p0, const std::vector<float>& depths,
            const LayoutOptions& options) {
  const Slab& a = slabs[from];
  const Slab& b = slabs[to];
  Arc arc;
  arc.fromSlab = from;
  arc.toSlab = to;
  const glm::vec3 p3(b.centre.x, slabTop(b), b.centre.z);
  // The highest top among slabs the arc passes over (any X: conservative).
  float highest = std::max(p0.y, p3.y);
  for (const Slab& s : slabs)
    if (s.depthLevel > a.depthLevel && s.depthLevel < b.depthLevel) highest = std::max(highest, slabTop(s));
  // Control points evenly spaced in Z make z(t) linear, so t1 below is where the curve reaches the first
  // slab it passes over. With p1.y = p2.y = Y, y(t) = y0(1-t)^3 + y3 t^3 + 3Y t(1-t), and the end terms are
  // at least endsLow on [0,1]; choosing Y as below keeps y(t) >= highest + clearance for t in [t1, 1 - t1].
  const float span = p3.z - p0.z;
  const float firstFace = depths[a.depthLevel + 1] - options.slabThickness * 0.5f;
  const float t1 = std::clamp(span > 0 ? (firstFace - p0.z) / span : 0.5f, 0.05f, 0.5f);
  const float lowEnd = std::min(p0.y, p3.y);
  const float endsLow = lowEnd >= 0 ? 0.25f * lowEnd : lowEnd;
  const float lift = (highest + options.arcClearance - endsLow) / (3.0f * t1 * (1.0f - t1));
  const float y = std::max(lift, std::max(p0.y, p3.y));
  arc.controlPoints = {p0, glm::vec3(p0.x, y, p0.z + span / 3.0f),
                       glm::vec3(p3.x, y, p0.z + 2.0f * span / 3.0f), p3};
  return arc;
}

// Turned to face the overview camera, the panel's half reaches this far along Z on either side of its centre.
float turnedHalfDepth(const ProbabilityPanel& panel) { return 0.5f * panel.size.x * std::abs(std::sin(kShotYaw)); }

ProbabilityPanel layoutProbabilities(const Snapshot& snapshot, const LayoutOptions& options, float z) {
  ProbabilityPanel panel;
  const int classes = static_cast<int>(snapshot.probabilities.size());
  const int count = std::min(classes, std::max(options.probabilityBars, 0));
  if (!options.showProbabilities || count == 0) return panel;
  std::vector<int> order(classes);
  std::iota(order.begin(), order.end(), 0);
  // Most probable first; ties by class index so the order is deterministic.
  std::stable_sort(order.begin(), order.end(),
                   [&](int l, int r) { return snapshot.probabilities[l] > snapshot.probabilities[r]; });

  const float labelColumn = 0.5f * options.barMaxLength;  // room for class names, right-aligned
  const float valueColumn = 0.25f * options.barMaxLength;
  const float margin = options.barGap * 2.0f;
  panel.visible = true;
  panel.size = {labelColumn + options.barMaxLength + valueColumn,
                count * options.barHeight + (count - 1) * options.barGap + 2.0f * margin};
  // Turned to face the overview camera, the panel's class-name column swings back towards the last slab:
  // stand it that much further on, so the names never cover that slab.
  panel.centre = {0.0f, 0.0f, z + turnedHalfDepth(panel)};
  const float left = panel.centre.x - panel.size.x * 0.5f;
  const float top = panel.centre.y + panel.size.y * 0.5f;
  const float textPad = 0.15f * options.barHeight + 0.05f;
  for (int i = 0; i < count; ++i) {
    ProbabilityBar bar;
    bar.classIndex = order[i];
    bar.label = order[i] < static_cast<int>(snapshot.classNames.size()) ? snapshot.classNames[order[i]]
                                                                        : std::to_string(order[i]);
    bar.probability = snapshot.probabilities[order[i]];
    const float bottom = top - margin - (i + 1) * options.barHeight - i * options.barGap;
    bar.origin = {left + labelColumn, bottom, z};
    bar.fullSize = {options.barMaxLength, options.barHeight};
    bar.length = std::clamp(bar.probability, 0.0f, 1.0f) * options.barMaxLength;
    const float middle = bottom + options.barHeight * 0.5f;
    bar.labelAnchor = {bar.origin.x - textPad, middle, z};
    bar.valueAnchor = {bar.origin.x + bar.length + textPad, middle, z};
    panel.bars.push_back(std::move(bar));
  }
  panel.titleAnchor = {panel.centre.x, top + options.labelLift, z};
  return panel;
}

// The layers that read each layer's output (backward edges only, as everywhere in the layout).
std::vector<std::vector<int>> consumersOf(const Snapshot& snapshot) {
  const int n = static_cast<int>(snapshot.layers.size());
  std::vector<std::vector<int>> consumers(n);
  for (int i = 0; i < n; ++i)
    for (int input : snapshot.layers[i].inputs)
      if (input >= 0 && input < i) consumers[input].push_back(i);
  return consumers;
}

// A predecessor slab, with the layers that make the edge (for arcs).
struct SlabInput {
  int slab, producer, consumer;
};

// The slabs as a graph, before they are sorted into their final order. Slab ids here are in head order.
struct SlabGraph {
  std::vector<int> heads;         // slab id → the layer that heads it
  std::vector<int> slabIdOfHead;  // head layer → slab id; -1 for layers that head no slab
  std::vector<std::vector<SlabInput>> inputsOf;
  std::vector<int> level;       // slab id → depth level
  std::vector<int> order;       // final index → slab id
  std::vector<int> finalIndex;  // slab id → final index
  int slabCount() const { return static_cast<int>(heads.size()); }
};

// Slabs in head order (a topological order, since inputs precede their consumers).
void numberSlabs(const FoldResult& fold, SlabGraph& graph) {
  const int n = static_cast<int>(fold.headOf.size());
  graph.slabIdOfHead.assign(n, -1);
  for (int i = 0; i < n; ++i)
    if (fold.headOf[i] == i) {
      graph.slabIdOfHead[i] = static_cast<int>(graph.heads.size());
      graph.heads.push_back(i);
    }
}

void collectSlabInputs(const Snapshot& snapshot, const FoldResult& fold, SlabGraph& graph) {
  const int n = static_cast<int>(snapshot.layers.size());
  graph.inputsOf.assign(graph.slabCount(), {});
  for (int i = 0; i < n; ++i) {
    if (fold.headOf[i] < 0) continue;
    const int self = graph.slabIdOfHead[fold.headOf[i]];
    for (int input : snapshot.layers[i].inputs) {
      std::vector<int> producers;
      visibleProducers(snapshot, fold.headOf, input, i, producers);
      for (int p : producers) {
        const int from = graph.slabIdOfHead[fold.headOf[p]];
        if (from != self) graph.inputsOf[self].push_back({from, p, i});
      }
    }
  }
}

// Depth level = longest path from a source, so parallel branches share a level and merges come after both.
// Final order: by level, then by head layer index (data-flow order) within a level.
void orderByLevel(SlabGraph& graph) {
  const int slabCount = graph.slabCount();
  graph.level.assign(slabCount, 0);
  for (int s = 0; s < slabCount; ++s)
    for (const SlabInput& in : graph.inputsOf[s])
      graph.level[s] = std::max(graph.level[s], graph.level[in.slab] + 1);
  graph.order.resize(slabCount);
  std::iota(graph.order.begin(), graph.order.end(), 0);
  std::stable_sort(graph.order.begin(), graph.order.end(),
                   [&](int a, int b) { return graph.level[a] < graph.level[b]; });
  graph.finalIndex.resize(slabCount);
  for (int k = 0; k < slabCount; ++k) graph.finalIndex[graph.order[k]] = k;
}

SlabGraph buildSlabGraph(const Snapshot& snapshot, const FoldResult& fold) {
  SlabGraph graph;
  numberSlabs(fold, graph);
  collectSlabInputs(snapshot, fold, graph);
  orderByLevel(graph);
  return graph;
}

// One slab per head, in final order and sized to its tile grid (positions come later, in placeRows).
void createSlabs(const Snapshot& snapshot, const LayoutOptions& options, const FoldResult& fold,
                 const SlabGraph& graph, SceneLayout& layout) {
  const int n = static_cast<int>(snapshot.layers.size());
  const int slabCount = graph.slabCount();
  layout.slabs.resize(slabCount);
  for (int k = 0; k < slabCount; ++k) {
    const int s = graph.order[k];
    const int head = graph.heads[s];
    Slab& slab = layout.slabs[k];
    slab.layer = head;
    slab.displayLayer = fold.chainTail[head];
    for (int i = head; i < n; ++i)
      if (fold.headOf[i] == head) slab.members.push_back(i);
    slab.depthLevel = graph.level[s];
    slab.grid = tileGridFor(snapshot.layers[slab.displayLayer], options);
    const TileGrid& g = slab.grid;
    slab.size = {g.cols * g.tileSize.x + (g.cols + 1) * g.gap, g.rows * g.tileSize.y + (g.rows + 1) * g.gap,
                 options.slabThickness};
  }
  for (int i = 0; i < n; ++i)
    if (fold.headOf[i] >= 0) layout.slabOfLayer[i] = graph.finalIndex[graph.slabIdOfHead[fold.headOf[i]]];
}

// Row widths decide how far apart the levels stand (see LayoutOptions::spacingPerWidth).
std::vector<float> rowWidths(const std::vector<Slab>& slabs, const LayoutOptions& options) {
  const int levelCount = slabs.empty() ? 0 : slabs.back().depthLevel + 1;
  std::vector<float> widths(levelCount, 0.0f);
  std::vector<int> rowSlabs(levelCount, 0);
  for (const Slab& slab : slabs) {
    widths[slab.depthLevel] += slab.size.x;
    ++rowSlabs[slab.depthLevel];
  }
  for (int level = 0; level < levelCount; ++level) widths[level] += (rowSlabs[level] - 1) * options.branchGap;
  return widths;
}

// Each level is a row along X centred on x = 0, left to right in data-flow order, branchGap apart.
void placeRows(std::vector<Slab>& slabs, const std::vector<float>& depths, const LayoutOptions& options) {
  const int slabCount = static_cast<int>(slabs.size());
  for (int begin = 0; begin < slabCount;) {
    int end = begin;
    float rowWidth = 0;
    while (end < slabCount && slabs[end].depthLevel == slabs[begin].depthLevel) {
      rowWidth += slabs[end].size.x;
      ++end;
    }
    rowWidth += (end - begin - 1) * options.branchGap;
    float x = -rowWidth * 0.5f;
    for (int k = begin; k < end; ++k) {
      Slab& slab = slabs[k];
      slab.branch = k - begin;
      slab.branchCount = end - begin;
      slab.centre = {x + slab.size.x * 0.5f, 0.0f, depths[slab.depthLevel]};
      x += slab.size.x + options.branchGap;
      slab.grid.gridTopLeft = {slab.centre.x - slab.size.x * 0.5f + slab.grid.gap,
                               slab.centre.y + slab.size.y * 0.5f - slab.grid.gap};
      slab.labelAnchor = {slab.centre.x, slabTop(slab) + options.labelLift, frontFaceZ(slab)};
    }
    begin = end;
  }
}

void sortUniqueEdges(std::vector<SlabEdge>& edges) {
  std::sort(edges.begin(), edges.end(), [](const SlabEdge& a, const SlabEdge& b) {
    return std::tie(a.fromSlab, a.toSlab) < std::tie(b.fromSlab, b.toSlab);
  });
  edges.erase(std::unique(edges.begin(), edges.end(),
                          [](const SlabEdge& a, const SlabEdge& b) {
                            return a.fromSlab == b.fromSlab && a.toSlab == b.toSlab;
                          }),
              edges.end());
}

// Where an arc leaves `from`: its top; for an arc into the next lane, the top of that lane's first slab,
// just before it, where the way from the lane above comes down.
glm::vec3 arcStartPoint(const std::vector<Slab>& slabs, const Slab& from, int to, const LayoutOptions& options) {
  const int lane = slabs[to].lane;
  if (from.lane == lane) return {from.centre.x, slabTop(from), from.centre.z};
  const Slab& first = *std::find_if(slabs.begin(), slabs.end(), [&](const Slab& s) { return s.lane == lane; });
  return {first.centre.x, slabTop(first), first.centre.z - 0.5f * first.size.z - laneEntryReach(options)};
}

// Connections: adjacent levels are edges; anything that skips a level becomes an arc over the slabs.
void connectSlabs(const Snapshot& snapshot, const LayoutOptions& options, const SlabGraph& graph,
                  const std::vector<float>& depths, SceneLayout& layout) {
  std::map<std::pair<int, int>, SlabInput> skips;
  for (int s = 0; s < graph.slabCount(); ++s) {
    const int to = graph.finalIndex[s];
    for (const SlabInput& in : graph.inputsOf[s]) {
      const int from = graph.finalIndex[in.slab];
      if (graph.level[s] - graph.level[in.slab] == 1)
        layout.edges.push_back({from, to});
      else
        skips.emplace(std::make_pair(from, to), in);
    }
  }
  sortUniqueEdges(layout.edges);
  for (const auto& [key, in] : skips) {
    const Slab& from = layout.slabs[key.first];
    Arc arc = makeArc(layout.slabs, key.first, key.second, arcStartPoint(layout.slabs, from, key.second, options),
                      depths, options);
    arc.fromLayer = in.producer;
    arc.toLayer = in.consumer;
    arc.residual = snapshot.layers[in.consumer].kind == LayerKind::Add;
    layout.arcs.push_back(arc);
  }
}

Bounds layoutBounds(const SceneLayout& layout) {
  Bounds bounds;
  for (const Slab& slab : layout.slabs) {
    bounds.include(slabBounds(slab));
    bounds.include(slab.labelAnchor);
  }
  for (const Arc& arc : layout.arcs)
    for (const glm::vec3& p : arc.controlPoints) bounds.include(p);  // the curve lies in their hull
  for (const LaneLink& link : layout.laneLinks)
    for (const glm::vec3& p : link.points) bounds.include(p);
  if (layout.probabilities.visible) {
    const ProbabilityPanel& panel = layout.probabilities;
    bounds.include(panel.centre - glm::vec3(panel.size * 0.5f, 0.0f));
    bounds.include(panel.centre + glm::vec3(panel.size * 0.5f, 0.0f));
    bounds.include(panel.titleAnchor);
  }
  return bounds;
}

std::vector<int> slabsPerLevel(const std::vector<Slab>& slabs) {
  std::vector<int> count(slabs.empty() ? 0 : slabs.back().depthLevel + 1, 0);
  for (const Slab& slab : slabs) ++count[slab.depthLevel];
  return count;
}

std::vector<LevelLink> levelLinks(const SlabGraph& graph) {
  std::vector<LevelLink> links;
  for (int s = 0; s < graph.slabCount(); ++s)
    for (const SlabInput& in : graph.inputsOf[s]) links.push_back({graph.level[in.slab], graph.level[s]});
  return links;
}

// The Z distance from each level to the next in one long lane.
std::vector<float> levelSteps(const std::vector<float>& widths, const LayoutOptions& options) {
  const std::vector<float> z = levelDepths(widths, options);
  std::vector<float> steps(widths.size(), 0.0f);
  for (size_t level = 0; level + 1 < widths.size(); ++level) steps[level] = z[level + 1] - z[level];
  return steps;
}

// How far the prediction panel reaches along Z past the last slab, turned to face the overview camera.
float predictionTail(const SceneLayout& layout) {
  const ProbabilityPanel& panel = layout.probabilities;
  if (!panel.visible || layout.slabs.empty()) return 0.0f;
  return std::max(0.0f, panel.centre.z + turnedHalfDepth(panel) - layout.slabs.back().centre.z);
}

// The whole layout with the network wrapped into lanes starting at the given levels ({0}: one lane).
SceneLayout layoutInLanes(const Snapshot& snapshot, const LayoutOptions& options, const FoldResult& fold,
                          const SlabGraph& graph, const std::vector<int>& laneStarts) {
  SceneLayout layout;
  layout.slabOfLayer.assign(snapshot.layers.size(), -1);
  createSlabs(snapshot, options, fold, graph, layout);
  layout.laneCount = static_cast<int>(laneStarts.size());
  for (Slab& slab : layout.slabs)
    slab.lane = static_cast<int>(std::upper_bound(laneStarts.begin(), laneStarts.end(), slab.depthLevel) -
                                 laneStarts.begin()) - 1;
  const std::vector<float> depths = laneDepths(rowWidths(layout.slabs, options), laneStarts, options);
  placeRows(layout.slabs, depths, options);
  connectSlabs(snapshot, options, graph, depths, layout);
  layout.probabilities = layoutProbabilities(snapshot, options, depths.back());
  stackLanes(layout, options);
  layout.bounds = layoutBounds(layout);
  return layout;
}

}  // namespace

float tileSideFor(int cellRows, int cellCols, const LayoutOptions& options) {
  const float side =
      options.cellWorldSize * std::sqrt(static_cast<float>(cellRows) * static_cast<float>(cellCols));
  return std::clamp(side, options.minTileSide, options.maxTileSide);
}

TileGrid tileGridFor(const Layer& layer, const LayoutOptions& options) {
  TileGrid grid;
  const std::vector<int64_t>& shape = layer.output.shape;
  const int rank = static_cast<int>(shape.size());
  if (rank >= 2) {
    long long channels = 1;
    for (int d = 0; d + 2 < rank; ++d) channels *= std::max<int64_t>(shape[d], 1);
    grid.channels = static_cast<int>(channels);
    grid.cellRows = static_cast<int>(std::max<int64_t>(shape[rank - 2], 1));
    grid.cellCols = static_cast<int>(std::max<int64_t>(shape[rank - 1], 1));
    grid.valuesPerChannel = grid.cellRows * grid.cellCols;
  } else {
    // A flat vector reads better as a near-square block than as a thin strip thousands of cells long.
    const long long n =
        std::max<long long>(rank == 1 ? std::max<int64_t>(shape[0], 1) : elementCount(layer), 1);
    grid.flat = true;
    grid.channels = 1;
    grid.cellCols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
    grid.cellRows = ceilDiv(n, grid.cellCols);
    grid.valuesPerChannel = static_cast<int>(n);
  }
  grid.cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(grid.channels))));
  grid.rows = ceilDiv(grid.channels, grid.cols);

  // Keep the tile's area at side^2 and its aspect at W:H, capped at 8:1 so odd shapes stay on screen.
  const float side = tileSideFor(grid.cellRows, grid.cellCols, options);
  const float aspect = std::clamp(static_cast<float>(grid.cellCols) / grid.cellRows, 1.0f / 8.0f, 8.0f);
  grid.tileSize = {side * std::sqrt(aspect), side / std::sqrt(aspect)};
  grid.gap = options.tileGapFraction * side;
  return grid;
}

glm::vec3 arcPoint(const Arc& arc, float t) {
  const float u = 1.0f - t;
  const auto& p = arc.controlPoints;
  return u * u * u * p[0] + 3.0f * u * u * t * p[1] + 3.0f * u * t * t * p[2] + t * t * t * p[3];
}

int SceneLayout::slabForLayer(int layer) const {
  if (layer < 0 || layer >= static_cast<int>(slabOfLayer.size())) return -1;
  return slabOfLayer[layer];
}

float frontFaceZ(const Slab& slab) { return slab.centre.z + slab.size.z * 0.5f; }

Bounds slabBounds(const Slab& slab) { return Bounds::fromCentreSize(slab.centre, slab.size); }

FaceRect tileRect(const Slab& slab, int channel) {
  const TileGrid& g = slab.grid;
  const int col = channel % g.cols;
  const int row = channel / g.cols;
  FaceRect r;
  r.min.x = g.gridTopLeft.x + col * (g.tileSize.x + g.gap);
  r.max.y = g.gridTopLeft.y - row * (g.tileSize.y + g.gap);
  r.max.x = r.min.x + g.tileSize.x;
  r.min.y = r.max.y - g.tileSize.y;
  return r;
}

FaceRect cellRect(const Slab& slab, int channel, int y, int x) {
  const FaceRect tile = tileRect(slab, channel);
  const glm::vec2 cell(slab.grid.tileSize.x / slab.grid.cellCols, slab.grid.tileSize.y / slab.grid.cellRows);
  FaceRect r;
  r.min.x = tile.min.x + x * cell.x;
  r.max.x = r.min.x + cell.x;
  r.max.y = tile.max.y - y * cell.y;
  r.min.y = r.max.y - cell.y;
  return r;
}

long long valueIndex(const TileGrid& grid, int channel, int y, int x) {
  if (channel < 0 || channel >= grid.channels || y < 0 || y >= grid.cellRows || x < 0 || x >= grid.cellCols)
    return -1;
  const long long inChannel = static_cast<long long>(y) * grid.cellCols + x;
  if (inChannel >= grid.valuesPerChannel) return -1;
  return static_cast<long long>(channel) * grid.valuesPerChannel + inChannel;
}

SceneLayout layoutSlabs(const Snapshot& snapshot, const LayoutOptions& options) {
  if (snapshot.layers.empty()) return {};
  const FoldResult fold = foldLayers(snapshot, options, consumersOf(snapshot));
  const SlabGraph graph = buildSlabGraph(snapshot, fold);
  SceneLayout oneLane = layoutInLanes(snapshot, options, fold, graph, {0});
  if (oneLane.slabs.empty() || oneLane.slabs.back().depthLevel + 1 < options.minLevelsToWrap ||
      options.maxLanes <= 1)
    return oneLane;
  // As many lanes as fill the overview of the frame best (a lane more must earn its place), balanced by
  // length, then each break nudged while that fills the frame better.
  const glm::ivec2 frame(static_cast<int>(1080.0f * options.frameAspect), 1080);
  auto fill = [&](const std::vector<int>& starts) {
    return overviewFit(layoutInLanes(snapshot, options, fold, graph, starts), frame).fill;
  };
  const std::vector<bool> breaks = cleanBreaks(slabsPerLevel(oneLane.slabs), levelLinks(graph));
  const std::vector<float> steps = levelSteps(rowWidths(oneLane.slabs, options), options);
  const float panelTail = predictionTail(oneLane);
  std::vector<int> best{0};
  float bestFill = overviewFit(oneLane, frame).fill;
  if (bestFill >= options.wrapBelowFill) return oneLane;
  for (int lanes = 2; lanes <= options.maxLanes; ++lanes) {
    const std::vector<int> starts = balanceLanes(steps, breaks, lanes, panelTail);
    if (static_cast<int>(starts.size()) < lanes) break;
    const float f = fill(starts);
    if (f > bestFill + 0.01f) {
      bestFill = f;
      best = starts;
    }
  }
  if (best.size() == 1) return oneLane;
  std::vector<int> allowed;
  for (size_t level = 0; level + 1 < breaks.size(); ++level)
    if (breaks[level]) allowed.push_back(static_cast<int>(level) + 1);
  SceneLayout wrapped = layoutInLanes(snapshot, options, fold, graph, nudgeLaneStarts(best, allowed, fill));
  if (wrapped.slabs.back().depthLevel + 1 >= options.minLevelsForStages) wrapped.stages = slabStages(snapshot, wrapped);
  return wrapped;
}

// The aspect-preserving rectangle of a W x H image centred in the slab's tile-grid area.
FaceRect farViewRect(const Slab& slab) {
  const TileGrid& g = slab.grid;
  FaceRect area;
  const float width = g.cols * g.tileSize.x + (g.cols - 1) * g.gap;
  const float height = g.rows * g.tileSize.y + (g.rows - 1) * g.gap;
  area.min = {g.gridTopLeft.x, g.gridTopLeft.y - height};
  area.max = {g.gridTopLeft.x + width, g.gridTopLeft.y};
  const float aspect = static_cast<float>(g.cellCols) / static_cast<float>(std::max(g.cellRows, 1));
  glm::vec2 size(width, width / aspect);
  if (size.y > height) size = {height * aspect, height};
  const glm::vec2 c = area.centre();
  return {c - size * 0.5f, c + size * 0.5f};
}

bool hasFarView(const Slab& slab) { return slab.grid.channels > 1 && !slab.grid.flat; }

}  // namespace convoscope
