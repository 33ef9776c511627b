#include "app/ReadableComputation.h"

#include <algorithm>
#include <array>

#include "scene/ComputationFraming.h"

namespace convoscope {

std::optional<ReadableCard> readableComputation(FrameComposer& composer, const Snapshot& snapshot,
                                                const SceneLayout& layout, const Selection& selection,
                                                const ComputationViewOptions& options, const OrbitCamera& camera,
                                                const glm::ivec2& viewport, const FrameRegion& region,
                                                float minPixels) {
  // From the full card down: (conv input channels, linear/softmax rows) written out.
  constexpr std::array<glm::ivec2, 8> kLevels{{{10, 12}, {8, 10}, {6, 8}, {5, 7}, {4, 6}, {3, 5}, {2, 4}, {1, 3}}};
  const float aspect = static_cast<float>(viewport.x) / static_cast<float>(std::max(viewport.y, 1));
  std::optional<ReadableCard> card;
  for (const glm::ivec2& level : kLevels) {
    ReadableCard candidate{options, {}, 0.0f};
    candidate.options.maxChannels = std::min(options.maxChannels, level.x);
    candidate.options.maxRows = std::min(options.maxRows, level.y);
    const std::optional<Bounds> bounds = composer.computationBounds(snapshot, layout, selection, candidate.options);
    if (!bounds) return card;
    OrbitCamera framing = camera;
    frameComputation(framing, *bounds, aspect, region);
    candidate.pose = framing.pose;
    candidate.numberPixels = composer.computationNumberPixels(framing, static_cast<float>(viewport.y));
    card = candidate;
    if (candidate.numberPixels >= minPixels || candidate.numberPixels == 0.0f) break;
  }
  return card;
}

}  // namespace convoscope
