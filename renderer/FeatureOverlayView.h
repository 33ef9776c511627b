#pragma once
// Draws a FeatureOverlay (scene/FeatureOverlay.h) — each channel's feature visualization over its tile — in
// one instanced call whatever the number of channels: every picture sits in one RGBA8 atlas (uploaded when
// the overlay's id changes) and each placement is one quad instance. Pictures fade with their slab's tiles,
// exactly as the tiles under them do (SceneRenderer's fade texture).
#include <glm/glm.hpp>
#include <memory>
#include <vector>

#include "scene/FeatureOverlay.h"

namespace convoscope {

class InstancedQuads;
class ShaderProgram;

class FeatureOverlayView {
 public:
  FeatureOverlayView();  // needs a current GL context
  ~FeatureOverlayView();
  FeatureOverlayView(const FeatureOverlayView&) = delete;
  FeatureOverlayView& operator=(const FeatureOverlayView&) = delete;

  // Draws into the bound framebuffer with the scene's depth buffer. `fadeTexture`: one RGBA32F texel per
  // slab, y = its tiles' opacity. Returns the draw calls made (0 or 1).
  int draw(const FeatureOverlay& overlay, const SceneLayout& layout, const std::vector<bool>& cut,
           const glm::mat4& viewProjection, unsigned fadeTexture);
  int instanceCount() const { return instances_; }

 private:
  void upload(const FeatureOverlay& overlay);

  std::unique_ptr<ShaderProgram> program_;
  std::unique_ptr<InstancedQuads> quads_;
  unsigned atlas_ = 0;
  uint64_t uploadedId_ = 0;
  glm::vec2 atlasSize_{1.0f};
  std::vector<glm::vec4> blocks_;  // per picture: texel x, y of its top-left pixel, width, height
  int instances_ = 0;
};

}  // namespace convoscope
