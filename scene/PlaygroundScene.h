#pragma once
// The hyperparameter playground as a small 3D world (pure geometry, no GL): the padded input plate at z = 0
// (padding as ghost cells), the kernel window on it (its K×K sampled cells, spread by dilation), the output
// plate beside it and further back, filling cell by cell as the KernelSlide walks, and a beam — four lines
// from the window's corners to the output cell it computes — that shows where each window's result lands.
// An impossible combination has no output cells: the window is drawn where the stride would carry it past
// the edge, and `check.reason` says why. renderer/PlaygroundView draws it; tests/scene checks the geometry.
#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "scene/Bounds.h"
#include "scene/ConvArithmetic.h"
#include "scene/KernelSlide.h"

namespace convoscope {

enum class PlaygroundCellKind { Input, Padding, Empty, Filled, Current };

struct PlaygroundCell {
  glm::vec2 min, max;  // world XY
  float z = 0;
  PlaygroundCellKind kind = PlaygroundCellKind::Input;
  int row = 0, col = 0;  // on its plate (input: padded coordinates)
  bool sampled = false;  // an input cell the kernel reads at its current position
  float shade = 0;       // input cells: a fixed pattern in [0,1] so the plate reads as data
};

struct PlaygroundLabel {
  std::string text;
  glm::vec3 at;  // centre of the text's baseline, in the plate's plane
  float size;    // world units
  bool warning;
};

struct PlaygroundScene {
  ConvCheck check;
  int padded = 0;                        // W + 2P
  std::vector<PlaygroundCell> input;     // padded², row-major
  std::vector<PlaygroundCell> output;    // out², row-major (empty when invalid)
  glm::vec2 windowMin{0}, windowMax{0};  // the window's extent on the input plate (K_eff cells)
  bool windowFits = true;                // false when it overhangs the padded input (invalid stride)
  glm::ivec2 currentCell{-1};            // output (row, col) being computed; -1 when invalid
  std::vector<std::pair<glm::vec3, glm::vec3>> beam;  // window corners → output cell corners
  std::vector<PlaygroundLabel> labels;
  Bounds bounds;
};

// Output plate position relative to the input plate: to the right and back, so an orbiting camera sees the
// beam in depth while both plates stay readable from the front.
constexpr float kPlaygroundOutputDepth = -3.0f;

PlaygroundScene layoutPlayground(const ConvGeometry& geometry, const KernelSlide& slide);

}  // namespace convoscope
