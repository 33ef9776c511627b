// `convoscope attack`: break the model on purpose. FGSM or PGD in pixel space (engine/Adversarial.h); writes
// the adversarial input as an 8-bit PNG (exactly what the model saw) and reports both predictions and the
// size of the change.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/Commands.h"
#include "app/SnapshotJson.h"
#include "core/Errors.h"
#include "core/ImageInput.h"
#include "core/TextFormat.h"
#include "engine/Adversarial.h"

namespace convoscope {
namespace {

struct AttackCommandOptions {
  ModelArguments model;
  std::string method = "fgsm";
  float epsilon = 8.f / 255;
  float alpha = 0;
  int steps = 10;
  bool randomStart = false;
  uint64_t seed = 0;
  int target = -1;
  bool findEpsilon = false;
  float maxEpsilon = 0.25f;
  bool json = false;
  std::string output;
};

AttackOptions attackOptionsOf(const AttackCommandOptions& o) {
  AttackOptions options;
  options.method = parseAttackMethod(o.method);
  options.epsilon = o.epsilon;
  options.alpha = o.alpha;
  options.steps = o.steps;
  options.randomStart = o.randomStart;
  options.seed = o.seed;
  if (o.target < -1) throw InputError("--target must be a class index (0 or more)");
  if (o.target >= 0) options.target = o.target;
  return options;
}

struct Change {
  double linf = 0, l2 = 0;
};

Change changeBetween(const std::vector<float>& a, const std::vector<float>& b) {
  Change c;
  for (size_t i = 0; i < a.size(); ++i) {
    const double d = static_cast<double>(b[i]) - a[i];
    c.linf = std::max(c.linf, std::abs(d));
    c.l2 += d * d;
  }
  c.l2 = std::sqrt(c.l2);
  return c;
}

struct AttackOutcome {
  Snapshot original, adversarial;
  Change change;
  std::optional<float> smallestFlip;
  bool searched = false;
};

nlohmann::json attackJson(const AttackOutcome& r, const AttackOptions& options, const std::string& output) {
  nlohmann::json j;
  j["method"] = attackMethodName(options.method);
  j["epsilon"] = options.epsilon;
  if (options.method == AttackMethod::Pgd) {
    j["alpha"] = options.alpha > 0 ? options.alpha : 2.5f * options.epsilon / options.steps;
    j["steps"] = options.steps;
    j["random_start"] = options.randomStart;
    if (options.randomStart) j["seed"] = options.seed;
  }
  j["target"] = options.target ? nlohmann::json(*options.target) : nlohmann::json(nullptr);
  j["original"] = predictionJson(r.original);
  j["adversarial"] = predictionJson(r.adversarial);
  j["flipped"] = r.original.top(1).at(0).index != r.adversarial.top(1).at(0).index;  // the class changed
  if (options.target) j["reached_target"] = r.adversarial.top(1).at(0).index == *options.target;
  j["linf"] = r.change.linf;
  j["l2"] = r.change.l2;
  if (r.searched)
    j["smallest_flip_epsilon"] = r.smallestFlip ? nlohmann::json(*r.smallestFlip) : nlohmann::json(nullptr);
  if (!output.empty()) j["output"] = output;
  return j;
}

void printOutcome(const AttackOutcome& r, const AttackOptions& options) {
  const ClassScore before = r.original.top(1).at(0), after = r.adversarial.top(1).at(0);
  std::cout << attackMethodName(options.method) << " with epsilon " << plainNumber(options.epsilon) << " ("
            << plainNumber(std::floor(options.epsilon * 255 + 1e-3)) << "/255)\n"
            << "original:    " << before.label << " (" << fixedNumber(before.probability) << ")\n"
            << "adversarial: " << after.label << " (" << fixedNumber(after.probability) << ")"
            << (before.index != after.index ? "  <- the class flipped" : "") << "\n"
            << "change: Linf " << fixedNumber(r.change.linf) << ", L2 " << fixedNumber(r.change.l2) << "\n";
  if (r.searched)
    std::cout << (r.smallestFlip ? "smallest flipping epsilon (FGSM): " + plainNumber(*r.smallestFlip)
                                 : std::string("no FGSM epsilon up to the search's end flips the class"))
              << "\n";
}

int runAttack(const AttackCommandOptions& o) {
  AttackOptions options = attackOptionsOf(o);
  if (!(o.maxEpsilon > 0 && o.maxEpsilon <= 1)) throw InputError("--max-epsilon must be in (0, 1]");
  auto model = CaptureModel::load(o.model.loadOptions());
  const PixelGeometry geometry = pixelGeometryOf(model->metadata().inputShape);
  const Normalization& norm = model->metadata().normalization;
  const std::vector<float> clean = imageToPixels(loadImage(o.model.imageOrDefault(*model)), geometry);
  AttackOutcome r;
  r.original = model->run(normalizePixels(clean, geometry, norm));
  checkAttackOptions(options, static_cast<int>(r.original.probabilities.size()));
  const int predicted = r.original.top(1).at(0).index;
  const std::vector<float> adversarial = attack(*model, clean, predicted, options);
  r.adversarial = model->run(normalizePixels(adversarial, geometry, norm));
  r.change = changeBetween(clean, adversarial);
  if (o.findEpsilon) {
    r.searched = true;
    r.smallestFlip = smallestFlippingEpsilon(*model, clean, predicted, options, o.maxEpsilon);
  }
  if (!o.output.empty()) {
    savePng(pixelsToImage(adversarial, geometry), o.output);
    if (!o.json) std::cerr << "wrote " << o.output << "\n";
  }
  if (o.json)
    std::cout << attackJson(r, options, o.output).dump() << "\n";
  else
    printOutcome(r, options);
  return 0;
}

void registerAttack(CLI::App& root, CommandAction& action) {
  auto options = std::make_shared<AttackCommandOptions>();
  CLI::App* cmd = root.add_subcommand("attack", "break the model on purpose: an FGSM or PGD adversarial input");
  options->model.addTo(cmd);
  cmd->add_option("--method", options->method, "fgsm (default) or pgd");
  cmd->add_option("--epsilon,-e", options->epsilon, "L-infinity budget in pixel values 0..1 (default 8/255)");
  cmd->add_option("--alpha", options->alpha, "PGD step size (default 2.5 epsilon / steps)");
  cmd->add_option("--steps", options->steps, "PGD steps (default 10)");
  cmd->add_flag("--random-start", options->randomStart, "PGD: start at a random point of the epsilon ball");
  cmd->add_option("--seed", options->seed, "PGD random start seed (default 0)");
  cmd->add_option("--target", options->target, "targeted: push towards this class index");
  cmd->add_flag("--find-epsilon", options->findEpsilon,
                "also search the smallest FGSM epsilon (on the 8-bit grid) that flips the class");
  cmd->add_option("--max-epsilon", options->maxEpsilon, "where --find-epsilon stops (default 0.25)");
  cmd->add_flag("--json", options->json,
                "JSON: method, epsilon, original and adversarial {class, label, probability}, flipped, linf, l2");
  cmd->add_option("-o,--output", options->output, "PNG of the adversarial input at the model's input size");
  cmd->callback([options, &action] { action = [options] { return runAttack(*options); }; });
}

}  // namespace

CONVOSCOPE_COMMAND(28, registerAttack);

}  // namespace convoscope
