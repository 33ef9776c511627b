#include "scene/ValueRange.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace convoscope {
namespace {

struct Extremes {
  float min = 0.0f, max = 0.0f;
  bool any = false;
  void include(float lo, float hi) {
    min = any ? std::min(min, lo) : lo;
    max = any ? std::max(max, hi) : hi;
    any = true;
  }
};

// Non-finite values (an overflowing model) would make every colour the same; they are skipped.
Extremes extremesOf(const std::vector<float>& values) {
  Extremes e;
  for (float v : values)
    if (std::isfinite(v)) e.include(v, v);
  return e;
}

// Data when present (the truth); the engine's stats otherwise.
Extremes layerExtremes(const Layer& layer) {
  if (!layer.output.data.empty()) return extremesOf(layer.output.data);
  Extremes e;
  e.include(layer.stats.min, layer.stats.max);
  return e;
}

ValueRange rangeOfExtremes(const Extremes& e) {
  ValueRange range;
  if (!e.any) return range;
  if (e.min < 0.0f) {
    const float m = std::max(std::fabs(e.min), std::fabs(e.max));
    range.lo = -m;
    range.hi = m;
  } else {
    range.lo = 0.0f;
    range.hi = e.max > 0.0f ? e.max : 1.0f;  // all zeros: any non-empty range draws them the same
  }
  return range;
}

bool isInputImage(const Snapshot& snapshot, int i) {
  return i == 0 || snapshot.layers[i].kind == LayerKind::Input;
}

}  // namespace

ValueRange rangeOfValues(const std::vector<float>& values) { return rangeOfExtremes(extremesOf(values)); }

std::vector<ValueRange> rangesFor(const Snapshot& snapshot, RangeMode mode) {
  const int n = static_cast<int>(snapshot.layers.size());
  std::vector<Extremes> own(n);
  for (int i = 0; i < n; ++i) own[i] = layerExtremes(snapshot.layers[i]);

  // Group key per layer: layers with the same key share one range. The input image always stands alone
  // (pixel values live on a different scale from activations).
  std::vector<std::string> key(n);
  for (int i = 0; i < n; ++i) {
    const std::string self = "#" + std::to_string(i);  // '#' never starts a module path
    if (mode == RangeMode::Unit || isInputImage(snapshot, i))
      key[i] = self;
    else if (mode == RangeMode::Module)
      key[i] = snapshot.layers[i].parent.empty() ? self : snapshot.layers[i].parent;
    else
      key[i] = "";
  }
  std::map<std::string, Extremes> groups;
  for (int i = 0; i < n; ++i)
    if (own[i].any) groups[key[i]].include(own[i].min, own[i].max);

  std::vector<ValueRange> ranges(n);
  for (int i = 0; i < n; ++i) {
    auto it = groups.find(key[i]);
    ranges[i] = it == groups.end() ? ValueRange{} : rangeOfExtremes(it->second);
  }
  return ranges;
}

ValueRange rangeFor(const Snapshot& snapshot, int layerIndex, RangeMode mode) {
  if (layerIndex < 0 || layerIndex >= static_cast<int>(snapshot.layers.size())) return {};
  if (mode == RangeMode::Unit) return rangeOfExtremes(layerExtremes(snapshot.layers[layerIndex]));
  return rangesFor(snapshot, mode)[layerIndex];
}

bool useDivergingMap(const ValueRange& range) { return range.isSigned(); }

float normalizedValue(float value, const ValueRange& range) {
  const float width = range.hi - range.lo;
  if (!(width > 0.0f)) return range.isSigned() ? 0.5f : 0.0f;
  return std::clamp((value - range.lo) / width, 0.0f, 1.0f);
}

}  // namespace convoscope
