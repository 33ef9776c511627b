#include "scene/KernelSlide.h"

#include <algorithm>
#include <cmath>

namespace convoscope {

void KernelSlide::setSize(int rows, int cols) {
  const float keep = position();
  rows_ = std::max(rows, 1);
  cols_ = std::max(cols, 1);
  setPosition(keep);
}

float KernelSlide::position() const { return static_cast<float>(done_ / cellCount()); }

void KernelSlide::setPosition(float position) {
  done_ = std::clamp(static_cast<double>(position), 0.0, 1.0) * cellCount();
}

int KernelSlide::step() const {
  return std::clamp(static_cast<int>(std::floor(done_ + 1e-9)), 0, cellCount() - 1);
}

void KernelSlide::setStep(int step) { done_ = std::clamp(step, 0, cellCount() - 1); }

glm::ivec2 KernelSlide::currentCell() const {
  const int s = step();
  return {s / cols_, s % cols_};
}

int KernelSlide::filledCount() const {
  return std::clamp(static_cast<int>(std::floor(done_ + 1e-9)), 0, cellCount());
}

bool KernelSlide::filled(int y, int x) const {
  if (y < 0 || x < 0 || y >= rows_ || x >= cols_) return false;
  return y * cols_ + x < filledCount();
}

void KernelSlide::play() {
  if (finished()) done_ = 0.0;
  playing_ = true;
}

void KernelSlide::stepForward() {
  pause();
  done_ = std::min<double>(std::floor(done_ + 1e-9) + 1.0, cellCount());
}

void KernelSlide::stepBack() {
  pause();
  // From "finished" (all filled) one step back shows the last cell being computed.
  const double whole = std::floor(done_ + 1e-9);
  done_ = std::max(0.0, (whole >= cellCount() ? cellCount() : whole) - 1.0);
}

void KernelSlide::setSpeed(float cellsPerSecond) {
  speed_ = std::clamp(cellsPerSecond, kMinSpeed, kMaxSpeed);
}

void KernelSlide::advance(float dtSeconds) {
  if (!playing_ || dtSeconds <= 0.0f) return;
  done_ += static_cast<double>(dtSeconds) * speed_;
  if (done_ >= cellCount()) {
    done_ = cellCount();
    playing_ = false;
  }
}

}  // namespace convoscope
