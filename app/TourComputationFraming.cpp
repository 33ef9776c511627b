#include "app/TourComputationFraming.h"

#include <algorithm>
#include <optional>
#include <string>

#include "app/ReadableComputation.h"
#include "scene/ComputationFraming.h"
#include "scene/ShotFraming.h"
#include "scene/TourFraming.h"

namespace convoscope {

Caption tourStepCaption(const Tour& tour, size_t step, float alpha) {
  const TourStep& s = tour.steps.at(step);
  return Caption{s.title, s.text, std::to_string(step + 1) + " / " + std::to_string(tour.steps.size()), alpha};
}

std::optional<Bounds> stepComputationBounds(FrameComposer& composer, const Snapshot& snapshot,
                                            const SceneLayout& layout, const Selection& selection,
                                            const TourMath& math, const ComputationViewOptions& card) {
  if (!math.playing && math.position <= 0.0f) return composer.computationBounds(snapshot, layout, selection, card);
  std::optional<Bounds> all;
  constexpr int kSamples = 8;  // the window walks the input: the receptive field moves, the card holds still
  for (int i = 0; i <= kSamples; ++i) {
    ComputationViewOptions options = card;
    options.animate = true;
    options.slidePosition = math.position + (1.0f - math.position) * static_cast<float>(i) / kSamples;
    const std::optional<Bounds> bounds = composer.computationBounds(snapshot, layout, selection, options);
    if (!bounds) return std::nullopt;
    if (!all) all = Bounds{};
    all->include(*bounds);
  }
  return all;
}

FramedTour withComputationFraming(const Tour& tour, FrameComposer& composer, const Snapshot& snapshot,
                                  const SceneLayout& layout, const std::vector<Selection>& selections,
                                  const OrbitCamera& camera, const glm::ivec2& size, const ViewOptions& view) {
  FramedTour framed{tour, std::vector<ComputationViewOptions>(tour.steps.size())};
  const float aspect = static_cast<float>(size.x) / static_cast<float>(std::max(size.y, 1));
  for (size_t i = 0; i < tour.steps.size(); ++i) {
    TourStep& step = framed.tour.steps[i];
    ComputationViewOptions& card = framed.cards[i];
    card.prediction = step.math.prediction;
    if (step.pose) continue;
    const FrameRegion free = composer.freeRegion(tourStepCaption(tour, i), size, view);
    if (!step.focus) step.pose = overviewPoseInRegion(layout, kTourFovY, aspect, free);
    if (!step.math.open) continue;
    if (const std::optional<ReadableCard> readable =
            readableComputation(composer, snapshot, layout, selections[i], card, camera, size, free))
      card = readable->options;
    const std::optional<Bounds> bounds = stepComputationBounds(composer, snapshot, layout, selections[i], step.math, card);
    if (!bounds) continue;
    OrbitCamera framing = camera;
    frameComputation(framing, *bounds, aspect, free);
    step.pose = framing.pose;
  }
  return framed;
}

}  // namespace convoscope
