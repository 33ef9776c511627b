#pragma once
// Internal to ComputationView: the card that writes out a cell's computation, laid out in card units
// (origin top-left, y down) before ComputationView places it in the world. Shared by ComputationView.cpp,
// ComputationCard.cpp (the card's drawing primitives), ComputationNumbers.cpp (how numbers and steps are
// written) and the ComputationLayout*.cpp files (one breakdown per layer kind family).
#include <glm/glm.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/Computation.h"
#include "core/Snapshot.h"
#include "renderer/ComputationView.h"
#include "renderer/TextBatch.h"
#include "scene/SlabLayout.h"
#include "scene/ValueRange.h"

namespace convoscope {

namespace computation_card {

namespace palette {
inline const glm::vec4 card(0.05f, 0.065f, 0.09f, 0.97f);
inline const glm::vec4 cardEdge(0.35f, 0.80f, 1.0f, 0.9f);
inline const glm::vec4 title(0.95f, 0.97f, 1.0f, 1.0f);
inline const glm::vec4 detail(0.62f, 0.69f, 0.80f, 1.0f);
inline const glm::vec4 op(0.80f, 0.85f, 0.92f, 1.0f);
inline const glm::vec4 field(1.0f, 0.70f, 0.25f, 1.0f);   // receptive field / inputs
inline const glm::vec4 result(0.35f, 0.80f, 1.0f, 1.0f);  // where the value lands
inline const glm::vec4 ghost(0.30f, 0.33f, 0.40f, 1.0f);  // padding cells
inline const glm::vec4 box(0.11f, 0.14f, 0.19f, 1.0f);
inline const glm::vec4 warn(1.0f, 0.45f, 0.40f, 1.0f);
}  // namespace palette

inline glm::vec4 faded(glm::vec4 c, float a) { return {c.r, c.g, c.b, c.a * a}; }

// Wraps a negative number in parentheses where it follows an operator ("x − (−0.2)").
std::string paren(double v);
// The folded step or activation written with its numbers: "max(0, −0.18) = 0".
std::string stepText(const Computation& e);
// A colour range centred on zero that holds ±m (weights and products have no layer range of their own).
ValueRange symmetricRange(double m);

}  // namespace computation_card

// Lays one explanation chain out: the card's items in card units, plus links from card rows to world points.
// Whether chain[i] is the prediction's softmax after a classifier's logits (core predictionSoftmax: it
// explains the same layer as the step before it), not a layer folded into the slab.
bool isPredictionStep(const std::vector<Computation>& chain, size_t i);

struct ComputationCard {
  struct Rect {
    glm::vec2 min, max;
    glm::vec4 colour;
  };
  struct Line {
    glm::vec2 a, b;
    glm::vec4 colour;
    float width;
  };
  struct Text {
    std::string text;
    glm::vec2 at;
    float size;
    glm::vec4 colour;
    HAlign h;
    VAlign v;
    float halo;
  };
  // A card point that connects to a world point (drawn as a line once the card is placed).
  struct Link {
    glm::vec2 panel;
    glm::vec3 world;
    glm::vec4 colour;
    float width;
    bool arrow;
  };

  const Snapshot& snapshot;
  const SceneLayout& layout;
  const TextBatch& measureWith;
  float alpha;
  std::vector<Rect> rects;
  std::vector<Line> lines;
  std::vector<Text> texts;
  float width = 0;  // content extent (units)
  float smallestNumber = 0;  // the smallest text size (units) a number is written at; 0: none yet
  std::vector<Link> links;
  std::map<int, ValueRange> ranges;
  glm::vec2 lastBox{0.0f};
  glm::vec2 resultAnchor{0.0f};  // below the highlighted result box: the arrow to the output cell leaves here

  // The whole chain: title, parameters, the head's breakdown, one line per folded step, a consistency note.
  // Returns the y below the last item (ComputationLayout.cpp).
  float layOut(const std::vector<Computation>& chain, const ComputationViewOptions& options);

  // Drawing primitives (ComputationCard.cpp).
  const ValueRange& rangeOf(int layer);
  void text(const std::string& s, glm::vec2 at, float size, glm::vec4 colour, HAlign h = HAlign::Left,
            VAlign v = VAlign::Middle, float halo = 0.0f);
  float measure(const std::string& s, float size) const;
  // A formula with its `_{…}` subscripts small and low (scene/FormulaRuns.h). Returns its right edge.
  float formula(const std::string& s, glm::vec2 at, float size, glm::vec4 colour);
  void rect(glm::vec2 mn, glm::vec2 mx, glm::vec4 colour);
  void outline(glm::vec2 mn, glm::vec2 mx, glm::vec4 colour, float w);
  // A number written in a coloured cell, digits dark or light by the cell's luminance.
  void cell(glm::vec2 mn, glm::vec2 size, double value, const ValueRange& range, bool ghost);
  // A labelled value box: the value large, its caption small beneath. Returns its right edge.
  float valueBox(glm::vec2 at, const std::string& value, const std::string& caption, glm::vec4 colour,
                 bool highlight, float size = 0.75f);
  // An operator between two items. Returns the x after it.
  float op(float x, float y, const std::string& s, float size = 0.7f);
  // World rectangle of an input cell (may lie in the padding), or false when the layer has no slab.
  bool inputCell(int layer, const std::vector<int64_t>& index, FaceRect& r, float& z) const;

  // The layer kinds' breakdowns; each returns the y below it.
  float header(const Computation& e, float y, const std::string& title);  // ComputationLayout.cpp
  float folded(const Computation& e, float y, bool last);                 // ComputationLayout.cpp
  float conv(const Computation& e, float y, int maxChannels);             // ComputationLayoutWindow.cpp
  float pool(const Computation& e, float y);                              // ComputationLayoutWindow.cpp
  float linear(const Computation& e, float y, int maxRows);               // ComputationLayoutDense.cpp
  float softmax(const Computation& e, float y, int maxRows);              // ComputationLayoutDense.cpp
  float softmaxQuotient(const Computation& e, float y, const std::string& expCaption,
                        const std::string& resultCaption, bool highlight);
  float predictionStep(const Computation& e, float y);  // the prediction's softmax after the logits
  float elementwise(const Computation& e, float y);                       // ComputationLayoutElementwise.cpp
  float concat(const Computation& e, float y);                            // ComputationLayoutElementwise.cpp
};

}  // namespace convoscope
