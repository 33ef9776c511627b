// What the window's 3D view shows each frame: the FrameContent handed to the composer (network or playground,
// the computation card and its camera glides, the spotlight, the tour caption), drawn off-screen and copied
// into its place among the panels; and reading the window back for scripted captures.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/ReadableComputation.h"
#include "app/ViewerWindow.h"
#include "renderer/WindowTarget.h"
#include "scene/ComputationFraming.h"
#include "scene/PlaygroundFraming.h"
#include "scene/PlaygroundScene.h"
#include "ui/ComputationPanel.h"
#include "ui/PlaygroundPanel.h"
#include "ui/Theme.h"
#include "ui/TourSession.h"

namespace convoscope {

RgbaImage ViewerWindow::readWindowPixels() {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return readWindow({w, h});
}

// The selected cell's computation card for this frame: when opened (M, or the slide running), or faded in at
// the computation zoom level of the selected slab; nullopt when nothing of it would show. Glides the camera
// to it when the user has just opened it, or once when a presented tour step opens it.
std::optional<ComputationViewOptions> ViewerWindow::computationForFrame(const glm::ivec2& viewport) {
  ComputationState& c = state_.computation;
  ComputationViewOptions options;
  options.alpha = computationViewAlpha(state_.layout, state_.selection, state_.camera, c.open || c.animate,
                                       state_.view.zoom);
  options.animate = c.animate;
  options.slidePosition = c.slide.position();
  options.prediction = c.prediction;
  const bool opened = (c.open || c.animate) && state_.selection.hasCell();
  const bool justOpened = opened && !computationOpened_;
  computationOpened_ = opened;
  if (!opened) c.maxChannels = ComputationViewOptions{}.maxChannels, c.maxRows = ComputationViewOptions{}.maxRows;
  options.maxChannels = c.maxChannels;
  options.maxRows = c.maxRows;
  if (!opened && options.alpha <= 0.003f) return std::nullopt;  // nothing shows: nothing to build
  // Opened by the user (M, P, the slide keys or the panel): glide to where its numbers read, as `shot
  // --focus` frames it; at the overview the panel would be a few pixels beside its slab. A tour step that
  // opens it: once the tour camera has arrived at the cell, glide back to frame the whole panel (as `record`
  // frames it), once per step so the presenter can still move freely.
  const TourSession& tour = state_.tour;
  const bool tourFrames = tour.player && tour.holdApplied && tour.player->currentStep().math.open &&
                          computationFramedStep_ != tour.player->frame().step;
  if ((justOpened && !tour.player) || tourFrames) {
    // A presented step's card goes above its caption, never under it; beside the panels it writes out only
    // what reads at 11 px in the space there is.
    FrameRegion free = composer_->freeRegion(currentCaption(state_), viewport, state_.view);
    if (state_.sceneSize.y > 0.0f) {  // the slide's panel (shown with or without the others), bottom or top
      const float panel = (computationPanelHeight() + 24.0f) / state_.sceneSize.y;
      if (computationPanelAtTop(state_))
        free.min.y = std::max(free.min.y, panel);
      else
        free.max.y = std::min(free.max.y, 1.0f - panel);
    }
    ComputationViewOptions full = options;
    full.maxChannels = ComputationViewOptions{}.maxChannels;
    full.maxRows = ComputationViewOptions{}.maxRows;
    if (const std::optional<ReadableCard> card = readableComputation(
            *composer_, *state_.snapshot, state_.layout, state_.selection, full, state_.camera, viewport, free)) {
      if (tourFrames) computationFramedStep_ = tour.player->frame().step;
      options = card->options;
      c.maxChannels = options.maxChannels;
      c.maxRows = options.maxRows;
      flyTo(state_, card->pose, 0.6f);
    }
  }
  if (!tour.player || !tour.holdApplied) computationFramedStep_ = -1;  // moving to a step (again): frame anew
  return options;
}

// The playground has its own world: opening it keeps the model's camera pose and frames the playground,
// closing it puts the pose back; a new geometry is framed again. True while the playground is shown.
bool ViewerWindow::swapPlaygroundCamera(const glm::ivec2& viewport) {
  const float aspect = static_cast<float>(viewport.x) / std::max(1, viewport.y);
  if (state_.showPlayground != playgroundShown_) {
    playgroundShown_ = state_.showPlayground;
    stopAnimation(state_);
    state_.hover.reset();
    if (playgroundShown_) {
      modelPose_ = state_.camera.pose;
      framedGeometry_ = ConvGeometry{0, 0, 0, 0, 0};
    } else if (!state_.tour.player) {  // a presented tour places the camera itself
      state_.camera.pose = modelPose_;
    }
  }
  if (!playgroundShown_) return false;
  if (state_.reframePlayground) {  // F / Home: the starting three-quarter view again
    state_.reframePlayground = false;
    framedGeometry_ = ConvGeometry{0, 0, 0, 0, 0};
  }
  const ConvGeometry& g = state_.playground.geometry;
  if (g != framedGeometry_) {
    const bool first = framedGeometry_.inputSize == 0;
    framedGeometry_ = g;
    // Room above the plates for the controls window; while a tour presents it, below for the caption.
    const Bounds bounds = layoutPlayground(g, state_.playground.slide).bounds;
    const PlaygroundRoom room =
        presenting(state_) ? PlaygroundRoom::CaptionBelow : PlaygroundRoom::ControlsAbove;
    if (first)
      framePlayground(state_.camera, bounds, aspect, room);  // a three-quarter view to start with
    else
      refitPlayground(state_.camera, bounds, aspect, room);  // keep the user's orbit, fit the new size
  }
  return true;
}

// What the 3D view shows this frame, as one FrameContent for the composer (renderer/FrameComposer.h): the
// network with its computation card, or the playground instead; the spotlight; the tour caption.
FrameContent ViewerWindow::frameContent(const glm::ivec2& view, float ratio, float windowHeight) {
  const bool light = state_.lecture.theme == UiTheme::LightHighContrast;
  state_.view.showHeader = !state_.showPanels && !presenting(state_);  // panels / captions name it
  state_.view.backgroundTop = light ? kLightBackgroundTop : ViewOptions().backgroundTop;
  state_.view.backgroundBottom = light ? kLightBackgroundBottom : ViewOptions().backgroundBottom;
  state_.view.uiScale = 0.9f * contentScale_ * state_.lecture.uiScale;
  FrameContent content;
  content.snapshot = displayedSnapshot(state_);  // A, B or A − B (compare view)
  content.layout = &state_.layout;
  if (const CompareResult* compared = visibleCompare(state_)) {
    divergenceCurve_ = divergenceCurveFor(*compared, state_.compare.threshold, state_.layout);
    showComparison(*compared, state_.compare.view, divergenceCurve_, content);
  }
  content.view = state_.view;
  content.heat = visibleHeat(state_);
  if (state_.features.on) content.features = &state_.features.overlay;
  if (const FeatureOverlay* weights = visibleWeights(state_)) content.features = weights;
  content.gallery = visibleGallery(state_);
  timelineMark_ = visibleTimeline(state_);
  if (timelineMark_) content.timeline = &*timelineMark_;
  content.selection = state_.selection;
  if (swapPlaygroundCamera(view)) {
    content.playground =
        PlaygroundFrame{layoutPlayground(state_.playground.geometry, state_.playground.slide), {}, light};
    content.playground->camera = state_.camera;
  } else {
    content.computation = computationForFrame(view);
    if (state_.compare.view == CompareView::Difference && visibleCompare(state_))
      content.computation.reset();  // a − b is no layer's arithmetic
  }
  content.camera = state_.camera;  // after the framing above may have started a glide
  if (state_.lecture.spotlight && ImGui::IsMousePosValid()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    content.spotlight = SpotlightFrame{(glm::vec2(mouse.x, mouse.y) - state_.sceneOrigin) * ratio,
                                       std::max(60.0f, 0.11f * windowHeight) * ratio};
  }
  content.caption = currentCaption(state_);
  return content;
}

// The 3D view, composed off-screen at its size and copied into its place among the panels.
void ViewerWindow::drawView(float ratio, const glm::ivec2& windowSize, float windowHeight) {
  const glm::ivec2 origin(std::lround(state_.sceneOrigin.x * ratio),
                          std::lround(state_.sceneOrigin.y * ratio));
  const glm::ivec2 size(std::max(1L, std::lround(state_.sceneSize.x * ratio)),
                        std::max(1L, std::lround(state_.sceneSize.y * ratio)));
  const glm::ivec2 clamped = glm::min(size, glm::ivec2(kMaxFramebufferWidth, kMaxFramebufferHeight));
  if (!viewTarget_ || viewTarget_->width() != clamped.x || viewTarget_->height() != clamped.y)
    viewTarget_ = std::make_unique<Framebuffer>(clamped.x, clamped.y, kInteractiveSamples);
  const FrameContent content = frameContent(clamped, ratio, windowHeight);
  viewTarget_->bind();
  composer_->compose(content, clamped);
  presentInWindow(*viewTarget_, origin, windowSize);
}

}  // namespace convoscope
