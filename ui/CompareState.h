#pragma once
// "Where do two inputs part ways?" in the viewer: a second input B beside the current one (A) — an image file
// or an adversarial twin of A made by FGSM/PGD — captured once against A, so switching what the slabs show
// (A, B, or A − B) costs no forward pass. The panel, keys and tours write a request into the outbox; the window
// computes it on a worker thread (app/CompareWork.h) and reports back with finishCompare / failCompare.
// Torch- and GL-free.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Divergence.h"
#include "core/ImageInput.h"
#include "core/Snapshot.h"
#include "scene/DivergenceCurve.h"

namespace convoscope {

struct ViewerState;

enum class CompareView { A, B, Difference };
const char* compareViewName(CompareView view);  // "a", "b", "diff" (CLI and tours)
std::optional<CompareView> parseCompareView(const std::string& name);

enum class CompareSource { Image, Fgsm, Pgd };

struct CompareRequest {
  CompareSource source = CompareSource::Image;
  std::string imagePath;       // Image: B's file
  float epsilon = 8.f / 255;   // attacks: the L∞ budget in pixel values
  int steps = 10;              // PGD
  bool randomStart = false;    // PGD
  uint64_t seed = 0;           // PGD's random start
  std::optional<int> target;   // targeted attack towards this class
  // FGSM: also search the smallest flipping ε (64 forwards); skipped while only ε moves. Not part of identity.
  bool searchFlip = true;
  bool operator==(const CompareRequest& o) const {
    return source == o.source && imagePath == o.imagePath && epsilon == o.epsilon && steps == o.steps &&
           randomStart == o.randomStart && seed == o.seed && target == o.target;
  }
  bool isAttack() const { return source != CompareSource::Image; }
  bool sameApartFromEpsilon(const CompareRequest& o) const {
    CompareRequest same = o;
    same.epsilon = epsilon;
    return same == *this;
  }
};

// What the worker hands back: B captured against A.
struct CompareResult {
  std::shared_ptr<const Snapshot> b, difference;  // B's snapshot and A − B
  std::vector<LayerDivergence> divergence;        // per layer, B against A
  std::string note;                               // what was done to B ("resized from …"), or ""
  std::vector<float> pixels;                      // B in pixel space (what "save B" writes)
  PixelGeometry geometry;
  std::optional<float> smallestFlip;  // FGSM attacks: the smallest ε on the 8-bit grid that flips A's class
};

struct CompareState {
  CompareRequest request;                // what the panel's controls say
  std::optional<CompareRequest> outbox;  // asked for, not started yet (the window starts it)
  bool computing = false;
  float progress = 0.0f;
  std::shared_ptr<const CompareResult> result;  // on screen; null: no B
  uint64_t snapshotId = 0;                      // the A snapshot the result was captured against
  CompareRequest shownRequest;                  // what the result answers
  CompareView view = CompareView::A;            // what the slabs show (C cycles)
  double threshold = kDivergenceThreshold;      // "the paths diverge" from this relative distance on
  std::string error;                            // the last failure (the previous B stays)
  bool bringTabForward = false;                 // the first B brings the Compare tab to the front, once
  bool viewChosen = false;  // the view was set (key, panel, tour step): the first B keeps it, else shows A − B
  // Bumped when B is removed (or dropped for a new model): a job started before brings back nothing.
  uint64_t generation = 0;
  std::optional<CompareRequest> inFlight;  // what the worker computes now (set by the window)
};

// Input B as the CLI and tours name it: the file `imageB`, or A attacked by `attack` ("fgsm", "pgd"); nullopt
// when neither is given. Throws InputError for both, an unknown attack, ε outside [0, 1], steps < 1 or a
// negative target.
std::optional<CompareRequest> compareRequestFrom(const std::string& imageB, const std::string& attack, float epsilon,
                                                 int steps, std::optional<int> target);

void requestCompare(ViewerState& state, const CompareRequest& request);
void clearCompare(ViewerState& state);  // no B: the slabs show A again (a job in flight is dropped)
// Whether `request` is already shown, asked for or being computed.
bool compareAsked(const ViewerState& state, const CompareRequest& request);
void finishCompare(ViewerState& state, std::shared_ptr<const CompareResult> result, const CompareRequest& request,
                   uint64_t snapshotId);
void failCompare(ViewerState& state, const std::string& message);
// A new A arrived: B is captured again against it (same request), or dropped for a new model.
void refreshCompareFor(ViewerState& state, bool newModel);
void setCompareView(ViewerState& state, CompareView view);
void cycleCompareView(ViewerState& state);  // C: A → B → A − B → A (only with a B)

// B for the current A (null when none, or while it belongs to another A).
const CompareResult* visibleCompare(const ViewerState& state);
// What the slabs show: A, B or A − B.
const Snapshot* displayedSnapshot(const ViewerState& state);
// The divergence fence over `layout` for a result (scene/DivergenceCurve.h): the 3D view (window, shot,
// record) draws it and the Compare tab names its marked slab, so both say the same.
DivergenceCurve divergenceCurveFor(const CompareResult& result, double threshold, const SceneLayout& layout);
// The layer heading the slab where the paths part (the fence's marked slab), -1 when none (or no B).
int firstDivergentLayerShown(const ViewerState& state);

}  // namespace convoscope
