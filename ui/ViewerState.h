#pragma once
// Everything the viewer shows and edits, plus the small commands that change it. Panels and input handlers
// call these commands; none of them touches GL or torch, so they are testable on their own.
#include <algorithm>
#include <glm/glm.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Snapshot.h"
#include "scene/OrbitCamera.h"
#include "scene/Picking.h"
#include "scene/Selection.h"
#include "scene/SlabLayout.h"
#include "scene/ViewOptions.h"
#include "ui/AttributionState.h"
#include "ui/CellGradient.h"
#include "ui/ChannelExamples.h"
#include "ui/ChannelFeature.h"
#include "ui/CompareState.h"
#include "ui/ComputationPanel.h"
#include "ui/FeaturesMode.h"
#include "ui/LectureSettings.h"
#include "ui/PanelMemory.h"
#include "ui/PlaygroundPanel.h"
#include "ui/TimelineState.h"
#include "ui/TourSession.h"
#include "ui/WeightsMode.h"

namespace convoscope {

class ThumbnailTextures;

// What the user asked to load. An empty modelPath keeps the current model; an empty imagePath lets the
// loader choose (the model's default image for a new model).
struct LoadRequest {
  std::string modelPath;
  std::string imagePath;
  std::optional<std::vector<int64_t>> inputShape;  // C,H,W for a model without metadata
};

struct Toast {
  std::string text;
  bool error = true;
  double shownAt = -1.0;  // set when first drawn
};

struct ViewerState {
  // Data on screen. The snapshot stays until a new one is ready, so a failed load changes nothing.
  std::shared_ptr<const Snapshot> snapshot;
  std::string modelPath, imagePath;
  std::vector<std::string> samplePaths;  // bundled sample images (assets/samples/*.png)
  SceneLayout layout;
  LayoutOptions layoutOptions;
  ViewOptions view;

  OrbitCamera camera;
  CameraAnimation animation;  // finished() when idle
  // After flying to a slab or tile: slabs closer than this (world units in front of the target) are clipped
  // by the near plane, so the layers after the focused one do not stand in the way. Cleared when the user
  // orbits, pans, flies or goes home.
  std::optional<float> focusClipDepth;
  // Where the last Home went: while the camera is still there, a change of the view's shape (a resize, the
  // panels shown or hidden) fits the overview again.
  std::optional<CameraPose> homePose;
  Selection selection;
  std::optional<PickHit> hover;
  glm::vec2 hoverPixel{0.0f};  // window pixels of the hovered point, for the tooltip

  // The 3D view's rectangle inside the window (window pixels, origin top-left): the panels sit around it.
  glm::vec2 sceneOrigin{0.0f};
  glm::vec2 sceneSize{1600.0f, 900.0f};

  bool showPanels = true;
  bool showHelp = false;
  bool showLayerGuide = false;     // X: the focused layer kind.s guide (ui/LayerGuidePanel.h)
  bool showPlayground = false;     // G: the hyperparameter playground (ui/PlaygroundPanel.h)
  bool reframePlayground = false;  // F / Home in the playground: the window frames its plates again
  bool flyMode = false;
  // --script runs: the kernel slides (playground, computation) move only on `advance` steps, never by the
  // wall clock, so a scripted check reads the same on a loaded machine as on an idle one.
  bool scriptedClock = false;

  // Loading: requests go out to the app's loader; the loader reports back through finishLoad/failLoad.
  std::vector<LoadRequest> outbox;
  bool loading = false;
  std::string loadingWhat;
  std::vector<Toast> toasts;
  std::optional<std::string> shapePromptFor;  // a model path that needs C,H,W from the user

  bool fullscreenRequested = false;  // F11; the window loop applies it
  TourSession tour;                  // the loaded tour and its presentation (ui/TourSession.h)
  LectureSettings lecture;           // projector theme, scales, spotlight, recording
  ComputationState computation;      // the selected cell's computation view and kernel slide (M, P, , . [ ])
  PlaygroundState playground;        // G: the hyperparameter playground's geometry and slide
  AttributionState attribution;      // "why this class?": heat maps over the slabs (ui/AttributionState.h)
  CellGradientState cellGradient;    // ∂y/∂cell of the selected cell (ui/CellGradient.h)
  ChannelFeatureState channelFeature;  // what the selected channel looks for (ui/ChannelFeature.h)
  FeaturesModeState features;          // V: every conv tile shows its channel's feature (ui/FeaturesMode.h)
  WeightsModeState weights;            // W: every conv tile shows its channel's filter (ui/WeightsMode.h)
  ChannelExamplesState channelExamples;  // which dataset images fire the selected channel (ui/ChannelExamples.h)
  CompareState compare;                  // input B beside A: A, B or A − B on the slabs (ui/CompareState.h)
  TimelineState timeline;                // a training series: the same input at every checkpoint (ui/TimelineState.h)
  // The checkpoint whose model the rest of the viewer uses (the window swaps its model to it); −1: none.
  int timelineModel = -1;
  PanelMemory panels;                // what the panels remember between frames (ui/PanelMemory.h)
  // Thumbnail textures for the input panel, owned by the window (renderer/); null headless and in tests.
  std::shared_ptr<ThumbnailTextures> thumbnails;
  bool quitRequested = false;
  int framesToDraw = 2;  // >0: something changed, draw (ImGui needs a frame or two to settle)

  void touch(int frames = 3) { framesToDraw = std::max(framesToDraw, frames); }
  float aspect() const { return sceneSize.x / std::max(sceneSize.y, 1.0f); }
};

// --- data ---
// Shows a new snapshot: lays it out, keeps a still-valid selection, flies home for a new model.
void showSnapshot(ViewerState& state, std::shared_ptr<const Snapshot> snapshot, bool newModel);
void relayout(ViewerState& state);  // after a layout option changed
void requestLoad(ViewerState& state, LoadRequest request);
void reportMessage(ViewerState& state, std::string text, bool error = true);
// A dropped or typed path: a .pt/.pth is a model, anything else an image.
void openPath(ViewerState& state, const std::string& path);
bool looksLikeModelFile(const std::string& path);
// Files dropped on the window: a model and/or an image to load; one image while the Compare tab is open is
// input B instead.
void dropPaths(ViewerState& state, const std::vector<std::string>& paths);
// The answer to the input-shape prompt: loads the model that asked for it with C,H,W.
void submitInputShape(ViewerState& state, const std::vector<int64_t>& chw);

// --- camera ---
void flyTo(ViewerState& state, const CameraPose& pose, float seconds = 0.5f);
CameraPose homeViewPose(const ViewerState& state);
void goHome(ViewerState& state, bool animate = true);
// True while an animation runs; moves the camera along it.
bool advanceAnimation(ViewerState& state, float dtSeconds);
void stopAnimation(ViewerState& state);  // the user took the camera: stay where it is now
// Sets camera.nearPlane for this frame from focusClipDepth (eased in while flying there).
void updateClipPlanes(ViewerState& state);
void releaseFocusClip(ViewerState& state);  // orbit/pan/fly: see everything again

// --- selection ---
void select(ViewerState& state, const Selection& selection);
Selection selectionFromHit(const PickHit& hit);
Bounds selectionBounds(const ViewerState& state, const Selection& selection);
void frameSelection(ViewerState& state);                // F: the selection, or everything when none
void focusLayer(ViewerState& state, int layer);         // select the layer's slab and fly to it
void focusHit(ViewerState& state, const PickHit& hit);  // double-click: the tile (or slab) under the cursor
void stepLayer(ViewerState& state, int delta);          // next/previous slab

// --- picking ---
// The hit under a window pixel, nullopt off the scene area or over nothing.
std::optional<PickHit> pickAt(const ViewerState& state, const glm::vec2& windowPixel);
// The value shown at a hit's cell (NaN when it has none).
float valueAt(const ViewerState& state, const PickHit& hit);
// Window pixel of a world point (for scripted clicks and tests).
glm::vec2 projectToWindow(const ViewerState& state, const glm::vec3& world);

}  // namespace convoscope
