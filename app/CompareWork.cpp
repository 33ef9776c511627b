#include "app/CompareWork.h"

#include <algorithm>
#include <cmath>

#include "core/Errors.h"
#include "core/SnapshotDifference.h"
#include "engine/Adversarial.h"

namespace convoscope {
namespace {

AttackOptions attackOptionsOf(const CompareRequest& r, const std::function<void(float)>& progress) {
  AttackOptions o;
  o.method = r.source == CompareSource::Pgd ? AttackMethod::Pgd : AttackMethod::Fgsm;
  o.epsilon = r.epsilon;
  o.steps = r.steps;
  o.randomStart = r.randomStart;
  o.seed = r.seed;
  o.target = r.target;
  o.progress = progress;
  return o;
}

// B's pixels: its image through the model's pipeline, or the attack on A's.
std::vector<float> pixelsOfB(const CaptureModel& model, const Snapshot& a, const CompareRequest& request,
                             const std::function<void(float)>& progress, CompareResult& out) {
  if (!request.isAttack()) {
    const Image image = loadImage(request.imagePath);
    out.note = conversionNote(image, out.geometry);
    return imageToPixels(image, out.geometry);
  }
  const std::vector<float> clean = pixelsOfSnapshot(model, a);
  const int predicted = a.top(1).at(0).index;
  AttackOptions options = attackOptionsOf(request, progress);
  checkAttackOptions(options, static_cast<int>(a.probabilities.size()));
  std::vector<float> pixels = attack(model, clean, predicted, options);
  if (request.source == CompareSource::Fgsm) {
    options.progress = {};
    out.smallestFlip = smallestFlippingEpsilon(model, clean, predicted, options, 0.25f);
  }
  return pixels;
}

}  // namespace

std::vector<float> pixelsOfSnapshot(const CaptureModel& model, const Snapshot& a) {
  const PixelGeometry g = pixelGeometryOf(model.metadata().inputShape);
  std::vector<float> pixels = a.layers.at(0).output.data;
  if (pixels.size() != g.values()) throw InputError("input A does not match the model's input shape");
  const size_t plane = static_cast<size_t>(g.height) * g.width;
  for (int c = 0; c < g.channels; ++c) {
    const auto [mean, stdev] = channelNormalization(model.metadata().normalization, c);
    for (size_t i = c * plane; i < (c + 1) * plane; ++i)
      pixels[i] = std::round(std::clamp(pixels[i] * stdev + mean, 0.f, 1.f) * 255.f) / 255.f;
  }
  return pixels;
}

CompareResult computeComparison(const CaptureModel& model, const Snapshot& a, const CompareRequest& request,
                                const std::function<void(float)>& progress) {
  CompareResult out;
  out.geometry = pixelGeometryOf(model.metadata().inputShape);
  out.pixels = pixelsOfB(model, a, request, progress, out);
  CaptureModel::ComparedRun run =
      model.runAgainst(normalizePixels(out.pixels, out.geometry, model.metadata().normalization), a);
  out.difference = std::make_shared<const Snapshot>(differenceSnapshot(a, run.snapshot));
  out.b = std::make_shared<const Snapshot>(std::move(run.snapshot));
  out.divergence = std::move(run.divergence);
  if (progress) progress(1.0f);
  return out;
}

std::optional<CompareRequest> compareRequestFrom(const std::string& imageB, const std::string& attack, float epsilon,
                                                 int steps, std::optional<int> target) {
  if (imageB.empty() && attack.empty()) return std::nullopt;
  if (!imageB.empty() && !attack.empty()) throw InputError("give input B as --image-b or --attack, not both");
  CompareRequest r;
  r.imagePath = imageB;
  if (!attack.empty())
    r.source = parseAttackMethod(attack) == AttackMethod::Pgd ? CompareSource::Pgd : CompareSource::Fgsm;
  r.epsilon = epsilon;
  r.steps = steps;
  r.target = target;
  return r;
}

CompareView parseCompareViewOption(const std::string& name) {
  if (name.empty()) return CompareView::Difference;
  if (const std::optional<CompareView> view = parseCompareView(name)) return *view;
  throw InputError("--compare-view " + name + ": unknown; one of a, b, diff");
}

void addComparisonToFrame(const CompareResult& result, CompareView view, double threshold,
                          const SceneLayout& layout, DivergenceCurve& curve, FrameContent& content) {
  std::vector<std::optional<double>> distances;
  for (const LayerDivergence& d : result.divergence) distances.push_back(d.distance());
  curve = layoutDivergenceCurve(layout, distances, threshold);
  content.divergence = &curve;
  const ClassScore b = result.b->top(1).at(0);
  const std::string predicted = " (predicted " + b.label + ")";
  if (view == CompareView::B) content.legendNote = "tiles: input B" + predicted;
  if (view == CompareView::Difference) content.legendNote = "tiles: A \xE2\x88\x92 B, input A minus input B";
}

BackgroundJob<CompareResult>::Work compareWork(std::shared_ptr<const CaptureModel> model,
                                               std::shared_ptr<const Snapshot> a, const CompareRequest& request) {
  return [model, a, request](const BackgroundJob<CompareResult>::Progress& progress) {
    return computeComparison(*model, *a, request, progress);
  };
}

}  // namespace convoscope
