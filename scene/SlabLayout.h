#pragma once
// Where every displayed layer sits in 3D: one thin slab per layer, stacked along +Z in forward order.
//
// World axes: X right, Y up, +Z is the forward (data-flow) direction. Each slab's broad faces are XY planes;
// the channel tiles are printed on the +Z face ("front face", see frontFaceZ). Inside a tile, cell (y=0, x=0)
// is the top-left corner, as in an image: y grows downwards (towards -Y), x grows towards +X.
#include <array>
#include <glm/glm.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/Snapshot.h"
#include "scene/Bounds.h"

namespace convoscope {

struct LayoutOptions {
  float slabSpacing = 3.0f;  // free space along Z between consecutive depth levels
  // Extra free space per unit of the wider of two neighbouring rows: in a three-quarter view a wide slab
  // would otherwise hide the narrow one behind it (Tiny VGG's 28x28 input behind its 10-tile conv).
  float spacingPerWidth = 0.5f;
  float slabThickness = 0.2f;   // Z extent of every slab
  float branchGap = 1.5f;       // free space along X between side-by-side slabs of parallel branches
  bool foldActivations = true;  // BatchNorm / activation / Dropout after a layer are shown in its slab
  std::set<int> hiddenLayers;   // layer indices given no slab; data flow passes through them

  // Tile sizing: a tile's side grows with sqrt(H*W) (its geometric-mean side in cells) and is clamped, so a
  // 224x224 input and a 7x7 feature map are both readable (see tileSideFor()).
  float cellWorldSize = 0.08f;
  float minTileSide = 0.6f;
  float maxTileSide = 4.0f;
  float tileGapFraction =
      0.12f;  // gap between tiles (and margin to the slab edge), as a fraction of tile side

  float labelLift = 0.4f;     // label anchor height above the slab's top edge
  float arcClearance = 0.6f;  // how far residual arcs stay above every slab they pass

  // Networks of at least `minLevelsToWrap` depth levels wrap into up to `maxLanes` lanes (see SlabLanes.h),
  // as many as fill a frame of `frameAspect` (width / height) best in the overview. One whose single lane
  // already fills `wrapBelowFill` of the frame stays in one lane: a straight line is the easiest to read.
  int minLevelsToWrap = 8;
  float wrapBelowFill = 0.5f;
  // Stages are named only in networks this deep; a shorter one's slab labels already say it all.
  int minLevelsForStages = 16;
  int maxLanes = 8;
  float frameAspect = 16.0f / 9.0f;

  bool showProbabilities = true;
  int probabilityBars = 10;  // the N most probable classes, most probable on top
  float barMaxLength = 6.0f;
  float barHeight = 0.4f;
  float barGap = 0.15f;
};

// How a layer's activation maps onto tiles of cells. [C,H,W] gives C tiles of HxW; a flat [N] output
// (linear, flatten, softmax) gives one tile whose N values fill a near-square grid row by row (the last row
// may be partly empty: cells with y*cellCols+x >= valuesPerChannel hold no value).
struct TileGrid {
  int channels = 1;
  int cols = 1, rows = 1;          // tile grid on the slab face: cols = ceil(sqrt(C)), rows = ceil(C/cols)
  int cellRows = 1, cellCols = 1;  // cells inside one tile (H, W; or the flat vector's grid)
  int valuesPerChannel = 1;        // H*W, or N for flat outputs
  bool flat = false;               // true when the activation is a 1D vector
  glm::vec2 tileSize{1.0f};        // world size (width, height) of one tile
  float gap = 0.1f;                // world gap between tiles, and margin between tiles and the slab edge
  glm::vec2 gridTopLeft{0.0f};     // world (x, y) of tile 0's top-left corner on the front face
};

struct Slab {
  int layer = -1;         // the layer that heads this slab (its name is the label)
  int displayLayer = -1;  // whose output the tiles show: the last of a folded chain (conv → bn → relu: relu)
  std::vector<int> members;  // every layer shown here, head first, in data-flow order
  int depthLevel = 0;        // position along Z (longest path from the input, counted in slabs)
  int lane = 0;              // which lane of a wrapped network the slab's level is in (0: the first, top)
  int branch = 0;            // left-to-right position among slabs at the same depth level
  int branchCount = 1;
  glm::vec3 centre{0.0f};
  glm::vec3 size{0.0f};  // width (X), height (Y), thickness (Z)
  TileGrid grid;
  glm::vec3 labelAnchor{0.0f};  // centred above the slab's top edge, on the front face plane
};

// A data-flow connection between two slabs at adjacent depth levels (draw as a straight line or fan).
struct SlabEdge {
  int fromSlab = -1, toSlab = -1;
};

// A connection that skips depth levels (a residual/skip input of an Add, or a short branch into a Concat),
// drawn as a cubic Bezier above the slabs: from the top of `fromSlab`, over everything between, to the top
// of `toSlab`. The curve stays inside the convex hull of the four control points.
struct Arc {
  int fromSlab = -1, toSlab = -1;
  int fromLayer = -1, toLayer = -1;  // the producing layer and the merging layer (e.g. the Add)
  bool residual = false;             // the merging layer is an Add
  std::array<glm::vec3, 4> controlPoints{};
};
glm::vec3 arcPoint(const Arc& arc, float t);  // t in [0,1]

// Where a wrapped network goes on from one lane to the next: the flow line from the lane's last slab to a
// first slab of the next lane, routed down below the lane and back to its start (a polyline, data-flow order).
struct LaneLink {
  int fromSlab = -1, toSlab = -1;
  std::vector<glm::vec3> points;
};

// A stage of a wrapped network (scene/SlabStages.h): slabs of one module or one spatial size, in one lane.
struct SlabStage {
  int firstSlab = -1, lastSlab = -1;  // indices into SceneLayout::slabs, in data-flow order
  int lane = 0;
  std::string label;  // "layer2 · 512×8×8", "features.2 … features.3 · 24×16×16"
};

struct ProbabilityBar {
  int classIndex = 0;
  std::string label;  // class name, or the index as text when the model has no names
  float probability = 0;
  glm::vec3 origin{0.0f};       // bottom-left corner of the bar (world), on the panel plane (faces +Z)
  glm::vec2 fullSize{0.0f};     // (length, height) of a bar at probability 1: draw the track with it
  float length = 0;             // filled length = probability * fullSize.x
  glm::vec3 labelAnchor{0.0f};  // left of the bar, vertically centred: right-align the label text here
  glm::vec3 valueAnchor{0.0f};  // just right of the filled part, vertically centred: the percentage
};

struct ProbabilityPanel {
  bool visible = false;
  glm::vec3 centre{0.0f};
  glm::vec2 size{0.0f};  // (width, height) of the panel, including the label column
  std::vector<ProbabilityBar> bars;
  glm::vec3 titleAnchor{0.0f};  // centred above the panel
};

struct SceneLayout {
  std::vector<Slab> slabs;       // sorted by (depthLevel, branch)
  std::vector<int> slabOfLayer;  // layer index → index into slabs of the slab showing it; -1 when hidden
  std::vector<SlabEdge> edges;   // adjacent-level connections, sorted, without duplicates (incl. lane links)
  std::vector<Arc> arcs;         // level-skipping connections (always within one lane)
  int laneCount = 1;
  std::vector<LaneLink> laneLinks;  // the edges between lanes, as drawn
  std::vector<SlabStage> stages;    // named stages of a wrapped network; none in one lane
  ProbabilityPanel probabilities;
  Bounds bounds;  // slabs, arcs and the probability panel

  // -1 when the layer has no slab (hidden, or out of range).
  int slabForLayer(int layer) const;
};

// Deterministic: the same snapshot graph and options always give the same layout.
SceneLayout layoutSlabs(const Snapshot& snapshot, const LayoutOptions& options = {});

// The tile grid for one layer's activation shape (exposed for the renderer and tests).
TileGrid tileGridFor(const Layer& layer, const LayoutOptions& options);
float tileSideFor(int cellRows, int cellCols, const LayoutOptions& options);

// A rectangle on a slab's front face, in world X/Y.
struct FaceRect {
  glm::vec2 min{0.0f}, max{0.0f};
  glm::vec2 centre() const { return (min + max) * 0.5f; }
  glm::vec2 size() const { return max - min; }
  bool contains(const glm::vec2& p) const {
    return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
  }
};

float frontFaceZ(const Slab& slab);
Bounds slabBounds(const Slab& slab);
FaceRect tileRect(const Slab& slab, int channel);
FaceRect cellRect(const Slab& slab, int channel, int y, int x);
// The far view (the slab's channel mean, or an RGB input in colour) shown as its tiles fade out: the
// aspect-preserving rectangle of one H×W image centred in the tile-grid area. Only slabs with several
// spatial channels have one.
FaceRect farViewRect(const Slab& slab);
bool hasFarView(const Slab& slab);
// Index into the display layer's output data for (channel, y, x); -1 for an empty cell of a flat layer.
long long valueIndex(const TileGrid& grid, int channel, int y, int x);

}  // namespace convoscope
