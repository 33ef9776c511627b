// The computation card's breakdowns of the layers that map inputs to an output cell one to one: add (the
// summed inputs), concat (which input the cell comes from) and the one-input layers (activations,
// batchnorm, identities: the input, the formula with its numbers, the result).
#include "core/TextFormat.h"
#include "renderer/ComputationCard.h"

namespace convoscope {

using namespace computation_card;

namespace {

// Add: every (possibly weighted) input as a box tied to its cell, + between them, = the sum.
float addInputs(ComputationCard& card, const Computation& e, float y) {
  float x = 0;
  for (size_t k = 0; k < e.terms.size(); ++k) {
    const ComputationTerm& t = e.terms[k];
    if (k) x = card.op(x, y + 0.6f, "+");
    std::string caption = card.snapshot.layers[t.inputLayer].name + "[" + indexText(t.inputIndex) + "]";
    std::string v = mathNumber(t.input);
    if (t.weight != 1.0) v = mathNumber(t.weight) + " \xC2\xB7 " + paren(t.input);
    x = card.valueBox({x, y}, v, caption, palette::field, false, 0.8f);
    FaceRect r;
    float z;
    if (card.inputCell(t.inputLayer, t.inputIndex, r, z))
      card.links.push_back(
          {{x - 0.5f, y}, glm::vec3(r.centre(), z), faded(palette::field, 0.5f), 1.2f, false});
  }
  x = card.op(x, y + 0.6f, "=");
  x = card.valueBox({x, y}, mathNumber(e.sum), e.layerName, palette::result, true, 0.8f);
  card.lastBox = {x, y + 0.7f};
  return y + 2.4f;
}

}  // namespace

// Add, concat, activations, batchnorm, identities: the inputs, the formula with numbers, the result.
float ComputationCard::elementwise(const Computation& e, float y) {
  if (e.kind == LayerKind::Add) return addInputs(*this, e, y);
  if (e.concat) return concat(e, y);  // computeCell() always lists its parts
  float x = 0;
  const ComputationTerm* in = e.terms.empty() ? nullptr : &e.terms[0];
  if (in) {
    const std::string caption = snapshot.layers[in->inputLayer].name + "[" + indexText(in->inputIndex) + "]";
    x = valueBox({x, y}, mathNumber(in->input), caption, palette::field, false, 0.8f);
    FaceRect r;
    float z;
    if (inputCell(in->inputLayer, in->inputIndex, r, z))
      links.push_back({{x - 0.5f, y}, glm::vec3(r.centre(), z), faded(palette::field, 0.5f), 1.2f, false});
    x = op(x, y + 0.6f, "\xE2\x86\x92");
  }
  const std::string formula = stepText(e);
  text(formula, {x + 0.2f, y + 0.6f}, 0.62f, palette::title);
  x += measure(formula, 0.62f) + 0.5f;
  x = op(x, y + 0.6f, "\xE2\x86\x92");
  x = valueBox({x, y}, mathNumber(e.sum), e.layerName, palette::result, true, 0.8f);
  lastBox = {x, y + 0.7f};
  return y + 2.4f;
}

// Concat: every input as its range of the output's channels (the one this cell comes from outlined),
// then the value copied from that input to the output.
float ComputationCard::concat(const Computation& e, float y) {
  const ConcatSource& cs = *e.concat;
  const std::string axis = cs.dimension == 0 ? "channels " : "indices ";
  text("the output's " + axis + "are the inputs' " + axis + "one after another:", {0, y + 0.3f}, 0.4f,
       palette::detail);
  y += 0.8f;
  float x = 0;
  for (size_t k = 0; k < cs.parts.size(); ++k) {
    const ConcatPart& part = cs.parts[k];
    const bool chosen = static_cast<int>(k) == cs.inputPosition;
    if (k) x = op(x, y + 0.45f, "+", 0.55f);
    const float start = x;
    x = valueBox({x, y}, part.name,
                 axis + std::to_string(part.first) + ".." + std::to_string(part.first + part.size - 1),
                 chosen ? palette::field : palette::detail, false, 0.5f);
    if (chosen) outline({start, y}, {x, y + 0.5f * 1.7f}, palette::field, 2.0f);
  }
  y += 2.0f;
  x = 0;
  const ComputationTerm& in = e.terms[0];
  x = valueBox({x, y}, mathNumber(in.input),
               snapshot.layers[in.inputLayer].name + "[" + indexText(in.inputIndex) + "]", palette::field,
               false, 0.8f);
  FaceRect r;
  float z;
  if (inputCell(in.inputLayer, in.inputIndex, r, z))
    links.push_back({{x - 0.5f, y}, glm::vec3(r.centre(), z), faded(palette::field, 0.5f), 1.2f, false});
  const std::string copied = "copied unchanged to " + std::string(cs.dimension == 0 ? "channel " : "index ") +
                             std::to_string(e.outputIndex.empty() ? 0 : e.outputIndex[cs.dimension]) +
                             " \xE2\x86\x92";
  text(copied, {x + 0.4f, y + 0.6f}, 0.5f, palette::op);
  x += measure(copied, 0.5f) + 0.8f;
  x = valueBox({x, y}, mathNumber(e.sum), e.layerName, palette::result, true, 0.8f);
  lastBox = {x, y + 0.7f};
  return y + 2.4f;
}

}  // namespace convoscope
