#pragma once
// The selected cell's computation, drawn in 3D: a panel floating in front of the selected slab that writes
// out the arithmetic of computeCell() (core/Computation.h — the same numbers `convoscope explain` prints),
// the receptive field outlined on the input slab's tiles (padding as ghost cells), lines tying the two
// together and an arrow to where the result lands. Every layer kind has its own layout (conv, activations,
// pooling, batchnorm, linear, softmax, add, concat, identities); a folded slab (conv → bn → relu) shows the
// head's computation followed by one line per folded step.
//
// Why in front of the selected slab rather than in the gap behind it: any view that reads the selected
// slab's face has that (opaque) slab between the eye and the gap, so the panel would be hidden. The
// receptive field is therefore lifted into the panel (input values, padding zeros) and also outlined on the
// input slab itself, which shows when orbiting.
//
// Draw calls: at most 4 (scene lines, card quads, card lines, text), however large the fan-in — big fan-ins
// are summarised with topContributions() ("…and N more = x") so that the arithmetic shown still adds up.
#include <glm/glm.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/Computation.h"
#include "core/Snapshot.h"
#include "scene/Bounds.h"
#include "scene/ComputationFraming.h"
#include "scene/OrbitCamera.h"
#include "scene/Selection.h"
#include "scene/SemanticZoom.h"
#include "scene/SlabLayout.h"

namespace convoscope {

class FontAtlas;
class LineBatch;
class QuadBatch;
class TextBatch;

struct ComputationViewOptions {
  float alpha = 1.0f;          // overall fade: 1 when opened, else the selected slab's `computation` fade
  bool animate = false;        // kernel slide: the window walks the input, the output tile fills cell by cell
  float slidePosition = 1.0f;  // KernelSlide position in [0,1] (only with animate)
  int maxChannels = 10;        // conv: input channels written out in full; the rest summed in one line
  int maxRows = 12;            // linear / softmax: terms written out
  bool prediction = false;     // a classifier's logit: show the prediction's softmax (every class) as the card
};

class ComputationView {
 public:
  ComputationView();  // needs a current GL context; bakes its own font (the maths symbols: Σ √ ε γ β ²)
  ~ComputationView();
  ComputationView(const ComputationView&) = delete;
  ComputationView& operator=(const ComputationView&) = delete;

  // Lays out the computation of the selected cell (or, when animating, of the slide's current cell) in
  // world space; independent of the camera, so it can be framed before drawing. Returns false (and draws
  // nothing) without a selected cell or for a layer computeCell() cannot break down (error() says why).
  bool build(const Snapshot& snapshot, const SceneLayout& layout, const Selection& selection,
             const ComputationViewOptions& options);
  // The panel, the output cell and the receptive field on the input slab: what a camera should frame.
  const Bounds& bounds() const { return bounds_; }
  // The panel alone.
  const Bounds& panelBounds() const { return panel_; }
  // How tall the card's smallest number is on screen, in pixels, seen by `camera` in a viewport
  // `viewportHeight` pixels tall (0 when the card writes no number): how readable the card is.
  float smallestNumberPixels(const OrbitCamera& camera, float viewportHeight) const;
  const std::string& error() const { return error_; }
  // The explanations shown: the selected layer's, then one per folded step (e.g. conv, relu).
  const std::vector<Computation>& chain() const { return chain_; }
  // The output cell the panel explains (y, x; the slide's current cell while animating), -1 when flat.
  glm::ivec3 explainedCell() const { return cell_; }

  // Draws what build() laid out over the frame SceneRenderer::render() left (its depth buffer hides the
  // parts behind slabs). Returns the draw calls made (0..4).
  int draw(const SceneLayout& layout, const OrbitCamera& camera, const glm::ivec2& viewport);

 private:
  // ComputationCard (renderer/ComputationCard.h) lays the card out; build() places it in these batches.
  std::unique_ptr<FontAtlas> font_;
  std::unique_ptr<TextBatch> text_;
  std::unique_ptr<LineBatch> lines_;       // on the card (outlines, the arrow's start)
  std::unique_ptr<LineBatch> worldLines_;  // out in the scene: links, receptive fields, the arrow to the cell
  std::unique_ptr<QuadBatch> quads_;
  Bounds bounds_, panel_;
  float smallestNumber_ = 0.0f;
  std::string error_;
  std::vector<Computation> chain_;
  glm::ivec3 cell_{-1};
  // Cache: computeCell() runs only when the explained cell or the snapshot changes.
  uint64_t cachedSnapshot_ = 0;  // Snapshot::id (never an address)
  int cachedLayer_ = -1;
  glm::ivec3 cachedCell_{-9};
};

}  // namespace convoscope
