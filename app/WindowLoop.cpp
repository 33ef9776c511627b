#include "app/WindowLoop.h"

#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include "app/BackgroundLoader.h"
#include "app/LiveRecorder.h"
#include "app/ViewerWindow.h"
#include "renderer/CaptionOverlay.h"
#include "renderer/Framebuffer.h"
#include "renderer/GlDebug.h"
#include "renderer/MathView.h"
#include "renderer/PlaygroundView.h"
#include "renderer/PngWriter.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SpotlightVeil.h"
#include "scene/PlaygroundScene.h"
#include "ui/ComputationPanel.h"
#include "ui/InputMapping.h"
#include "ui/InputPanel.h"
#include "ui/PlaygroundPanel.h"
#include "ui/StatusOverlay.h"
#include "ui/Theme.h"
#include "ui/TourSession.h"
#include "ui/ViewerState.h"
#include "ui/ViewerUi.h"

namespace convoscope {

namespace {

std::vector<std::string> bundledSamples() {
  std::vector<std::string> out;
  std::error_code ec;
  const auto dir = std::filesystem::path(assetsDirectory()) / "samples";
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".png" || ext == ".jpg" || ext == ".jpeg"))
      out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

ViewerWindow* self(GLFWwindow* w) { return static_cast<ViewerWindow*>(glfwGetWindowUserPointer(w)); }

void glfwError(int code, const char* description) {
  std::fprintf(stderr, "convoscope: GLFW error %d: %s\n", code, description);
}

}  // namespace

ViewerWindow::~ViewerWindow() {
  if (!window_) return;
  glfwMakeContextCurrent(window_);
  if (recorder_) stopRecording();  // closing the window keeps what was recorded
  releaseInputPanelTextures();
  captions_.reset();
  sceneTarget_.reset();
  math_.reset();
  playground_.reset();
  spotlight_.reset();
  renderer_.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void ViewerWindow::open() {
  if (!glfwInit())  // the error callback comes after, so this failure is reported in one line
    throw std::runtime_error(
        "cannot open a window (no display? DISPLAY is unset or unreachable); "
        "`convoscope shot` renders without one");
  glfwSetErrorCallback(glfwError);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  glfwWindowHint(GLFW_SAMPLES, 0);  // the scene is multisampled offscreen; the window only shows it

  int monitorCount = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&monitorCount);
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  if (options_.monitor > 0) {
    if (options_.monitor > monitorCount)
      std::fprintf(stderr, "convoscope: --monitor %d: only %d monitor(s); using the primary one\n",
                   options_.monitor, monitorCount);
    else
      monitor = monitors[options_.monitor - 1];
  }
  window_ = glfwCreateWindow(options_.width, options_.height, "Convoscope", nullptr, nullptr);
  if (!window_) throw std::runtime_error("cannot create an OpenGL 3.3 core window");
  glfwSetWindowUserPointer(window_, this);
  if (monitor) {  // centre on the chosen monitor
    int mx = 0, my = 0, mw = 0, mh = 0;
    glfwGetMonitorWorkarea(monitor, &mx, &my, &mw, &mh);
    int ww = 0, wh = 0;
    glfwGetWindowSize(window_, &ww, &wh);
    if (mw > 0 && mh > 0)
      glfwSetWindowPos(window_, mx + std::max(0, (mw - ww) / 2), my + std::max(0, (mh - wh) / 2));
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  if (glDebugRequested()) enableGlDebugOutput();

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; write nothing into the working directory
  float scaleX = 1.0f, scaleY = 1.0f;
  glfwGetWindowContentScale(window_, &scaleX, &scaleY);
  contentScale_ = std::clamp(scaleX, 1.0f, 4.0f);
  setUpTheme(contentScale_);
  installCallbacks();  // before the ImGui backend, which chains to ours
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  renderer_ = std::make_unique<SceneRenderer>();
  // The math view, playground, spotlight and captions are made when first needed: each bakes a font atlas
  // or compiles shaders (~60 ms a font), which the first frame should not wait for.
  for (int i = 0; i < monitorCount; ++i) {
    const char* name = glfwGetMonitorName(monitors[i]);
    state_.lecture.monitors.push_back(std::to_string(i + 1) + ": " + (name ? name : "monitor"));
  }
  state_.lecture.monitor = options_.monitor;
  state_.view.uiScale = 0.9f * std::clamp(scaleX, 1.0f, 4.0f);
  state_.samplePaths = bundledSamples();
  if (options_.fullscreen) applyFullscreen(true);
}

void ViewerWindow::installCallbacks() {
  glfwSetMouseButtonCallback(window_, [](GLFWwindow* w, int button, int action, int) {
    ViewerWindow& v = *self(w);
    const MouseButton b = button == GLFW_MOUSE_BUTTON_LEFT    ? MouseButton::Left
                          : button == GLFW_MOUSE_BUTTON_RIGHT ? MouseButton::Right
                                                              : MouseButton::Middle;
    if (button > GLFW_MOUSE_BUTTON_MIDDLE) return;
    const glm::vec2 p = v.cursor();
    if (action == GLFW_PRESS && (ImGui::GetIO().WantCaptureMouse || !v.inScene(p))) return;
    v.input_.mouseButton(v.state_, b, action == GLFW_PRESS, p, glfwGetTime());
    v.state_.touch();
  });
  glfwSetCursorPosCallback(window_, [](GLFWwindow* w, double x, double y) {
    ViewerWindow& v = *self(w);
    const glm::vec2 p(static_cast<float>(x), static_cast<float>(y));
    v.state_.touch(2);
    if (!v.input_.dragging() && !v.state_.flyMode && (ImGui::GetIO().WantCaptureMouse || !v.inScene(p))) {
      v.input_.cursorLeftScene(v.state_);
      return;
    }
    v.input_.cursorMoved(v.state_, p);
  });
  glfwSetScrollCallback(window_, [](GLFWwindow* w, double, double dy) {
    ViewerWindow& v = *self(w);
    const glm::vec2 p = v.cursor();
    if (ImGui::GetIO().WantCaptureMouse || !v.inScene(p)) return;
    v.input_.scrolled(v.state_, static_cast<float>(dy), p);
  });
  glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int, int action, int mods) {
    ViewerWindow& v = *self(w);
    v.state_.touch();
    if (action == GLFW_PRESS && key == GLFW_KEY_O && (mods & GLFW_MOD_CONTROL)) {
      v.state_.showPanels = true;
      focusOpenPathField();
      return;
    }
    if (ImGui::GetIO().WantCaptureKeyboard && key != GLFW_KEY_F1 && key != GLFW_KEY_F11) return;
    v.input_.key(v.state_, key, action != GLFW_RELEASE, mods);
  });
  glfwSetCharCallback(window_, [](GLFWwindow* w, unsigned codepoint) {
    ViewerWindow& v = *self(w);
    if (ImGui::GetIO().WantCaptureKeyboard) return;
    v.input_.character(v.state_, codepoint);
  });
  glfwSetDropCallback(window_, [](GLFWwindow* w, int count, const char** paths) {
    ViewerWindow& v = *self(w);
    LoadRequest request;
    for (int i = 0; i < count; ++i) {
      const std::string path = paths[i];
      (looksLikeModelFile(path) ? request.modelPath : request.imagePath) = path;
    }
    requestLoad(v.state_, request);
  });
  glfwSetFramebufferSizeCallback(window_, [](GLFWwindow* w, int, int) { self(w)->state_.touch(); });
  glfwSetWindowRefreshCallback(window_, [](GLFWwindow* w) { self(w)->state_.touch(); });
}

glm::vec2 ViewerWindow::cursor() const {
  double x = 0, y = 0;
  glfwGetCursorPos(window_, &x, &y);
  return {static_cast<float>(x), static_cast<float>(y)};
}

bool ViewerWindow::inScene(const glm::vec2& p) const {
  const glm::vec2 local = p - state_.sceneOrigin;
  return local.x >= 0 && local.y >= 0 && local.x < state_.sceneSize.x && local.y < state_.sceneSize.y;
}

void ViewerWindow::applyFullscreen(bool fullscreen) {
  if (fullscreen == (glfwGetWindowMonitor(window_) != nullptr)) return;
  if (fullscreen) {
    glfwGetWindowPos(window_, &windowedPos_.x, &windowedPos_.y);
    glfwGetWindowSize(window_, &windowedSize_.x, &windowedSize_.y);
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    const int chosen = state_.lecture.monitor;
    if (chosen > 0 && chosen <= count) monitor = monitors[chosen - 1];
    if (!monitor) return;
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(window_, nullptr, windowedPos_.x, windowedPos_.y, windowedSize_.x, windowedSize_.y,
                         0);
  }
  state_.touch();
}

void ViewerWindow::updateTitle() {
  std::string title = "Convoscope";
  if (state_.snapshot) {
    const std::string name = state_.snapshot->modelName.empty()
                                 ? std::filesystem::path(state_.modelPath).stem().string()
                                 : state_.snapshot->modelName;
    title += " \xE2\x80\x94 " + name;
  }
  if (title != title_) {
    glfwSetWindowTitle(window_, title.c_str());
    title_ = title;
  }
}

void ViewerWindow::pollLoader() {
  std::optional<LoadOutcome> outcome = loader_.poll();
  if (!outcome) return;
  state_.loading = false;
  state_.loadingWhat.clear();
  if (!outcome->modelNeedingShape.empty()) {
    state_.shapePromptFor = outcome->modelNeedingShape;
  } else if (!outcome->ok()) {
    reportMessage(state_, outcome->error);
  } else {
    const bool newModel = outcome->model != nullptr;
    if (newModel) model_ = outcome->model;
    state_.modelPath = model_ ? model_->path() : outcome->modelPath;
    state_.imagePath = outcome->imagePath;
    const bool first = !state_.snapshot;
    showSnapshot(state_, outcome->snapshot, newModel);
    if (first) goHome(state_, /*animate=*/false);  // the first picture appears in place, no fly-in
    if (!state_.tour.pendingPath.empty()) {        // --tour: checked against the model now that it is here
      const std::string path = std::exchange(state_.tour.pendingPath, {});
      loadTourFile(state_, path, state_.tour.presentWhenLoaded);
    }
    updateTitle();
  }
  firstLoad_ = false;
  state_.touch();
}

void ViewerWindow::startQueuedLoad() {
  for (LoadRequest& r : state_.outbox) {
    // Requests coalesce: a model replaces a queued model, an image a queued image.
    if (!queued_) queued_ = LoadRequest{};
    if (!r.modelPath.empty()) {
      queued_->modelPath = r.modelPath;
      queued_->inputShape = r.inputShape;
    }
    if (!r.imagePath.empty()) queued_->imagePath = r.imagePath;
  }
  state_.outbox.clear();
  if (!queued_ || loader_.busy()) return;
  loader_.start(*queued_, model_, state_.imagePath);
  queued_.reset();
  state_.loading = true;
  state_.loadingWhat = loader_.describe();
  state_.touch();
}

bool ViewerWindow::needsFrame(double now) const {
  return state_.framesToDraw > 0 || !state_.animation.finished() || state_.loading ||
         statusOverlayAnimating(state_, now) || step_ < steps_.size() || state_.flyMode || recorder_ ||
         tourTransitioning(state_) || state_.lecture.spotlight;
}

RgbaImage ViewerWindow::readWindow() {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  RgbaImage image;
  image.width = w;
  image.height = h;
  image.pixels.resize(size_t(w) * h * 4);
  std::vector<uint8_t> rows(image.pixels.size());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rows.data());
  for (int y = 0; y < h; ++y)
    std::copy_n(rows.data() + size_t(h - 1 - y) * w * 4, size_t(w) * 4,
                image.pixels.data() + size_t(y) * w * 4);
  return image;
}

// The selected cell's computation: when opened (M, or the slide running), or faded in at the computation
// zoom level of the selected slab.
void ViewerWindow::drawComputation(const glm::ivec2& viewport) {
  const ComputationState& c = state_.computation;
  MathViewOptions options;
  options.alpha =
      mathViewAlpha(state_.layout, state_.selection, state_.camera, c.open || c.animate, state_.view.zoom);
  options.animate = c.animate;
  options.slidePosition = c.slide.position();
  const bool opened = (c.open || c.animate) && state_.selection.hasCell();
  const bool justOpened = opened && !computationOpened_;
  computationOpened_ = opened;
  if (!opened && options.alpha <= 0.003f) return;  // nothing shows: nothing to build
  if (!math_) math_ = std::make_unique<MathView>();
  if (!math_->build(*state_.snapshot, state_.layout, state_.selection, options)) return;
  // Opened by the user (M, P, the slide keys or the panel): glide to where its numbers read, as `shot
  // --focus` frames it; at the overview the panel would be a few pixels beside its slab.
  if (justOpened && !state_.tour.player) {
    OrbitCamera framing = state_.camera;
    frameComputation(framing, *math_, static_cast<float>(viewport.x) / std::max(1, viewport.y));
    flyTo(state_, framing.pose, 0.6f);
  }
  // A tour step that opens the computation: once the tour camera has arrived at the cell, glide back to
  // frame the whole panel (as `record` frames it), once per step so the presenter can still move freely.
  const TourSession& tour = state_.tour;
  if (tour.player && tour.holdApplied && tour.player->currentStep().math.open &&
      mathFramedStep_ != tour.player->frame().step) {
    mathFramedStep_ = tour.player->frame().step;
    OrbitCamera framing = state_.camera;
    frameComputation(framing, *math_, static_cast<float>(viewport.x) / std::max(1, viewport.y));
    flyTo(state_, framing.pose, 0.6f);
  }
  if (!tour.player || !tour.holdApplied) mathFramedStep_ = -1;  // moving to a step (again): frame anew
  math_->draw(state_.layout, state_.camera, viewport);
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
  const ConvGeometry& g = playgroundGeometry();
  if (g != framedGeometry_) {
    const bool first = framedGeometry_.inputSize == 0;
    framedGeometry_ = g;
    // Room above the plates for the controls window; while a tour presents it, below for the caption.
    const Bounds bounds = layoutPlayground(g, playgroundSlide()).bounds;
    const PlaygroundRoom room =
        presenting(state_) ? PlaygroundRoom::CaptionBelow : PlaygroundRoom::ControlsAbove;
    if (first)
      framePlayground(state_.camera, bounds, aspect, room);  // a three-quarter view to start with
    else
      refitPlayground(state_.camera, bounds, aspect, room);  // keep the user's orbit, fit the new size
  }
  return true;
}

void ViewerWindow::drawFrame(double now) {
  int fbw = 0, fbh = 0, ww = 0, wh = 0;
  glfwGetFramebufferSize(window_, &fbw, &fbh);
  glfwGetWindowSize(window_, &ww, &wh);
  if (fbw <= 0 || fbh <= 0 || ww <= 0 || wh <= 0) return;  // minimised
  const float ratio = float(fbw) / float(ww);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  drawViewerUi(state_, glm::vec2(ww, wh), now);
  ImGui::Render();

  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, fbw, fbh);
  glDisable(GL_SCISSOR_TEST);
  glClearColor(0.03f, 0.035f, 0.05f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);

  const glm::ivec2 origin(std::lround(state_.sceneOrigin.x * ratio),
                          std::lround(state_.sceneOrigin.y * ratio));
  const glm::ivec2 size(std::max(1L, std::lround(state_.sceneSize.x * ratio)),
                        std::max(1L, std::lround(state_.sceneSize.y * ratio)));
  if (state_.snapshot) {
    const glm::ivec2 clamped = glm::min(size, glm::ivec2(kMaxFramebufferWidth, kMaxFramebufferHeight));
    if (!sceneTarget_ || sceneTarget_->width() != clamped.x || sceneTarget_->height() != clamped.y)
      sceneTarget_ = std::make_unique<Framebuffer>(clamped.x, clamped.y, kInteractiveSamples);
    state_.view.showHeader = !state_.showPanels && !presenting(state_);  // panels / captions name it
    const bool light = state_.lecture.theme == UiTheme::LightHighContrast;
    state_.view.backgroundTop = light ? glm::vec3(0.97f, 0.975f, 0.985f) : ViewOptions().backgroundTop;
    state_.view.backgroundBottom = light ? glm::vec3(0.86f, 0.875f, 0.90f) : ViewOptions().backgroundBottom;
    state_.view.uiScale = 0.9f * contentScale_ * state_.lecture.uiScale;
    sceneTarget_->bind();
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    if (swapPlaygroundCamera(clamped)) {
      if (!playground_) playground_ = std::make_unique<PlaygroundView>();
      playground_->build(layoutPlayground(playgroundGeometry(), playgroundSlide()), light);
      playground_->draw(state_.camera, clamped);
    } else {
      renderer_->render(*state_.snapshot, state_.layout, state_.camera, state_.selection, state_.view,
                        clamped);
      drawComputation(clamped);
    }
    if (state_.lecture.spotlight && ImGui::IsMousePosValid()) {
      const ImVec2 mouse = ImGui::GetIO().MousePos;
      const glm::vec2 local = (glm::vec2(mouse.x, mouse.y) - state_.sceneOrigin) * ratio;
      if (!spotlight_) spotlight_ = std::make_unique<SpotlightVeil>();
      spotlight_->draw(clamped, local, std::max(60.0f, 0.11f * static_cast<float>(wh)) * ratio);
    }
    if (const std::optional<Caption> caption = currentCaption(state_)) {
      // Sized from the view's height (legible at 1080p and 4K); right of the colour legend when it fits.
      const float legend = 450.0f * std::max(0.75f, clamped.y / 1080.0f);
      if (!captions_) captions_ = std::make_unique<CaptionOverlay>();
      captions_->draw(*caption, glm::vec2(clamped),
                      state_.view.showLegend && legend <= 0.4f * clamped.x ? legend : 0.0f);
    }
    // Resolve the multisampled scene straight into its place in the window (same size: a legal MSAA blit).
    glBindFramebuffer(GL_READ_FRAMEBUFFER, target);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    const int y0 = fbh - origin.y - clamped.y;
    glBlitFramebuffer(0, 0, clamped.x, clamped.y, origin.x, y0, origin.x + clamped.x, y0 + clamped.y,
                      GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, fbw, fbh);
  }
  ImDrawData* drawData = ImGui::GetDrawData();
  ImDrawList* foreground = ImGui::GetForegroundDrawList();
  if (recorder_ && drawData->CmdListsCount > 0 &&
      drawData->CmdLists[drawData->CmdListsCount - 1] == foreground) {
    // The foreground list holds the recording indicator: record the frame without it, then draw it.
    ImDrawData body = *drawData;
    body.CmdListsCount -= 1;
    ImGui_ImplOpenGL3_RenderDrawData(&body);
    captureForRecording(fbh, now);
    ImDrawData top = *drawData;
    top.CmdLists = drawData->CmdLists + drawData->CmdListsCount - 1;
    top.CmdListsCount = 1;
    ImGui_ImplOpenGL3_RenderDrawData(&top);
  } else {
    ImGui_ImplOpenGL3_RenderDrawData(drawData);
    if (recorder_) captureForRecording(fbh, now);
  }

  if (pendingCapture_ || pendingShot_) {
    RgbaImage image = readWindow();
    if (pendingShot_) {
      writePng(image, *pendingShot_);
      std::printf("wrote %s (%dx%d)\n", pendingShot_->c_str(), image.width, image.height);
      pendingShot_.reset();
    }
    if (pendingCapture_) {
      captures_[*pendingCapture_] = std::move(image);
      pendingCapture_.reset();
    }
  }
  glfwSwapBuffers(window_);
  state_.framesToDraw = std::max(0, state_.framesToDraw - 1);
}

void ViewerWindow::applyLectureSettings() {
  LectureSettings& lecture = state_.lecture;
  if (lecture.styleChanged) {
    lecture.styleChanged = false;
    // Fonts are re-baked at the new size (crisp, unlike a global scale) and the colours re-applied.
    setUpTheme(contentScale_ * lecture.uiScale, lecture.theme);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    state_.touch();
  }
  if (lecture.monitorRequested) {
    lecture.monitorRequested = false;
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    if (lecture.monitor >= 1 && lecture.monitor <= count) {
      if (glfwGetWindowMonitor(window_)) {  // fullscreen: move the fullscreen to the chosen monitor
        applyFullscreen(false);
        applyFullscreen(true);
      } else {
        int mx = 0, my = 0, mw = 0, mh = 0, ww = 0, wh = 0;
        glfwGetMonitorWorkarea(monitors[lecture.monitor - 1], &mx, &my, &mw, &mh);
        glfwGetWindowSize(window_, &ww, &wh);
        glfwSetWindowPos(window_, mx + std::max(0, (mw - ww) / 2), my + std::max(0, (mh - wh) / 2));
      }
    }
    state_.touch();
  }
}

void ViewerWindow::toggleRecording(double now) {
  if (recorder_) {
    stopRecording();
    return;
  }
  LectureSettings& lecture = state_.lecture;
  std::string path = lecture.recordPath;
  if (path.empty()) {
    char name[64];
    const std::time_t t = std::time(nullptr);
    std::strftime(name, sizeof name, "convoscope-%Y%m%d-%H%M%S.mp4", std::localtime(&t));
    path = name;
  }
  static const glm::ivec2 fixed[] = {{0, 0}, {1280, 720}, {1920, 1080}, {3840, 2160}};
  glm::ivec2 size = fixed[std::clamp(lecture.recordSizeChoice, 0, 3)];
  if (size.x == 0) {  // the view's size in framebuffer pixels, even (yuv420p)
    int fbw = 0, ww = 0, wh = 0;
    glfwGetFramebufferSize(window_, &fbw, &wh);
    glfwGetWindowSize(window_, &ww, &wh);
    const float ratio = ww > 0 ? float(fbw) / float(ww) : 1.0f;
    size = glm::ivec2(glm::vec2(state_.sceneSize) * ratio) / 2 * 2;
    size = glm::clamp(size, glm::ivec2(16), glm::ivec2(kMaxFramebufferWidth, kMaxFramebufferHeight));
  }
  try {
    recorder_ = std::make_unique<LiveRecorder>(path, size, std::clamp(lecture.recordFps, 1, 120));
    recordingSince_ = now;
    lecture.recording = true;
    lecture.recordingSince = now;
    lecture.recordingWhat = path + " (" + std::to_string(size.x) + "x" + std::to_string(size.y) + ")";
  } catch (const std::exception& e) {
    reportMessage(state_, std::string("Cannot record: ") + e.what());
  }
  state_.touch();
}

void ViewerWindow::stopRecording() {
  if (!recorder_) return;
  glfwMakeContextCurrent(window_);
  try {
    const std::string summary = recorder_->finish();
    std::printf("recorded %s\n", summary.c_str());
    reportMessage(state_, "Recorded " + summary, false);
  } catch (const std::exception& e) {
    reportMessage(state_, std::string("Recording failed (nothing was saved): ") + e.what());
  }
  recorder_.reset();
  state_.lecture.recording = false;
  state_.touch();
}

void ViewerWindow::captureForRecording(int fbh, double now) {
  int ww = 0, wh = 0, fbw = 0;
  glfwGetWindowSize(window_, &ww, &wh);
  glfwGetFramebufferSize(window_, &fbw, &fbh);
  const float ratio = ww > 0 ? float(fbw) / float(ww) : 1.0f;
  const glm::ivec2 origin = glm::ivec2(glm::round(state_.sceneOrigin * ratio));
  const glm::ivec2 size = glm::ivec2(glm::round(state_.sceneSize * ratio));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  try {
    recorder_->offer(glm::ivec4(origin.x, fbh - origin.y - size.y, size.x, size.y), now - recordingSince_);
  } catch (const std::exception& e) {
    recorder_->abandon();
    recorder_.reset();
    state_.lecture.recording = false;
    reportMessage(state_, std::string("Recording stopped (nothing was saved): ") + e.what());
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

int ViewerWindow::run() {
  open();
  LoadRequest first;
  first.modelPath = options_.model.modelPath;
  first.imagePath = options_.image;
  first.inputShape = options_.model.inputShape;
  requestLoad(state_, first);
  if (!options_.tour.empty()) loadTourFile(state_, options_.tour, /*presentAfter=*/true);

  double last = glfwGetTime();
  while (!glfwWindowShouldClose(window_) && !state_.quitRequested) {
    const double before = glfwGetTime();
    if (needsFrame(before))
      glfwPollEvents();
    else
      glfwWaitEventsTimeout(0.5);  // idle: sleep until input (or a loader result, checked twice a second)
    const double now = glfwGetTime();
    const float dt = static_cast<float>(std::min(now - last, 0.1));
    last = now;

    pollLoader();
    startQueuedLoad();
    if (state_.fullscreenRequested) {
      state_.fullscreenRequested = false;
      applyFullscreen(glfwGetWindowMonitor(window_) == nullptr);
    }
    if (input_.wantsCapturedCursor(state_) != cursorCaptured_) {
      cursorCaptured_ = input_.wantsCapturedCursor(state_);
      glfwSetInputMode(window_, GLFW_CURSOR, cursorCaptured_ ? GLFW_CURSOR_DISABLED : GLFW_CURSOR_NORMAL);
    }
    if (now > holdUntil_) scriptHeldKeys_.clear();
    const bool typing = ImGui::GetIO().WantCaptureKeyboard;
    input_.update(state_, dt, [&](int key) {
      return scriptHeldKeys_.count(key) || (!typing && glfwGetKey(window_, key) == GLFW_PRESS);
    });
    advanceAnimation(state_, dt);
    advanceComputation(state_, dt);
    updateClipPlanes(state_);
    advanceTour(state_, dt);  // after the clip planes: a presented tour sets its own near plane
    applyLectureSettings();
    if (state_.lecture.recordToggleRequested) {
      state_.lecture.recordToggleRequested = false;
      toggleRecording(now);
    }
    if (recorder_) {
      if (const std::optional<std::string> failure = recorder_->failure()) {
        recorder_->abandon();
        recorder_.reset();
        state_.lecture.recording = false;
        reportMessage(state_, "Recording stopped: " + *failure + " (nothing was saved)");
      }
    }

    if (step_ < steps_.size() && !state_.quitRequested) {
      try {
        if (runStep(steps_[step_], now)) {
          ++step_;
          stepStarted_ = -1;
          if (step_ == steps_.size()) state_.quitRequested = true;  // a script ends the session
        }
      } catch (const std::exception& e) {
        fail(e.what());
      }
    }
    if (needsFrame(now)) drawFrame(now);
  }
  return exitCode_;
}

int runWindow(const WindowOptions& options) {
  std::signal(SIGPIPE, SIG_IGN);  // a recording's ffmpeg that dies shows up as EPIPE, not as our death
  ViewerWindow window(options);
  return window.run();
}

}  // namespace convoscope
