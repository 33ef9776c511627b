#include "app/CompareWork.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

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
  if (request.source == CompareSource::Fgsm && request.searchFlip) {
    options.progress = [&progress](float) {  // the bar stays full; a cancelled job stops between batches
      if (progress) progress(1.0f);
    };
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

CompareView parseCompareViewOption(const std::string& name) {
  if (name.empty()) return CompareView::Difference;
  if (const std::optional<CompareView> view = parseCompareView(name)) return *view;
  throw InputError("--compare-view " + name + ": unknown; one of a, b, diff");
}

void showComparison(const CompareResult& result, CompareView view, const DivergenceCurve& curve,
                    FrameContent& content) {
  content.divergence = &curve;
  if (view == CompareView::B) {
    content.snapshot = result.b.get();
    content.legendNote = "tiles: input B (predicted " + result.b->top(1).at(0).label + ")";
  } else if (view == CompareView::Difference) {
    content.snapshot = result.difference.get();
    content.legendNote = "tiles: A \xE2\x88\x92 B, input A minus input B";
  }
}

std::vector<std::shared_ptr<const StepComparison>> tourComparisons(const Tour& tour, const std::string& tourPath,
                                                                   const CaptureModel& model, const Snapshot& a,
                                                                   const SceneLayout& layout) {
  std::vector<std::shared_ptr<const StepComparison>> out(tour.steps.size());
  std::vector<std::pair<CompareRequest, std::shared_ptr<const CompareResult>>> made;
  const std::filesystem::path folder = std::filesystem::path(tourPath).parent_path();
  for (size_t i = 0; i < tour.steps.size(); ++i) {
    const std::optional<TourCompare>& c = tour.steps[i].compare;
    if (!c) continue;
    std::string image = c->image;
    if (!image.empty() && std::filesystem::path(image).is_relative()) image = (folder / image).string();
    const CompareRequest request = *compareRequestFrom(image, c->attack, c->epsilon, c->steps, c->target);
    auto step = std::make_shared<StepComparison>();
    for (const auto& [asked, result] : made)
      if (asked == request) step->result = result;
    if (!step->result) {
      step->result = std::make_shared<const CompareResult>(computeComparison(model, a, request));
      made.emplace_back(request, step->result);
    }
    step->view = parseCompareView(c->view).value_or(CompareView::Difference);
    step->curve = divergenceCurveFor(*step->result, kDivergenceThreshold, layout);
    out[i] = step;
  }
  return out;
}

BackgroundJob<CompareResult>::Work compareWork(std::shared_ptr<const CaptureModel> model,
                                               std::shared_ptr<const Snapshot> a, const CompareRequest& request) {
  return [model, a, request](const BackgroundJob<CompareResult>::Progress& progress) {
    return computeComparison(*model, *a, request, progress);
  };
}

}  // namespace convoscope
