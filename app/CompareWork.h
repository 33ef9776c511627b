#pragma once
// Input B for the compare view, computed off the frame thread (and by shot/record, which call it directly):
// B from an image file through the model's pipeline, or an adversarial twin of A (FGSM/PGD in pixel space,
// engine/Adversarial.h); then B captured against A in one pass (CaptureModel::runAgainst) and A − B.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/BackgroundJob.h"
#include "engine/CaptureModel.h"
#include "renderer/FrameComposer.h"
#include "scene/DivergenceCurve.h"
#include "scene/Tour.h"
#include "ui/CompareState.h"

namespace convoscope {

// A's input back in pixel space: the snapshot holds it normalized; A came from an 8-bit image, so rounding to
// levels recovers it exactly.
std::vector<float> pixelsOfSnapshot(const CaptureModel& model, const Snapshot& a);

// Throws InputError for an unreadable B, bad attack settings or a model without gradients (attacks only).
CompareResult computeComparison(const CaptureModel& model, const Snapshot& a, const CompareRequest& request,
                                const std::function<void(float)>& progress = {});

BackgroundJob<CompareResult>::Work compareWork(std::shared_ptr<const CaptureModel> model,
                                               std::shared_ptr<const Snapshot> a, const CompareRequest& request);

// "a", "b", "diff"; "" is "diff" (what a comparison is for). Throws InputError for anything else.
CompareView parseCompareViewOption(const std::string& name);

// Points a frame (window, shot, record alike) at the compare view: the snapshot the slabs show, the fence
// (`curve` must outlive the frame) and the legend's note on what the tiles show.
void showComparison(const CompareResult& result, CompareView view, const DivergenceCurve& curve,
                    FrameContent& content);

// A tour's compare steps, each B computed once per distinct request before the first frame (record).
struct StepComparison {
  std::shared_ptr<const CompareResult> result;
  CompareView view = CompareView::Difference;
  DivergenceCurve curve;
};
std::vector<std::shared_ptr<const StepComparison>> tourComparisons(const Tour& tour, const std::string& tourPath,
                                                                   const CaptureModel& model, const Snapshot& a,
                                                                   const SceneLayout& layout);

}  // namespace convoscope
