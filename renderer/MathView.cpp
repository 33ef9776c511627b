#include "renderer/MathView.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "renderer/FontAtlas.h"
#include "renderer/LayoutClipPlanes.h"
#include "renderer/LineBatch.h"
#include "renderer/QuadBatch.h"
#include "renderer/TextBatch.h"
#include "renderer/WrittenSurfaces.h"
#include "scene/ColorMap.h"
#include "scene/FormulaRuns.h"
#include "scene/KernelSlide.h"
#include "scene/ValueRange.h"

namespace convoscope {

namespace {

namespace palette {
const glm::vec4 card(0.05f, 0.065f, 0.09f, 0.97f);
const glm::vec4 cardEdge(0.35f, 0.80f, 1.0f, 0.9f);
const glm::vec4 title(0.95f, 0.97f, 1.0f, 1.0f);
const glm::vec4 detail(0.62f, 0.69f, 0.80f, 1.0f);
const glm::vec4 op(0.80f, 0.85f, 0.92f, 1.0f);
const glm::vec4 field(1.0f, 0.70f, 0.25f, 1.0f);   // receptive field / inputs
const glm::vec4 result(0.35f, 0.80f, 1.0f, 1.0f);  // where the value lands
const glm::vec4 ghost(0.30f, 0.33f, 0.40f, 1.0f);  // padding cells
const glm::vec4 box(0.11f, 0.14f, 0.19f, 1.0f);
const glm::vec4 warn(1.0f, 0.45f, 0.40f, 1.0f);
}  // namespace palette

glm::vec4 faded(glm::vec4 c, float a) { return {c.r, c.g, c.b, c.a * a}; }

std::string indexText(const std::vector<int64_t>& index) {
  std::string s;
  for (size_t i = 0; i < index.size(); ++i) s += (i ? ", " : "") + std::to_string(index[i]);
  return s;
}

// Wraps a negative number in parentheses where it follows an operator ("x − (−0.2)").
std::string paren(double v) {
  const std::string s = formatMathNumber(v);
  return v < 0 ? "(" + s + ")" : s;
}

// The folded step or activation written with its numbers: "max(0, −0.18) = 0".
std::string stepText(const Explanation& e) {
  const double x = e.terms.empty() ? 0.0 : e.terms[0].input;
  const std::string X = formatMathNumber(x), Y = formatMathNumber(e.sum);
  switch (e.kind) {
    case LayerKind::ReLU:
      return "max(0, " + X + ") = " + Y;
    case LayerKind::LeakyReLU: {
      char slope[32];
      std::snprintf(slope, sizeof slope, "%g", x >= 0 ? 1.0 : (x == 0 ? 0.0 : e.sum / x));
      return x >= 0 ? X + " \xE2\x89\xA5 0, so y = " + X
                    : std::string(slope) + " \xC2\xB7 " + paren(x) + " = " + Y;
    }
    case LayerKind::ReLU6:
      return "min(max(0, " + X + "), 6) = " + Y;
    case LayerKind::Sigmoid:
      return "1 / (1 + exp(\xE2\x88\x92" + paren(x) + ")) = " + Y;
    case LayerKind::Tanh:
      return "tanh(" + X + ") = " + Y;
    case LayerKind::Hardswish:
      return X + " \xC2\xB7 min(max(0, " + X + " + 3), 6) / 6 = " + Y;
    case LayerKind::GELU:
      return "0.5 \xC2\xB7 " + paren(x) + " \xC2\xB7 (1 + erf(" + X +
             " / \xE2\x88\x9A"
             "2)) = " +
             Y;
    case LayerKind::SiLU:
      return X + " / (1 + exp(\xE2\x88\x92" + paren(x) + ")) = " + Y;
    case LayerKind::BatchNorm:
      if (e.batchNorm) {
        const BatchNormTerms& b = *e.batchNorm;
        return "(" + formatMathNumber(b.input) + " \xE2\x88\x92 " + paren(b.mean) + ") / \xE2\x88\x9A(" +
               formatMathNumber(b.var) + " + " + formatMathNumber(b.eps) + ") \xC2\xB7 " + paren(b.gamma) +
               " + " + paren(b.beta) + " = " + Y;
      }
      return Y;
    case LayerKind::Dropout:
      return X + " (eval: unchanged) = " + Y;
    case LayerKind::Flatten:
      return X + " (moved, unchanged) = " + Y;
    default:
      return X + " \xE2\x86\x92 " + Y;
  }
}

// One item of the panel in panel coordinates (units of u, origin top-left, y down).
struct LRect {
  glm::vec2 min, max;
  glm::vec4 colour;
};
struct LLine {
  glm::vec2 a, b;
  glm::vec4 colour;
  float width;
};
struct LText {
  std::string text;
  glm::vec2 at;
  float size;
  glm::vec4 colour;
  HAlign h;
  VAlign v;
  float halo;
};

ValueRange symmetricRange(double m) {
  const float r = static_cast<float>(std::max(m, 1e-9));
  return {-r, r};
}

}  // namespace

std::string formatMathNumber(double value) {
  char buffer[48];
  const double a = std::fabs(value);
  if (value == 0.0) return "0";
  if (a >= 10000.0 || a < 0.0005) {
    std::snprintf(buffer, sizeof buffer, "%.2e", value);
    // "1.23e-04" → "1.23e-4"
    std::string s = buffer;
    const size_t e = s.find('e');
    if (e != std::string::npos) {
      std::string sign = s.substr(e + 1, 1), digits = s.substr(e + 2);
      while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
      s = s.substr(0, e) + "e" + (sign == "-" ? "-" : "") + digits;
    }
    std::snprintf(buffer, sizeof buffer, "%s", s.c_str());
  } else if (a >= 100.0) {
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
  } else if (a >= 10.0) {
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
  } else if (a >= 1.0) {
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
  }
  std::string text = buffer;
  if (!text.empty() && text[0] == '-') text.replace(0, 1, "\xE2\x88\x92");
  return text;
}

float mathViewAlpha(const SceneLayout& layout, const Selection& selection, const OrbitCamera& camera,
                    bool open, const SemanticZoomThresholds& thresholds) {
  if (!selection.hasCell()) return 0.0f;
  if (open) return 1.0f;
  const int s = layout.slabForLayer(*selection.layer);
  if (s < 0) return 0.0f;
  const Slab& slab = layout.slabs[s];
  return semanticZoomFades(
             semanticZoomLevel(distanceToSlab(camera.position(), slab), slab, camera.fovY, thresholds))
      .computation;
}

glm::ivec2 slideGridFor(const SceneLayout& layout, const Selection& selection) {
  if (!selection.layer) return {1, 1};
  const int s = layout.slabForLayer(*selection.layer);
  if (s < 0) return {1, 1};
  const TileGrid& g = layout.slabs[s].grid;
  return {g.cellRows, g.cellCols};
}

// Lays one explanation chain out: the panel's items in panel units, world items directly into the batches.
struct MathView::Builder {
  const Snapshot& snapshot;
  const SceneLayout& layout;
  const TextBatch& measureWith;
  float alpha;
  std::vector<LRect> rects;
  std::vector<LLine> lines;
  std::vector<LText> texts;
  float width = 0;  // content extent (units)
  // Panel points that connect to world points (drawn as lines once the panel is placed).
  struct Link {
    glm::vec2 panel;
    glm::vec3 world;
    glm::vec4 colour;
    float width;
    bool arrow;
  };
  std::vector<Link> links;
  std::map<int, ValueRange> ranges;

  const ValueRange& rangeOf(int layer) {
    auto it = ranges.find(layer);
    if (it == ranges.end()) it = ranges.emplace(layer, rangeFor(snapshot, layer, RangeMode::Unit)).first;
    return it->second;
  }

  void text(const std::string& s, glm::vec2 at, float size, glm::vec4 colour, HAlign h = HAlign::Left,
            VAlign v = VAlign::Middle, float halo = 0.0f) {
    texts.push_back({s, at, size, colour, h, v, halo});
    const float w = measure(s, size);
    const float right = h == HAlign::Left ? at.x + w : h == HAlign::Centre ? at.x + w * 0.5f : at.x;
    width = std::max(width, right);
  }
  float measure(const std::string& s, float size) const { return measureWith.measure(s, size).width; }
  // A formula with its `_{…}` subscripts small and low (scene/FormulaRuns.h). Returns its right edge.
  float formula(const std::string& s, glm::vec2 at, float size, glm::vec4 colour) {
    for (const FormulaRun& run : formulaRuns(s)) {
      const float sz = run.subscript ? size * 0.7f : size;
      text(run.text, {at.x, at.y + (run.subscript ? size * 0.28f : 0.0f)}, sz, colour);
      at.x += measure(run.text, sz);
    }
    return at.x;
  }
  void rect(glm::vec2 mn, glm::vec2 mx, glm::vec4 colour) { rects.push_back({mn, mx, colour}); }
  void outline(glm::vec2 mn, glm::vec2 mx, glm::vec4 colour, float w) {
    lines.push_back({mn, {mx.x, mn.y}, colour, w});
    lines.push_back({{mx.x, mn.y}, mx, colour, w});
    lines.push_back({mx, {mn.x, mx.y}, colour, w});
    lines.push_back({{mn.x, mx.y}, mn, colour, w});
  }

  // A number written in a coloured cell, digits dark or light by the cell's luminance.
  void cell(glm::vec2 mn, glm::vec2 size, double value, const ValueRange& range, bool ghost) {
    const glm::vec2 mx = mn + size;
    const float inset = 0.04f;
    const std::string s = formatMathNumber(value);
    if (ghost) {
      rect(mn + inset, mx - inset, faded(palette::box, 0.6f));
      outline(mn + inset, mx - inset, faded(palette::ghost, 0.9f), 1.0f);
      text("0", (mn + mx) * 0.5f, 0.34f * size.y, faded(palette::detail, 0.8f), HAlign::Centre);
      return;
    }
    const glm::vec3 rgb =
        sampleColorMap(colorMapFor(range), normalizedValue(static_cast<float>(value), range));
    rect(mn + inset, mx - inset, glm::vec4(rgb, 1.0f));
    const bool light = relativeLuminance(rgb) > 0.45f;
    const float unit = std::max(measure(s, 1.0f), 1e-3f);
    const float sz = std::min(0.44f * size.y, size.x * 0.9f / unit);
    text(s, (mn + mx) * 0.5f, sz, light ? glm::vec4(0.04f, 0.05f, 0.07f, 1.0f) : glm::vec4(1.0f),
         HAlign::Centre, VAlign::Middle, light ? 0.0f : 0.5f);
  }

  // A labelled value box: the value large, its caption small beneath. Returns its right edge.
  float valueBox(glm::vec2 at, const std::string& value, const std::string& caption, glm::vec4 colour,
                 bool highlight, float size = 0.75f) {
    const float w = std::max(measure(value, size), measure(caption, 0.36f)) + 0.8f;
    const glm::vec2 mn(at.x, at.y), mx(at.x + w, at.y + size * 1.7f);
    rect(mn, mx, highlight ? glm::vec4(0.10f, 0.22f, 0.30f, 1.0f) : palette::box);
    if (highlight) {
      outline(mn, mx, palette::result, 2.0f);
      resultAnchor = {(mn.x + mx.x) * 0.5f, mx.y + 0.6f};  // below the caption: the arrow leaves from here
    }
    text(value, {(mn.x + mx.x) * 0.5f, mn.y + size * 0.72f}, size, colour, HAlign::Centre);
    text(caption, {(mn.x + mx.x) * 0.5f, mx.y + 0.34f}, 0.36f, palette::detail, HAlign::Centre);
    width = std::max(width, mx.x);
    return mx.x;
  }
  float op(float x, float y, const std::string& s, float size = 0.7f) {
    text(s, {x + 0.45f, y}, size, palette::op, HAlign::Centre);
    return x + 0.9f;
  }

  // World rectangle of an input cell (may lie in the padding), or false when the layer has no slab.
  bool inputCell(int layer, const std::vector<int64_t>& index, FaceRect& r, float& z) const {
    const int s = layout.slabForLayer(layer);
    if (s < 0) return false;
    const Slab& slab = layout.slabs[s];
    z = frontFaceZ(slab) + 0.006f;
    if (index.size() == 3) {
      r = cellRect(slab, static_cast<int>(index[0]), static_cast<int>(index[1]), static_cast<int>(index[2]));
    } else if (index.size() == 1 && slab.grid.flat) {
      const int i = static_cast<int>(index[0]);
      r = cellRect(slab, 0, i / slab.grid.cellCols, i % slab.grid.cellCols);
    } else {
      return false;
    }
    return true;
  }

  float header(const Explanation& e, float y, const std::string& title) {
    text(title, {0, y + 0.45f}, 0.72f, palette::title);
    y += 1.15f;
    formula(e.formula, {0, y + 0.3f}, 0.44f, palette::detail);
    y += 0.75f;
    std::string params;
    if (e.window) {
      const WindowParams& w = *e.window;
      auto pair = [](const std::array<int64_t, 2>& p) {
        return p[0] == p[1] ? std::to_string(p[0]) : std::to_string(p[0]) + "\xC3\x97" + std::to_string(p[1]);
      };
      params = "kernel " + std::to_string(w.kernel[0]) + "\xC3\x97" + std::to_string(w.kernel[1]) +
               "  \xC2\xB7  stride " + pair(w.stride) + "  \xC2\xB7  padding " + pair(w.padding) +
               "  \xC2\xB7  dilation " + pair(w.dilation);
      if (e.kind == LayerKind::Conv2d) params += "  \xC2\xB7  groups " + std::to_string(w.groups);
      params += "  \xC2\xB7  ";
    }
    for (size_t i = 0; i < e.inputs.size(); ++i)
      params += (i ? ", " : "input ") + e.inputs[i].name + " (" + [&] {
        std::string s;
        for (size_t d = 0; d < e.inputs[i].shape.size(); ++d)
          s += (d ? "\xC3\x97" : "") + std::to_string(e.inputs[i].shape[d]);
        return s;
      }() + ")";
    text(params, {0, y + 0.3f}, 0.40f, palette::detail);
    return y + 1.1f;
  }

  // Conv: one block per shown input channel (input patch × kernel = products, Σ = partial sum), then the
  // total. Returns the y below.
  float conv(const Explanation& e, float y, int maxChannels) {
    const int kh = static_cast<int>(e.window ? e.window->kernel[0] : 1);
    const int kw = static_cast<int>(e.window ? e.window->kernel[1] : 1);
    const TopContributions top = topContributions(e, maxChannels);
    // Show the channels in input order (easier to follow than by size); the rest is summed.
    std::vector<int> shown;
    for (const Contribution& c : top.top) shown.push_back(c.partial);
    std::sort(shown.begin(), shown.end());
    const int columns = shown.size() > 5 ? 2 : 1;
    const int perColumn = (static_cast<int>(shown.size()) + columns - 1) / columns;
    const glm::vec2 cs(1.8f, 1.1f);  // grid cell (units)
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
    const ValueRange wRange = symmetricRange(maxW), pRange = symmetricRange(maxP);

    const float top0 = y + 0.9f;
    for (int col = 0; col < columns; ++col) {
      const float x0 = col * (blockW + 1.2f);
      const float hy = y + 0.35f;
      text("input x", {x0 + labelW + gridW * 0.5f, hy}, 0.4f, palette::field, HAlign::Centre);
      text("weight w", {x0 + labelW + gridW * 1.5f + opW, hy}, 0.4f, palette::detail, HAlign::Centre);
      text("x \xC2\xB7 w", {x0 + labelW + gridW * 2.5f + opW * 2, hy}, 0.4f, palette::detail, HAlign::Centre);
      text("channel sum", {x0 + labelW + gridW * 3 + opW * 3 + partialW * 0.5f, hy}, 0.4f, palette::detail,
           HAlign::Centre);
    }
    for (size_t i = 0; i < shown.size(); ++i) {
      const ChannelPartial& cp = e.partials[shown[i]];
      const int col = static_cast<int>(i) / perColumn, row = static_cast<int>(i) % perColumn;
      const float x0 = col * (blockW + 1.2f), by = top0 + row * pitch;
      text("ch " + std::to_string(cp.inputChannel), {x0, by + gridH * 0.5f}, 0.5f, palette::field);
      const glm::vec2 a(x0 + labelW, by), w(a.x + gridW + opW, by), p(w.x + gridW + opW, by);
      const int inLayer = cp.termCount ? e.terms[cp.firstTerm].inputLayer : -1;
      const ValueRange& inRange = rangeOf(std::max(inLayer, 0));
      for (int t = cp.firstTerm; t < cp.firstTerm + cp.termCount; ++t) {
        const ExplainTerm& term = e.terms[t];
        const int k = t - cp.firstTerm;
        const int ky = term.weightIndex.size() == 4 ? static_cast<int>(term.weightIndex[2]) : k / kw;
        const int kx = term.weightIndex.size() == 4 ? static_cast<int>(term.weightIndex[3]) : k % kw;
        const glm::vec2 off(kx * cs.x, ky * cs.y);
        cell(a + off, cs, term.input, inRange, term.padding);
        cell(w + off, cs, term.weight, wRange, false);
        cell(p + off, cs, term.product, pRange, false);
      }
      outline(a, a + glm::vec2(gridW, gridH), palette::field, 2.0f);
      op(a.x + gridW, by + gridH * 0.5f, "\xC3\x97");
      op(w.x + gridW, by + gridH * 0.5f, "=");
      op(p.x + gridW, by + gridH * 0.5f, "\xE2\x88\x91");
      text(formatMathNumber(cp.sum), {p.x + gridW + opW + partialW * 0.5f, by + gridH * 0.5f}, 0.58f,
           palette::title, HAlign::Centre);
      // Tie the lifted patch to its receptive field on the input slab.
      FaceRect r0, r1;
      float z;
      if (cp.termCount && inputCell(inLayer, e.terms[cp.firstTerm].inputIndex, r0, z) &&
          inputCell(inLayer, e.terms[cp.firstTerm + cp.termCount - 1].inputIndex, r1, z)) {
        const glm::vec2 c = (glm::min(r0.min, r1.min) + glm::max(r0.max, r1.max)) * 0.5f;
        links.push_back({a, glm::vec3(c, z), faded(palette::field, 0.45f), 1.2f, false});
      }
    }
    y = top0 + perColumn * pitch + 0.3f;

    // Σ of the channel sums + bias = total.
    const float size = 0.8f;
    float x = 0;
    double shownSum = 0;
    for (const Contribution& c : top.top) shownSum += c.amount;
    const std::string n = std::to_string(shown.size());
    x = valueBox({x, y}, formatMathNumber(shownSum),
                 "\xE2\x88\x91 of the " + n + " channel sum" + (shown.size() == 1 ? "" : "s") +
                     (top.restCount ? " above" : ""),
                 palette::title, false, size);
    if (top.restCount) {
      x = op(x, y + size * 0.72f, "+");
      x = valueBox({x, y}, formatMathNumber(top.restSum),
                   "\xE2\x80\xA6"
                   "and " +
                       std::to_string(top.restCount) + " more channels",
                   palette::title, false, size);
    }
    if (e.hasBias) {
      x = op(x, y + size * 0.72f, "+");
      x = valueBox({x, y}, formatMathNumber(e.bias), "bias", palette::title, false, size);
    }
    x = op(x, y + size * 0.72f, "=");
    lastBox = {x, y};
    x = valueBox({x, y}, formatMathNumber(top.total), e.layerName + " (pre-activation)", palette::result,
                 true, size);
    lastBox = {x, y + size * 0.85f};
    return y + size * 1.7f + 0.9f;
  }
  glm::vec2 lastBox{0.0f};
  glm::vec2 resultAnchor{0.0f};

  // Pooling: the window's cells with the max outlined, or their mean.
  float pool(const Explanation& e, float y) {
    std::vector<int64_t> ys, xs;
    for (const ExplainTerm& t : e.terms)
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
    const ValueRange& range = rangeOf(inLayer);
    const glm::vec2 a(0.0f, y + 0.2f);
    double total = 0;
    for (size_t t = 0; t < e.terms.size(); ++t) {
      const ExplainTerm& term = e.terms[t];
      if (term.inputIndex.size() != 3) continue;
      const int gy =
          static_cast<int>(std::lower_bound(ys.begin(), ys.end(), term.inputIndex[1]) - ys.begin());
      const int gx =
          static_cast<int>(std::lower_bound(xs.begin(), xs.end(), term.inputIndex[2]) - xs.begin());
      const glm::vec2 mn = a + glm::vec2(gx * cs.x, gy * cs.y);
      cell(mn, cs, term.input, range, term.padding);
      if (e.pool && e.pool->maxTerm == static_cast<int>(t)) outline(mn, mn + cs, palette::field, 3.0f);
      if (!term.padding) total += term.input;
    }
    const glm::vec2 size(xs.size() * cs.x, ys.size() * cs.y);
    outline(a, a + size, faded(palette::field, 0.8f), 1.5f);
    FaceRect r0, r1;
    float z;
    if (!e.terms.empty() && inputCell(inLayer, e.terms.front().inputIndex, r0, z) &&
        inputCell(inLayer, e.terms.back().inputIndex, r1, z))
      links.push_back({a, glm::vec3((glm::min(r0.min, r1.min) + glm::max(r0.max, r1.max)) * 0.5f, z),
                       faded(palette::field, 0.45f), 1.2f, false});
    float x = a.x + size.x + 0.3f;
    const float vy = a.y + size.y * 0.5f - 0.6f;
    const bool isMax = e.kind == LayerKind::MaxPool || e.kind == LayerKind::AdaptiveMaxPool;
    if (isMax) {
      x = op(x, vy + 0.58f, "\xE2\x86\x92", 0.7f);
      text("max", {x + 0.1f, vy + 0.58f}, 0.6f, palette::field);
      x += measure("max", 0.6f) + 0.3f;
    } else {
      x = op(x, vy + 0.58f, "\xE2\x88\x91", 0.7f);
      x = valueBox({x, vy}, formatMathNumber(total), "sum of the window", palette::title, false, 0.8f);
      x = op(x, vy + 0.58f, "/");
      x = valueBox({x, vy}, std::to_string(e.pool ? e.pool->count : 1), "cells counted", palette::title,
                   false, 0.8f);
    }
    x = op(x, vy + 0.58f, "=");
    lastBox = {x, vy};
    x = valueBox({x, vy}, formatMathNumber(e.sum), e.layerName, palette::result, true, 0.8f);
    lastBox = {x, vy + 0.7f};
    return a.y + std::max(size.y, 2.2f) + 0.8f;
  }

  // Linear: the largest products traced back to their (c, y, x), the rest summed, the bias.
  float linear(const Explanation& e, float y, int maxRows) {
    const TopContributions top = topContributions(e, maxRows);
    const float size = 0.52f, pitch = 0.82f;
    const float cInput = 0, cX = 7.6f, cW = 10.6f, cP = 13.8f;
    text("input (where it comes from)", {cInput, y + 0.3f}, 0.4f, palette::detail);
    text("x", {cX, y + 0.3f}, 0.4f, palette::field, HAlign::Right);
    text("\xC3\x97 w", {cW, y + 0.3f}, 0.4f, palette::detail, HAlign::Right);
    text("= x \xC2\xB7 w", {cP, y + 0.3f}, 0.4f, palette::detail, HAlign::Right);
    y += 0.9f;
    for (const Contribution& c : top.top) {
      const ExplainTerm& t = e.terms[c.term];
      std::string where = "x[" + indexText(t.inputIndex) + "]";
      int srcLayer = t.inputLayer;
      std::vector<int64_t> srcIndex = t.inputIndex;
      if (t.sourceLayer >= 0 && !t.sourceIndex.empty()) {
        where += " = " + snapshot.layers[t.sourceLayer].name + "[" + indexText(t.sourceIndex) + "]";
        srcLayer = t.sourceLayer;
        srcIndex = t.sourceIndex;
      }
      const float my = y + pitch * 0.5f;
      text(where, {cInput, my}, size * 0.85f, palette::field);
      text(formatMathNumber(t.input), {cX, my}, size, palette::title, HAlign::Right);
      text(formatMathNumber(t.weight), {cW, my}, size, palette::title, HAlign::Right);
      text(formatMathNumber(t.product), {cP, my}, size, palette::title, HAlign::Right);
      FaceRect r;
      float z;
      if (inputCell(srcLayer, srcIndex, r, z))
        links.push_back(
            {{cInput - 0.2f, my}, glm::vec3(r.centre(), z), faded(palette::field, 0.5f), 1.2f, false});
      y += pitch;
    }
    width = std::max(width, cP + 0.5f);
    y += 0.3f;
    float x = 0;
    double shownSum = 0;
    for (const Contribution& c : top.top) shownSum += c.amount;
    x = valueBox({x, y}, formatMathNumber(shownSum),
                 "\xE2\x88\x91 of the " + std::to_string(top.top.size()) + " products above", palette::title,
                 false, 0.75f);
    if (top.restCount) {
      x = op(x, y + 0.55f, "+");
      x = valueBox({x, y}, formatMathNumber(top.restSum),
                   "\xE2\x80\xA6"
                   "and " +
                       std::to_string(top.restCount) + " more",
                   palette::title, false, 0.75f);
    }
    if (e.hasBias) {
      x = op(x, y + 0.55f, "+");
      x = valueBox({x, y}, formatMathNumber(e.bias), "bias", palette::title, false, 0.75f);
    }
    x = op(x, y + 0.55f, "=");
    x = valueBox({x, y}, formatMathNumber(top.total), e.layerName, palette::result, true, 0.75f);
    lastBox = {x, y + 0.65f};
    return y + 2.2f;
  }

  float softmax(const Explanation& e, float y, int maxRows) {
    const SoftmaxTerms& sm = *e.softmax;
    const bool named = snapshot.classNames.size() == sm.terms.size();
    const float size = 0.5f, pitch = 0.76f;
    std::vector<int> rows;
    for (int j = 0; j < static_cast<int>(sm.terms.size()) && static_cast<int>(rows.size()) < maxRows; ++j)
      rows.push_back(j);
    if (std::find(rows.begin(), rows.end(), static_cast<int>(sm.position)) == rows.end() && !rows.empty())
      rows.back() = static_cast<int>(sm.position);
    const std::string shift = sm.shift != 0 ? " \xE2\x88\x92 " + formatMathNumber(sm.shift) : "";
    const float cZ = 6.6f, cE = 11.0f;
    text("j  class", {0, y + 0.3f}, 0.4f, palette::detail);
    text("z\xE2\x82\x97 (logit)", {cZ, y + 0.3f}, 0.4f, palette::detail, HAlign::Right);
    text("exp(z\xE2\x82\x97" + shift + ")", {cE, y + 0.3f}, 0.4f, palette::detail, HAlign::Right);
    y += 0.85f;
    double shownExp = 0;
    for (int j : rows) {
      const SoftmaxTerm& t = sm.terms[j];
      const bool self = t.index == sm.position;
      const float my = y + pitch * 0.5f;
      if (self) {
        rect({-0.2f, y + 0.02f}, {cE + 0.3f, y + pitch - 0.02f}, glm::vec4(0.10f, 0.22f, 0.30f, 1.0f));
        outline({-0.2f, y + 0.02f}, {cE + 0.3f, y + pitch - 0.02f}, palette::result, 2.0f);
      }
      std::string label = std::to_string(t.index);
      if (named) label += "  " + snapshot.classNames[t.index];
      const glm::vec4 c = self ? palette::result : palette::title;
      text(label, {0, my}, size, c);
      text(formatMathNumber(t.logit), {cZ, my}, size, c, HAlign::Right);
      text(formatMathNumber(t.exp), {cE, my}, size, c, HAlign::Right);
      shownExp += t.exp;
      y += pitch;
    }
    const int more = static_cast<int>(sm.terms.size() - rows.size());
    if (more > 0) {
      text(
          "\xE2\x80\xA6"
          "and " +
              std::to_string(more) + " more: \xE2\x88\x91 exp = " + formatMathNumber(sm.expSum - shownExp),
          {0, y + pitch * 0.5f}, size, palette::detail);
      y += pitch;
    }
    y += 0.35f;
    const SoftmaxTerm& self = sm.terms[sm.position];
    float x = 0;
    if (sm.log) {
      x = valueBox({x, y}, formatMathNumber(self.logit), "z\xE1\xB5\xA2", palette::title, false, 0.75f);
      x = op(x, y + 0.55f, "\xE2\x88\x92");
      x = valueBox(
          {x, y}, "log " + formatMathNumber(sm.expSum) + (sm.shift ? " + " + formatMathNumber(sm.shift) : ""),
          "log \xE2\x88\x91 exp(z\xE2\x82\x97)", palette::title, false, 0.75f);
    } else {
      x = valueBox({x, y}, formatMathNumber(self.exp), "exp(z\xE1\xB5\xA2" + shift + ")", palette::title,
                   false, 0.75f);
      x = op(x, y + 0.55f, "/");
      x = valueBox({x, y}, formatMathNumber(sm.expSum),
                   "\xE2\x88\x91 of all " + std::to_string(sm.terms.size()) + " exp", palette::title, false,
                   0.75f);
    }
    x = op(x, y + 0.55f, "=");
    x = valueBox({x, y}, formatMathNumber(e.sum), e.layerName + "[" + std::to_string(sm.position) + "]",
                 palette::result, true, 0.75f);
    lastBox = {x, y + 0.65f};
    return y + 2.2f;
  }

  // Add, concat, activations, batchnorm, identities: the inputs, the formula with numbers, the result.
  float elementwise(const Explanation& e, float y) {
    float x = 0;
    if (e.kind == LayerKind::Add) {
      for (size_t k = 0; k < e.terms.size(); ++k) {
        const ExplainTerm& t = e.terms[k];
        if (k) x = op(x, y + 0.6f, "+");
        std::string caption = snapshot.layers[t.inputLayer].name + "[" + indexText(t.inputIndex) + "]";
        std::string v = formatMathNumber(t.input);
        if (t.weight != 1.0) v = formatMathNumber(t.weight) + " \xC2\xB7 " + paren(t.input);
        x = valueBox({x, y}, v, caption, palette::field, false, 0.8f);
        FaceRect r;
        float z;
        if (inputCell(t.inputLayer, t.inputIndex, r, z))
          links.push_back(
              {{x - 0.5f, y}, glm::vec3(r.centre(), z), faded(palette::field, 0.5f), 1.2f, false});
      }
      x = op(x, y + 0.6f, "=");
      x = valueBox({x, y}, formatMathNumber(e.sum), e.layerName, palette::result, true, 0.8f);
      lastBox = {x, y + 0.7f};
      return y + 2.4f;
    }
    if (e.concat) return concat(e, y);  // explain() always lists its parts
    const ExplainTerm* in = e.terms.empty() ? nullptr : &e.terms[0];
    if (in) {
      const std::string caption =
          snapshot.layers[in->inputLayer].name + "[" + indexText(in->inputIndex) + "]";
      x = valueBox({x, y}, formatMathNumber(in->input), caption, palette::field, false, 0.8f);
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
    x = valueBox({x, y}, formatMathNumber(e.sum), e.layerName, palette::result, true, 0.8f);
    lastBox = {x, y + 0.7f};
    return y + 2.4f;
  }

  // Concat: every input as its range of the output's channels (the one this cell comes from outlined),
  // then the value copied from that input to the output.
  float concat(const Explanation& e, float y) {
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
    const ExplainTerm& in = e.terms[0];
    x = valueBox({x, y}, formatMathNumber(in.input),
                 snapshot.layers[in.inputLayer].name + "[" + indexText(in.inputIndex) + "]", palette::field,
                 false, 0.8f);
    FaceRect r;
    float z;
    if (inputCell(in.inputLayer, in.inputIndex, r, z))
      links.push_back({{x - 0.5f, y}, glm::vec3(r.centre(), z), faded(palette::field, 0.5f), 1.2f, false});
    const std::string copied =
        "copied unchanged to " + std::string(cs.dimension == 0 ? "channel " : "index ") +
        std::to_string(e.outputIndex.empty() ? 0 : e.outputIndex[cs.dimension]) + " \xE2\x86\x92";
    text(copied, {x + 0.4f, y + 0.6f}, 0.5f, palette::op);
    x += measure(copied, 0.5f) + 0.8f;
    x = valueBox({x, y}, formatMathNumber(e.sum), e.layerName, palette::result, true, 0.8f);
    lastBox = {x, y + 0.7f};
    return y + 2.4f;
  }

  // A folded step after the head (conv → relu): one line, its result the new last box.
  float folded(const Explanation& e, float y, bool last) {
    const std::string kind = layerKindName(e.kind);
    float x = 0;
    text("then " + e.layerName + " (" + kind + "):", {x, y + 0.6f}, 0.55f, palette::detail);
    x += measure("then " + e.layerName + " (" + kind + "):", 0.55f) + 0.4f;
    const std::string formula = stepText(e);
    const size_t eq = formula.rfind(" = ");
    const std::string left = eq == std::string::npos ? formula : formula.substr(0, eq);
    text(left, {x, y + 0.6f}, 0.62f, palette::title);
    x += measure(left, 0.62f) + 0.2f;
    x = op(x, y + 0.6f, "=");
    x = valueBox({x, y}, formatMathNumber(e.sum), last ? e.layerName + " (shown in the tile)" : e.layerName,
                 palette::result, true, 0.8f);
    lastBox = {x, y + 0.7f};
    return y + 2.4f;
  }
};

MathView::MathView() {
  std::vector<uint32_t> codepoints = FontAtlas::defaultCodepoints();
  // Σ √ ε γ β ² ᵢ ⱼ ∑ ≥ and friends used by formulas (engine/Explain.cpp writes them).
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

MathView::~MathView() = default;

bool MathView::build(const Snapshot& snapshot, const SceneLayout& layout, const Selection& selection,
                     const MathViewOptions& options) {
  text_->clear();
  lines_->clear();
  worldLines_->clear();
  quads_->clear();
  bounds_ = panel_ = Bounds{};
  error_.clear();
  if (!selection.hasCell() || options.alpha <= 0.003f) return false;
  const int layer = *selection.layer;
  const int slabIndex = layout.slabForLayer(layer);
  if (slabIndex < 0) return false;
  const Slab& slab = layout.slabs[slabIndex];
  const TileGrid& g = slab.grid;
  int c = *selection.channel, y = *selection.y, x = *selection.x;
  KernelSlide slide(g.cellRows, g.cellCols);
  if (options.animate) {
    slide.setPosition(options.slidePosition);
    const glm::ivec2 cur = slide.currentCell();
    y = cur.x;
    x = cur.y;
    if (valueIndex(g, c, y, x) < 0) {  // a flat layer's empty tail cells: stay on the last value
      const int last = g.valuesPerChannel - 1;
      y = last / g.cellCols;
      x = last % g.cellCols;
    }
  }
  if (valueIndex(g, c, y, x) < 0) return false;

  // Explain the selected layer and every later layer folded into the same slab, at the same index.
  const glm::ivec3 key(c, y, x);
  const void* data = snapshot.layers.empty() ? nullptr : snapshot.layers.back().output.data.data();
  if (data != cachedData_ || layer != cachedLayer_ || key != cachedCell_) {
    // Explains `first` and the slab's members after it, at the same index; stops at the first that
    // explain() cannot break down.
    auto explainFrom = [&](int first) {
      chain_.clear();
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
            chain_.push_back(explain(snapshot, m, g.flat ? static_cast<int64_t>(valueIndex(g, c, y, x)) : c));
          else
            chain_.push_back(explain(snapshot, m, c, y, x));
        }
      } catch (const std::exception& ex) {
        if (chain_.empty()) error_ = ex.what();
      }
    };
    // A click on a folded slab (conv → bn → relu) selects what its tiles show, the last member; the
    // computation then starts at the slab's head so that the conv's products lead to the tile's value
    // (from the selected layer itself when the head cannot be broken down).
    const bool fromHead =
        layer == slab.displayLayer && !slab.members.empty() && slab.members.front() != layer;
    explainFrom(fromHead ? slab.members.front() : layer);
    if (chain_.empty() && fromHead) {
      error_.clear();
      explainFrom(layer);
    }
    cachedData_ = data;
    cachedLayer_ = layer;
    cachedCell_ = key;
  }
  cell_ = g.flat ? glm::ivec3(c, -1, -1) : glm::ivec3(c, y, x);
  if (chain_.empty()) {
    if (error_.empty()) error_ = "nothing to explain";
    return false;
  }

  const float a = options.alpha;
  Builder b{snapshot, layout, *text_, a};
  const Explanation& head = chain_.front();
  std::string where = head.layerName + "  \xC2\xB7  " + layerKindName(head.kind);
  if (head.y >= 0)
    where += "  \xC2\xB7  channel " + std::to_string(head.channel) + ", cell (y " + std::to_string(head.y) +
             ", x " + std::to_string(head.x) + ")";
  else
    where += "  \xC2\xB7  output " + std::to_string(head.outputIndex.empty() ? 0 : head.outputIndex[0]);
  float cy = b.header(head, 0.0f, where);
  switch (head.kind) {
    case LayerKind::Conv2d:
      cy = b.conv(head, cy, std::max(options.maxChannels, 1));
      break;
    case LayerKind::Linear:
      cy = b.linear(head, cy, std::max(options.maxRows, 1));
      break;
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
    case LayerKind::AdaptiveAvgPool:
    case LayerKind::AdaptiveMaxPool:
      cy = b.pool(head, cy);
      break;
    case LayerKind::Softmax:
      if (head.softmax) {
        cy = b.softmax(head, cy, std::max(options.maxRows, 1));
        break;
      }
      [[fallthrough]];
    default:
      cy = b.elementwise(head, cy);
  }
  for (size_t i = 1; i < chain_.size(); ++i) cy = b.folded(chain_[i], cy, i + 1 == chain_.size());
  const Explanation& last = chain_.back();
  if (!head.consistent || !last.consistent)
    b.text("note: " + (head.consistent ? last.note : head.note), {0, cy}, 0.4f, palette::warn), cy += 0.8f;

  // Place the panel: in front of the selected slab, beside the output cell so that it never hides it.
  const FaceRect outCell = cellRect(slab, c, g.flat ? y : y, x);
  const float faceZ = frontFaceZ(slab);
  const float u = std::clamp(std::min(g.tileSize.x, g.tileSize.y) / 9.0f, 0.08f, 0.3f);
  const float margin = 0.7f;
  const glm::vec2 size(b.width + 2 * margin, cy + 2 * margin - 0.4f);
  const float z = faceZ + std::clamp(u * 6.0f, 0.4f, 1.2f);
  const glm::vec2 origin(outCell.max.x + 3.0f * u, outCell.centre().y + size.y * u * 0.5f);
  auto world = [&](glm::vec2 p) {
    return glm::vec3(origin.x + (p.x + margin) * u, origin.y - (p.y + margin) * u, z);
  };

  // The card, its items (rects first so the text lands on top), links to the slabs.
  quads_->addWorldRect({origin.x, origin.y - size.y * u}, {origin.x + size.x * u, origin.y}, z - 0.002f,
                       faded(palette::card, a), 0.0f);
  lines_->addRect({origin.x, origin.y - size.y * u}, {origin.x + size.x * u, origin.y}, z - 0.001f,
                  faded(palette::cardEdge, 0.6f * a), 1.5f);
  for (const LRect& r : b.rects) {
    const glm::vec3 p0 = world({r.min.x, r.max.y}), p1 = world({r.max.x, r.min.y});
    quads_->addWorldRect(glm::vec2(p0), glm::vec2(p1), z, faded(r.colour, a));
  }
  for (const LLine& l : b.lines) lines_->add(world(l.a), world(l.b), faded(l.colour, a), l.width);
  for (const LText& t : b.texts) {
    TextStyle style;
    style.size = t.size * u;
    style.colour = faded(t.colour, a);
    style.halign = t.h;
    style.valign = t.v;
    style.halo = t.halo * a;
    text_->addInPlane(t.text, world(t.at) + glm::vec3(0, 0, 0.002f), {1, 0, 0}, {0, 1, 0}, style);
  }
  // Links to the input slab leave from the panel's left edge at their row: the input slab lies between the
  // camera and the selected slab, so a link from the box itself would cross the numbers beside it.
  for (const Builder::Link& l : b.links)
    worldLines_->add(world({-margin, l.panel.y}), l.world, faded(l.colour, a), l.width);
  panel_.include(glm::vec3(origin.x, origin.y - size.y * u, z));
  panel_.include(glm::vec3(origin.x + size.x * u, origin.y, z));

  // The result lands in the output cell: an arrow from the last value box that leaves it downwards, runs
  // along the panel's empty bottom margin to its left edge (the output cell is always to the left) and only
  // then crosses to the cell, so it never runs over the panel's numbers.
  const glm::vec3 target(outCell.centre(), faceZ + 0.004f);
  const float lane = std::max(b.resultAnchor.y + 0.1f, cy - 0.15f);
  const glm::vec3 drop = world({b.resultAnchor.x, lane}), edge = world({-margin, lane});
  lines_->add(world(b.resultAnchor), drop, faded(palette::result, a), 2.5f);
  lines_->add(drop, edge, faded(palette::result, a), 2.5f);
  worldLines_->add(edge, target, faded(palette::result, a), 2.5f);
  const glm::vec3 dir = glm::normalize(target - edge);
  const glm::vec3 side = glm::normalize(glm::cross(dir, glm::vec3(0, 0, 1))) * (u * 0.35f);
  worldLines_->add(target, target - dir * (u * 0.6f) + side, faded(palette::result, a), 2.5f);
  worldLines_->add(target, target - dir * (u * 0.6f) - side, faded(palette::result, a), 2.5f);
  worldLines_->addRect(outCell.min, outCell.max, faceZ + 0.006f, faded(palette::result, a), 3.0f);

  // The receptive field on the input slab(s): every input channel's window, padding cells as ghosts.
  const Explanation& e = head;
  std::vector<bool> shownPartial(e.partials.size(), false);
  if (e.kind == LayerKind::Conv2d)
    for (const Contribution& k : topContributions(e, std::max(options.maxChannels, 1)).top)
      if (k.partial >= 0) shownPartial[k.partial] = true;
  auto fieldOf = [&](int first, int count, bool strong) {
    FaceRect r0, r1;
    float fz = 0;
    if (count <= 0) return;
    const ExplainTerm& t0 = e.terms[first];
    const ExplainTerm& t1 = e.terms[first + count - 1];
    if (!b.inputCell(t0.inputLayer, t0.inputIndex, r0, fz) ||
        !b.inputCell(t1.inputLayer, t1.inputIndex, r1, fz))
      return;
    worldLines_->addRect(glm::min(r0.min, r1.min), glm::max(r0.max, r1.max), fz,
                         faded(palette::field, (strong ? 1.0f : 0.55f) * a), strong ? 2.5f : 1.2f);
    if (!strong) return;
    for (int t = first; t < first + count; ++t) {
      FaceRect r;
      if (e.terms[t].padding && b.inputCell(e.terms[t].inputLayer, e.terms[t].inputIndex, r, fz)) {
        quads_->addWorldRect(r.min, r.max, fz, faded(glm::vec4(0.30f, 0.33f, 0.40f, 0.55f), a));
        worldLines_->addRect(r.min, r.max, fz + 0.001f, faded(palette::ghost, a), 1.0f);
      }
    }
  };
  if (e.kind == LayerKind::Conv2d) {
    constexpr size_t kMaxFields = 2048;  // outlines beyond this would be sub-pixel anyway
    for (size_t p = 0; p < e.partials.size() && p < kMaxFields; ++p)
      fieldOf(e.partials[p].firstTerm, e.partials[p].termCount, shownPartial[p]);
  } else if (e.pool) {
    fieldOf(0, static_cast<int>(e.terms.size()), true);
  } else if (e.kind != LayerKind::Linear && e.kind != LayerKind::Softmax) {
    for (size_t t = 0; t < e.terms.size(); ++t) fieldOf(static_cast<int>(t), 1, true);
  }

  // Kernel slide: the cells not computed yet are dimmed (at most two rectangles).
  if (options.animate && !g.flat) {
    const int filled = slide.filledCount(), cols = g.cellCols, rows = g.cellRows;
    const int r0 = filled / cols, x0 = filled % cols;
    const float dz = faceZ + 0.005f;
    const glm::vec4 dim(0.02f, 0.025f, 0.04f, 0.78f * a);
    if (filled < rows * cols) {
      if (x0 > 0) {
        const FaceRect p = cellRect(slab, c, r0, x0), q = cellRect(slab, c, r0, cols - 1);
        quads_->addWorldRect(glm::min(p.min, q.min), glm::max(p.max, q.max), dz, dim);
      }
      const int firstFull = x0 > 0 ? r0 + 1 : r0;
      if (firstFull < rows) {
        const FaceRect p = cellRect(slab, c, firstFull, 0), q = cellRect(slab, c, rows - 1, cols - 1);
        quads_->addWorldRect(glm::min(p.min, q.min), glm::max(p.max, q.max), dz, dim);
      }
    }
  }

  bounds_ = panel_;
  bounds_.include(glm::vec3(outCell.min, faceZ));
  bounds_.include(glm::vec3(outCell.max, faceZ));
  return true;
}

int MathView::draw(const SceneLayout& layout, const OrbitCamera& camera, const glm::ivec2& viewportSize) {
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

void frameComputation(OrbitCamera& camera, const MathView& math, float aspect) {
  camera.pose.yaw = -0.12f;  // nearly face-on: the numbers must read, the slab gap still shows
  camera.pose.pitch = 0.08f;
  camera.frame(math.bounds(), aspect);
}

}  // namespace convoscope
