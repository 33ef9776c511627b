#pragma once
// Our short explanation of every layer kind (CNN Explainer's tutorial article, one card per kind): what the
// layer computes (with its formula), why a network has it, and what its hyperparameters do. Pure text, no
// ImGui: ui/LayerGuidePanel.cpp shows it for the focused layer.
#include <string>

#include "core/Snapshot.h"

namespace convoscope {

struct LayerGuide {
  const char* title = "";
  const char* formula = "";          // one line, UTF-8, subscripts as _{…} (scene/FormulaRuns.h)
  const char* computes = "";         // what it computes
  const char* why = "";              // why it is there
  const char* hyperparameters = "";  // what its settings do ("" never: kinds without settings say so)
};

const LayerGuide& layerGuide(LayerKind kind);

// The focused layer's own settings in words, e.g. "3×3 kernel, stride 1, padding 1, 10 filters (input 10
// channels)"; for kinds without settings, what it does to the shape. Never empty.
std::string describeLayerSettings(const Layer& layer);

}  // namespace convoscope
