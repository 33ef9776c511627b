#include "scene/Caption.h"

#include <algorithm>

namespace convoscope {

float legendReserve(const glm::vec2& frame) { return 450.0f * std::max(0.75f, frame.y / 1080.0f); }

bool legendFits(const glm::vec2& frame) { return legendReserve(frame) <= 0.4f * frame.x; }

float captionLeftReserve(const glm::vec2& frame, bool legendShown) {
  return legendShown && legendFits(frame) ? legendReserve(frame) : 0.0f;
}

float headerBottom(float ui) { return (28.0f + 54.0f + 12.0f) * ui; }  // margin, two lines, padding

}  // namespace convoscope
