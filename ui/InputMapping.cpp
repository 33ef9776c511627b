#include "ui/InputMapping.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

#include "ui/LayerGuidePanel.h"
#include "ui/PlaygroundPanel.h"

namespace convoscope {

const std::vector<Binding>& bindings() {
  static const std::vector<Binding> table = {
      {"Left-drag", "orbit around the target", "Camera"},
      {"Right-drag / middle-drag", "pan", "Camera"},
      {"Mouse wheel", "zoom toward the cursor", "Camera"},
      {"Tab", "fly mode on/off (mouse look)", "Camera"},
      {"W A S D", "fly forward / left / back / right", "Camera"},
      {"Q / E", "fly down / up", "Camera"},
      {"Shift (held)", "fly faster", "Camera"},
      {"F", "frame the selection (everything when none)", "Camera"},
      {"Home", "reset the view (a deep network wraps to fit it)", "Camera"},
      {"Click", "select a layer, channel tile or cell", "Selection"},
      {"Double-click", "fly to the slab or tile under the cursor", "Selection"},
      {"Left / Right arrow", "previous / next layer", "Selection"},
      {"Esc", "clear the selection (leave fly mode)", "Selection"},
      {"Arrow keys (Shift: 4)", "with a cell selected: move the cell", "Computation"},
      {"M", "open / close the selected cell's computation (the camera glides to it)", "Computation"},
      {"P", "play / pause the kernel slide", "Computation"},
      {", / .", "kernel slide: step back / forward one cell", "Computation"},
      {"[ / ]", "kernel slide: slower / faster", "Computation"},
      {"X", "what does the selected layer do? (layer guide)", "Learn"},
      {"G", "hyperparameter playground (kernel, stride, padding, dilation)", "Learn"},
      {"V", "features mode: every conv tile shows what its channel looks for", "Learn"},
      {"W", "weights mode: every conv tile shows its channel's filter (not in fly mode)", "Learn"},
      {"J / K", "training series open: previous / next checkpoint", "Learn"},
      {"T", "training series open: play / pause the timeline", "Learn"},
      {"C", "compare view: the slabs show input A, input B or A \xE2\x88\x92 B (with a B from the Compare tab)", "Learn"},
      {"P · , / . · [ / ]", "in the playground: play/pause, step back/forward, slower/faster", "Learn"},
      {"F / Home", "in the playground: frame its plates again", "Learn"},
      {"Drop a file", "open an image or a .pt model", "Window"},
      {"Ctrl+O", "open a file by path", "Window"},
      {"H", "hide / show the panels (refits the view at Home)", "Window"},
      {"F1 or ?", "show / hide this help", "Window"},
      {"F11", "fullscreen on/off", "Window"},
      {"F5 / Shift+F5", "present the tour from the start / from the step selected in the Tour tab",
       "Lecture"},
      {"Space, Right, PageDown", "presenting: next step (clickers send PageDown)", "Lecture"},
      {"Left, PageUp, Backspace", "presenting: previous step (clickers send PageUp)", "Lecture"},
      {"1 ... 9, 0", "presenting: jump to step 1-9, 0 = step 10", "Lecture"},
      {"Esc", "presenting: stop the tour", "Lecture"},
      {"Ctrl+Plus / Ctrl+Minus", "larger / smaller UI and labels (Ctrl+0 resets)", "Lecture"},
      {"L", "pointer spotlight on/off (dims the view but the area round the mouse; captions stay bright)",
       "Lecture"},
      {"Ctrl+R", "start / stop recording the view to MP4", "Lecture"},
  };
  return table;
}

namespace {
constexpr float kOrbitRadiansPerPixel = 0.006f;
constexpr float kLookRadiansPerPixel = 0.0025f;
constexpr float kZoomPerWheelStep = 0.85f;
}  // namespace

void InputMapping::mouseButton(ViewerState& state, MouseButton button, bool pressed,
                               const glm::vec2& position, double time) {
  const int b = static_cast<int>(button);
  if (pressed) {
    if (dragButton_ >= 0) return;  // a second button during a drag is ignored
    dragButton_ = b;
    dragMoved_ = false;
    pressAt_ = last_ = position;
    haveLast_ = true;
    return;
  }
  if (b != dragButton_) return;
  const bool wasClick = !dragMoved_;
  dragButton_ = -1;
  if (!wasClick || button != MouseButton::Left || state.flyMode) return;

  const std::optional<PickHit> hit = pickAt(state, position);
  const bool isDouble = lastClickTime_ >= 0 && time - lastClickTime_ < kDoubleClickSeconds &&
                        glm::length(position - lastClickAt_) < 2 * kDragThresholdPixels;
  lastClickTime_ = isDouble ? -1.0 : time;  // a triple click is a double click and a single one
  lastClickAt_ = position;
  if (isDouble) {
    if (hit) focusHit(state, *hit);
    return;
  }
  select(state, hit ? selectionFromHit(*hit) : Selection{});
}

void InputMapping::cursorMoved(ViewerState& state, const glm::vec2& position) {
  const glm::vec2 delta = haveLast_ ? position - last_ : glm::vec2(0.0f);
  last_ = position;
  haveLast_ = true;

  if (state.flyMode) {
    if (delta != glm::vec2(0.0f)) {
      stopAnimation(state);
      releaseFocusClip(state);
      state.camera.flyLook(-delta.x * kLookRadiansPerPixel, delta.y * kLookRadiansPerPixel);
      state.touch();
    }
    return;
  }
  if (dragButton_ >= 0) {
    if (!dragMoved_ && glm::length(position - pressAt_) < kDragThresholdPixels) return;
    if (!dragMoved_) {
      dragMoved_ = true;
      stopAnimation(state);
      releaseFocusClip(state);
      state.hover.reset();
    }
    if (dragButton_ == static_cast<int>(MouseButton::Left))
      state.camera.orbit(-delta.x * kOrbitRadiansPerPixel, delta.y * kOrbitRadiansPerPixel);
    else
      state.camera.pan(delta, state.sceneSize);
    state.touch();
    return;
  }
  const std::optional<PickHit> hit = pickAt(state, position);
  const bool changed =
      hit.has_value() != state.hover.has_value() ||
      (hit && (hit->slab != state.hover->slab || hit->cell.channel != state.hover->cell.channel ||
               hit->cell.y != state.hover->cell.y || hit->cell.x != state.hover->cell.x));
  state.hover = hit;
  state.hoverPixel = position;
  if (changed || hit) state.touch(2);
}

void InputMapping::scrolled(ViewerState& state, float wheelSteps, const glm::vec2& position) {
  if (wheelSteps == 0.0f) return;
  stopAnimation(state);
  const float factor = std::pow(kZoomPerWheelStep, wheelSteps);
  // Over geometry, zoom toward the exact point under the cursor; elsewhere toward the target's depth plane.
  if (const std::optional<PickHit> hit = pickAt(state, position))
    state.camera.zoomAt(hit->point, factor);
  else
    state.camera.zoomTowardCursor(position - state.sceneOrigin, state.sceneSize, factor);
  state.hover.reset();
  state.touch();
}

bool InputMapping::key(ViewerState& state, int key, bool pressed, int mods) {
  if (!pressed) return false;
  // Lecture keys first: while a tour is presenting, its keys (arrows included) win over the bindings below.
  if (handleTourKey(state, key, mods) || handleLectureKey(state, key, mods)) return true;
  if (handlePlaygroundKey(state, key, mods)) return true;   // its slide keys and framing while it is open
  if (handleComputationKey(state, key, mods)) return true;  // M P , . [ ] and arrows on a selected cell
  if (handleTimelineKey(state, key, mods)) return true;     // J K T while a training series is open
  const bool ctrl = (mods & GLFW_MOD_CONTROL) != 0;
  switch (key) {
    case GLFW_KEY_TAB:
      state.flyMode = !state.flyMode;
      haveLast_ = false;
      stopAnimation(state);
      state.touch();
      return true;
    case GLFW_KEY_F:
      if (ctrl) return false;
      frameSelection(state);
      return true;
    case GLFW_KEY_HOME:
      goHome(state);
      return true;
    case GLFW_KEY_LEFT:
      stepLayer(state, -1);
      return true;
    case GLFW_KEY_RIGHT:
      stepLayer(state, +1);
      return true;
    case GLFW_KEY_ESCAPE:
      if (state.showHelp)
        state.showHelp = false;
      else if (state.flyMode)
        state.flyMode = false;
      else
        select(state, {});
      state.touch();
      return true;
    case GLFW_KEY_X:
      if (ctrl) return false;
      toggleLayerGuidePanel(state);
      return true;
    case GLFW_KEY_G:
      if (ctrl) return false;
      togglePlayground(state);
      return true;
    case GLFW_KEY_C:
      if (ctrl) return false;
      cycleCompareView(state);
      return true;
    case GLFW_KEY_V:
      if (ctrl) return false;
      setFeaturesMode(state, !state.features.on);
      return true;
    case GLFW_KEY_W:  // outside fly mode, where W moves forward
      if (ctrl || state.flyMode) return false;
      setWeightsMode(state, !state.weights.on);
      return true;
    case GLFW_KEY_F1:
      state.showHelp = !state.showHelp;
      state.touch();
      return true;
    case GLFW_KEY_H:
      if (ctrl) return false;
      state.showPanels = !state.showPanels;
      state.touch();
      return true;
    case GLFW_KEY_F11:
      state.fullscreenRequested = true;
      state.touch();
      return true;
    default:
      return false;
  }
}

void InputMapping::character(ViewerState& state, unsigned codepoint) {
  if (codepoint == '?') {
    state.showHelp = !state.showHelp;
    state.touch();
  }
}

bool InputMapping::update(ViewerState& state, float dtSeconds, const std::function<bool(int)>& held) {
  glm::vec3 direction(0.0f);  // right, up, forward
  if (held(GLFW_KEY_W)) direction.z += 1;
  if (held(GLFW_KEY_S)) direction.z -= 1;
  if (held(GLFW_KEY_D)) direction.x += 1;
  if (held(GLFW_KEY_A)) direction.x -= 1;
  if (held(GLFW_KEY_E)) direction.y += 1;
  if (held(GLFW_KEY_Q)) direction.y -= 1;
  if (direction == glm::vec3(0.0f)) return false;
  stopAnimation(state);
  releaseFocusClip(state);
  // Speed scales with the model so a LeNet and a ResNet-50 take about as long to cross.
  const float size = state.layout.bounds.empty() ? 10.0f : std::max(state.layout.bounds.radius(), 1.0f);
  float speed = 0.35f * size;
  if (held(GLFW_KEY_LEFT_SHIFT) || held(GLFW_KEY_RIGHT_SHIFT)) speed *= 3.0f;
  state.camera.flyTranslate(glm::normalize(direction) * speed * std::min(dtSeconds, 0.1f));
  state.hover.reset();
  state.touch();
  return true;
}

void InputMapping::cursorLeftScene(ViewerState& state) {
  if (state.hover) {
    state.hover.reset();
    state.touch();
  }
}

}  // namespace convoscope
