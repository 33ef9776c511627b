// `convoscope compare`: where do two inputs part ways? Both go through the same model; for every layer the
// relative L2 distance ‖a − b‖ / ‖a‖ and the cosine similarity of B's activation to A's, and both predictions.
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/Commands.h"
#include "app/SnapshotJson.h"
#include "core/Errors.h"
#include "core/ImageInput.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace {

struct CompareOptions {
  ModelArguments model;
  std::string imageB;
  double threshold = kDivergenceThreshold;
  bool json = false;
};

nlohmann::json optionalNumber(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json compareJson(const Snapshot& a, const Snapshot& b, const std::vector<LayerDivergence>& divergence,
                           const CompareOptions& o, const std::vector<std::string>& notes) {
  nlohmann::json j;
  j["a"] = predictionJson(a);
  j["a"]["probabilities"] = a.probabilities;
  j["b"] = predictionJson(b);
  j["b"]["probabilities"] = b.probabilities;
  auto& layers = j["layers"] = nlohmann::json::array();
  for (size_t l = 0; l < divergence.size(); ++l)
    layers.push_back({{"name", a.layers[l].name},
                      {"kind", layerKindName(a.layers[l].kind)},
                      {"distance", optionalNumber(divergence[l].distance())},
                      {"cosine", optionalNumber(divergence[l].cosine())}});
  const int first = firstDivergentLayer(divergence, o.threshold);
  j["threshold"] = o.threshold;
  j["first_divergent"] = first < 0 ? nlohmann::json(nullptr) : nlohmann::json(a.layers[first].name);
  j["notes"] = notes;
  return j;
}

std::string numberOrDash(const std::optional<double>& value) { return value ? fixedNumber(*value) : "-"; }

void printComparison(const Snapshot& a, const Snapshot& b, const std::vector<LayerDivergence>& divergence,
                     const CompareOptions& o) {
  const ClassScore pa = a.top(1).at(0), pb = b.top(1).at(0);
  std::cout << "A: " << pa.label << " (" << fixedNumber(pa.probability) << ")   B: " << pb.label << " ("
            << fixedNumber(pb.probability) << ")\n";
  const int first = firstDivergentLayer(divergence, o.threshold);
  std::cout << std::left << std::setw(28) << "layer" << std::right << std::setw(10) << "distance" << std::setw(10)
            << "cosine" << "\n";
  for (size_t l = 0; l < divergence.size(); ++l)
    std::cout << std::left << std::setw(28) << a.layers[l].name << std::right << std::setw(10)
              << numberOrDash(divergence[l].distance()) << std::setw(10) << numberOrDash(divergence[l].cosine())
              << (static_cast<int>(l) == first ? "   <- paths diverge" : "") << "\n";
  if (first < 0) std::cout << "no layer reaches distance " << fixedNumber(o.threshold) << "\n";
}

int runCompare(const CompareOptions& o) {
  if (!(o.threshold > 0)) throw InputError("--threshold must be positive");
  auto model = CaptureModel::load(o.model.loadOptions());
  const ModelMetadata& meta = model->metadata();
  const Image imageA = loadImage(o.model.imageOrDefault(*model));
  const Image imageB = loadImage(o.imageB);
  std::vector<std::string> notes;
  if (const std::string note = conversionNote(imageB, pixelGeometryOf(meta.inputShape)); !note.empty())
    notes.push_back(o.imageB + ": " + note + " (the model's input)");
  const Snapshot a = model->run(imageToInput(imageA, meta.inputShape, meta.normalization));
  const CaptureModel::ComparedRun b =
      model->runAgainst(imageToInput(imageB, meta.inputShape, meta.normalization), a);
  if (o.json) {
    std::cout << compareJson(a, b.snapshot, b.divergence, o, notes).dump() << "\n";
  } else {
    for (const std::string& note : notes) std::cerr << "note: " << note << "\n";
    printComparison(a, b.snapshot, b.divergence, o);
  }
  return 0;
}

void registerCompare(CLI::App& root, CommandAction& action) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* cmd = root.add_subcommand("compare", "where do two inputs part ways? per-layer distance of B to A");
  options->model.addTo(cmd);
  cmd->add_option("--image-b,-b", options->imageB, "the second input (B), through the same pipeline as A")
      ->required();
  cmd->add_option("--threshold", options->threshold,
                  "distance at which the paths count as diverged (default 0.5)");
  cmd->add_flag("--json", options->json,
                "JSON: a, b (class, label, probability, probabilities), layers[] {name, kind, distance, "
                "cosine}, first_divergent, notes");
  cmd->callback([options, &action] { action = [options] { return runCompare(*options); }; });
}

}  // namespace

CONVOSCOPE_COMMAND(27, registerCompare);

}  // namespace convoscope
