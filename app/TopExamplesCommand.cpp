// `convoscope top-examples`: which dataset images fire a channel most? One batched pass over an IDX dataset or
// an image folder (engine/TopExamples.h), the k strongest per channel with where they fired and the receptive
// field of that cell; as text, JSON, or one sheet PNG per channel with the fields outlined.
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/Commands.h"
#include "app/ExampleSheet.h"
#include "core/Errors.h"
#include "core/TextFormat.h"
#include "engine/TopExampleCache.h"

namespace convoscope {
namespace {

struct TopExamplesOptions {
  ModelArguments model;
  std::string data, layer, output;
  int channel = -1, k = 9, limit = 0;
  bool json = false;
  bool noCache = false;
};

nlohmann::json examplesJson(const ChannelExamples& channel, const Snapshot& snapshot, int layer,
                            const ExampleSource& source) {
  nlohmann::json examples = nlohmann::json::array();
  for (const TopExample& e : channel.examples) {
    const PixelBox box = receptiveField(snapshot, layer, e.y, e.x);
    examples.push_back({{"index", e.index}, {"label", e.label}, {"label_name", exampleLabelName(source, snapshot.classNames, e.label)},
                        {"value", e.value}, {"y", e.y}, {"x", e.x},
                        {"receptive_field", {box.y0, box.x0, box.y1, box.x1}}});
  }
  return {{"channel", channel.channel}, {"examples", examples}};
}

// DIR/LAYER-cN-top.png: the examples at the model's input size, the receptive fields outlined.
void writeSheet(const TopExamplesOptions& o, const ChannelExamples& channel, const Snapshot& snapshot, int layer,
                const ExampleSource& source) {
  const std::vector<int64_t>& chw = snapshot.inputShape;
  std::vector<Image> images;
  std::vector<PixelBox> boxes;
  for (const TopExample& e : channel.examples) {
    images.push_back(resizeImage(source.image(e.index), static_cast<int>(chw[2]), static_cast<int>(chw[1]),
                                 chw[0] == 3 ? 3 : 1));
    boxes.push_back(receptiveField(snapshot, layer, e.y, e.x));
  }
  const std::string file =
      (std::filesystem::path(o.output) / (o.layer + "-c" + std::to_string(channel.channel) + "-top.png")).string();
  writePng(exampleSheet(images, boxes), file);
}

int runTopExamples(const TopExamplesOptions& o) {
  auto model = CaptureModel::load(o.model.loadOptions());
  const Snapshot snapshot = model->runImage(o.model.imageOrDefault(*model));
  if (snapshot.inputShape.size() != 3) throw InputError(model->path() + ": top examples need an image model");
  const int layer = snapshot.findLayer(o.layer);
  if (layer < 0) throw InputError(model->path() + ": no layer named '" + o.layer + "' (`convoscope inspect` lists them)");
  const std::vector<int64_t>& shape = snapshot.layers[layer].output.shape;
  if (shape.size() != 3) throw InputError(o.layer + " has no channels (its output is " + shapeText(shape, "×") + ")");
  if (o.channel >= shape[0])
    throw InputError(o.layer + " has channels 0.." + std::to_string(shape[0] - 1) + ", not " + std::to_string(o.channel));
  const std::unique_ptr<ExampleSource> source = openExampleSource(o.data, o.limit);
  const CachedTopExamples cached = topExamplesCached(*model, *source, layer, o.k, {}, !o.noCache);
  const LayerExamples& found = cached.examples;
  if (!o.output.empty()) std::filesystem::create_directories(o.output);
  nlohmann::json doc{{"layer", o.layer},
                     {"images", source->count()},
                     {"from_cache", cached.fromCache},
                     {"channels", nlohmann::json::array()}};
  for (const ChannelExamples& channel : found.channels) {
    if (o.channel >= 0 && channel.channel != o.channel) continue;
    doc["channels"].push_back(examplesJson(channel, snapshot, layer, *source));
    if (!o.output.empty()) writeSheet(o, channel, snapshot, layer, *source);
    if (o.json) continue;
    std::cout << o.layer << " channel " << channel.channel << ":";
    for (const TopExample& e : channel.examples)
      std::cout << "  #" << e.index << " " << exampleLabelName(*source, snapshot.classNames, e.label) << " " << fixedNumber(e.value) << " at ("
                << e.y << "," << e.x << ")";
    std::cout << "\n";
  }
  if (o.json) std::cout << doc.dump() << "\n";
  return 0;
}

void registerTopExamples(CLI::App& root, CommandAction& action) {
  auto options = std::make_shared<TopExamplesOptions>();
  CLI::App* cmd =
      root.add_subcommand("top-examples", "which dataset images fire a channel most? the top k, with where");
  options->model.addTo(cmd);
  cmd->add_option("--data", options->data, "an IDX dataset folder (Fashion-MNIST) or a folder of class folders")
      ->required();
  cmd->add_option("--layer,-l", options->layer, "layer name, as `convoscope inspect` lists it")->required();
  cmd->add_option("--channel,-c", options->channel, "one channel (default: all)");
  cmd->add_option("--k", options->k, "examples per channel (default 9)");
  cmd->add_option("--limit", options->limit, "read only the first N images");
  cmd->add_flag("--json", options->json, "channels[] of {channel, examples[{index, label, value, y, x, ...}]}");
  cmd->add_option("-o,--output", options->output, "folder: one LAYER-cN-top.png per channel");
  cmd->add_flag("--no-cache", options->noCache, "compute even when cached, and store nothing");
  cmd->callback([options, &action] { action = [options] { return runTopExamples(*options); }; });
}

}  // namespace

CONVOSCOPE_COMMAND(27, registerTopExamples);

}  // namespace convoscope
