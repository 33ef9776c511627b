// The computation card's breakdowns of the layers that read a whole vector: linear (the largest products
// traced back to their inputs, the rest summed, the bias) and softmax (the logits and their exps, then the
// chosen one's share), and the prediction's softmax after a classifier's logits.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/TextFormat.h"
#include "renderer/ComputationCard.h"

namespace convoscope {

using namespace computation_card;

namespace {

// Linear's table: one row per shown product, "x[i] = source[j]  x  × w  = x · w", each input tied to its
// cell on the input slab. Returns the y below.
float linearTable(ComputationCard& card, const Computation& e, const TopContributions& top, float y) {
  const float size = 0.52f, pitch = 0.82f;
  const float cInput = 0, cX = 7.6f, cW = 10.6f, cP = 13.8f;
  card.text("input (where it comes from)", {cInput, y + 0.3f}, 0.4f, palette::detail);
  card.text("x", {cX, y + 0.3f}, 0.4f, palette::field, HAlign::Right);
  card.text("\xC3\x97 w", {cW, y + 0.3f}, 0.4f, palette::detail, HAlign::Right);
  card.text("= x \xC2\xB7 w", {cP, y + 0.3f}, 0.4f, palette::detail, HAlign::Right);
  y += 0.9f;
  for (const Contribution& c : top.top) {
    const ComputationTerm& t = e.terms[c.term];
    std::string where = "x[" + indexText(t.inputIndex) + "]";
    int srcLayer = t.inputLayer;
    std::vector<int64_t> srcIndex = t.inputIndex;
    if (t.sourceLayer >= 0 && !t.sourceIndex.empty()) {
      where += " = " + card.snapshot.layers[t.sourceLayer].name + "[" + indexText(t.sourceIndex) + "]";
      srcLayer = t.sourceLayer;
      srcIndex = t.sourceIndex;
    }
    const float my = y + pitch * 0.5f;
    card.text(where, {cInput, my}, size * 0.85f, palette::field);
    card.text(mathNumber(t.input), {cX, my}, size, palette::title, HAlign::Right);
    card.text(mathNumber(t.weight), {cW, my}, size, palette::title, HAlign::Right);
    card.text(mathNumber(t.product), {cP, my}, size, palette::title, HAlign::Right);
    FaceRect r;
    float z;
    if (card.inputCell(srcLayer, srcIndex, r, z))
      card.links.push_back(
          {{cInput - 0.2f, my}, glm::vec3(r.centre(), z), faded(palette::field, 0.5f), 1.2f, false});
    y += pitch;
  }
  card.width = std::max(card.width, cP + 0.5f);
  return y;
}

// The rows softmax writes out: the first maxRows classes, the last replaced by this cell's own when it is
// not among them.
std::vector<int> softmaxRows(const SoftmaxTerms& sm, int maxRows) {
  std::vector<int> rows;
  for (int j = 0; j < static_cast<int>(sm.terms.size()) && static_cast<int>(rows.size()) < maxRows; ++j)
    rows.push_back(j);
  if (std::find(rows.begin(), rows.end(), static_cast<int>(sm.position)) == rows.end() && !rows.empty())
    rows.back() = static_cast<int>(sm.position);
  return rows;
}

// Softmax's table: class, logit and exp per shown row (this cell's own highlighted), then the rest's Σ exp.
// Returns the y below.
float softmaxTable(ComputationCard& card, const SoftmaxTerms& sm, const std::vector<int>& rows,
                   const std::string& shift, float y) {
  const bool named = card.snapshot.classNames.size() == sm.terms.size();
  const float size = 0.5f, pitch = 0.76f;
  const float cZ = 6.6f, cE = 11.0f;
  card.text("j  class", {0, y + 0.3f}, 0.4f, palette::detail);
  card.text("z\xE2\x82\x97 (logit)", {cZ, y + 0.3f}, 0.4f, palette::detail, HAlign::Right);
  card.text("exp(z\xE2\x82\x97" + shift + ")", {cE, y + 0.3f}, 0.4f, palette::detail, HAlign::Right);
  y += 0.85f;
  double shownExp = 0;
  for (int j : rows) {
    const SoftmaxTerm& t = sm.terms[j];
    const bool self = t.index == sm.position;
    const float my = y + pitch * 0.5f;
    if (self) {
      card.rect({-0.2f, y + 0.02f}, {cE + 0.3f, y + pitch - 0.02f}, glm::vec4(0.10f, 0.22f, 0.30f, 1.0f));
      card.outline({-0.2f, y + 0.02f}, {cE + 0.3f, y + pitch - 0.02f}, palette::result, 2.0f);
    }
    std::string label = std::to_string(t.index);
    if (named) label += "  " + card.snapshot.classNames[t.index];
    const glm::vec4 c = self ? palette::result : palette::title;
    card.text(label, {0, my}, size, c);
    card.text(mathNumber(t.logit), {cZ, my}, size, c, HAlign::Right);
    card.text(mathNumber(t.exp), {cE, my}, size, c, HAlign::Right);
    shownExp += t.exp;
    y += pitch;
  }
  const int more = static_cast<int>(sm.terms.size() - rows.size());
  if (more > 0) {
    card.text(
        "\xE2\x80\xA6"
        "and " +
            std::to_string(more) + " more: \xE2\x88\x91 exp = " + mathNumber(sm.expSum - shownExp),
        {0, y + pitch * 0.5f}, size, palette::detail);
    y += pitch;
  }
  return y;
}

// A sum of exps on the prediction's line: written out in full up to a billion, so this class's exp and the
// sum of all of them still differ on the card when one class takes nearly everything.
std::string expNumber(double value) {
  if (std::fabs(value) < 1e4 || std::fabs(value) >= 1e9) return mathNumber(value);
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", value);
  return text;
}

// " − 1000" when the exps are taken of z − max z (plain exp would overflow), else nothing.
std::string shiftText(const SoftmaxTerms& sm) {
  return sm.shift != 0 ? " \xE2\x88\x92 " + mathNumber(sm.shift) : "";
}

}  // namespace

// Linear: the largest products traced back to their (c, y, x), the rest summed, the bias.
float ComputationCard::linear(const Computation& e, float y, int maxRows) {
  const TopContributions top = topContributions(e, maxRows);
  y = linearTable(*this, e, top, y);
  y += 0.3f;
  float x = 0;
  double shownSum = 0;
  for (const Contribution& c : top.top) shownSum += c.amount;
  x = valueBox({x, y}, mathNumber(shownSum),
               "\xE2\x88\x91 of the " + std::to_string(top.top.size()) + " products above", palette::title,
               false, 0.75f);
  if (top.restCount) {
    x = op(x, y + 0.55f, "+");
    x = valueBox({x, y}, mathNumber(top.restSum),
                 "\xE2\x80\xA6"
                 "and " +
                     std::to_string(top.restCount) + " more",
                 palette::title, false, 0.75f);
  }
  if (e.hasBias) {
    x = op(x, y + 0.55f, "+");
    x = valueBox({x, y}, mathNumber(e.bias), "bias", palette::title, false, 0.75f);
  }
  x = op(x, y + 0.55f, "=");
  x = valueBox({x, y}, mathNumber(top.total), e.layerName, palette::result, true, 0.75f);
  lastBox = {x, y + 0.65f};
  return y + 2.2f;
}

// Softmax: the logits and their exps, then exp(zᵢ) / Σ exp (or zᵢ − log Σ exp for log-softmax).
float ComputationCard::softmax(const Computation& e, float y, int maxRows) {
  const SoftmaxTerms& sm = *e.softmax;
  const std::string shift = shiftText(sm);
  y = softmaxTable(*this, sm, softmaxRows(sm, maxRows), shift, y);
  y += 0.35f;
  const size_t i = static_cast<size_t>(sm.position);
  const bool classes = snapshot.classNames.size() == sm.terms.size();  // a classifier's own softmax: name it
  return softmaxQuotient(e, y, "exp(z\xE1\xB5\xA2" + shift + ")",
                         classes ? "p(" + snapshot.classNames[i] + ")" : e.layerName + "[" + std::to_string(i) + "]",
                         true);
}

// exp(zᵢ) / Σ exp = the result (or zᵢ − log Σ exp), as value boxes captioned `expCaption` and `resultCaption`;
// `highlight`: the result is what the tile shows (the arrow leaves from it).
float ComputationCard::softmaxQuotient(const Computation& e, float y, const std::string& expCaption,
                                       const std::string& resultCaption, bool highlight) {
  const SoftmaxTerms& sm = *e.softmax;
  const SoftmaxTerm& self = sm.terms[sm.position];
  float x = 0;
  if (sm.log) {
    x = valueBox({x, y}, mathNumber(self.logit), "z\xE1\xB5\xA2", palette::title, false, 0.75f);
    x = op(x, y + 0.55f, "\xE2\x88\x92");
    x = valueBox({x, y}, "log " + mathNumber(sm.expSum) + (sm.shift ? " + " + mathNumber(sm.shift) : ""),
                 "log \xE2\x88\x91 exp(z\xE2\x82\x97)", palette::title, false, 0.75f);
  } else {
    x = valueBox({x, y}, expNumber(self.exp), expCaption, palette::title, false, 0.75f);
    x = op(x, y + 0.55f, "/");
    x = valueBox({x, y}, expNumber(sm.expSum),
                 "\xE2\x88\x91 of all " + std::to_string(sm.terms.size()) + " exp", palette::title, false,
                 0.75f);
  }
  x = op(x, y + 0.55f, "=");
  x = valueBox({x, y}, mathNumber(e.sum), resultCaption, palette::result, highlight, 0.75f);
  if (highlight) lastBox = {x, y + 0.65f};
  return y + 2.2f;
}

// After a classifier's logits layer: the softmax Convoscope applies for the prediction. The tile keeps
// showing the logit, so the arrow stays on the logit's box; this result is the class's bar in the panel.
float ComputationCard::predictionStep(const Computation& e, float y) {
  const SoftmaxTerms& sm = *e.softmax;
  const size_t i = static_cast<size_t>(sm.position);
  text("then softmax over all " + std::to_string(sm.terms.size()) + " logits, the prediction:", {0, y + 0.6f},
       0.55f, palette::detail);
  const std::string shift = shiftText(sm);
  const std::string name = i < snapshot.classNames.size() ? snapshot.classNames[i] : std::to_string(i);
  return softmaxQuotient(e, y + 1.3f, "exp(" + mathNumber(sm.terms[i].logit) + shift + ")", "p(" + name + ")",
                         false);
}

}  // namespace convoscope
