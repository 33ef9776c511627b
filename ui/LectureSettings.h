#pragma once
// Lecture-mode settings of the viewer (projector theme, UI and caption scale, pointer spotlight, monitor
// choice) and the in-app recording's request/status. Plain data: the window loop applies what they ask for.
#include <string>
#include <vector>

namespace convoscope {

struct ViewerState;

enum class UiTheme { Dark, LightHighContrast };

struct LectureSettings {
  UiTheme theme = UiTheme::Dark;
  float uiScale = 1.0f;       // Ctrl +/-: panels' font size and the 3D labels, times the display's scale
  float captionScale = 1.0f;  // tour captions, times their frame-height sizing
  bool spotlight = false;     // L: dim everything but a soft circle around the mouse
  bool styleChanged = false;  // theme or UI scale changed: the window rebuilds fonts and colours

  std::vector<std::string> monitors;  // names, filled by the window; index + 1 = --monitor N
  int monitor = 0;                    // 1-based; 0 primary
  bool monitorRequested = false;      // move the (fullscreen) window to `monitor`

  // Recording the presenter live (Ctrl+R): the window starts/stops it and reports back here.
  std::string recordPath;    // empty: convoscope-YYYYmmdd-HHMMSS.mp4 in the working folder
  int recordSizeChoice = 0;  // 0 window (scene view) size, 1 1280x720, 2 1920x1080, 3 3840x2160
  int recordFps = 30;
  bool recordToggleRequested = false;
  bool recording = false;
  double recordingSince = 0.0;  // glfwGetTime() at start, for the indicator's clock
  std::string recordingWhat;    // output path while recording
};

constexpr float kMinUiScale = 0.6f, kMaxUiScale = 3.0f;
// Ctrl + / Ctrl -: one notch up or down (about 10 %), clamped.
float steppedUiScale(float scale, int notches);
// Ctrl +/-/0 (UI scale), L (spotlight), Ctrl+R (record): true when the key was one of them.
bool handleLectureKey(ViewerState& state, int glfwKey, int mods);

}  // namespace convoscope
