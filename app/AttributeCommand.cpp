// `convoscope attribute`: why this class? An attribution map (Grad-CAM, saliency, SmoothGrad, Integrated
// Gradients, occlusion) for one class of one image, as text, JSON (every value) or a heat overlay PNG.
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/AttributionImage.h"
#include "app/AttributionOverlay.h"
#include "app/Commands.h"
#include "core/Errors.h"
#include "core/ImageInput.h"
#include "core/PngFile.h"
#include "core/TextFormat.h"
#include "engine/Attribution.h"

namespace convoscope {
namespace {

struct AttributeOptions {
  ModelArguments model;
  std::string method = "gradcam";
  int classIndex = -1;  // -1: the top prediction
  int contrast = -1;
  std::string layer;
  bool everyLayer = false;
  int steps = 50, samples = 25;
  uint64_t seed = 0;
  bool json = false;
  std::string output;
};

nlohmann::json attributionJson(const Attribution& a, const Snapshot& snapshot) {
  nlohmann::json j;
  j["method"] = attributionMethodName(a.method);
  j["class"] = a.target.classIndex;
  j["class_name"] = classNameOf(snapshot, a.target.classIndex);
  if (a.target.contrast) j["contrast"] = *a.target.contrast;
  if (a.layer >= 0) j["layer"] = a.layerName;
  j["shape"] = a.shape;
  j["values"] = a.values;
  j["score"] = a.score;
  if (a.delta) j["delta"] = *a.delta;
  return j;
}

void printSummary(const Attribution& a, const Snapshot& snapshot) {
  const auto [lo, hi] = std::minmax_element(a.values.begin(), a.values.end());
  std::cout << attributionMethodName(a.method) << " for " << classNameOf(snapshot, a.target.classIndex)
            << (a.target.contrast ? " minus " + classNameOf(snapshot, *a.target.contrast) : std::string())
            << ": score (logit) " << fixedNumber(a.score) << "\n";
  if (a.layer >= 0) std::cout << "layer " << a.layerName << "\n";
  std::cout << "map " << shapeText(a.shape, "x") << ", min " << fixedNumber(*lo) << ", max "
            << fixedNumber(*hi) << "\n";
  if (a.delta)
    std::cout << "completeness: sum of attributions minus (y(x) - y(0)) = " << fixedNumber(*a.delta) << "\n";
}

AttributionRequest requestOf(const AttributeOptions& o) {
  AttributionRequest request;
  request.method = o.method;
  if (o.classIndex >= 0) request.classIndex = o.classIndex;
  if (o.contrast >= 0) request.contrast = o.contrast;
  request.layer = o.layer;
  request.everyLayer = o.everyLayer;
  return request;
}

AttributionOptions methodOptions(const AttributeOptions& o, const Snapshot& snapshot,
                                 const std::string& path) {
  AttributionOptions options = attributionOptionsFor(requestOf(o), snapshot, path);
  if (o.steps < 1) throw InputError("--steps must be at least 1");
  if (o.samples < 1) throw InputError("--samples must be at least 1");
  options.steps = o.steps;
  options.samples = o.samples;
  options.seed = o.seed;
  return options;
}

int runAttribute(const AttributeOptions& o) {
  parseAttributionMethod(o.method);  // a typo fails before the model loads
  auto model = CaptureModel::load(o.model.loadOptions());
  const std::string imagePath = o.model.imageOrDefault(*model);
  const Image image = loadImage(imagePath);
  const std::vector<float> input =
      imageToInput(image, model->metadata().inputShape, model->metadata().normalization);
  const Snapshot snapshot = model->run(input);
  const AttributionOptions options = methodOptions(o, snapshot, model->path());
  Attribution a;
  std::vector<Attribution> layerMaps;
  if (o.everyLayer) {
    if (options.method != AttributionMethod::GradCam) throw InputError("--every-layer is for --method gradcam");
    AttributionOutcome outcome = computeAttributionOverlay(*model, snapshot, requestOf(o));
    a = std::move(outcome.attribution);
    layerMaps = std::move(outcome.layerMaps);
  } else {
    a = attribute(*model, input, snapshot, options);
  }
  if (o.json) {
    nlohmann::json j = attributionJson(a, snapshot);
    for (const Attribution& m : layerMaps)
      j["layers"].push_back({{"layer", m.layerName}, {"shape", m.shape}, {"values", m.values}});
    std::cout << j.dump() << "\n";
  } else {
    printSummary(a, snapshot);
    for (const Attribution& m : layerMaps)
      std::cout << "  " << m.layerName << " " << shapeText(m.shape, "x") << "\n";
  }
  if (!o.output.empty()) {
    writePng(heatOverlay(image, a), o.output);
    std::cerr << "wrote " << o.output << "\n";
  }
  return 0;
}

void registerAttribute(CLI::App& root, CommandAction& action) {
  auto options = std::make_shared<AttributeOptions>();
  CLI::App* cmd =
      root.add_subcommand("attribute", "why this class? an attribution map for one image and class");
  options->model.addTo(cmd);
  cmd->add_option("--method", options->method, "gradcam (default), saliency, smoothgrad, ig or occlusion");
  cmd->add_option("--class", options->classIndex, "class index (default: the top prediction)");
  cmd->add_option("--contrast", options->contrast, "explain class minus this class");
  cmd->add_option("--layer", options->layer, "Grad-CAM layer (default: the last spatial convolution)");
  cmd->add_flag("--every-layer", options->everyLayer,
                "Grad-CAM also at every spatial slab's layer (JSON: \"layers\", each with layer, shape, values)");
  cmd->add_option("--steps", options->steps, "Integrated Gradients steps (default 50)");
  cmd->add_option("--samples", options->samples, "SmoothGrad samples (default 25)");
  cmd->add_option("--seed", options->seed, "SmoothGrad noise seed (default 0)");
  cmd->add_flag("--json", options->json,
                "every value as JSON: method, class, layer, shape, values, score, delta");
  cmd->add_option("-o,--output", options->output, "PNG: the heat map blended over the image");
  cmd->callback([options, &action] { action = [options] { return runAttribute(*options); }; });
}

}  // namespace

CONVOSCOPE_COMMAND(25, registerAttribute);

}  // namespace convoscope
