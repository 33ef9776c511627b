// The computation card as a whole: its title and parameter lines, the head layer's breakdown (chosen by
// kind), one line per folded step and, when the numbers disagree with the forward pass, a note.
#include <algorithm>
#include <array>

#include "core/TextFormat.h"
#include "renderer/ComputationCard.h"

namespace convoscope {

using namespace computation_card;

namespace {

// "conv1 · Conv2d · channel 3, cell (y 4, x 5)", or "· output 7" for a flat layer.
std::string cardTitle(const Computation& head) {
  std::string where = head.layerName + "  \xC2\xB7  " + layerKindName(head.kind);
  if (head.y >= 0)
    where += "  \xC2\xB7  channel " + std::to_string(head.channel) + ", cell (y " + std::to_string(head.y) +
             ", x " + std::to_string(head.x) + ")";
  else
    where += "  \xC2\xB7  output " + std::to_string(head.outputIndex.empty() ? 0 : head.outputIndex[0]);
  return where;
}

// The window's kernel, stride, padding and dilation (and groups for conv), then every input's shape.
std::string parameterLine(const Computation& e) {
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
  return params;
}

}  // namespace

bool isPredictionStep(const std::vector<Computation>& chain, size_t i) {
  return i > 0 && i < chain.size() && chain[i].kind == LayerKind::Softmax && chain[i].layer == chain[i - 1].layer;
}

float ComputationCard::layOut(const std::vector<Computation>& chain, const ComputationViewOptions& options) {
  const Computation& head = chain.front();
  float cy = header(head, 0.0f, cardTitle(head));
  switch (head.kind) {
    case LayerKind::Conv2d:
      cy = conv(head, cy, std::max(options.maxChannels, 1));
      break;
    case LayerKind::Linear:
      cy = linear(head, cy, std::max(options.maxRows, 1));
      break;
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
    case LayerKind::AdaptiveAvgPool:
    case LayerKind::AdaptiveMaxPool:
      cy = pool(head, cy);
      break;
    case LayerKind::Softmax:
      if (head.softmax) {
        cy = softmax(head, cy, std::max(options.maxRows, 1));
        break;
      }
      [[fallthrough]];
    default:
      cy = elementwise(head, cy);
  }
  for (size_t i = 1; i < chain.size(); ++i) {
    cy = isPredictionStep(chain, i) ? predictionStep(chain[i], cy) : folded(chain[i], cy, i + 1 == chain.size());
  }
  const Computation& last = chain.back();
  if (!head.consistent || !last.consistent)
    text("note: " + (head.consistent ? last.note : head.note), {0, cy}, 0.4f, palette::warn), cy += 0.8f;
  return cy;
}

float ComputationCard::header(const Computation& e, float y, const std::string& title) {
  text(title, {0, y + 0.45f}, 0.72f, palette::title);
  y += 1.15f;
  formula(e.formula, {0, y + 0.3f}, 0.44f, palette::detail);
  y += 0.75f;
  text(parameterLine(e), {0, y + 0.3f}, 0.40f, palette::detail);
  return y + 1.1f;
}

float ComputationCard::folded(const Computation& e, float y, bool last) {
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
  x = valueBox({x, y}, mathNumber(e.sum), last ? e.layerName + " (shown in the tile)" : e.layerName,
               palette::result, true, 0.8f);
  lastBox = {x, y + 0.7f};
  return y + 2.4f;
}

}  // namespace convoscope
