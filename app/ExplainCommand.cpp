// `convoscope explain`: the arithmetic behind one output value of one layer (text, or every term as JSON).
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/Commands.h"
#include "app/ComputationJson.h"
#include "core/Computation.h"
#include "core/Errors.h"

namespace convoscope {
namespace {

bool explainable(LayerKind kind) { return kind != LayerKind::Input && kind != LayerKind::Other; }

// "unknown layer" help: names that contain what was typed first, then the first few explainable layers.
std::string someLayerNames(const Snapshot& snap, const std::string& typed) {
  std::vector<std::string> names;
  for (const Layer& l : snap.layers)
    if (explainable(l.kind) && !typed.empty() && l.name.find(typed) != std::string::npos)
      names.push_back(l.name);
  for (const Layer& l : snap.layers)
    if (explainable(l.kind) && names.size() < 8 &&
        std::find(names.begin(), names.end(), l.name) == names.end())
      names.push_back(l.name);
  int total = 0;
  for (const Layer& l : snap.layers) total += explainable(l.kind);
  std::string text;
  for (size_t i = 0; i < names.size() && i < 8; ++i) text += (i ? ", " : "") + names[i];
  if (total > 8) text += ", ... (" + std::to_string(total) + " in all; `convoscope inspect` lists them)";
  return text;
}

void registerExplain(CLI::App& root, CommandAction& action) {
  struct Options {
    ModelArguments model;
    std::string layer;
    int64_t channel = 0;
    int64_t y = -1, x = -1;
    int maxTerms = 40;
    bool json = false;
    CLI::Option* yOption = nullptr;
    CLI::Option* xOption = nullptr;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand(
      "explain", "print the computation behind one output value of one layer (the viewer's M)");
  options->model.addTo(cmd);
  cmd->add_option("--layer,-l", options->layer, "layer name, as `convoscope inspect` lists it")->required();
  cmd->add_option("--channel,-c", options->channel, "output channel (or index, for a flat layer)")
      ->required();
  options->yOption = cmd->add_option("--y,-y", options->y, "output row (spatial layers)");
  options->xOption = cmd->add_option("--x,-x", options->x, "output column (spatial layers)");
  cmd->add_option("--max-terms", options->maxTerms,
                  "term lines in the text output (default 40; --json lists all)");
  cmd->add_flag("--json", options->json, "machine-readable output with every term");
  cmd->callback([options, &action] {
    action = [options] {
      const Options& o = *options;
      const bool hasY = o.yOption->count() > 0, hasX = o.xOption->count() > 0;
      if (hasY != hasX)
        throw InputError("--y and --x go together: give both for a spatial layer, neither otherwise");
      auto model = CaptureModel::load(o.model.loadOptions());
      const Snapshot snap = model->runImage(o.model.imageOrDefault(*model));
      const int layer = snap.findLayer(o.layer);
      if (layer < 0)
        throw InputError(model->path() + ": no layer named '" + o.layer +
                         "'; layers: " + someLayerNames(snap, o.layer));
      const Layer& l = snap.layers[static_cast<size_t>(layer)];
      if (l.output.shape.size() == 3 && !hasY)
        throw InputError("layer '" + l.name + "' is spatial (" + std::to_string(l.output.shape[0]) + "x" +
                         std::to_string(l.output.shape[1]) + "x" + std::to_string(l.output.shape[2]) +
                         "): give --y (0.." + std::to_string(l.output.shape[1] - 1) + ") and --x (0.." +
                         std::to_string(l.output.shape[2] - 1) + ")");
      if (l.output.shape.size() != 3 && hasY)
        throw InputError("layer '" + l.name + "' has no spatial dimensions: --y/--x do not apply");
      // Negative --y/--x must not read as "not given".
      if (hasY && (o.y < 0 || o.x < 0))
        throw InputError("--y/--x must not be negative (layer '" + l.name + "' has rows 0.." +
                         std::to_string(l.output.shape.size() == 3 ? l.output.shape[1] - 1 : 0) +
                         ", columns 0.." +
                         std::to_string(l.output.shape.size() == 3 ? l.output.shape[2] - 1 : 0) + ")");
      const Computation e = computeCell(snap, layer, o.channel, hasY ? o.y : -1, hasX ? o.x : -1);
      // A classifier's logits go on to the probability the prediction shows (the softmax applied here).
      const bool logits = layer + 1 == static_cast<int>(snap.layers.size()) && l.output.shape.size() != 3;
      const std::optional<Computation> prediction = logits ? predictionSoftmax(snap, o.channel) : std::nullopt;
      if (o.json) {
        nlohmann::json doc = computationJson(e);
        if (prediction) doc["prediction"] = computationJson(*prediction);
        std::cout << doc.dump(2) << "\n";
      } else {
        std::cout << formatComputation(e, o.maxTerms);
        if (prediction)
          std::cout << "\nthen softmax over all " << snap.logits.size() << " logits, the prediction:\n"
                    << formatComputation(*prediction, o.maxTerms);
      }
      return 0;
    };
  });
}

}  // namespace

CONVOSCOPE_COMMAND(20, registerExplain);

}  // namespace convoscope
