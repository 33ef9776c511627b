#include "scene/FramePacing.h"

#include <cmath>

namespace convoscope {

long long framesDue(double elapsedSeconds, double fps) {
  if (!(elapsedSeconds >= 0.0) || !(fps > 0.0)) return elapsedSeconds >= 0.0 ? 1 : 0;
  // The epsilon keeps t = k / fps (computed in floating point) on frame k.
  return static_cast<long long>(std::floor(elapsedSeconds * fps + 1e-6)) + 1;
}

}  // namespace convoscope
