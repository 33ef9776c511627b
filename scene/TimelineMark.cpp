#include "scene/TimelineMark.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace convoscope {

std::string timelinePositionLine(const TrainingSeries& series, double position) {
  const auto& c = series.checkpoints;
  if (c.empty()) return "";
  const double clamped = std::clamp(position, 0.0, static_cast<double>(c.size() - 1));
  const size_t lo = static_cast<size_t>(std::floor(clamped + 1e-6)), hi = std::min(c.size() - 1, lo + 1);
  char text[160];
  if (std::abs(clamped - std::round(clamped)) < 1e-6) {
    const TrainingCheckpoint& k = c[static_cast<size_t>(std::lround(clamped))];
    std::snprintf(text, sizeof text, "step %lld \xC2\xB7 epoch %.2f \xC2\xB7 test accuracy %.1f %%",
                  static_cast<long long>(k.step), k.epoch, 100.0 * k.testAccuracy);
  } else {
    std::snprintf(text, sizeof text, "step %lld \xE2\x86\x92 %lld", static_cast<long long>(c[lo].step),
                  static_cast<long long>(c[hi].step));
  }
  return text;
}

TimelineMark timelineMark(const TrainingSeries& series, const std::vector<bool>& loaded, double position) {
  TimelineMark mark;
  for (size_t k = 0; k < series.checkpoints.size(); ++k) {
    mark.accuracy.push_back(static_cast<float>(series.checkpoints[k].testAccuracy));
    mark.loaded.push_back(k < loaded.size() ? loaded[k] : loaded.empty());
  }
  mark.position = position;
  mark.line = timelinePositionLine(series, position);
  return mark;
}

}  // namespace convoscope
