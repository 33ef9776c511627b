#pragma once
// What the panels remember between frames: text being typed, which member of a folded slab a guide shows,
// cached histograms, scroll targets. It lives in ViewerState (never in function-local statics), so a test can
// make a fresh viewer and every cache knows which snapshot it was computed for (Snapshot::id).
#include <cstdint>
#include <string>
#include <vector>

#include "core/LayerCost.h"
#include "scene/Selection.h"

namespace convoscope {

// The layer guide (X): which member of the selected slab is shown, chosen for this selection and snapshot.
struct LayerGuideMemory {
  int shown = -1, shownFor = -1;
  uint64_t snapshotId = 0;
};

// The inspector's histogram of the selected channel (or layer), recomputed when the selection or snapshot
// changes.
struct HistogramMemory {
  uint64_t snapshotId = 0;
  int layer = -1, channel = -1;
  std::vector<float> bins;
  float lo = 0, hi = 0, mean = 0;
  ZeroShare zeros;  // the layer's share of exact zeros (and each channel's), made with the histogram
};

struct InputPanelMemory {
  bool focusPathField = false;
  std::string pathField;
};

// The input-shape prompt for a model without metadata: the C,H,W being typed, for which model.
struct ShapePromptMemory {
  int chw[3] = {3, 224, 224};
  std::string forPath;
};

struct TourEditorMemory {
  std::string pathField, shownPath;  // the path being typed; the session path it was last set from
  bool useSelection = true;          // "Add step from view" also records the selection
  std::string text;                  // the selected step's caption text being edited
  int editingStep = -1;
  std::vector<std::string> editingLines;  // the step's lines `text` was made from
};

struct PanelMemory {
  std::string timelinePathField;  // the Training tab's series path being typed
  LayerGuideMemory layerGuide;
  HistogramMemory histogram;
  InputPanelMemory input;
  ShapePromptMemory shapePrompt;
  TourEditorMemory tourEditor;
  int modelListScrolledTo = -2;  // the layer list scrolls to a selection made in 3D, once
  float inputPanelContent = 0;   // the input panel's content height last frame (0: not measured yet)
  Selection inspectorShown;      // a new selection brings the inspector tab to the front
  double lastFrameTime = -1;     // the window loop's clock at the previous UI frame (playground pace)
  std::string compareSavePath = "input-b.png";  // where the Compare tab saves B
  bool compareTabOpen = false;                  // a dropped image becomes input B while it is
};

}  // namespace convoscope
