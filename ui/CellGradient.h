#pragma once
// ∂y/∂cell in the viewer: the gradient of a class score with respect to every value of the selected layer,
// so the inspector and the computation panel can show the selected cell's beside its value ("how much would
// the score move if this number moved?"). y is the logit of the class the heat maps explain, else the top
// prediction's. Computed on the window's worker (app/WindowAttribution.cpp), cached for one (snapshot, layer,
// class) at a time. Torch- and GL-free.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convoscope {

struct ViewerState;

// Which score: a class's logit, minus another's in contrast mode.
struct ScoreTarget {
  int classIndex = 0;
  std::optional<int> contrast;
  bool operator==(const ScoreTarget& o) const { return classIndex == o.classIndex && contrast == o.contrast; }
};

struct CellGradientRequest {
  uint64_t snapshotId = 0;
  int layer = -1;
  ScoreTarget target;
  bool operator==(const CellGradientRequest& o) const {
    return snapshotId == o.snapshotId && layer == o.layer && target == o.target;
  }
};

struct CellGradientState {
  CellGradientRequest shown;    // what `gradient` (or `error`) answers
  std::vector<float> gradient;  // one per value of the layer's output
  std::string error;            // e.g. a layer whose captured output is a copy
  std::optional<CellGradientRequest> computing;
};

// The class the heat maps on screen explain, else the top prediction.
ScoreTarget scoreTarget(const ViewerState& state);
// The gradient the selection needs when it is neither shown nor being computed; nullopt otherwise.
std::optional<CellGradientRequest> wantedCellGradient(const ViewerState& state);
void finishCellGradient(ViewerState& state, const CellGradientRequest& request, std::vector<float> gradient,
                        std::string error);

// What the panels print for the selected cell: "∂y/∂cell = 0.0123 (Sneaker)", "computing …", a reason, or
// nothing when no cell is selected.
std::string cellGradientText(const ViewerState& state);

}  // namespace convoscope
