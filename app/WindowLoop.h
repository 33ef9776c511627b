#pragma once
// The interactive viewer: a GLFW window with an OpenGL 3.3 core context, Dear ImGui on top of the
// SceneRenderer, input routed through ui/InputMapping, loading on a worker thread, and drawing only when
// something changed.
#include <string>

#include "engine/CaptureModel.h"

namespace convoscope {

struct WindowOptions {
  LoadOptions model;  // the first model to load (CLI flags applied)
  std::string image;  // empty: the model's default image
  int width = 1600, height = 900;
  bool fullscreen = false;
  int monitor = 0;   // 1-based; 0: the primary monitor
  std::string tour;  // a tour to load (checked against the model once loaded) and present; empty: none
  std::string examples;  // dataset folder for top examples; empty: Fashion-MNIST for the bundled model
  std::string imageB;    // compare view: input B to load beside the image (Compare tab); empty: none
  std::string attack;    // compare view: B is the image attacked by "fgsm" or "pgd"; empty: none
  float epsilon = 8.f / 255;
  std::string series;    // a training series (folder or series.json) to open beside the model; empty: none
  // A semicolon-separated list of steps injected through the same input functions a user's mouse drives
  // (see runStep in WindowScript.cpp); used by the smoke test and for screenshots. The session ends after the
  // last step. Empty: interactive.
  std::string script;
};

// Returns the process exit code: 0 on a normal close (or a script that passed), 1 on a failed script step.
// Throws std::runtime_error when no window can be opened (no display, no GL 3.3).
int runWindow(const WindowOptions& options);

// The script the smoke test runs: orbit, zoom, click a tile, check each changed the frame, exit.
std::string smokeTestScript();

}  // namespace convoscope
