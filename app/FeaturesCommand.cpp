// `convoscope features`: what does a channel look for? Activation maximization (engine/FeatureVisualization.h)
// for one channel, several, or all of a layer, written as PNGs with the activation each reached.
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/Commands.h"
#include "app/FeatureImageFile.h"
#include "engine/FeatureCache.h"
#include "core/Errors.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace {

struct FeaturesOptions {
  ModelArguments model;
  std::string layer;
  int channel = -1;
  bool all = false;
  int y = -1, x = -1;
  int steps = 512, batch = 8;
  uint64_t seed = 0;
  bool json = false, noCache = false;
  std::string output;
};

// The channels asked for, checked against the layer's output (from a run on the default image).
std::vector<int> channelsOf(const FeaturesOptions& o, const Snapshot& snapshot, int layer) {
  const std::vector<int64_t>& shape = snapshot.layers[layer].output.shape;
  if (shape.size() != 3)
    throw InputError(o.layer + " has no channels to visualize (its output is " + shapeText(shape, "×") +
                     "; choose a convolution, pooling or activation layer)");
  if (o.all == (o.channel >= 0)) throw InputError("give --channel C or --all");
  if (o.channel >= shape[0])
    throw InputError(o.layer + " has channels 0.." + std::to_string(shape[0] - 1) + ", not " +
                     std::to_string(o.channel));
  std::vector<int> channels;
  for (int c = 0; c < shape[0]; ++c)
    if (o.all || c == o.channel) channels.push_back(c);
  return channels;
}

bool toOnePng(const FeaturesOptions& o) { return std::filesystem::path(o.output).extension() == ".png"; }

// Where a channel's picture goes: DIR/LAYER-cN.png, or OUT.png itself (one image, or a sheet of them all).
std::string outputFor(const FeaturesOptions& o, int channel) {
  if (toOnePng(o)) return o.output;
  return (std::filesystem::path(o.output) / (o.layer + "-c" + std::to_string(channel) + ".png")).string();
}

int runFeatures(const FeaturesOptions& o) {
  if (o.output.empty()) throw InputError("-o OUT.png (one channel) or -o DIR is required");
  auto model = CaptureModel::load(o.model.loadOptions());
  const Snapshot snapshot = model->runImage(o.model.imageOrDefault(*model));
  FeatureOptions options;
  options.layer = snapshot.findLayer(o.layer);
  if (options.layer < 0)
    throw InputError(model->path() + ": no layer named '" + o.layer + "' (`convoscope inspect` lists them)");
  options.channels = channelsOf(o, snapshot, options.layer);
  if ((o.y >= 0) != (o.x >= 0)) throw InputError("give both --y and --x for a cell, or neither");
  if (o.y >= 0) options.y = o.y, options.x = o.x;
  options.steps = o.steps;
  options.seed = o.seed;
  options.batch = o.batch;
  if (!toOnePng(o)) std::filesystem::create_directories(o.output);
  const CachedFeatures result = visualizeFeaturesCached(*model, options, !o.noCache);
  const std::vector<FeatureImage>& images = result.images;
  if (toOnePng(o))
    writePng(images.size() == 1 ? featureRgba(images[0], upscaleFor(images[0], 224)) : featureSheet(images), o.output);
  nlohmann::json doc{{"layer", o.layer},
                     {"steps", o.steps},
                     {"seed", o.seed},
                     {"from_cache", result.fromCache},
                     {"channels", nlohmann::json::array()}};
  for (const FeatureImage& image : images) {
    const std::string file = outputFor(o, image.channel);
    if (!toOnePng(o)) writePng(featureRgba(image, upscaleFor(image, 224)), file);
    doc["channels"].push_back({{"channel", image.channel}, {"activation", image.activation}, {"file", file}});
    if (!o.json) std::cout << o.layer << " channel " << image.channel << ": activation " << fixedNumber(image.activation) << " → " << file << "\n";
  }
  if (o.json) std::cout << doc.dump() << "\n";
  return 0;
}

void registerFeatures(CLI::App& root, CommandAction& action) {
  auto options = std::make_shared<FeaturesOptions>();
  CLI::App* cmd = root.add_subcommand("features", "what does a channel look for? feature visualization PNGs");
  options->model.addTo(cmd);
  cmd->add_option("--layer,-l", options->layer, "layer name, as `convoscope inspect` lists it")->required();
  cmd->add_option("--channel,-c", options->channel, "one channel");
  cmd->add_flag("--all", options->all, "every channel of the layer");
  cmd->add_option("--y", options->y, "maximize one cell (with --x) instead of the map's mean");
  cmd->add_option("--x", options->x, "the cell's column");
  cmd->add_option("--steps", options->steps, "optimization steps (default 512)");
  cmd->add_option("--seed", options->seed, "random seed (default 0)");
  cmd->add_option("--batch", options->batch, "channels optimized together (default 8)");
  cmd->add_flag("--no-cache", options->noCache, "compute again and store nothing (default: reuse the disk cache)");
  cmd->add_flag("--json", options->json, "layer, steps, seed, from_cache and per channel its activation and file");
  cmd->add_option("-o,--output", options->output, "OUT.png (one channel, or a sheet of all of them) or a folder of LAYER-cN.png")->required();
  cmd->callback([options, &action] { action = [options] { return runFeatures(*options); }; });
}

}  // namespace

CONVOSCOPE_COMMAND(26, registerFeatures);

}  // namespace convoscope
