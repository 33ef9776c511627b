#include "app/SnapshotJson.h"

#include "core/LayerCost.h"

namespace convoscope {
namespace {

nlohmann::json windowJson(const WindowParams& w) {
  return {{"kernel", w.kernel},
          {"stride", w.stride},
          {"padding", w.padding},
          {"dilation", w.dilation},
          {"groups", w.groups}};
}

}  // namespace

nlohmann::json inspectJson(const Snapshot& snap) {
  nlohmann::json doc;
  doc["model"] = snap.modelName;
  doc["input_shape"] = snap.inputShape;
  auto& layers = doc["layers"] = nlohmann::json::array();
  for (size_t i = 0; i < snap.layers.size(); ++i) {
    const Layer& l = snap.layers[i];
    const LayerCost cost = layerCost(snap, static_cast<int>(i));
    const ZeroShare zeros = zeroShare(l);
    nlohmann::json layer = {{"name", l.name},       {"kind", layerKindName(l.kind)},
                            {"type", l.typeName},   {"output_shape", l.output.shape},
                            {"min", l.stats.min},   {"max", l.stats.max},
                            {"mean", l.stats.mean}, {"params", l.parameterCount},
                            {"macs", cost.macs},    {"flops", cost.flops},
                            {"zeros", zeros.layer}, {"inputs", l.inputs}};
    if (!zeros.channels.empty()) layer["channel_zeros"] = zeros.channels;
    if (!l.parent.empty()) layer["parent"] = l.parent;
    if (l.kind == LayerKind::Conv2d || l.kind == LayerKind::MaxPool || l.kind == LayerKind::AvgPool)
      layer["window"] = windowJson(l.window);
    layers.push_back(layer);
  }
  auto& modules = doc["modules"] = nlohmann::json::array();
  for (const ModuleOutput& m : snap.modules)
    modules.push_back({{"name", m.name},
                       {"type", m.typeName},
                       {"output_shape", m.shape},
                       {"min", m.stats.min},
                       {"max", m.stats.max},
                       {"mean", m.stats.mean}});
  int64_t params = 0;
  for (const Layer& l : snap.layers) params += l.parameterCount;
  const LayerCost total = modelCost(snap);
  doc["totals"] = {{"params", params}, {"macs", total.macs}, {"flops", total.flops}};
  auto& output = doc["output"];
  output["logits"] = snap.logits;
  output["probabilities"] = snap.probabilities;
  output["top"] = nlohmann::json::array();
  for (const ClassScore& c : snap.top(5))
    output["top"].push_back({{"index", c.index}, {"label", c.label}, {"probability", c.probability}});
  return doc;
}

nlohmann::json predictionJson(const Snapshot& snapshot) {
  const std::vector<ClassScore> top = snapshot.top(1);
  if (top.empty()) return nullptr;
  return {{"class", top[0].index}, {"label", top[0].label}, {"probability", top[0].probability}};
}

}  // namespace convoscope
