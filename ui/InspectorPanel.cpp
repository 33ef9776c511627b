#include "ui/InspectorPanel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/ExplanationPanel.h"
#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {

std::vector<float> histogram(const float* values, size_t count, float lo, float hi, int bins) {
  std::vector<float> out(std::max(bins, 1), 0.0f);
  const float width = hi > lo ? (hi - lo) / out.size() : 1.0f;
  for (size_t i = 0; i < count; ++i) {
    if (!std::isfinite(values[i])) continue;
    const int b = std::clamp(static_cast<int>((values[i] - lo) / width), 0, static_cast<int>(out.size()) - 1);
    out[b] += 1.0f;
  }
  return out;
}

namespace {

std::string pair(const std::array<int64_t, 2>& p) {
  return p[0] == p[1] ? std::to_string(p[0]) : std::to_string(p[0]) + "\xC3\x97" + std::to_string(p[1]);
}

void row(const char* key, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(key);
  ImGui::PopStyleColor();
  ImGui::TableSetColumnIndex(1);
  ImGui::TextWrapped("%s", value.c_str());
}

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer,
                std::fabs(v) >= 1e4 || (std::fabs(v) < 1e-3 && v != 0) ? "%.3e" : "%.4f", v);
  return buffer;
}

void kindParameters(const Layer& l) {
  const WindowParams& w = l.window;
  switch (l.kind) {
    case LayerKind::Conv2d:
      if (l.weight->shape.size() == 4)
        row("channels", std::to_string(l.weight->shape[1] * w.groups) + " \xE2\x86\x92 " +
                            std::to_string(l.weight->shape[0]));
      row("kernel", pair(w.kernel));
      row("stride", pair(w.stride));
      row("padding", pair(w.padding));
      if (w.dilation[0] != 1 || w.dilation[1] != 1) row("dilation", pair(w.dilation));
      if (w.groups != 1) row("groups", std::to_string(w.groups));
      row("bias", l.bias.empty() ? "no" : "yes");
      break;
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
      row("kernel", pair(w.kernel));
      row("stride", pair(w.stride));
      row("padding", pair(w.padding));
      if (w.ceilMode) row("ceil mode", "yes");
      break;
    case LayerKind::AdaptiveAvgPool:
    case LayerKind::AdaptiveMaxPool:
      row("output size", pair(w.outputSize));
      break;
    case LayerKind::Linear:
      if (l.weight->shape.size() == 2)
        row("features",
            std::to_string(l.weight->shape[1]) + " \xE2\x86\x92 " + std::to_string(l.weight->shape[0]));
      row("bias", l.bias.empty() ? "no" : "yes");
      break;
    case LayerKind::BatchNorm:
      row("features", std::to_string(l.weight->numel()));
      row("eps", number(l.eps));
      break;
    case LayerKind::LeakyReLU:
      row("negative slope", number(l.negativeSlope));
      break;
    case LayerKind::Add:
      if (l.alpha != 1.0) row("alpha", number(l.alpha));
      break;
    default:
      break;
  }
}

struct HistogramCache {
  const Snapshot* snapshot = nullptr;
  int layer = -1, channel = -1;
  std::vector<float> bins;
  float lo = 0, hi = 0, mean = 0;
};

}  // namespace

void drawInspectorPanel(ViewerState& state) {
  if (!state.snapshot || state.selection.empty()) {
    mutedText("Click a slab, a channel tile or a cell to inspect it.");
    return;
  }
  const Snapshot& snap = *state.snapshot;
  const int index = *state.selection.layer;
  const Layer& layer = snap.layers[index];
  const int slabIndex = state.layout.slabForLayer(index);

  ImGui::PushFont(uiFonts().bold);
  ImGui::TextWrapped("%s", layer.name.c_str());
  ImGui::PopFont();
  mutedText("%s%s%s", layer.typeName.c_str(), layer.parent.empty() ? "" : "  in  ", layer.parent.c_str());
  if (ImGui::SmallButton(state.showExplanation ? "Hide the explanation (X)" : "What does this layer do? (X)"))
    toggleExplanationPanel(state);
  if (slabIndex >= 0) {
    const Slab& slab = state.layout.slabs[slabIndex];
    if (slab.members.size() > 1) {
      std::string chain;
      for (size_t i = 0; i < slab.members.size(); ++i)
        chain += (i ? " \xE2\x86\x92 " : "") + std::string(layerKindName(snap.layers[slab.members[i]].kind));
      mutedText("slab shows %s", chain.c_str());
    }
  }

  if (ImGui::BeginTable("layer", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7.0f);
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
    row("kind", layerKindName(layer.kind));
    kindParameters(layer);
    // A folded slab shows the last layer's values; the head (the conv) holds the parameters worth seeing.
    if (slabIndex >= 0) {
      const int head = state.layout.slabs[slabIndex].layer;
      if (head != index && head >= 0) {
        const Layer& h = snap.layers[head];
        row("after", h.name + " (" + layerKindName(h.kind) + ")");
        kindParameters(h);
        row("its params", countText(h.parameterCount));
      }
    }
    row("output", shapeText(layer.output.shape));
    row("parameters", countText(layer.parameterCount));
    row("min / max", number(layer.stats.min) + " / " + number(layer.stats.max));
    row("mean", number(layer.stats.mean));
    ImGui::EndTable();
  }

  // Channel (or the whole layer): histogram of its values.
  const auto& shape = layer.output.shape;
  const bool channelled = shape.size() == 3 && state.selection.hasChannel();
  const int channel = channelled ? *state.selection.channel : -1;
  static HistogramCache cache;
  if (cache.snapshot != &snap || cache.layer != index || cache.channel != channel) {
    const size_t per = channelled ? static_cast<size_t>(shape[1] * shape[2]) : layer.output.data.size();
    const float* values = layer.output.data.data() + (channelled ? per * channel : 0);
    if (layer.output.data.size() >= (channelled ? per * (channel + 1) : per) && per > 0) {
      float lo = values[0], hi = values[0];
      double sum = 0;
      for (size_t i = 0; i < per; ++i) {
        lo = std::min(lo, values[i]);
        hi = std::max(hi, values[i]);
        sum += values[i];
      }
      cache.lo = lo;
      cache.hi = hi;
      cache.mean = static_cast<float>(sum / per);
      cache.bins = histogram(values, per, lo, hi, 32);
    } else {
      cache.bins.clear();
    }
    cache.snapshot = &snap;
    cache.layer = index;
    cache.channel = channel;
  }
  ImGui::Spacing();
  if (channelled)
    sectionHeading(("Channel " + std::to_string(channel)).c_str());
  else
    sectionHeading("All values");
  if (!cache.bins.empty()) {
    mutedText("min %s  max %s  mean %s", number(cache.lo).c_str(), number(cache.hi).c_str(),
              number(cache.mean).c_str());
    const float height = ImGui::GetTextLineHeight() * 4.0f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PlotHistogram("##histogram", cache.bins.data(), static_cast<int>(cache.bins.size()), 0, nullptr,
                         0.0f, FLT_MAX, ImVec2(width, height));
    // Mark the selected cell's value on the histogram.
    if (state.selection.hasCell() && slabIndex >= 0 && cache.hi > cache.lo) {
      const Slab& slab = state.layout.slabs[slabIndex];
      const long long vi =
          valueIndex(slab.grid, *state.selection.channel, *state.selection.y, *state.selection.x);
      if (vi >= 0 && vi < layer.output.numel()) {
        const float v = layer.output.data[vi];
        const float x = origin.x + width * std::clamp((v - cache.lo) / (cache.hi - cache.lo), 0.0f, 1.0f);
        ImGui::GetWindowDrawList()->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + height),
                                            uiColours::kWinner, 2.0f);
      }
    }
  }

  if (state.selection.hasCell() && slabIndex >= 0) {
    const Slab& slab = state.layout.slabs[slabIndex];
    const long long vi =
        valueIndex(slab.grid, *state.selection.channel, *state.selection.y, *state.selection.x);
    ImGui::Spacing();
    sectionHeading("Cell");
    if (vi >= 0 && vi < layer.output.numel()) {
      ImGui::Text("(y %d, x %d)", *state.selection.y, *state.selection.x);
      ImGui::SameLine();
      ImGui::PushFont(uiFonts().mono);
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(uiColours::kWinner));
      ImGui::Text("= %s", number(layer.output.data[vi]).c_str());
      ImGui::PopStyleColor();
      ImGui::PopFont();
      if (slab.grid.flat) mutedText("element %lld of the output vector", vi);
    } else {
      mutedText("empty cell");
    }
  }
}

}  // namespace convoscope
