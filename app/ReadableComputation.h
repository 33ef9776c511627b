#pragma once
// The computation card laid out for the space it has: as many input channels (conv) and rows (linear,
// softmax) written out as keep every number at least 11 px tall once the card is framed in the viewport; the
// rest is summed in one line, as a large fan-in always is. The window uses it when a card opens (by the user
// or a presented tour step), so a card beside the panels at 1600×900 stays readable.
#include <glm/glm.hpp>
#include <optional>

#include "renderer/FrameComposer.h"
#include "scene/OrbitCamera.h"
#include "scene/RegionFraming.h"

namespace convoscope {

constexpr float kMinNumberPixels = 11.0f;  // the smallest number a card may show once framed

struct ReadableCard {
  ComputationViewOptions options;  // `options` as asked, with maxChannels/maxRows chosen
  CameraPose pose;                 // the card framed in the region
  float numberPixels = 0.0f;       // the smallest number's height there (0: the card writes none)
};

// nullopt when there is no card for `selection`. When even the most compact card reads smaller than
// `minPixels`, that most compact card.
std::optional<ReadableCard> readableComputation(FrameComposer& composer, const Snapshot& snapshot,
                                                const SceneLayout& layout, const Selection& selection,
                                                const ComputationViewOptions& options, const OrbitCamera& camera,
                                                const glm::ivec2& viewport, const FrameRegion& region,
                                                float minPixels = kMinNumberPixels);

}  // namespace convoscope
