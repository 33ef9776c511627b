#pragma once
// The viewer's window object, shared by the two files that implement it: app/WindowLoop.cpp (opening the
// window, the frame loop, drawing, recording) and app/WindowScript.cpp (the scripted steps the window tests
// and screenshots drive it with). Internal to app/: the rest of the program calls runWindow().
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/BackgroundLoader.h"
#include "app/LiveRecorder.h"
#include "app/WindowLoop.h"
#include "renderer/CaptionOverlay.h"
#include "renderer/Framebuffer.h"
#include "renderer/MathView.h"
#include "renderer/PlaygroundView.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SpotlightVeil.h"
#include "scene/ConvArithmetic.h"
#include "scene/OrbitCamera.h"
#include "ui/InputMapping.h"
#include "ui/ViewerState.h"

struct GLFWwindow;

namespace convoscope {

// "a; b ;c" → {"a", "b", "c"}: the --script steps.
std::vector<std::string> splitScript(const std::string& text, char separator);

class ViewerWindow {
 public:
  explicit ViewerWindow(const WindowOptions& options)
      : options_(options), loader_(options.model), steps_(splitScript(options.script, ';')) {}
  ~ViewerWindow();
  int run();

 private:
  void open();
  void installCallbacks();
  void applyFullscreen(bool fullscreen);
  void pollLoader();
  void startQueuedLoad();
  bool needsFrame(double now) const;
  void drawFrame(double now);
  void drawComputation(const glm::ivec2& viewport);
  bool swapPlaygroundCamera(const glm::ivec2& viewport);
  RgbaImage readWindow();
  void updateTitle();
  glm::vec2 cursor() const;
  bool inScene(const glm::vec2& p) const;

  // Script: returns true when the current step is finished (then the next one runs on the next frame).
  bool runStep(const std::string& step, double now);
  glm::vec2 sceneFraction(float fx, float fy) const;
  std::optional<glm::vec2> findTilePixel() const;
  void fail(const std::string& why);
  void applyLectureSettings();
  void toggleRecording(double now);
  void stopRecording();
  void captureForRecording(int fbh, double now);

  WindowOptions options_;
  GLFWwindow* window_ = nullptr;
  ViewerState state_;
  InputMapping input_;
  BackgroundLoader loader_;
  std::shared_ptr<CaptureModel> model_;
  std::unique_ptr<SceneRenderer> renderer_;
  std::unique_ptr<MathView> math_;              // the selected cell's computation, drawn over the scene
  int mathFramedStep_ = -1;                     // the tour step whose computation the camera last framed
  bool computationOpened_ = false;              // to frame the computation once when the user opens it
  std::unique_ptr<PlaygroundView> playground_;  // the 3D playground, drawn instead of the model while open
  std::unique_ptr<SpotlightVeil> spotlight_;    // L: the pointer spotlight over the view, under the captions
  bool playgroundShown_ = false;                // to save the model's camera on opening, restore on closing
  CameraPose modelPose_;
  ConvGeometry framedGeometry_{0, 0, 0, 0, 0};  // the playground geometry the camera last framed
  std::unique_ptr<Framebuffer> sceneTarget_;
  std::unique_ptr<CaptionOverlay> captions_;
  std::unique_ptr<LiveRecorder> recorder_;
  double recordingSince_ = 0;
  float contentScale_ = 1.0f;
  std::optional<LoadRequest> queued_;
  bool firstLoad_ = true;
  bool cursorCaptured_ = false;
  glm::ivec2 windowedPos_{100, 100}, windowedSize_{1600, 900};
  std::string title_;

  std::vector<std::string> steps_;
  size_t step_ = 0;
  double stepStarted_ = -1;
  double scriptClock_ = 0;  // synthetic time for clicks, so a scripted double-click is one
  std::map<std::string, RgbaImage> captures_;
  std::map<std::string, CameraPose> poses_;
  std::optional<std::string> pendingCapture_, pendingShot_;
  std::set<int> scriptHeldKeys_;
  double holdUntil_ = -1;
  int exitCode_ = 0;
};

}  // namespace convoscope
