// The computation card's breakdowns of the sliding-window layers: conv (per input channel the lifted patch ×
// the kernel = the products, Σ = the channel sum, then the total) and pooling (the window's cells, then
// their max or mean).
#include <algorithm>
#include <cmath>

#include "core/TextFormat.h"
#include "renderer/ComputationCard.h"

namespace convoscope {

using namespace computation_card;

namespace {

// The geometry of conv's channel blocks (label | input patch × weights = products Σ channel sum), in card
// units, and the colour ranges of the shown weights and products.
struct ConvBlocks {
  int kw;
  glm::vec2 cs;  // grid cell (units)
  float gridW, gridH;
  float labelW, opW, partialW;
  float blockW;
  float pitch;
  ValueRange weights, products;
};

ConvBlocks convBlocks(const Computation& e, const std::vector<int>& shown) {
  const int kh = static_cast<int>(e.window ? e.window->kernel[0] : 1);
  const int kw = static_cast<int>(e.window ? e.window->kernel[1] : 1);
  const glm::vec2 cs(1.8f, 1.1f);
  const float gridW = kw * cs.x, gridH = kh * cs.y;
  const float labelW = 2.0f, opW = 0.9f, partialW = 3.0f;
  const float blockW = labelW + 3 * gridW + 3 * opW + partialW;
  const float pitch = gridH + 0.8f;

  double maxW = 1e-9, maxP = 1e-9;
  for (int p : shown) {
    const ChannelPartial& cp = e.partials[p];
    for (int t = cp.firstTerm; t < cp.firstTerm + cp.termCount; ++t) {
      maxW = std::max(maxW, std::fabs(e.terms[t].weight));
      maxP = std::max(maxP, std::fabs(e.terms[t].product));
    }
  }
  return {
      kw, cs, gridW, gridH, labelW, opW, partialW, blockW, pitch, symmetricRange(maxW), symmetricRange(maxP)};
}

// The column headings above each column of channel blocks.
void convHeadings(ComputationCard& card, const ConvBlocks& k, int columns, float y) {
  for (int col = 0; col < columns; ++col) {
    const float x0 = col * (k.blockW + 1.2f);
    const float hy = y + 0.35f;
    card.text("input x", {x0 + k.labelW + k.gridW * 0.5f, hy}, 0.4f, palette::field, HAlign::Centre);
    card.text("weight w", {x0 + k.labelW + k.gridW * 1.5f + k.opW, hy}, 0.4f, palette::detail,
              HAlign::Centre);
    card.text("x \xC2\xB7 w", {x0 + k.labelW + k.gridW * 2.5f + k.opW * 2, hy}, 0.4f, palette::detail,
              HAlign::Centre);
    card.text("channel sum", {x0 + k.labelW + k.gridW * 3 + k.opW * 3 + k.partialW * 0.5f, hy}, 0.4f,
              palette::detail, HAlign::Centre);
  }
}

// One input channel's block at (x0, by), tied by a link to its receptive field on the input slab.
void convChannel(ComputationCard& card, const Computation& e, const ChannelPartial& cp, const ConvBlocks& k,
                 float x0, float by) {
  card.text("ch " + std::to_string(cp.inputChannel), {x0, by + k.gridH * 0.5f}, 0.5f, palette::field);
  const glm::vec2 a(x0 + k.labelW, by), w(a.x + k.gridW + k.opW, by), p(w.x + k.gridW + k.opW, by);
  const int inLayer = cp.termCount ? e.terms[cp.firstTerm].inputLayer : -1;
  const ValueRange& inRange = card.rangeOf(std::max(inLayer, 0));
  for (int t = cp.firstTerm; t < cp.firstTerm + cp.termCount; ++t) {
    const ComputationTerm& term = e.terms[t];
    const int n = t - cp.firstTerm;
    const int ky = term.weightIndex.size() == 4 ? static_cast<int>(term.weightIndex[2]) : n / k.kw;
    const int kx = term.weightIndex.size() == 4 ? static_cast<int>(term.weightIndex[3]) : n % k.kw;
    const glm::vec2 off(kx * k.cs.x, ky * k.cs.y);
    card.cell(a + off, k.cs, term.input, inRange, term.padding);
    card.cell(w + off, k.cs, term.weight, k.weights, false);
    card.cell(p + off, k.cs, term.product, k.products, false);
  }
  card.outline(a, a + glm::vec2(k.gridW, k.gridH), palette::field, 2.0f);
  card.op(a.x + k.gridW, by + k.gridH * 0.5f, "\xC3\x97");
  card.op(w.x + k.gridW, by + k.gridH * 0.5f, "=");
  card.op(p.x + k.gridW, by + k.gridH * 0.5f, "\xE2\x88\x91");
  card.text(mathNumber(cp.sum), {p.x + k.gridW + k.opW + k.partialW * 0.5f, by + k.gridH * 0.5f}, 0.58f,
            palette::title, HAlign::Centre);
  // Tie the lifted patch to its receptive field on the input slab.
  FaceRect r0, r1;
  float z;
  if (cp.termCount && card.inputCell(inLayer, e.terms[cp.firstTerm].inputIndex, r0, z) &&
      card.inputCell(inLayer, e.terms[cp.firstTerm + cp.termCount - 1].inputIndex, r1, z)) {
    const glm::vec2 c = (glm::min(r0.min, r1.min) + glm::max(r0.max, r1.max)) * 0.5f;
    card.links.push_back({a, glm::vec3(c, z), faded(palette::field, 0.45f), 1.2f, false});
  }
}

// Σ of the channel sums (+ the channels not shown) + bias = total.
float convTotal(ComputationCard& card, const Computation& e, const TopContributions& top, size_t shownCount,
                float y) {
  const float size = 0.8f;
  float x = 0;
  double shownSum = 0;
  for (const Contribution& c : top.top) shownSum += c.amount;
  const std::string n = std::to_string(shownCount);
  x = card.valueBox({x, y}, mathNumber(shownSum),
                    "\xE2\x88\x91 of the " + n + " channel sum" + (shownCount == 1 ? "" : "s") +
                        (top.restCount ? " above" : ""),
                    palette::title, false, size);
  if (top.restCount) {
    x = card.op(x, y + size * 0.72f, "+");
    x = card.valueBox({x, y}, mathNumber(top.restSum),
                      "\xE2\x80\xA6"
                      "and " +
                          std::to_string(top.restCount) + " more channels",
                      palette::title, false, size);
  }
  if (e.hasBias) {
    x = card.op(x, y + size * 0.72f, "+");
    x = card.valueBox({x, y}, mathNumber(e.bias), "bias", palette::title, false, size);
  }
  x = card.op(x, y + size * 0.72f, "=");
  card.lastBox = {x, y};
  x = card.valueBox({x, y}, mathNumber(top.total), e.layerName + " (pre-activation)", palette::result, true,
                    size);
  card.lastBox = {x, y + size * 0.85f};
  return y + size * 1.7f + 0.9f;
}

// The pooling window's cells at `a` (the max outlined), tied to the input slab. Returns the grid's size and
// adds the non-padding inputs to `total`.
glm::vec2 poolWindow(ComputationCard& card, const Computation& e, glm::vec2 a, double& total) {
  std::vector<int64_t> ys, xs;
  for (const ComputationTerm& t : e.terms)
    if (t.inputIndex.size() == 3) {
      ys.push_back(t.inputIndex[1]);
      xs.push_back(t.inputIndex[2]);
    }
  std::sort(ys.begin(), ys.end());
  ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  const glm::vec2 cs(1.9f, 1.1f);
  const int inLayer = e.terms.empty() ? 0 : e.terms[0].inputLayer;
  const ValueRange& range = card.rangeOf(inLayer);
  for (size_t t = 0; t < e.terms.size(); ++t) {
    const ComputationTerm& term = e.terms[t];
    if (term.inputIndex.size() != 3) continue;
    const int gy = static_cast<int>(std::lower_bound(ys.begin(), ys.end(), term.inputIndex[1]) - ys.begin());
    const int gx = static_cast<int>(std::lower_bound(xs.begin(), xs.end(), term.inputIndex[2]) - xs.begin());
    const glm::vec2 mn = a + glm::vec2(gx * cs.x, gy * cs.y);
    card.cell(mn, cs, term.input, range, term.padding);
    if (e.pool && e.pool->maxTerm == static_cast<int>(t)) card.outline(mn, mn + cs, palette::field, 3.0f);
    if (!term.padding) total += term.input;
  }
  const glm::vec2 size(xs.size() * cs.x, ys.size() * cs.y);
  card.outline(a, a + size, faded(palette::field, 0.8f), 1.5f);
  FaceRect r0, r1;
  float z;
  if (!e.terms.empty() && card.inputCell(inLayer, e.terms.front().inputIndex, r0, z) &&
      card.inputCell(inLayer, e.terms.back().inputIndex, r1, z))
    card.links.push_back({a, glm::vec3((glm::min(r0.min, r1.min) + glm::max(r0.max, r1.max)) * 0.5f, z),
                          faded(palette::field, 0.45f), 1.2f, false});
  return size;
}

}  // namespace

// Conv: one block per shown input channel (input patch × kernel = products, Σ = partial sum), then the
// total. Returns the y below.
float ComputationCard::conv(const Computation& e, float y, int maxChannels) {
  const TopContributions top = topContributions(e, maxChannels);
  // Show the channels in input order (easier to follow than by size); the rest is summed.
  std::vector<int> shown;
  for (const Contribution& c : top.top) shown.push_back(c.partial);
  std::sort(shown.begin(), shown.end());
  const int columns = shown.size() > 5 ? 2 : 1;
  const int perColumn = (static_cast<int>(shown.size()) + columns - 1) / columns;
  const ConvBlocks k = convBlocks(e, shown);

  const float top0 = y + 0.9f;
  convHeadings(*this, k, columns, y);
  for (size_t i = 0; i < shown.size(); ++i) {
    const int col = static_cast<int>(i) / perColumn, row = static_cast<int>(i) % perColumn;
    convChannel(*this, e, e.partials[shown[i]], k, col * (k.blockW + 1.2f), top0 + row * k.pitch);
  }
  y = top0 + perColumn * k.pitch + 0.3f;
  return convTotal(*this, e, top, shown.size(), y);
}

// Pooling: the window's cells with the max outlined, or their mean.
float ComputationCard::pool(const Computation& e, float y) {
  const glm::vec2 a(0.0f, y + 0.2f);
  double total = 0;
  const glm::vec2 size = poolWindow(*this, e, a, total);
  float x = a.x + size.x + 0.3f;
  const float vy = a.y + size.y * 0.5f - 0.6f;
  const bool isMax = e.kind == LayerKind::MaxPool || e.kind == LayerKind::AdaptiveMaxPool;
  if (isMax) {
    x = op(x, vy + 0.58f, "\xE2\x86\x92", 0.7f);
    text("max", {x + 0.1f, vy + 0.58f}, 0.6f, palette::field);
    x += measure("max", 0.6f) + 0.3f;
  } else {
    x = op(x, vy + 0.58f, "\xE2\x88\x91", 0.7f);
    x = valueBox({x, vy}, mathNumber(total), "sum of the window", palette::title, false, 0.8f);
    x = op(x, vy + 0.58f, "/");
    x = valueBox({x, vy}, std::to_string(e.pool ? e.pool->count : 1), "cells counted", palette::title, false,
                 0.8f);
  }
  x = op(x, vy + 0.58f, "=");
  lastBox = {x, vy};
  x = valueBox({x, vy}, mathNumber(e.sum), e.layerName, palette::result, true, 0.8f);
  lastBox = {x, vy + 0.7f};
  return a.y + std::max(size.y, 2.2f) + 0.8f;
}

}  // namespace convoscope
