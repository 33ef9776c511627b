#include "scene/TourValidation.h"

#include <algorithm>
#include <cctype>

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

void validateTour(const Tour& tour, const Snapshot& snapshot, const SceneLayout& layout,
                  const std::string& sourceName) {
  std::vector<std::string> displayed;
  for (size_t i = 0; i < snapshot.layers.size(); ++i)
    if (layout.slabForLayer(static_cast<int>(i)) >= 0) displayed.push_back(snapshot.layers[i].name);

  for (size_t s = 0; s < tour.steps.size(); ++s) {
    const TourStep& step = tour.steps[s];
    if (!step.focus) continue;
    const TourFocus& f = *step.focus;
    const std::string where = sourceName + ": step " + std::to_string(s + 1) + ": ";
    int layer = -1;  // by hand: scene/ links without engine/'s Snapshot.cpp
    for (size_t i = 0; i < snapshot.layers.size() && layer < 0; ++i)
      if (snapshot.layers[i].name == f.layer) layer = static_cast<int>(i);
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
  }
}

}  // namespace convoscope
