#include "renderer/ComputationView.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "renderer/ComputationCard.h"
#include "renderer/FontAtlas.h"
#include "renderer/LineBatch.h"
#include "renderer/QuadBatch.h"
#include "scene/ComputationFraming.h"
#include "renderer/TextBatch.h"
#include "renderer/WrittenSurfaces.h"
#include "scene/KernelSlide.h"
#include "scene/LayoutClipPlanes.h"

namespace convoscope {

using namespace computation_card;

namespace {

// The batches build() fills and draw() sends.
struct ViewBatches {
  QuadBatch& quads;
  LineBatch& cardLines;   // on the card (outlines, the arrow's start)
  LineBatch& worldLines;  // out in the scene: links, receptive fields, the arrow to the cell
  TextBatch& text;
};

// Where the card lands: in front of the selected slab, beside the output cell so that it never hides it.
struct CardPlacement {
  FaceRect outCell;  // the explained cell on the selected slab's face
  float faceZ;       // that face's depth
  float u;           // world size of one card unit
  float margin;      // card units around the content
  glm::vec2 size;    // card units, margins included
  float z;           // the card's depth
  glm::vec2 origin;  // world (x, y) of the card's top-left corner
  float bottom;      // card y below the content (the arrow's lane runs there)

  glm::vec3 world(glm::vec2 p) const {
    return glm::vec3(origin.x + (p.x + margin) * u, origin.y - (p.y + margin) * u, z);
  }
};

// The cell (channel, y, x) to explain: the selected one, or while animating the kernel slide's current
// cell (a flat layer's empty tail cells stay on the last value).
glm::ivec3 cellToExplain(const TileGrid& g, const Selection& selection, const ComputationViewOptions& options,
                         KernelSlide& slide) {
  int c = *selection.channel, y = *selection.y, x = *selection.x;
  if (options.animate) {
    slide.setPosition(options.slidePosition);
    const glm::ivec2 cur = slide.currentCell();
    y = cur.x;
    x = cur.y;
    if (valueIndex(g, c, y, x) < 0) {
      const int last = g.valuesPerChannel - 1;
      y = last / g.cellCols;
      x = last % g.cellCols;
    }
  }
  return {c, y, x};
}

// Explains `first` and the slab's members after it, at the same cell; stops at the first that
// computeCell() cannot break down (its message goes to `error` when nothing could be explained).
std::vector<Computation> explainFrom(const Snapshot& snapshot, const Slab& slab, int first,
                                     const glm::ivec3& cell, std::string& error) {
  const TileGrid& g = slab.grid;
  const int c = cell.x, y = cell.y, x = cell.z;
  std::vector<Computation> chain;
  std::vector<int> members;
  bool after = false;
  for (int m : slab.members) {
    if (m == first) after = true;
    if (after) members.push_back(m);
  }
  if (members.empty()) members.push_back(first);
  try {
    for (int m : members) {
      const Layer& L = snapshot.layers[m];
      if (g.flat || L.output.shape.size() != 3)
        chain.push_back(computeCell(snapshot, m, g.flat ? static_cast<int64_t>(valueIndex(g, c, y, x)) : c));
      else
        chain.push_back(computeCell(snapshot, m, c, y, x));
    }
  } catch (const std::exception& ex) {
    if (chain.empty()) error = ex.what();
  }
  return chain;
}

// Explains the selected layer and every later layer folded into the same slab, at the same cell.
std::vector<Computation> explainCell(const Snapshot& snapshot, const Slab& slab, int layer,
                                     const glm::ivec3& cell, std::string& error) {
  // A click on a folded slab (conv → bn → relu) selects what its tiles show, the last member; the
  // computation then starts at the slab's head so that the conv's products lead to the tile's value
  // (from the selected layer itself when the head cannot be broken down).
  const bool fromHead = layer == slab.displayLayer && !slab.members.empty() && slab.members.front() != layer;
  std::vector<Computation> chain =
      explainFrom(snapshot, slab, fromHead ? slab.members.front() : layer, cell, error);
  if (chain.empty() && fromHead) {
    error.clear();
    chain = explainFrom(snapshot, slab, layer, cell, error);
  }
  // A classifier's logits: the card goes on to the probability the prediction shows.
  const int index = valueIndex(slab.grid, cell.x, cell.y, cell.z);
  if (!chain.empty() && slab.grid.flat && index >= 0 && chain.back().layer + 1 == static_cast<int>(snapshot.layers.size()))
    if (std::optional<Computation> softmax = predictionSoftmax(snapshot, index)) chain.push_back(std::move(*softmax));
  return chain;
}

// Beside the explained cell; while the kernel slides, beside its whole tile (the card holds still while the
// window walks, the arrow follows the cell), so a tour frames it once and the caption never covers it.
CardPlacement placeCard(const Slab& slab, const glm::ivec3& cell, const ComputationCard& card, float bottom,
                        bool sliding) {
  const TileGrid& g = slab.grid;
  CardPlacement place;
  place.outCell = cellRect(slab, cell.x, cell.y, cell.z);
  const FaceRect anchor = sliding ? tileRect(slab, cell.x) : place.outCell;
  place.faceZ = frontFaceZ(slab);
  place.u = std::clamp(std::min(g.tileSize.x, g.tileSize.y) / 9.0f, 0.08f, 0.3f);
  place.margin = 0.7f;
  place.size = glm::vec2(card.width + 2 * place.margin, bottom + 2 * place.margin - 0.4f);
  place.z = place.faceZ + std::clamp(place.u * 6.0f, 0.4f, 1.2f);
  place.origin = glm::vec2(anchor.max.x + 3.0f * place.u, anchor.centre().y + place.size.y * place.u * 0.5f);
  place.bottom = bottom;
  return place;
}

// The card, its items (rects first so the text lands on top), links to the slabs. Returns the card's bounds.
Bounds addCard(const ViewBatches& out, const ComputationCard& card, const CardPlacement& place, float a) {
  const glm::vec2 origin = place.origin, size = place.size;
  const float u = place.u, z = place.z;
  out.quads.addWorldRect({origin.x, origin.y - size.y * u}, {origin.x + size.x * u, origin.y}, z - 0.002f,
                         faded(palette::card, a), 0.0f);
  out.cardLines.addRect({origin.x, origin.y - size.y * u}, {origin.x + size.x * u, origin.y}, z - 0.001f,
                        faded(palette::cardEdge, 0.6f * a), 1.5f);
  for (const ComputationCard::Rect& r : card.rects) {
    const glm::vec3 p0 = place.world({r.min.x, r.max.y}), p1 = place.world({r.max.x, r.min.y});
    out.quads.addWorldRect(glm::vec2(p0), glm::vec2(p1), z, faded(r.colour, a));
  }
  for (const ComputationCard::Line& l : card.lines)
    out.cardLines.add(place.world(l.a), place.world(l.b), faded(l.colour, a), l.width);
  for (const ComputationCard::Text& t : card.texts) {
    TextStyle style;
    style.size = t.size * u;
    style.colour = faded(t.colour, a);
    style.halign = t.h;
    style.valign = t.v;
    style.halo = t.halo * a;
    out.text.addInPlane(t.text, place.world(t.at) + glm::vec3(0, 0, 0.002f), {1, 0, 0}, {0, 1, 0}, style);
  }
  // Links to the input slab leave from the panel's left edge at their row: the input slab lies between the
  // camera and the selected slab, so a link from the box itself would cross the numbers beside it.
  for (const ComputationCard::Link& l : card.links)
    out.worldLines.add(place.world({-place.margin, l.panel.y}), l.world, faded(l.colour, a), l.width);
  Bounds panel;
  panel.include(glm::vec3(origin.x, origin.y - size.y * u, z));
  panel.include(glm::vec3(origin.x + size.x * u, origin.y, z));
  return panel;
}

// The result lands in the output cell: an arrow from the last value box that leaves it downwards, runs
// along the panel's empty bottom margin to its left edge (the output cell is always to the left) and only
// then crosses to the cell, so it never runs over the panel's numbers.
void addResultArrow(const ViewBatches& out, const ComputationCard& card, const CardPlacement& place,
                    float a) {
  const float u = place.u;
  const glm::vec3 target(place.outCell.centre(), place.faceZ + 0.004f);
  const float lane = std::max(card.resultAnchor.y + 0.1f, place.bottom - 0.15f);
  const glm::vec3 drop = place.world({card.resultAnchor.x, lane}), edge = place.world({-place.margin, lane});
  out.cardLines.add(place.world(card.resultAnchor), drop, faded(palette::result, a), 2.5f);
  out.cardLines.add(drop, edge, faded(palette::result, a), 2.5f);
  out.worldLines.add(edge, target, faded(palette::result, a), 2.5f);
  const glm::vec3 dir = glm::normalize(target - edge);
  const glm::vec3 side = glm::normalize(glm::cross(dir, glm::vec3(0, 0, 1))) * (u * 0.35f);
  out.worldLines.add(target, target - dir * (u * 0.6f) + side, faded(palette::result, a), 2.5f);
  out.worldLines.add(target, target - dir * (u * 0.6f) - side, faded(palette::result, a), 2.5f);
  out.worldLines.addRect(place.outCell.min, place.outCell.max, place.faceZ + 0.006f,
                         faded(palette::result, a), 3.0f);
}

// The input cells of terms [first, first + count) outlined on the input slab; a strong field (written out
// on the card) also shows its padding cells as ghosts.
void addField(const ViewBatches& out, const ComputationCard& card, const Computation& e, int first, int count,
              bool strong, float a) {
  FaceRect r0, r1;
  float fz = 0;
  if (count <= 0) return;
  const ComputationTerm& t0 = e.terms[first];
  const ComputationTerm& t1 = e.terms[first + count - 1];
  if (!card.inputCell(t0.inputLayer, t0.inputIndex, r0, fz) ||
      !card.inputCell(t1.inputLayer, t1.inputIndex, r1, fz))
    return;
  out.worldLines.addRect(glm::min(r0.min, r1.min), glm::max(r0.max, r1.max), fz,
                         faded(palette::field, (strong ? 1.0f : 0.55f) * a), strong ? 2.5f : 1.2f);
  if (!strong) return;
  for (int t = first; t < first + count; ++t) {
    FaceRect r;
    if (e.terms[t].padding && card.inputCell(e.terms[t].inputLayer, e.terms[t].inputIndex, r, fz)) {
      out.quads.addWorldRect(r.min, r.max, fz, faded(glm::vec4(0.30f, 0.33f, 0.40f, 0.55f), a));
      out.worldLines.addRect(r.min, r.max, fz + 0.001f, faded(palette::ghost, a), 1.0f);
    }
  }
}

// The receptive field on the input slab(s): every input channel's window, padding cells as ghosts.
void addReceptiveFields(const ViewBatches& out, const ComputationCard& card, const Computation& e,
                        int maxChannels, float a) {
  std::vector<bool> shownPartial(e.partials.size(), false);
  if (e.kind == LayerKind::Conv2d)
    for (const Contribution& k : topContributions(e, maxChannels).top)
      if (k.partial >= 0) shownPartial[k.partial] = true;
  if (e.kind == LayerKind::Conv2d) {
    constexpr size_t kMaxFields = 2048;  // outlines beyond this would be sub-pixel anyway
    for (size_t p = 0; p < e.partials.size() && p < kMaxFields; ++p)
      addField(out, card, e, e.partials[p].firstTerm, e.partials[p].termCount, shownPartial[p], a);
  } else if (e.pool) {
    addField(out, card, e, 0, static_cast<int>(e.terms.size()), true, a);
  } else if (e.kind != LayerKind::Linear && e.kind != LayerKind::Softmax) {
    for (size_t t = 0; t < e.terms.size(); ++t) addField(out, card, e, static_cast<int>(t), 1, true, a);
  }
}

// Kernel slide: the cells of `channel` not computed yet are dimmed (at most two rectangles).
void dimPendingCells(QuadBatch& quads, const Slab& slab, int channel, int filled, float a) {
  const TileGrid& g = slab.grid;
  const int cols = g.cellCols, rows = g.cellRows;
  const int r0 = filled / cols, x0 = filled % cols;
  const float dz = frontFaceZ(slab) + 0.005f;
  const glm::vec4 dim(0.02f, 0.025f, 0.04f, 0.78f * a);
  if (filled >= rows * cols) return;
  if (x0 > 0) {
    const FaceRect p = cellRect(slab, channel, r0, x0), q = cellRect(slab, channel, r0, cols - 1);
    quads.addWorldRect(glm::min(p.min, q.min), glm::max(p.max, q.max), dz, dim);
  }
  const int firstFull = x0 > 0 ? r0 + 1 : r0;
  if (firstFull < rows) {
    const FaceRect p = cellRect(slab, channel, firstFull, 0), q = cellRect(slab, channel, rows - 1, cols - 1);
    quads.addWorldRect(glm::min(p.min, q.min), glm::max(p.max, q.max), dz, dim);
  }
}

}  // namespace

ComputationView::ComputationView() {
  std::vector<uint32_t> codepoints = FontAtlas::defaultCodepoints();
  // Σ √ ε γ β ² ᵢ ⱼ ∑ ≥ and friends used by formulas (core/Computation.cpp writes them).
  for (uint32_t c : {0x03A3u, 0x221Au, 0x03B5u, 0x03B3u, 0x03B2u, 0x00B2u, 0x1D62u, 0x2C7Cu, 0x2097u, 0x2082u,
                     0x2080u, 0x2081u, 0x2099u, 0x1D57u, 0x03B1u, 0x221Eu, 0x2260u, 0x22C5u})
    codepoints.push_back(c);
  font_ = std::make_unique<FontAtlas>(FontAtlas::defaultFontPath(), codepoints);
  font_->upload();
  text_ = std::make_unique<TextBatch>(*font_);
  lines_ = std::make_unique<LineBatch>();
  worldLines_ = std::make_unique<LineBatch>();
  quads_ = std::make_unique<QuadBatch>();
}

ComputationView::~ComputationView() = default;

bool ComputationView::build(const Snapshot& snapshot, const SceneLayout& layout, const Selection& selection,
                            const ComputationViewOptions& options) {
  text_->clear();
  lines_->clear();
  worldLines_->clear();
  quads_->clear();
  bounds_ = panel_ = Bounds{};
  smallestNumber_ = 0.0f;
  error_.clear();
  if (!selection.hasCell() || options.alpha <= 0.003f) return false;
  const int layer = *selection.layer;
  const int slabIndex = layout.slabForLayer(layer);
  if (slabIndex < 0) return false;
  const Slab& slab = layout.slabs[slabIndex];
  const TileGrid& g = slab.grid;
  KernelSlide slide(g.cellRows, g.cellCols);
  const glm::ivec3 cell = cellToExplain(g, selection, options, slide);
  if (valueIndex(g, cell.x, cell.y, cell.z) < 0) return false;

  // computeCell() runs only when the explained cell or the snapshot changes.
  if (snapshot.id != cachedSnapshot_ || layer != cachedLayer_ || cell != cachedCell_) {
    chain_ = explainCell(snapshot, slab, layer, cell, error_);
    cachedSnapshot_ = snapshot.id;
    cachedLayer_ = layer;
    cachedCell_ = cell;
  }
  cell_ = g.flat ? glm::ivec3(cell.x, -1, -1) : cell;
  if (chain_.empty()) {
    if (error_.empty()) error_ = "nothing to explain";
    return false;
  }

  const float a = options.alpha;
  // Asked for the prediction on a classifier's logit: the card is that softmax alone, every class written out.
  std::vector<Computation> alone;  // not a copy of the whole chain each frame: a conv's can hold thousands of terms
  if (options.prediction && isPredictionStep(chain_, chain_.size() - 1)) alone.push_back(chain_.back());
  const std::vector<Computation>& shown = alone.empty() ? chain_ : alone;
  ComputationCard card{snapshot, layout, *text_, a};
  const float bottom = card.layOut(shown, options);
  const CardPlacement place = placeCard(slab, cell, card, bottom, options.animate && !g.flat);
  const ViewBatches out{*quads_, *lines_, *worldLines_, *text_};
  panel_ = addCard(out, card, place, a);
  addResultArrow(out, card, place, a);
  addReceptiveFields(out, card, shown.front(), std::max(options.maxChannels, 1), a);
  if (options.animate && !g.flat) dimPendingCells(*quads_, slab, cell.x, slide.filledCount(), a);

  smallestNumber_ = card.smallestNumber * place.u;
  bounds_ = panel_;
  bounds_.include(glm::vec3(place.outCell.min, place.faceZ));
  bounds_.include(glm::vec3(place.outCell.max, place.faceZ));
  return true;
}

float ComputationView::smallestNumberPixels(const OrbitCamera& camera, float viewportHeight) const {
  if (panel_.empty()) return 0.0f;
  return projectedHeight(smallestNumber_, glm::length(panel_.centre() - camera.position()), camera.fovY,
                         viewportHeight);
}

int ComputationView::draw(const SceneLayout& layout, const OrbitCamera& camera,
                          const glm::ivec2& viewportSize) {
  if (text_->glyphCount() == 0 && lines_->size() == 0 && worldLines_->size() == 0) return 0;
  const glm::vec2 viewport(viewportSize);
  // The same clip planes SceneRenderer::render() uses, so depth tests against its slabs agree.
  const OrbitCamera clipped = withLayoutClipPlanes(camera, layout.bounds);
  const glm::mat4 viewProjection = clipped.projection(viewport.x / viewport.y) * camera.view();

  glViewport(0, 0, viewportSize.x, viewportSize.y);
  // Lines out in the world first: the card, drawn next, then covers the parts that pass behind it (the
  // scene's depth still hides the card where a slab stands in front of it). 4 draw calls.
  return drawWrittenSurfaces(*quads_, *lines_, *text_, viewProjection, viewport, false, worldLines_.get());
}

}  // namespace convoscope
