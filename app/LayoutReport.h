#pragma once
// `shot --layout-report R.json`: what a frame shows, in pixels — the frame's size, every slab's rectangle and
// every floating label's rectangle (x0, y0, x1, y1; origin top-left) — for tests and anyone checking a picture
// (does the network fill the frame? do labels overlap?).
#include <nlohmann/json.hpp>
#include <string>

#include "core/Snapshot.h"
#include "renderer/SceneRenderer.h"
#include "scene/OrbitCamera.h"
#include "scene/SlabLayout.h"

namespace convoscope {

nlohmann::json layoutReport(const Snapshot& snapshot, const SceneLayout& layout, const OrbitCamera& camera,
                            const glm::ivec2& frame, const FrameStats& stats);
// Writes it atomically; throws std::runtime_error naming `path` on failure.
void writeLayoutReport(const nlohmann::json& report, const std::string& path);

}  // namespace convoscope
