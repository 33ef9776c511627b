#include "ui/CellGradient.h"

#include "core/TextFormat.h"
#include "ui/ViewerState.h"

namespace convoscope {
namespace {

// The request for the selection now, when a cell is selected.
std::optional<CellGradientRequest> selectionRequest(const ViewerState& state) {
  if (!state.snapshot || !state.selection.hasCell() || state.snapshot->logits.empty()) return std::nullopt;
  return CellGradientRequest{state.snapshot->id, *state.selection.layer, scoreTarget(state)};
}

// Index of the selected cell in its layer's output, -1 for none.
long long selectedValueIndex(const ViewerState& state) {
  const int slab = state.layout.slabForLayer(*state.selection.layer);
  if (slab < 0) return -1;
  return valueIndex(state.layout.slabs[slab].grid, *state.selection.channel, *state.selection.y,
                    *state.selection.x);
}

std::string className(const ViewerState& state, int index) {
  const std::vector<std::string>& names = state.snapshot->classNames;
  return index >= 0 && index < static_cast<int>(names.size()) ? names[index] : "class " + std::to_string(index);
}

}  // namespace

ScoreTarget scoreTarget(const ViewerState& state) {
  const std::vector<ClassScore> top = state.snapshot ? state.snapshot->top(1) : std::vector<ClassScore>{};
  ScoreTarget target{top.empty() ? 0 : top[0].index, std::nullopt};
  if (visibleHeat(state)) {
    const AttributionRequest& shown = state.attribution.shownRequest;
    if (shown.classIndex) target.classIndex = *shown.classIndex;
    target.contrast = shown.contrast;
  }
  return target;
}

std::optional<CellGradientRequest> wantedCellGradient(const ViewerState& state) {
  const std::optional<CellGradientRequest> wanted = selectionRequest(state);
  const CellGradientState& g = state.cellGradient;
  if (!wanted || *wanted == g.shown || (g.computing && *g.computing == *wanted)) return std::nullopt;
  return wanted;
}

void finishCellGradient(ViewerState& state, const CellGradientRequest& request, std::vector<float> gradient,
                        std::string error) {
  CellGradientState& g = state.cellGradient;
  g.computing.reset();
  g.shown = request;
  g.gradient = std::move(gradient);
  g.error = std::move(error);
  state.touch();
}

std::string cellGradientText(const ViewerState& state) {
  const std::optional<CellGradientRequest> wanted = selectionRequest(state);
  if (!wanted) return "";
  const CellGradientState& g = state.cellGradient;
  const ScoreTarget& t = wanted->target;
  const std::string of = className(state, t.classIndex) + (t.contrast ? " − " + className(state, *t.contrast) : "");
  if (!(g.shown == *wanted)) return "∂y/∂cell for " + of + ": computing…";
  if (!g.error.empty()) return "∂y/∂cell: " + g.error;
  const long long i = selectedValueIndex(state);
  if (i < 0 || i >= static_cast<long long>(g.gradient.size())) return "";
  return "∂y/∂cell = " + fixedNumber(g.gradient[i]) + "  (y: the " + of + " logit)";
}

}  // namespace convoscope
