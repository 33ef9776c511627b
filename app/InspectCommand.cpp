// `convoscope inspect`: the layer table (or JSON) and the top-5 classes of one image.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/Commands.h"
#include "app/SnapshotJson.h"
#include "core/LayerCost.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace {

void printTable(const Snapshot& snap) {
  std::printf("%s  input %s\n\n", snap.modelName.c_str(), shapeText(snap.inputShape, "x").c_str());
  std::printf("%-4s %-32s %-18s %-14s %10s %10s %10s %10s %10s %7s\n", "#", "layer", "kind", "output", "min",
              "max", "mean", "params", "MACs", "zeros");
  for (size_t i = 0; i < snap.layers.size(); ++i) {
    const Layer& l = snap.layers[i];
    std::printf("%-4zu %-32s %-18s %-14s %10.4f %10.4f %10.4f %10lld %10s %6.1f%%\n", i, l.name.c_str(),
                layerKindName(l.kind), shapeText(l.output.shape, "x").c_str(), l.stats.min, l.stats.max,
                l.stats.mean, static_cast<long long>(l.parameterCount),
                countText(layerCost(snap, static_cast<int>(i)).macs).c_str(), 100 * zeroShare(l).layer);
  }
  const LayerCost total = modelCost(snap);
  std::printf("\ntotal: %s MACs, %s FLOPs per image\n", countText(total.macs).c_str(),
              countText(total.flops).c_str());
  std::printf("\ntop classes:\n");
  for (const ClassScore& c : snap.top(5))
    std::printf("  %6.2f%%  %s\n", 100 * c.probability, c.label.c_str());
}

void registerInspect(CLI::App& root, CommandAction& action) {
  struct Options {
    ModelArguments model;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd =
      root.add_subcommand("inspect", "run a model on an image and list every layer and the top classes");
  options->model.addTo(cmd);
  cmd->add_flag("--json", options->json, "machine-readable output");
  cmd->callback([options, &action] {
    action = [options] {
      auto model = CaptureModel::load(options->model.loadOptions());
      const Snapshot snap = model->runImage(options->model.imageOrDefault(*model));
      if (options->json)
        std::cout << inspectJson(snap).dump(2) << "\n";
      else
        printTable(snap);
      return 0;
    };
  });
}

}  // namespace

CONVOSCOPE_COMMAND(10, registerInspect);

}  // namespace convoscope
