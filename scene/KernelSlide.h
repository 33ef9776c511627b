#pragma once
// CNN Explainer's kernel slide as pure state: the output cells of one tile are computed one by one in
// row-major order while the kernel (or pooling window, or ReLU's single cell) walks over the input. Driven by
// an explicit dt so that the viewer, tours and recordings step it deterministically.
//
// Progress is a continuous number of cells done, in [0, cellCount]: position() = done / cellCount in [0,1].
// The current cell (where the window is) is floor(done), clamped to the last cell; cells before it are
// filled. At position 1 every cell is filled and the window rests on the last cell.
#include <glm/glm.hpp>

namespace convoscope {

class KernelSlide {
 public:
  KernelSlide() = default;
  KernelSlide(int rows, int cols) { setSize(rows, cols); }

  // Output size of the tile being computed; keeps the position (fraction) when the size changes.
  void setSize(int rows, int cols);
  int rows() const { return rows_; }
  int cols() const { return cols_; }
  int cellCount() const { return rows_ * cols_; }

  float position() const;            // [0,1]
  void setPosition(float position);  // clamped to [0,1]
  int step() const;                  // index of the current cell, 0..cellCount-1
  void setStep(int step);            // clamped; the window on cell `step`, the cells before it filled
  glm::ivec2 currentCell() const;    // (y, x) of step()
  int filledCount() const;           // cells computed so far (0..cellCount)
  bool filled(int y, int x) const;   // computed already (the current cell is not, until the window moves on)
  bool finished() const { return done_ >= cellCount(); }

  bool playing() const { return playing_; }
  void play();  // from the start again when finished
  void pause() { playing_ = false; }
  void togglePlay() { playing_ ? pause() : play(); }
  void stepForward();  // pauses, then moves one cell
  void stepBack();     // pauses, then moves one cell back

  float speed() const { return speed_; }  // cells per second
  void setSpeed(float cellsPerSecond);    // clamped to [kMinSpeed, kMaxSpeed]
  void faster() { setSpeed(speed_ * 2.0f); }
  void slower() { setSpeed(speed_ * 0.5f); }
  static constexpr float kMinSpeed = 0.5f, kMaxSpeed = 512.0f;

  // Moves on by dt × speed cells while playing; stops (pauses) at the end.
  void advance(float dtSeconds);

 private:
  int rows_ = 1, cols_ = 1;
  double done_ = 0.0;  // cells done, [0, cellCount]
  bool playing_ = false;
  float speed_ = 8.0f;
};

}  // namespace convoscope
