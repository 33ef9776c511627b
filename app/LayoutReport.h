#pragma once
// `shot --layout-report R.json`: what a frame shows, in pixels — the frame's size, every slab's rectangle (and
// lane) and every floating label's rectangle (x0, y0, x1, y1; origin top-left), the share of the frame the
// slabs' bounding rectangle covers (`fill`), the lanes and named stages of a wrapped network — for tests and
// anyone checking a picture (does the network fill the frame? do labels overlap? does the caption leave the
// computation card alone?).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/Snapshot.h"
#include "renderer/FrameComposer.h"
#include "renderer/SceneRenderer.h"
#include "scene/OrbitCamera.h"
#include "scene/SlabLayout.h"

namespace convoscope {

// The cards drawn over the network, when there are any.
struct ReportedCards {
  std::optional<Bounds> computation;  // the computation card's world bounds (ComposedFrame::computationBounds)
  float computationNumberPixels = 0.0f;  // the height of its smallest number on screen
  std::optional<glm::vec4> caption;   // the caption card's pixel rectangle (FrameComposer::captionRect)
};

// What a composed frame drew over the network: its computation card and its caption.
ReportedCards cardsOf(FrameComposer& composer, const FrameContent& content, const ComposedFrame& composed,
                      const glm::ivec2& frame);

nlohmann::json layoutReport(const Snapshot& snapshot, const SceneLayout& layout, const OrbitCamera& camera,
                            const glm::ivec2& frame, const FrameStats& stats, const ReportedCards& cards = {});
// Writes it atomically; throws std::runtime_error naming `path` on failure.
void writeLayoutReport(const nlohmann::json& report, const std::string& path);

}  // namespace convoscope
