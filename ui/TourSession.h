#pragma once
// The viewer's tour: the one loaded (which the editor panel edits) and its live presentation (TourPlayer,
// driven by the frame's dt). While presenting, the presenter keys move between steps before any other
// binding sees them (docs/KEYS.md).
#include <memory>
#include <optional>
#include <string>

#include "scene/Caption.h"
#include "scene/Tour.h"

namespace convoscope {

struct ViewerState;
struct SceneLayout;
struct Snapshot;

// What a presenter key does to a running tour. Pure: GLFW key codes and modifier bits in.
struct TourKeyAction {
  enum Kind { Next, Previous, Jump } kind = Next;
  int step = 0;  // Jump: 0-based step
};
// Space, Right, PageDown → next; Left, PageUp, Backspace → previous; 1–9 → steps 1–9, 0 → step 10.
// Keys held with Ctrl, Alt or Shift are not presenter keys (Shift+arrows stay the computation view's).
std::optional<TourKeyAction> tourKeyAction(int glfwKey, int mods);

struct TourSession {
  Tour tour;                         // the tour in the editor (may have no steps)
  std::string path;                  // where it was loaded from / saves to
  std::string error;                 // the last load/save/validation message, shown in the tour panel
  std::optional<TourPlayer> player;  // set while presenting
  std::string pendingPath;           // --tour before the first snapshot arrived: loaded then
  bool presentWhenLoaded = false;
  int selectedStep = 0;  // the editor's current step

  // Bookkeeping for applying the player to the camera (see advanceTour).
  int shownStep = -1;
  bool holdApplied = false;
  bool openedPlayground = false;  // the tour showed the playground (closed again when it moves on or stops)
  bool showedAttribution = false;  // the tour asked for heat maps (cleared when it moves on or stops)
  bool showedFeatures = false;     // the tour turned features mode on (turned off when it moves on or stops)
  bool showedCompare = false;      // the tour asked for an input B (removed when it moves on or stops)
  bool showedWeights = false;      // the tour turned weights mode on (turned off when it moves on or stops)
  // The tour opened its training series (closed when a step without a checkpoint shows, or the tour stops, and
  // the model it replaced loaded again).
  bool openedSeries = false;
  std::string modelBeforeSeries;
  float resolverAspect = 0.0f;
  std::shared_ptr<const Snapshot> resolverSnapshot;
  std::shared_ptr<const SceneLayout> resolverLayout;
};

// Loads and validates a tour against the snapshot on screen. On failure the message (file:line: step:
// field) goes to session.error and a toast, and the previous tour stays. Without a snapshot yet, the load
// waits for it. Returns true when the tour was replaced.
bool loadTourFile(ViewerState& state, const std::string& path, bool presentAfter = false);
// Validates `state.tour.tour` against the snapshot; the message on failure (and in session.error).
std::optional<std::string> tourProblem(ViewerState& state);
// Saves atomically (scene/Tour's saveTour); false with a message on failure (the old file stays).
bool saveTourFile(ViewerState& state, const std::string& path);

bool presenting(const ViewerState& state);
// Starts presenting the session's tour at `step` (flying there from the current view); false with a
// message when it is empty or does not fit the model.
bool startTour(ViewerState& state, int step = 0);
void stopTour(ViewerState& state);
void navigateTour(ViewerState& state, const TourKeyAction& action);
// Presenting: handles a presenter key (true when used). F5 starts presenting, Esc stops.
bool handleTourKey(ViewerState& state, int glfwKey, int mods);
// Moves the player on by dt and puts the camera and selection where it says; the camera is the tour's while
// a step's transition runs, then the presenter's to orbit. Returns true while something moves.
bool advanceTour(ViewerState& state, float dtSeconds);
bool tourTransitioning(const ViewerState& state);
// The caption to draw now, if presenting.
std::optional<Caption> currentCaption(const ViewerState& state);

}  // namespace convoscope
