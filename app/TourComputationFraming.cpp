#include "app/TourComputationFraming.h"

#include <algorithm>
#include <optional>
#include <string>

#include "scene/ComputationFraming.h"

namespace convoscope {

Caption tourStepCaption(const Tour& tour, size_t step, float alpha) {
  const TourStep& s = tour.steps.at(step);
  return Caption{s.title, s.text, std::to_string(step + 1) + " / " + std::to_string(tour.steps.size()), alpha};
}

std::optional<Bounds> stepComputationBounds(FrameComposer& composer, const Snapshot& snapshot,
                                            const SceneLayout& layout, const Selection& selection,
                                            const TourMath& math) {
  ComputationViewOptions still;
  still.prediction = math.prediction;
  if (!math.playing && math.position <= 0.0f) return composer.computationBounds(snapshot, layout, selection, still);
  std::optional<Bounds> all;
  constexpr int kSamples = 8;  // the card moves row by row with the window: its ends and a few rows between
  for (int i = 0; i <= kSamples; ++i) {
    ComputationViewOptions options = still;
    options.animate = true;
    options.slidePosition = math.position + (1.0f - math.position) * static_cast<float>(i) / kSamples;
    const std::optional<Bounds> bounds = composer.computationBounds(snapshot, layout, selection, options);
    if (!bounds) return std::nullopt;
    if (!all) all = Bounds{};
    all->include(*bounds);
  }
  return all;
}

Tour withComputationFraming(const Tour& tour, FrameComposer& composer, const Snapshot& snapshot,
                            const SceneLayout& layout, const std::vector<Selection>& selections,
                            const OrbitCamera& camera, const glm::ivec2& size, const ViewOptions& view) {
  Tour framed = tour;
  const float aspect = static_cast<float>(size.x) / static_cast<float>(std::max(size.y, 1));
  for (size_t i = 0; i < framed.steps.size(); ++i) {
    TourStep& step = framed.steps[i];
    if (!step.math.open || step.pose) continue;
    const std::optional<Bounds> bounds = stepComputationBounds(composer, snapshot, layout, selections[i], step.math);
    if (!bounds) continue;
    OrbitCamera framing = camera;
    frameComputation(framing, *bounds, aspect, composer.freeRegion(tourStepCaption(tour, i), size, view));
    step.pose = framing.pose;
  }
  return framed;
}

}  // namespace convoscope
