#include "scene/TourValidation.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/Computation.h"
#include "core/Errors.h"

namespace convoscope {
namespace {

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::vector<std::string> closestNames(const std::string& name, const std::vector<std::string>& candidates,
                                      size_t count) {
  std::vector<std::pair<size_t, std::string>> scored;
  for (const std::string& c : candidates) scored.emplace_back(editDistance(name, c), c);
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < count; ++i) out.push_back(scored[i].second);
  return out;
}

namespace {

int layerNamed(const Snapshot& snapshot, const std::string& name) {
  for (size_t i = 0; i < snapshot.layers.size(); ++i)  // by hand: scene/ links without engine/'s Snapshot.cpp
    if (snapshot.layers[i].name == name) return static_cast<int>(i);
  return -1;
}

// The step's class and layer exist in this model (the method name was checked when the file was read).
void validateAttribution(const AttributionRequest& a, const Snapshot& snapshot, const std::string& where) {
  const int classes = static_cast<int>(snapshot.logits.size());
  for (const std::optional<int>& c : {a.classIndex, a.contrast})
    if (c && *c >= classes)
      throw InputError(where + "attribution class " + std::to_string(*c) + " is out of range (the model has " +
                       std::to_string(classes) + " classes)");
  if (a.layer.empty()) return;
  const int layer = layerNamed(snapshot, a.layer);
  if (layer < 0) {
    std::vector<std::string> names;
    for (const Layer& l : snapshot.layers) names.push_back(l.name);
    throw InputError(where + "attribution: no layer named '" + a.layer + "'; did you mean " +
                     joined(closestNames(a.layer, names)) + "?");
  }
  if (snapshot.layers[layer].output.shape.size() != 3)
    throw InputError(where + "attribution: Grad-CAM needs a layer with a C×H×W output; '" + a.layer +
                     "' has none");
}

}  // namespace

void validateTour(const Tour& tour, const Snapshot& snapshot, const SceneLayout& layout,
                  const std::string& sourceName) {
  std::vector<std::string> displayed;
  for (size_t i = 0; i < snapshot.layers.size(); ++i)
    if (layout.slabForLayer(static_cast<int>(i)) >= 0) displayed.push_back(snapshot.layers[i].name);

  for (size_t s = 0; s < tour.steps.size(); ++s) {
    const TourStep& step = tour.steps[s];
    const std::string where = sourceName + ": step " + std::to_string(s + 1) + ": ";
    if (step.attribution) validateAttribution(*step.attribution, snapshot, where);
    if (step.compare && step.compare->target && *step.compare->target >= static_cast<int>(snapshot.logits.size()))
      throw InputError(where + "compare: target class " + std::to_string(*step.compare->target) +
                       " is out of range (the model has " + std::to_string(snapshot.logits.size()) + " classes)");
    const std::string predictionRule =
        "'math.prediction' shows the prediction's softmax: it needs a focus cell on the model's last layer (its "
        "logits), and a model that does not end in a softmax itself";
    if (step.math.prediction && !step.focus) throw InputError(where + predictionRule);
    if (!step.focus) continue;
    const TourFocus& f = *step.focus;
    const int layer = layerNamed(snapshot, f.layer);
    const int slabIndex = layer >= 0 ? layout.slabForLayer(layer) : -1;
    if (slabIndex < 0) {
      const std::string known =
          layer >= 0 ? "layer '" + f.layer + "' is hidden in this view" : "no layer named '" + f.layer + "'";
      throw InputError(where + known + " in " +
                       (snapshot.modelName.empty() ? "the model" : snapshot.modelName) + "; did you mean " +
                       joined(closestNames(f.layer, displayed)) + "?");
    }
    const Slab& slab = layout.slabs[slabIndex];
    if (f.channel && *f.channel >= slab.grid.channels)
      throw InputError(where + "focus channel " + std::to_string(*f.channel) + " is out of range: '" +
                       f.layer + "' has channels 0.." + std::to_string(slab.grid.channels - 1));
    if (f.channel && f.y && f.x &&
        (*f.y >= slab.grid.cellRows || *f.x >= slab.grid.cellCols ||
         valueIndex(slab.grid, *f.channel, *f.y, *f.x) < 0))
      throw InputError(where + "focus cell (y " + std::to_string(*f.y) + ", x " + std::to_string(*f.x) +
                       ") is outside the " + std::to_string(slab.grid.cellRows) + "x" +
                       std::to_string(slab.grid.cellCols) + " map of '" + f.layer + "'");
    const bool onLogits = f.y && layer + 1 == static_cast<int>(snapshot.layers.size()) && slab.grid.flat;
    if (step.math.prediction && !(onLogits && predictionAppliesSoftmax(snapshot)))
      throw InputError(where + predictionRule + " ('" + f.layer + "' is not)");
  }
}

void validateTourSeries(const Tour& tour, int checkpointCount, const std::string& sourceName) {
  for (size_t i = 0; i < tour.steps.size(); ++i) {
    const std::optional<TourCheckpoints>& t = tour.steps[i].checkpoints;
    if (!t) continue;
    for (const int k : {t->from, t->to})
      if (k >= checkpointCount)
        throw InputError(sourceName + ": step " + std::to_string(i + 1) + ": checkpoint " + std::to_string(k) +
                         " is past the series' last (" + std::to_string(checkpointCount - 1) + ")");
  }
}

}  // namespace convoscope
