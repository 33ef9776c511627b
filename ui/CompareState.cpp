#include "ui/CompareState.h"

#include "core/Errors.h"
#include "ui/ViewerState.h"

namespace convoscope {

const char* compareViewName(CompareView view) {
  switch (view) {
    case CompareView::B:
      return "b";
    case CompareView::Difference:
      return "diff";
    default:
      return "a";
  }
}

std::optional<CompareView> parseCompareView(const std::string& name) {
  for (CompareView v : {CompareView::A, CompareView::B, CompareView::Difference})
    if (name == compareViewName(v)) return v;
  return std::nullopt;
}

std::optional<CompareRequest> compareRequestFrom(const std::string& imageB, const std::string& attack, float epsilon,
                                                 int steps, std::optional<int> target) {
  if (imageB.empty() && attack.empty()) return std::nullopt;
  if (!imageB.empty() && !attack.empty()) throw InputError("give input B as --image-b or --attack, not both");
  if (!attack.empty() && attack != "fgsm" && attack != "pgd")
    throw InputError("unknown attack method '" + attack + "'; choose fgsm or pgd");
  if (!(epsilon >= 0.0f && epsilon <= 1.0f))
    throw InputError("epsilon must be between 0 and 1 (pixel values are 0..1)");
  if (steps < 1) throw InputError("steps must be at least 1");
  if (target && *target < 0) throw InputError("the target must be a class index (0 or more)");
  CompareRequest r;
  r.imagePath = imageB;
  if (!attack.empty())
    r.source = attack == "pgd" ? CompareSource::Pgd : CompareSource::Fgsm;
  r.epsilon = epsilon;
  r.steps = steps;
  r.target = target;
  return r;
}

void requestCompare(ViewerState& state, const CompareRequest& request) {
  state.compare.request = request;
  state.compare.outbox = request;
  state.compare.error.clear();
  state.touch();
}

void clearCompare(ViewerState& state) {
  CompareState& c = state.compare;
  c.outbox.reset();
  c.result.reset();
  c.error.clear();
  c.view = CompareView::A;
  c.viewChosen = false;
  ++c.generation;
  state.touch();
}

bool compareAsked(const ViewerState& state, const CompareRequest& request) {
  const CompareState& c = state.compare;
  return (visibleCompare(state) && c.shownRequest == request) || (c.outbox && *c.outbox == request) ||
         (c.inFlight && *c.inFlight == request);
}

void finishCompare(ViewerState& state, std::shared_ptr<const CompareResult> result, const CompareRequest& request,
                   uint64_t snapshotId) {
  CompareState& c = state.compare;
  c.computing = false;
  c.progress = 1.0f;
  const bool firstB = !c.result;
  c.result = std::move(result);
  c.shownRequest = request;
  c.snapshotId = snapshotId;
  c.error.clear();
  if (firstB && !c.viewChosen) c.view = CompareView::Difference;  // show what was asked for
  c.bringTabForward = firstB;
  state.touch();
}

void failCompare(ViewerState& state, const std::string& message) {
  state.compare.computing = false;
  state.compare.error = message;
  reportMessage(state, message);
}

void refreshCompareFor(ViewerState& state, bool newModel) {
  CompareState& c = state.compare;
  if (newModel) {
    clearCompare(state);
    c.request.target.reset();
    return;
  }
  if (c.result && !c.outbox) c.outbox = c.shownRequest;
}

void setCompareView(ViewerState& state, CompareView view) {
  state.compare.view = view;
  state.compare.viewChosen = true;
  state.touch();
}

void cycleCompareView(ViewerState& state) {
  if (!visibleCompare(state)) {
    reportMessage(state, "No input B to compare with: load one in the Compare tab", false);
    return;
  }
  const CompareView v = state.compare.view;
  setCompareView(state, v == CompareView::A   ? CompareView::B
                        : v == CompareView::B ? CompareView::Difference
                                              : CompareView::A);
}

const CompareResult* visibleCompare(const ViewerState& state) {
  const CompareState& c = state.compare;
  if (!c.result || !state.snapshot || c.snapshotId != state.snapshot->id) return nullptr;
  return c.result.get();
}

const Snapshot* displayedSnapshot(const ViewerState& state) {
  const CompareResult* r = visibleCompare(state);
  if (!r || state.compare.view == CompareView::A) return state.snapshot.get();
  return state.compare.view == CompareView::B ? r->b.get() : r->difference.get();
}

DivergenceCurve divergenceCurveFor(const CompareResult& result, double threshold, const SceneLayout& layout) {
  std::vector<std::optional<double>> distances;
  for (const LayerDivergence& d : result.divergence) distances.push_back(d.distance());
  return layoutDivergenceCurve(layout, distances, threshold);
}

int firstDivergentLayerShown(const ViewerState& state) {
  const CompareResult* r = visibleCompare(state);
  if (!r) return -1;
  const DivergenceCurve curve = divergenceCurveFor(*r, state.compare.threshold, state.layout);
  return curve.firstSlab < 0 ? -1 : state.layout.slabs[curve.firstSlab].layer;
}

}  // namespace convoscope
