#include "ui/InspectorPanel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/LayerCost.h"
#include "core/TextFormat.h"
#include "renderer/ThumbnailTextures.h"
#include "ui/ChannelExamplesPanel.h"
#include "ui/LayerGuidePanel.h"
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

std::string printedPercent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %%", 100.0 * share);
  return text;
}

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
      row("eps", fixedNumber(l.eps));
      break;
    case LayerKind::LeakyReLU:
      row("negative slope", fixedNumber(l.negativeSlope));
      break;
    case LayerKind::Add:
      if (l.alpha != 1.0) row("alpha", fixedNumber(l.alpha));
      break;
    default:
      break;
  }
}

// The selected layer's name, where it sits, and the chain of kinds its slab folds.
void layerHeading(ViewerState& state, const Layer& layer, int slabIndex) {
  ImGui::PushFont(uiFonts().bold);
  ImGui::TextWrapped("%s", layer.name.c_str());
  ImGui::PopFont();
  mutedText("%s%s%s", layer.typeName.c_str(), layer.parent.empty() ? "" : "  in  ", layer.parent.c_str());
  if (ImGui::SmallButton(state.showLayerGuide ? "Hide the layer guide (X)" : "What does this layer do? (X)"))
    toggleLayerGuidePanel(state);
  if (slabIndex < 0) return;
  const Slab& slab = state.layout.slabs[slabIndex];
  if (slab.members.size() <= 1) return;
  std::string chain;
  for (size_t i = 0; i < slab.members.size(); ++i)
    chain += (i ? " \xE2\x86\x92 " : "") +
             std::string(layerKindName(state.snapshot->layers[slab.members[i]].kind));
  mutedText("slab shows %s", chain.c_str());
}

// "43.2 %", and the selected channel's share after it: "43.2 % (channel 3: 51.0 %)".
std::string zerosText(const HistogramMemory& memory, const std::optional<int>& channel) {
  std::string text = printedPercent(memory.zeros.layer);
  if (channel && *channel >= 0 && *channel < static_cast<int>(memory.zeros.channels.size()))
    text += " (channel " + std::to_string(*channel) + ": " + printedPercent(memory.zeros.channels[*channel]) + ")";
  return text;
}

void layerTable(const ViewerState& state, const Layer& layer, int index, int slabIndex) {
  if (!ImGui::BeginTable("layer", 2, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7.0f);
  ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
  row("kind", layerKindName(layer.kind));
  kindParameters(layer);
  // A folded slab shows the last layer's values; the head (the conv) holds the parameters worth seeing.
  if (slabIndex >= 0) {
    const int head = state.layout.slabs[slabIndex].layer;
    if (head != index && head >= 0) {
      const Layer& h = state.snapshot->layers[head];
      row("after", h.name + " (" + layerKindName(h.kind) + ")");
      kindParameters(h);
      row("its params", countText(h.parameterCount));
    }
  }
  row("output", shapeText(layer.output.shape, "\xC3\x97", "-"));
  row("parameters", countText(layer.parameterCount));
  const LayerCost cost = layerCost(*state.snapshot, index);
  if (cost.flops > 0) row("MACs / FLOPs", countText(cost.macs) + " / " + countText(cost.flops));
  row("exact zeros", zerosText(state.panels.histogram, state.selection.channel));
  row("min / max", fixedNumber(layer.stats.min) + " / " + fixedNumber(layer.stats.max));
  row("mean", fixedNumber(layer.stats.mean));
  ImGui::EndTable();
}

// Recomputes the histogram of one channel (or the whole layer, channel -1) when it is not the one cached.
void updateHistogram(HistogramMemory& memory, const Snapshot& snap, int index, int channel) {
  if (memory.snapshotId == snap.id && memory.layer == index && memory.channel == channel) return;
  const Layer& layer = snap.layers[index];
  const auto& shape = layer.output.shape;
  const size_t per = channel >= 0 ? static_cast<size_t>(shape[1] * shape[2]) : layer.output.data.size();
  const float* values = layer.output.data.data() + (channel >= 0 ? per * channel : 0);
  memory.bins.clear();
  memory.zeros = zeroShare(layer);
  if (layer.output.data.size() >= (channel >= 0 ? per * (channel + 1) : per) && per > 0) {
    float lo = values[0], hi = values[0];
    double sum = 0;
    for (size_t i = 0; i < per; ++i) {
      lo = std::min(lo, values[i]);
      hi = std::max(hi, values[i]);
      sum += values[i];
    }
    memory.lo = lo;
    memory.hi = hi;
    memory.mean = static_cast<float>(sum / per);
    memory.bins = histogram(values, per, lo, hi, 32);
  }
  memory.snapshotId = snap.id;
  memory.layer = index;
  memory.channel = channel;
}

// The histogram with the selected cell's value marked on it.
void histogramSection(ViewerState& state, const Layer& layer, int index, int slabIndex) {
  const bool channelled = layer.output.shape.size() == 3 && state.selection.hasChannel();
  const int channel = channelled ? *state.selection.channel : -1;
  HistogramMemory& memory = state.panels.histogram;
  updateHistogram(memory, *state.snapshot, index, channel);
  ImGui::Spacing();
  sectionHeading(channelled ? ("Channel " + std::to_string(channel)).c_str() : "All values");
  if (memory.bins.empty()) return;
  mutedText("min %s  max %s  mean %s", fixedNumber(memory.lo).c_str(), fixedNumber(memory.hi).c_str(),
            fixedNumber(memory.mean).c_str());
  const float height = ImGui::GetTextLineHeight() * 4.0f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::PlotHistogram("##histogram", memory.bins.data(), static_cast<int>(memory.bins.size()), 0, nullptr,
                       0.0f, FLT_MAX, ImVec2(width, height));
  if (!state.selection.hasCell() || slabIndex < 0 || memory.hi <= memory.lo) return;
  const Slab& slab = state.layout.slabs[slabIndex];
  const long long vi =
      valueIndex(slab.grid, *state.selection.channel, *state.selection.y, *state.selection.x);
  if (vi < 0 || vi >= layer.output.numel()) return;
  const float v = layer.output.data[vi];
  const float x = origin.x + width * std::clamp((v - memory.lo) / (memory.hi - memory.lo), 0.0f, 1.0f);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + height), uiColours::kWinner,
                                      2.0f);
}

void cellSection(const ViewerState& state, const Layer& layer, int slabIndex) {
  if (!state.selection.hasCell() || slabIndex < 0) return;
  const Slab& slab = state.layout.slabs[slabIndex];
  const long long vi =
      valueIndex(slab.grid, *state.selection.channel, *state.selection.y, *state.selection.x);
  ImGui::Spacing();
  sectionHeading("Cell");
  if (vi < 0 || vi >= layer.output.numel()) {
    mutedText("empty cell");
    return;
  }
  ImGui::Text("(y %d, x %d)", *state.selection.y, *state.selection.x);
  ImGui::SameLine();
  ImGui::PushFont(uiFonts().mono);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(uiColours::kWinner));
  ImGui::Text("= %s", fixedNumber(layer.output.data[vi]).c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  if (slab.grid.flat) mutedText("element %lld of the output vector", vi);
  if (const CompareResult* compared = visibleCompare(state)) {  // the same cell for input B
    const float a = layer.output.data[vi], b = compared->b->layers[*state.selection.layer].output.data[vi];
    mutedText("A %s  \xC2\xB7  B %s  \xC2\xB7  A \xE2\x88\x92 B %s", fixedNumber(a).c_str(), fixedNumber(b).c_str(),
              fixedNumber(a - b).c_str());
  }
  const std::string gradient = cellGradientText(state);
  if (!gradient.empty()) {
    ImGui::TextWrapped("%s", gradient.c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("How much the class score would change per unit change of this value\n"
                        "(its gradient, by autograd through the captured graph).");
  }
}

// What the selected channel looks for: its feature visualization, once the worker has it.
void featureSection(const ViewerState& state) {
  const std::optional<ChannelFeatureRequest> wanted = selectedChannelFeature(state);
  if (!wanted) return;
  const ChannelFeatureState& f = state.channelFeature;
  ImGui::Spacing();
  sectionHeading("What it looks for");
  if (!(f.shown == *wanted)) {
    mutedText("optimizing a picture for channel %d…", wanted->channel);
    return;
  }
  if (!f.error.empty()) {
    ImGui::TextWrapped("%s", f.error.c_str());
    return;
  }
  const Thumbnail t = state.thumbnails ? state.thumbnails->get(f.imagePath) : Thumbnail{};
  const float side = ImGui::GetTextLineHeight() * 6.0f;
  if (!t.failed()) {
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(t.texture)), ImVec2(side, side));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("A picture optimized to make this channel fire as much as it can\n"
                        "(feature visualization; `convoscope features` makes the same).");
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  mutedText("%s, channel %d", state.snapshot->layers[wanted->layer].name.c_str(), wanted->channel);
  mutedText("mean activation %s", fixedNumber(f.activation).c_str());
  ImGui::EndGroup();
}

}  // namespace

void drawInspectorPanel(ViewerState& state) {
  if (!state.snapshot || state.selection.empty()) {
    mutedText("Click a slab, a channel tile or a cell to inspect it.");
    return;
  }
  const int index = *state.selection.layer;
  const Layer& layer = state.snapshot->layers[index];
  const int slabIndex = state.layout.slabForLayer(index);
  // What a student asks first comes first: this cell's value and gradient, what the channel looks for; then
  // the channel's distribution and the layer's settings.
  layerHeading(state, layer, slabIndex);
  cellSection(state, layer, slabIndex);
  featureSection(state);
  drawChannelExamplesSection(state);
  histogramSection(state, layer, index, slabIndex);
  layerTable(state, layer, index, slabIndex);
}

}  // namespace convoscope
