#pragma once
// The viewer's window object, shared by the two files that implement it: app/WindowLoop.cpp (opening the
// window, the frame loop, drawing, recording) and app/WindowScript.cpp (the scripted steps the window tests
// and screenshots drive it with). Internal to app/: the rest of the program calls runWindow().
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/AttributionWorker.h"
#include "app/BackgroundLoader.h"
#include "app/ChannelExamplesWork.h"
#include "app/CompareWork.h"
#include "app/LiveRecorder.h"
#include "app/StartupSnapshot.h"
#include "engine/SeriesModels.h"
#include "app/WindowLoop.h"
#include "renderer/FrameComposer.h"
#include "renderer/Framebuffer.h"
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
  // app/WindowEngineJobs.cpp: the engine's background jobs besides loading.
  void pollAttribution();
  void pollCellGradient();
  void pollChannelFeature();
  void pollFeaturesMode();
  void pollChannelExamples();
  void pollCompare();
  void pollTimeline();
  void followTimelineModel();
  void requestFirstComparison();
  void chooseDefaultExampleDataset();
  bool engineBusy() const;        // a load running or queued, or an engine job running
  bool engineJobRunning() const;  // an engine job besides loading
  void cancelEngineJobs();
  void startQueuedLoad();
  // app/WindowStartup.cpp: the first picture from the start-up snapshot cache, before the engine is open.
  void startStartupLookup();
  void pollStartupLookup();
  bool engineMayStart() const;
  bool startDeferred() const;  // the start request waits: its picture is on screen from the cache
  bool modelReady();           // the engine's model is here; if not, a job wants it (the engine opens)
  void settleCachedStart(const LoadOutcome& outcome);
  void showFirstSnapshot(std::shared_ptr<const Snapshot> snapshot, bool newModel);
  void noteFrameDrawn();
  bool needsFrame(double now) const;
  void drawFrame(double now);
  void drawView(float ratio, const glm::ivec2& windowSize, float windowHeight);
  FrameContent frameContent(const glm::ivec2& view, float ratio, float windowHeight);
  std::optional<ComputationViewOptions> computationForFrame(const glm::ivec2& viewport);
  bool swapPlaygroundCamera(const glm::ivec2& viewport);
  RgbaImage readWindowPixels();
  void updateTitle();
  glm::vec2 cursor() const;
  bool inScene(const glm::vec2& p) const;

  // Script: returns true when the current step is finished (then the next one runs on the next frame).
  // Each verb has a handler (app/WindowScript*.cpp), found in one table.
  bool runStep(const std::string& step, double now);
  using StepHandler = bool (ViewerWindow::*)(const std::string& verb, std::istringstream& args, double now);
  static const std::map<std::string, StepHandler>& stepHandlers();
  bool settled(double now) const;
  void scriptPress(MouseButton button, glm::vec2 p, bool down);
  void scriptMove(glm::vec2 p);
  bool stepSettle(const std::string&, std::istringstream&, double);
  bool stepWait(const std::string&, std::istringstream&, double);
  bool stepDrag(const std::string&, std::istringstream&, double);
  bool stepScroll(const std::string&, std::istringstream&, double);
  bool stepClick(const std::string&, std::istringstream&, double);
  bool stepKey(const std::string&, std::istringstream&, double);
  bool stepHold(const std::string&, std::istringstream&, double);
  bool stepOpen(const std::string&, std::istringstream&, double);
  bool stepShape(const std::string&, std::istringstream&, double);
  bool stepCapture(const std::string&, std::istringstream&, double);
  bool stepExpectDiffers(const std::string&, std::istringstream&, double);
  bool stepRememberPose(const std::string&, std::istringstream&, double);
  bool stepExpectPose(const std::string&, std::istringstream&, double);
  bool stepExpectState(const std::string&, std::istringstream&, double);
  bool stepExpectTourStep(const std::string&, std::istringstream&, double);
  bool stepExpectView(const std::string&, std::istringstream&, double);
  bool stepExpectSlide(const std::string&, std::istringstream&, double);
  bool stepExpectCardNumbers(const std::string&, std::istringstream&, double);
  bool stepTour(const std::string&, std::istringstream&, double);
  bool stepRecord(const std::string&, std::istringstream&, double);
  bool stepRecordStop(const std::string&, std::istringstream&, double);
  bool stepPlayground(const std::string&, std::istringstream&, double);
  bool stepAdvance(const std::string&, std::istringstream&, double);
  bool stepTheme(const std::string&, std::istringstream&, double);
  bool stepWhy(const std::string&, std::istringstream&, double);
  bool stepExpectHeat(const std::string&, std::istringstream&, double);
  bool stepExpectGradient(const std::string&, std::istringstream&, double);
  bool stepExpectFeature(const std::string&, std::istringstream&, double);
  bool stepExpectFeatures(const std::string&, std::istringstream&, double);
  bool stepExpectExamples(const std::string&, std::istringstream&, double);
  bool stepCompare(const std::string&, std::istringstream&, double);
  bool stepExpectCompare(const std::string&, std::istringstream&, double);
  bool stepExpectCheckpoint(const std::string&, std::istringstream&, double);
  bool stepQuit(const std::string&, std::istringstream&, double);
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
  BackgroundJob<HeatJobResult> heatJob_;             // "why this class?" heat maps, off the frame thread
  AttributionRequest heatRequest_;                    // what heatJob_ computes
  uint64_t heatSnapshot_ = 0;                         // for which snapshot
  BackgroundJob<std::vector<float>> gradientJob_;     // ∂y/∂cell for the inspector
  BackgroundJob<ChannelFeaturePicture> featureJob_;   // what the selected channel looks for
  BackgroundJob<std::vector<FeaturePicture>> featureBatchJob_;  // features mode: a batch of tile pictures
  BackgroundJob<ChannelExamplesResult> examplesJob_;  // the selected channel's top dataset examples
  BackgroundJob<CompareResult> compareJob_;           // input B captured against A (compare view)
  CompareRequest compareRequest_;                     // what compareJob_ computes
  uint64_t compareSnapshot_ = 0;                      // against which A
  uint64_t compareGeneration_ = 0;                    // CompareState::generation when it started
  BackgroundJob<std::shared_ptr<const SeriesModels>> seriesLoadJob_;  // a training series' checkpoints
  BackgroundJob<std::vector<std::shared_ptr<const Snapshot>>> seriesRunJob_;  // the image through each of them
  std::string seriesLoadPath_, seriesRunImage_;  // what the two compute
  std::shared_ptr<const SeriesModels> series_;    // the open series' models (ui/TimelineState.h: what it shows)
  DivergenceCurve divergenceCurve_;                   // this frame's curve (FrameContent points at it)
  std::optional<TimelineMark> timelineMark_;          // this frame's timeline card, likewise
  std::unique_ptr<FrameComposer>
      composer_;  // draws the 3D view: network, card, playground, spotlight, caption
  std::unique_ptr<Framebuffer> viewTarget_;  // the 3D view, composed here and copied into the window
  int computationFramedStep_ = -1;           // the tour step whose computation the camera last framed
  bool computationOpened_ = false;           // to frame the computation once when the user opens it
  bool playgroundShown_ = false;             // to save the model's camera on opening, restore on closing
  CameraPose modelPose_;
  ConvGeometry framedGeometry_{0, 0, 0, 0, 0};  // the playground geometry the camera last framed
  std::unique_ptr<LiveRecorder> recorder_;
  double recordingSince_ = 0;
  float contentScale_ = 1.0f;
  std::optional<LoadRequest> queued_;
  std::optional<LoadRequest> startRequest_;  // the command line's model and image, until the engine has the model
  bool startInFlight_ = false;               // the loader is running the start request
  struct StartupLookup {
    std::optional<std::string> key;  // the start request's cache key (none: not cached)
    std::optional<CachedSnapshot> cached;
  };
  std::future<StartupLookup> startupLookup_;     // reading the start-up cache, off the frame thread
  std::optional<std::string> startupKey_;         // the loader stores the start request's snapshot under it
  std::shared_ptr<const Snapshot> cachedStart_;   // shown from the cache until the engine's own arrives
  double firstFrameMs_ = -1, modelDrawnMs_ = -1;  // since process start (core/ProcessClock.h)
  bool engineWanted_ = false;  // something needs the engine's model beyond the cached picture
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
