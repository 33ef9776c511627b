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

// The CLI's compare flags as a request: B from `imageB`, or A attacked by `attack` ("fgsm", "pgd"); nullopt
// when neither is given. Throws InputError for both, or an unknown attack.
std::optional<CompareRequest> compareRequestFrom(const std::string& imageB, const std::string& attack, float epsilon,
                                                 int steps, std::optional<int> target);
// "a", "b", "diff"; "" is "diff" (what a comparison is for). Throws InputError for anything else.
CompareView parseCompareViewOption(const std::string& name);

// Adds the compare view to a frame (window, shot, record alike): the divergence curve, kept in `curve`, which
// the content points at, and the legend's note on what the tiles show.
void addComparisonToFrame(const CompareResult& result, CompareView view, double threshold,
                          const SceneLayout& layout, DivergenceCurve& curve, FrameContent& content);

}  // namespace convoscope
