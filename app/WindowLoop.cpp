#include "app/WindowLoop.h"

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
#include <future>
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
#include "core/PngFile.h"
#include "renderer/FontAtlas.h"
#include "renderer/FrameComposer.h"
#include "renderer/GlDebug.h"
#include "renderer/ThumbnailTextures.h"
#include "renderer/WindowTarget.h"
#include "scene/ComputationFraming.h"
#include "scene/PlaygroundFraming.h"
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
  state_.thumbnails.reset();
  viewTarget_.reset();
  composer_.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void ViewerWindow::open() {
  // Start-up work that needs no GL runs beside the window's creation (two cores: each wait overlaps the
  // other): the scene's SDF font, then (below) ImGui's font atlas.
  std::future<std::unique_ptr<FontAtlas>> sceneFont = FontAtlas::bakeDefaultAsync();
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
  if (debugOutputRequested()) enableGlDebugOutput();

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; write nothing into the working directory
  float scaleX = 1.0f, scaleY = 1.0f;
  glfwGetWindowContentScale(window_, &scaleX, &scaleY);
  contentScale_ = std::clamp(scaleX, 1.0f, 4.0f);
  setUpTheme(contentScale_);
  std::future<void> uiFonts = std::async(std::launch::async, [fonts = io.Fonts] { fonts->Build(); });
  installCallbacks();  // before the ImGui backend, which chains to ours
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  composer_ = std::make_unique<FrameComposer>(sceneFont.get());
  uiFonts.get();  // before the first frame, whose NewFrame uploads the atlas
  state_.thumbnails = std::make_shared<ThumbnailTextures>();
  // The computation view, playground, spotlight and captions are made when first needed: each bakes a font
  // atlas or compiles shaders (~60 ms a font), which the first frame should not wait for.
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
      focusOpenPathField(v.state_);
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
    dropPaths(v.state_, std::vector<std::string>(paths, paths + count));
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
    if (startInFlight_) startRequest_.reset();  // the start itself failed: the picture stays, no retries
  } else if (cachedStart_ && startInFlight_) {
    settleCachedStart(*outcome);
  } else {
    const bool newModel = outcome->model != nullptr;
    if (newModel) model_ = outcome->model;
    if (newModel && seriesOpen(state_)) {  // another model: the series was this one's past, not the new one's
      closeSeries(state_);
      series_.reset();
    }
    state_.modelPath = model_ ? model_->path() : outcome->modelPath;
    state_.imagePath = outcome->imagePath;
    showFirstSnapshot(outcome->snapshot, newModel);
    if (newModel) chooseDefaultExampleDataset();
    cachedStart_.reset();  // what is on screen now came from the engine
  }
  if (model_) startRequest_.reset();
  startInFlight_ = false;
  firstLoad_ = false;
  state_.touch();
}

// Shows a snapshot; the first one of the session also frames itself, asks for input B and checks the tour.
void ViewerWindow::showFirstSnapshot(std::shared_ptr<const Snapshot> snapshot, bool newModel) {
  const bool first = !state_.snapshot;
  showSnapshot(state_, std::move(snapshot), newModel);
  if (first) goHome(state_, /*animate=*/false);  // the first picture appears in place, no fly-in
  if (first) requestFirstComparison();
  if (!state_.tour.pendingPath.empty()) {        // --tour: checked against the model now that it is here
    const std::string path = std::exchange(state_.tour.pendingPath, {});
    loadTourFile(state_, path, state_.tour.presentWhenLoaded);
  }
  updateTitle();
}

// `view --image-b` / `--attack`: input B for the first snapshot (a new model drops B, so not before it).
void ViewerWindow::requestFirstComparison() {
  if (const std::optional<CompareRequest> b =
          compareRequestFrom(options_.imageB, options_.attack, options_.epsilon, 10, std::nullopt))
    requestCompare(state_, *b);
}

void ViewerWindow::startQueuedLoad() {
  if (!state_.outbox.empty()) engineWanted_ = true;  // another image or model: only the engine can run it
  for (LoadRequest& r : state_.outbox) {
    // Requests coalesce: a model replaces a queued model, an image a queued image. With no model yet (the start
    // drawn from the cache), an image is run through the start's model.
    if (!queued_) queued_ = model_ || !startRequest_ ? LoadRequest{} : *startRequest_;
    if (!r.modelPath.empty()) {
      queued_->modelPath = r.modelPath;
      queued_->inputShape = r.inputShape;
    }
    if (!r.imagePath.empty()) queued_->imagePath = r.imagePath;
  }
  state_.outbox.clear();
  if (!queued_ || loader_.busy() || !engineMayStart()) return;
  if (engineJobRunning()) {  // one engine job at a time: stop them
    cancelEngineJobs();
    return;
  }
  // The start request's snapshot goes into the start-up cache (when it has a key), for the next start.
  startInFlight_ = !model_ && startRequest_ && queued_->modelPath == startRequest_->modelPath &&
                   queued_->imagePath == startRequest_->imagePath && queued_->inputShape == startRequest_->inputShape;
  loader_.start(*queued_, model_, state_.imagePath, startInFlight_ ? startupKey_ : std::nullopt);
  queued_.reset();
  state_.loading = true;
  state_.loadingWhat = loader_.describe();
  state_.touch();
}

bool ViewerWindow::needsFrame(double now) const {
  return state_.framesToDraw > 0 || !state_.animation.finished() || state_.loading || startupLookup_.valid() ||
         (queued_ && !loader_.busy() && !startDeferred()) ||
         statusOverlayAnimating(state_, now) || step_ < steps_.size() || state_.flyMode || recorder_ ||
         tourTransitioning(state_) || state_.lecture.spotlight || state_.attribution.computing ||
         state_.timeline.loading || state_.timeline.running || (state_.timeline.playing && !state_.scriptedClock);
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

  clearWindow({fbw, fbh});
  if (state_.snapshot) drawView(ratio, {fbw, fbh}, static_cast<float>(wh));
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
    RgbaImage image = readWindowPixels();
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
  noteFrameDrawn();
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

int ViewerWindow::run() {
  open();
  state_.scriptedClock = !steps_.empty();
  LoadRequest first;
  first.modelPath = options_.model.modelPath;
  first.imagePath = options_.image;
  first.inputShape = options_.model.inputShape;
  startRequest_ = first;
  queued_ = first;  // starts once the first frame is up (engineMayStart)
  startStartupLookup();
  // A tour, a training series or input B will need the engine soon: open it as soon as the frame is up.
  engineWanted_ = !options_.tour.empty() || !options_.series.empty() || !options_.imageB.empty() ||
                  !options_.attack.empty();
  if (!options_.tour.empty()) loadTourFile(state_, options_.tour, /*presentAfter=*/true);
  if (!options_.examples.empty()) setExampleDataset(state_, options_.examples);
  if (!options_.series.empty()) openSeries(state_, options_.series);

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

    pollStartupLookup();
    pollLoader();
    startQueuedLoad();
    pollAttribution();
    pollCellGradient();
    pollChannelFeature();
    pollFeaturesMode();
    pollChannelExamples();
    pollCompare();
    pollTimeline();
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
    advanceComputation(state_, state_.scriptedClock ? 0.0f : dt);
    advanceTimeline(state_, state_.scriptedClock ? 0.0f : dt);
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
