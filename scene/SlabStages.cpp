#include "scene/SlabStages.h"

#include <algorithm>
#include <cctype>

#include "core/TextFormat.h"

namespace convoscope {
namespace {

// The spatial size a slab's maps have ("8×8"), or "" for a flat output: slabs with the same one are a stage.
std::string spatialKey(const Snapshot& snapshot, const Slab& slab) {
  const std::vector<int64_t>& shape = snapshot.layers[slab.displayLayer].output.shape;
  if (shape.size() < 3) return "";
  return std::to_string(shape[shape.size() - 2]) + "x" + std::to_string(shape.back());
}

// The first part of a layer's name: "layer2" of "layer2.0.conv1", "features" of "features.3.conv.0".
std::string topModule(const std::string& layerName) { return layerName.substr(0, layerName.find('.')); }

std::string stageLabel(const Snapshot& snapshot, const SceneLayout& layout, int first, int last, bool byModule) {
  std::vector<std::string> modules;
  for (int s = first; s <= last; ++s) {
    const std::string& name = snapshot.layers[layout.slabs[s].layer].name;
    const std::string module = byModule ? topModule(name) : stageModule(name);
    if (modules.empty() || modules.back() != module) modules.push_back(module);
  }
  std::string label = modules.front();
  if (modules.size() > 1) label += " \xE2\x80\xA6 " + modules.back();  // …
  // A module's stage says what it hands on (its last shape); a stage of one map size says only that size,
  // since its slabs differ in channels ("input … conv_1_2 · 28×28", not the input as 10×28×28).
  const std::vector<int64_t>& shape = snapshot.layers[layout.slabs[last].displayLayer].output.shape;
  if (shape.size() < 3) return label;
  const std::vector<int64_t> shown = byModule ? shape : std::vector<int64_t>(shape.end() - 2, shape.end());
  return label + "  \xC2\xB7  " + shapeText(shown);  // ·
}

}  // namespace

std::string stageModule(const std::string& layerName) {
  const size_t dot = layerName.find('.');
  if (dot == std::string::npos) return layerName;
  const size_t next = layerName.find('.', dot + 1);
  const std::string second = layerName.substr(dot + 1, next == std::string::npos ? std::string::npos : next - dot - 1);
  const bool number = !second.empty() && std::isdigit(static_cast<unsigned char>(second[0]));
  return number ? layerName.substr(0, next) : layerName.substr(0, dot);
}

std::vector<SlabStage> slabStages(const Snapshot& snapshot, const SceneLayout& layout) {
  std::vector<SlabStage> stages;
  if (layout.laneCount <= 1) return stages;
  // A stage is a run of slabs of one top-level module (a ResNet's layer2) when the network has several
  // such modules and none holds most of it; otherwise (VGG, MobileNet, SqueezeNet: all "features") a run of
  // one spatial size.
  const int count = static_cast<int>(layout.slabs.size());
  auto moduleOf = [&](int s) { return topModule(snapshot.layers[layout.slabs[s].layer].name); };
  int groups = 0, longest = 0;
  for (int s = 0, run = 0; s < count; ++s) {
    run = s > 0 && moduleOf(s) == moduleOf(s - 1) ? run + 1 : 1;
    groups += run == 2;  // a group of several slabs
    longest = std::max(longest, run);
  }
  const bool byModule = groups >= 3 && 2 * longest <= count;
  auto key = [&](int s) { return byModule ? moduleOf(s) : spatialKey(snapshot, layout.slabs[s]); };
  for (int first = 0; first < count;) {
    int last = first;
    while (last + 1 < count && layout.slabs[last + 1].lane == layout.slabs[first].lane && key(last + 1) == key(first))
      ++last;
    const bool flat = spatialKey(snapshot, layout.slabs[last]).empty();  // the head: its slabs name it well
    if (last > first && !flat)
      stages.push_back({first, last, layout.slabs[first].lane, stageLabel(snapshot, layout, first, last, byModule)});
    first = last + 1;
  }
  return stages;
}

}  // namespace convoscope
