#pragma once
// How the network is drawn: colour ranges and map, which overlays show, the cut-away, text scale, backdrop.
// Plain data the viewer's settings panel edits and the renderer reads.
#include <glm/glm.hpp>

#include "scene/SemanticZoom.h"
#include "scene/ValueRange.h"

namespace convoscope {

enum class ColourMapChoice { Automatic, Diverging, Sequential };  // Automatic: diverging for signed ranges

struct ViewOptions {
  RangeMode rangeMode = RangeMode::Unit;
  ColourMapChoice colourMap = ColourMapChoice::Automatic;
  bool showLabels = true;
  bool showLegend = true;
  bool showHeader = true;
  bool showArcs = true;
  bool showFlowLines = true;
  // With a selection, slabs between the selected one and the eye are drawn as faint outlines only, so that
  // the selected slab is never hidden behind later layers (what the viewer's F key and `shot --focus` rely
  // on).
  bool cutAwayInFront = true;
  float uiScale = 0.0f;  // text and overlay scale; 0: viewport height / 1080
  // Backdrop gradient; the viewer's light projector theme sets a pale one.
  glm::vec3 backgroundTop{0.085f, 0.10f, 0.13f}, backgroundBottom{0.03f, 0.035f, 0.05f};
  SemanticZoomThresholds zoom;
};

// The light projector theme's pale backdrop (the floating labels turn dark on it).
inline const glm::vec3 kLightBackgroundTop{0.97f, 0.975f, 0.985f};
inline const glm::vec3 kLightBackgroundBottom{0.86f, 0.875f, 0.90f};

}  // namespace convoscope
