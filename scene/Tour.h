#pragma once
// A tour: a saved, versioned list of steps that a lecturer presents live (TourPlayer) or records to video
// (TourTimeline). Each step says where the camera goes, how much detail to show, which computation view is
// open, what the caption says, how long it lasts and how the camera eases into it.
//
// File format (docs/TOURS.md):
//   {"format": "convoscope-tour", "version": 1, "model": "...", "image": "...", "steps": [ STEP, ... ]}
//   STEP = {"title": "...", "text": ["line", ...], "duration": 6.0, "easing": "ease-in-out",
//           "focus": {"layer": "conv_1_1", "channel": 3, "y": 10, "x": 12}   (or "pose": {...}, or neither:
//                                                                              the whole network)
//           "pose": {"target": [x, y, z], "distance": 12, "yaw": -55, "pitch": 20}  (degrees),
//           "zoom": 0..3, "math": {"open": true, "animation": {"playing": true, "position": 0.0}},
//           "playground": {"input": 7, "kernel": 3, "stride": 2, "padding": 1, "dilation": 1, "playing":
//           true},
//           "attribution": {"method": "gradcam", "class": 9, "contrast": 7, "layer": "conv_2_2",
//                           "every_layer": true}   (all but "method" optional: "why this class?" heat maps)
//           "features": true,   (features mode while the step shows: each conv tile shows what it looks for)
//           "examples": true,   (the focused channel's top dataset examples float beside it; needs focus.channel)
//           "compare": {"attack": "fgsm", "epsilon": 0.0118, "steps": 10, "target": 7, "view": "diff"}
//                       (or {"image": "b.png", "view": "b"}: input B beside the image; the slabs show A, B or A − B)
//           "weights": true,    (weights mode while the step shows: each conv tile shows its channel's filter)
//           "checkpoint": 3,    (the tour's training "series" at its 4th checkpoint while the step shows)
//           "checkpoints": [0, 15]  (or played from one checkpoint to another over the step)
//   A tour with checkpoint steps names its series beside the model: "series": "../../models/tiny-vgg-training".
// Camera poses in memory are in radians (CameraPose); the file uses degrees.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scene/ConvArithmetic.h"
#include "scene/HeatOverlay.h"
#include "scene/OrbitCamera.h"

namespace convoscope {

constexpr const char* kTourFormat = "convoscope-tour";
constexpr int kTourVersion = 1;

enum class TourEasing { EaseInOut, Linear, EaseOut };
const char* tourEasingName(TourEasing easing);  // "ease-in-out", "linear", "ease-out"
float applyEasing(TourEasing easing, float t);  // t in [0,1] → [0,1], 0 → 0 and 1 → 1

// A layer, optionally one channel, optionally one cell: resolved against the layout like the F key.
struct TourFocus {
  std::string layer;
  std::optional<int> channel;
  std::optional<int> y, x;  // both or neither, only with a channel
  bool withExamples = false;  // set by the step's "examples": frame the top-examples gallery beside the tile too
  bool operator==(const TourFocus& o) const {
    return layer == o.layer && channel == o.channel && y == o.y && x == o.x && withExamples == o.withExamples;
  }
};

// The selected cell's computation view (its computation) and its kernel-slide animation.
struct TourMath {
  bool open = false;
  bool playing = false;   // the slide runs from `position` to 1 over the step's hold
  float position = 0.0f;  // 0..1 through the slide when the step begins
  bool prediction = false;  // a classifier's logit: the card is the prediction's softmax over every class
  bool operator==(const TourMath& o) const {
    return open == o.open && playing == o.playing && position == o.position && prediction == o.prediction;
  }
};

// The hyperparameter playground shown instead of the network for a whole step (its kernel slides over the
// padded input while the step plays): for teaching stride, padding and dilation in a lecture or a video.
struct TourPlayground {
  ConvGeometry geometry;
  bool playing = true;  // the window walks from the first output cell to the last over the step
  bool operator==(const TourPlayground& o) const { return geometry == o.geometry && playing == o.playing; }
};

// Input B for a step's compare view: an image file (relative to the tour file) or the tour's image attacked
// by FGSM/PGD; and what the slabs show.
struct TourCompare {
  std::string image;   // B's file, or "" for an attack
  std::string attack;  // "fgsm" or "pgd", or "" for an image
  float epsilon = 8.f / 255;
  int steps = 10;  // PGD
  std::optional<int> target;
  std::string view = "diff";  // "a", "b" or "diff"
  bool operator==(const TourCompare& o) const {
    return image == o.image && attack == o.attack && epsilon == o.epsilon && steps == o.steps &&
           target == o.target && view == o.view;
  }
};

// A step's moment of the tour's training series: one checkpoint (from == to), or a range played over the step.
struct TourCheckpoints {
  int from = 0, to = 0;  // checkpoint indices in the series
  bool operator==(const TourCheckpoints& o) const { return from == o.from && to == o.to; }
};

struct TourStep {
  std::optional<TourFocus>
      focus;  // where to look (at most one of focus and pose; neither: the whole network)
  std::optional<CameraPose> pose;  // an explicit camera (radians)
  int zoom = 0;                    // semantic-zoom level 0..3 (see SemanticZoom.h): how close a focus frames
  TourMath math;
  std::optional<TourPlayground> playground;  // shown instead of the network (no focus, pose or math then)
  std::optional<AttributionRequest> attribution;  // heat maps over the slabs while the step shows
  bool features = false;                          // features mode while the step shows
  bool examples = false;                          // the focused channel's top examples beside its slab
  std::optional<TourCompare> compare;             // input B beside the image, and A, B or A − B on the slabs
  bool weights = false;                           // weights mode while the step shows
  std::optional<TourCheckpoints> checkpoints;        // the tour's series at a checkpoint (or across a range)
  std::string title;
  std::vector<std::string> text;  // caption lines
  float duration = 5.0f;          // seconds, > 0
  TourEasing easing = TourEasing::EaseInOut;
};

struct Tour {
  std::string model;  // optional: model file the tour was written for (relative to the tour file's folder)
  std::string image;  // optional: image likewise
  std::string series;  // optional: a training series (folder or series.json) likewise; needed by checkpoint steps
  std::vector<TourStep> steps;
  double totalDuration() const;
};

// Throws InputError naming `sourceName`, the line, the step and the field: "tour.json:14: step 3: field
// 'duration' must be a positive number". Unknown fields and unknown versions are rejected.
Tour parseTour(const std::string& jsonText, const std::string& sourceName = "tour");
Tour loadTour(const std::string& path);  // InputError when the file cannot be read or is bad
std::string tourToJson(const Tour& tour);
// Atomic: writes a temporary file beside `path`, then renames it over `path`; on any failure the previous
// file is untouched and std::runtime_error names the path.
void saveTour(const Tour& tour, const std::string& path);

// A path the tour names (its model, image, series, a compare step's image): as written when absolute, else
// relative to the tour file's folder.
std::string pathBesideTour(const std::string& tourFile, const std::string& path);

// How long the camera moves at the start of a step: min(1 s, 40 % of the step).
float transitionSeconds(const TourStep& step);
// Where a timeline step stands `stepTime` seconds in, in checkpoints: its checkpoint, or for a range the first
// until the camera has arrived, then linearly to the last at 85 % of the step (which then rests there).
double tourTimelinePosition(const TourCheckpoints& timeline, const TourStep& step, double stepTime);

// Where the camera looks for a step that has a focus (or neither focus nor pose: focus is nullopt).
// The app supplies it (it needs the layout, the viewport's aspect and the framing rules).
using TourFocusResolver = std::function<CameraPose(const std::optional<TourFocus>& focus, int zoom)>;
CameraPose stepPose(const TourStep& step, const TourFocusResolver& resolve);
// Sets a step's "examples" and the focus's matching framing; only a focus on a channel can have them.
void setStepExamples(TourStep& step, bool examples);

// What a tour shows at one moment.
struct TourFrame {
  int step = 0;             // the step whose caption is shown and whose target the camera moves to
  int fromStep = 0;         // the step the camera comes from (== step on the first step)
  double stepTime = 0.0;    // seconds since the step began
  float transition = 1.0f;  // eased camera progress from fromStep's pose to step's pose (1 once holding)
  bool transitioning = false;
  CameraPose pose;
  float zoom = 0.0f;                // semantic-zoom level, interpolated during the transition
  TourMath math;                    // position advanced when playing
  float playgroundPosition = 0.0f;  // the playground's slide position in [0,1] (a playground step)
  float captionAlpha = 1.0f;        // fades the new caption in during the transition
};

// A tour laid out on a time line for recording: deterministic in t (no wall clock, no state).
// Step i occupies [start(i), start(i) + duration); its first transitionSeconds() move the camera from step
// i-1's pose (eased), the rest holds. The first step starts at its own pose.
class TourTimeline {
 public:
  TourTimeline(const Tour& tour, const TourFocusResolver& resolve);
  double totalDuration() const { return total_; }
  double stepStart(int step) const { return starts_.at(step); }
  int stepCount() const { return static_cast<int>(steps_.size()); }
  const CameraPose& poseOf(int step) const { return poses_.at(step); }
  // t < 0 → the first moment; t ≥ totalDuration() → the last step, holding.
  TourFrame at(double t) const;
  // Frames a recording at `fps` holds: round(totalDuration × fps), at least 1.
  long long frameCount(double fps) const;

 private:
  std::vector<TourStep> steps_;
  std::vector<CameraPose> poses_;
  std::vector<double> starts_;
  double total_ = 0.0;
};

// Live presentation: the presenter moves between steps (next, previous, jump); each move animates from
// wherever the camera is now (an interrupted transition continues smoothly). Driven by explicit dt.
class TourPlayer {
 public:
  TourPlayer(Tour tour, TourFocusResolver resolve);

  // Begins at step 0, flying there from `from` (the camera's current pose).
  void start(const CameraPose& from);
  void next();          // no-op on the last step
  void previous();      // no-op on the first step
  void jump(int step);  // clamped to the steps
  void advance(float dtSeconds);

  bool started() const { return started_; }
  int step() const { return step_; }
  int stepCount() const { return static_cast<int>(tour_.steps.size()); }
  const TourStep& currentStep() const { return tour_.steps.at(step_); }
  const Tour& tour() const { return tour_; }
  TourFrame frame() const;  // the current pose, zoom, math state and caption fade
  // Re-resolves every focus (after a layout or viewport change) and re-targets the running transition.
  void setResolver(TourFocusResolver resolve);

 private:
  void goTo(int step);
  Tour tour_;
  TourFocusResolver resolve_;
  bool started_ = false;
  int step_ = 0, fromStep_ = 0;
  bool moving_ = false;  // the current step was entered with a camera move
  CameraPose from_, to_;
  float fromZoom_ = 0.0f;
  double elapsed_ = 0.0;  // since the current step began
};

}  // namespace convoscope
