#pragma once
// Draws the hyperparameter playground's 3D world (scene/PlaygroundScene.h) in place of the model while the
// playground is open: the input plate with its ghosted padding, the sliding kernel window and its sampled
// cells, the beam to the output cell being computed, the output plate filling, and the labels in the plates'
// planes. Three draw calls (quads, lines, text) whatever the sizes.
#include <glm/glm.hpp>
#include <memory>

#include "scene/OrbitCamera.h"
#include "scene/PlaygroundFraming.h"
#include "scene/PlaygroundScene.h"

namespace convoscope {

class FontAtlas;
class LineBatch;
class QuadBatch;
class TextBatch;

class PlaygroundView {
 public:
  PlaygroundView();  // needs a current GL context
  ~PlaygroundView();
  PlaygroundView(const PlaygroundView&) = delete;
  PlaygroundView& operator=(const PlaygroundView&) = delete;

  void build(const PlaygroundScene& scene, bool lightTheme = false);
  // Clears the bound framebuffer to the theme's background and draws; returns the draw calls made.
  int draw(const OrbitCamera& camera, const glm::ivec2& viewport);
  const Bounds& bounds() const { return bounds_; }

 private:
  std::unique_ptr<FontAtlas> font_;
  std::unique_ptr<TextBatch> text_;
  std::unique_ptr<LineBatch> lines_;
  std::unique_ptr<QuadBatch> quads_;
  Bounds bounds_;
  glm::vec3 background_{0.03f, 0.035f, 0.05f};
};

}  // namespace convoscope
