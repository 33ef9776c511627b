// The computation card's drawing primitives: text, formulas, coloured value cells, value boxes and
// operators in card units, and where an input cell lies in the world (for the links).
#include "renderer/ComputationCard.h"

#include <algorithm>

#include "core/TextFormat.h"
#include "scene/ColorMap.h"
#include "scene/FormulaRuns.h"

namespace convoscope {

using namespace computation_card;

const ValueRange& ComputationCard::rangeOf(int layer) {
  auto it = ranges.find(layer);
  if (it == ranges.end()) it = ranges.emplace(layer, rangeFor(snapshot, layer, RangeMode::Unit)).first;
  return it->second;
}

namespace {

// "0.1413", "−26.2", "4.23e-12": a value the card writes (readability is judged by these, not by captions).
bool isNumberText(const std::string& s) {
  bool digit = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (s.compare(i, 3, "\xE2\x88\x92") == 0) {
      i += 2;  // the minus sign
    } else if (c != '.' && c != '-' && c != '+' && c != 'e') {
      return false;
    }
  }
  return digit;
}

}  // namespace

void ComputationCard::text(const std::string& s, glm::vec2 at, float size, glm::vec4 colour, HAlign h,
                           VAlign v, float halo) {
  texts.push_back({s, at, size, colour, h, v, halo});
  if (isNumberText(s)) smallestNumber = smallestNumber > 0 ? std::min(smallestNumber, size) : size;
  const float w = measure(s, size);
  const float right = h == HAlign::Left ? at.x + w : h == HAlign::Centre ? at.x + w * 0.5f : at.x;
  width = std::max(width, right);
}

float ComputationCard::measure(const std::string& s, float size) const {
  return measureWith.measure(s, size).width;
}

float ComputationCard::formula(const std::string& s, glm::vec2 at, float size, glm::vec4 colour) {
  for (const FormulaRun& run : formulaRuns(s)) {
    const float sz = run.subscript ? size * 0.7f : size;
    text(run.text, {at.x, at.y + (run.subscript ? size * 0.28f : 0.0f)}, sz, colour);
    at.x += measure(run.text, sz);
  }
  return at.x;
}

void ComputationCard::rect(glm::vec2 mn, glm::vec2 mx, glm::vec4 colour) {
  rects.push_back({mn, mx, colour});
}

void ComputationCard::outline(glm::vec2 mn, glm::vec2 mx, glm::vec4 colour, float w) {
  lines.push_back({mn, {mx.x, mn.y}, colour, w});
  lines.push_back({{mx.x, mn.y}, mx, colour, w});
  lines.push_back({mx, {mn.x, mx.y}, colour, w});
  lines.push_back({{mn.x, mx.y}, mn, colour, w});
}

void ComputationCard::cell(glm::vec2 mn, glm::vec2 size, double value, const ValueRange& range, bool ghost) {
  const glm::vec2 mx = mn + size;
  const float inset = 0.04f;
  const std::string s = mathNumber(value);
  if (ghost) {
    rect(mn + inset, mx - inset, faded(palette::box, 0.6f));
    outline(mn + inset, mx - inset, faded(palette::ghost, 0.9f), 1.0f);
    text("0", (mn + mx) * 0.5f, 0.34f * size.y, faded(palette::detail, 0.8f), HAlign::Centre);
    return;
  }
  const glm::vec3 rgb = sampleColorMap(colorMapFor(range), normalizedValue(static_cast<float>(value), range));
  rect(mn + inset, mx - inset, glm::vec4(rgb, 1.0f));
  const bool light = relativeLuminance(rgb) > 0.45f;
  const float unit = std::max(measure(s, 1.0f), 1e-3f);
  const float sz = std::min(0.44f * size.y, size.x * 0.9f / unit);
  text(s, (mn + mx) * 0.5f, sz, light ? glm::vec4(0.04f, 0.05f, 0.07f, 1.0f) : glm::vec4(1.0f),
       HAlign::Centre, VAlign::Middle, light ? 0.0f : 0.5f);
}

float ComputationCard::valueBox(glm::vec2 at, const std::string& value, const std::string& caption,
                                glm::vec4 colour, bool highlight, float size) {
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

float ComputationCard::op(float x, float y, const std::string& s, float size) {
  text(s, {x + 0.45f, y}, size, palette::op, HAlign::Centre);
  return x + 0.9f;
}

bool ComputationCard::inputCell(int layer, const std::vector<int64_t>& index, FaceRect& r, float& z) const {
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

}  // namespace convoscope
