#pragma once
// A tour step that opens the computation frames the whole card (as `shot --focus L:C:Y,X` does, not just the
// cell) in the part of the frame its caption leaves free, so the caption never hides the numbers it talks
// about. `record` bakes these poses into the tour it plays; tests check every step of a tour with them.
#include <glm/glm.hpp>
#include <optional>
#include <vector>

#include "core/Snapshot.h"
#include "renderer/FrameComposer.h"
#include "scene/Caption.h"
#include "scene/OrbitCamera.h"
#include "scene/Selection.h"
#include "scene/SlabLayout.h"
#include "scene/Tour.h"
#include "scene/ViewOptions.h"

namespace convoscope {

// What a recorded step's caption card says: its title, its text and "3 / 14".
Caption tourStepCaption(const Tour& tour, size_t step, float alpha = 1.0f);

// Where the card of a step's cell (`selection`) and what it points at go over the whole step: while the kernel
// slide plays the card holds still beside its tile but its receptive field walks the input, so this is the
// union of the bounds along the slide. nullopt: no card.
// `card`: what the card writes out (maxChannels, maxRows) and whether it is the prediction's softmax alone.
std::optional<Bounds> stepComputationBounds(FrameComposer& composer, const Snapshot& snapshot,
                                            const SceneLayout& layout, const Selection& selection,
                                            const TourMath& math, const ComputationViewOptions& card);

struct FramedTour {
  Tour tour;  // with a pose for every step that opens the computation or shows the overview
  std::vector<ComputationViewOptions> cards;  // per step: its card laid out for the frame (ReadableComputation)
};

// Every step that opens the computation and has no pose of its own gets one: its card, laid out to read at
// 11 px where it can, framed in the part of a `size` frame that the step's caption and `view`'s header leave free.
// So does every overview step (no focus): the whole network above its caption, the prediction included.
FramedTour withComputationFraming(const Tour& tour, FrameComposer& composer, const Snapshot& snapshot,
                                  const SceneLayout& layout, const std::vector<Selection>& selections,
                                  const OrbitCamera& camera, const glm::ivec2& size, const ViewOptions& view);

}  // namespace convoscope
