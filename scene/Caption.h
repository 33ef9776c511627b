#pragma once
// A presented tour step's caption card as data: what it says and how visible it is. renderer/CaptionOverlay
// lays it out and draws it.
#include <glm/glm.hpp>
#include <string>
#include <vector>

namespace convoscope {

struct Caption {
  std::string title;
  std::vector<std::string> lines;
  std::string counter;  // "3 / 14"; empty for none
  float alpha = 1.0f;   // fades the whole card
  float scale = 1.0f;   // the presenter's caption size setting, times the frame-height sizing
};

// The renderer's colour legend sits bottom-left, about 420 px wide at its 1080p scale (never below 0.75 of
// it): a caption card goes right of it. A frame too narrow for both drops the legend so the caption has room.
float legendReserve(const glm::vec2& frame);
bool legendFits(const glm::vec2& frame);
// How far from the left edge a caption card may start: past the legend when it is shown and fits, else 0.
float captionLeftReserve(const glm::vec2& frame, bool legendShown);
// The renderer's header card (the model's name and a detail line) sits top-left: its bottom edge in pixels
// at UI scale `ui` (renderer/SceneOverlays draws it to this edge). A tour's computation card is framed below it.
float headerBottom(float ui);

}  // namespace convoscope
