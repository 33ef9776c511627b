#pragma once
// Internal to SceneRenderer's source files (SceneRenderer.cpp, SceneTiles.cpp, SceneLabels.cpp, ...): the
// palette, the instance layouts the shaders read, and the per-frame context every pass receives.
#include <cstdint>
#include <cstring>
#include <glm/glm.hpp>
#include <vector>

#include "renderer/SceneRenderer.h"

namespace convoscope {

namespace scene_detail {

// Keys for what SceneRenderer may keep between frames (SceneCache.cpp, SceneFrameReuse.cpp).
inline uint64_t hashMix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h;
}
inline uint64_t hashMixFloat(uint64_t h, float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  return hashMix(h, bits);
}
// The selected layer, channel and cell (-2 for each part not selected).
inline uint64_t hashMixSelection(uint64_t h, const Selection& selection) {
  const int parts[] = {selection.layer.value_or(-2), selection.channel.value_or(-2), selection.y.value_or(-2),
                       selection.x.value_or(-2)};
  for (int part : parts) h = hashMix(h, static_cast<uint64_t>(part));
  return h;
}
uint64_t snapshotKeyOf(const Snapshot& snapshot);
uint64_t layoutKeyOf(const SceneLayout& layout);  // the slabs' geometry and grids

// What the per-frame passes read: render()'s arguments plus what is derived from them once per frame.
struct Frame {
  const Snapshot& snapshot;
  const SceneLayout& layout;
  const OrbitCamera& camera;
  const Selection& selection;
  const ViewOptions& options;
  glm::vec2 viewport;
  float ui;                      // scale of screen-space sizes (line widths, text, cards)
  const std::vector<bool>& cut;  // per slab: cut away in front of the selection (scene/CutAway.h)
  glm::vec3 eye;                 // camera position
  glm::mat4 viewProjection;      // with clip planes that hug the layout
  int selectedSlab;              // -1 when no slab is selected
  SlabOverlays overlays;         // feature pictures and attribution maps over the tiles, each optional
};

constexpr float kMargin = 28.0f;  // from the screen edges to the cards (header, legend, timeline), before UI scaling

// Palette (linear-ish sRGB as written to an 8-bit target).
namespace colours {
inline const glm::vec3 backgroundTop(0.085f, 0.10f, 0.13f);
inline const glm::vec3 backgroundBottom(0.03f, 0.035f, 0.05f);
inline const glm::vec3 slab(0.15f, 0.175f, 0.22f);
inline const glm::vec3 slabSelected(0.20f, 0.25f, 0.34f);
inline const glm::vec3 emptyCell(0.11f, 0.13f, 0.16f);
inline const glm::vec4 slabEdge(0.42f, 0.50f, 0.63f, 0.55f);
inline const glm::vec4 flow(0.45f, 0.55f, 0.72f, 0.16f);
inline const glm::vec4 laneLink(0.55f, 0.65f, 0.82f, 0.55f);  // stronger than flow: it carries the eye
inline const glm::vec4 residualArc(0.72f, 0.58f, 1.0f, 0.85f);
inline const glm::vec4 concatArc(0.35f, 0.85f, 0.80f, 0.85f);
inline const glm::vec4 selection(0.35f, 0.80f, 1.0f, 1.0f);
inline const glm::vec4 cellSelection(0.35f, 0.80f, 1.0f, 1.0f);
inline const glm::vec4 title(0.93f, 0.95f, 0.98f, 1.0f);
inline const glm::vec4 detail(0.60f, 0.66f, 0.76f, 1.0f);
inline const glm::vec4 winner(1.0f, 0.72f, 0.28f, 1.0f);
inline const glm::vec4 bar(0.42f, 0.55f, 0.78f, 1.0f);
inline const glm::vec4 barTrack(0.16f, 0.19f, 0.25f, 1.0f);
inline const glm::vec4 card(0.06f, 0.075f, 0.10f, 0.82f);
}  // namespace colours

// One slab box of the instanced cube draw (slabs.vert attributes 2-4).
struct SlabInstance {
  glm::vec3 centre, size;
  glm::vec4 colour;
};

// One tile or far-view image of the instanced quad draw (tiles.vert attributes 1-5).
struct TileInstance {
  glm::vec4 rect;   // x0, y0, x1, y1
  glm::vec4 meta;   // z, slab, kind (renderer/TileKind.h), LUT row
  glm::vec4 block;  // texel x, y, page, channel stride
  glm::vec4 cells;  // cols, rows, lo, hi
  glm::vec4 tint;   // rgb, brightness
};

// Clip-space position to pixels (origin top left).
inline glm::vec2 toScreen(const glm::vec4& clip, const glm::vec2& viewport) {
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  return {(ndc.x * 0.5f + 0.5f) * viewport.x, (0.5f - ndc.y * 0.5f) * viewport.y};
}

// The colour-map row of the lookup-table atlas for a range under the user's colour-map choice.
inline int lutRowFor(ColourMapChoice choice, const ValueRange& range) {
  switch (choice) {
    case ColourMapChoice::Diverging:
      return static_cast<int>(ColorMapKind::Diverging);
    case ColourMapChoice::Sequential:
      return static_cast<int>(ColorMapKind::Sequential);
    default:
      return static_cast<int>(colorMapFor(range));
  }
}

}  // namespace scene_detail
}  // namespace convoscope
