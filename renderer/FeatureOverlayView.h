#pragma once
// Draws a FeatureOverlay (scene/FeatureOverlay.h) — each channel's feature visualization over its tile, or the
// selected channel's top examples as a gallery beside it — in one instanced call whatever the number of
// pictures: every picture sits in one RGBA8 atlas (uploaded when the overlay's id changes) and each placement
// is one quad instance. Pictures on tiles fade with their slab's tiles, exactly as the tiles under them do
// (SceneRenderer's fade texture); a gallery stays.
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

  // Draws `placements` of the overlay's pictures (scene/FeatureOverlay.h: on tiles, or a gallery) into the
  // bound framebuffer with the scene's depth buffer. `fadeTexture`: one RGBA32F texel per slab, y = its tiles'
  // opacity, which the pictures follow when `fadeWithTiles`. Returns the draw calls made (0 or 1).
  int draw(const FeatureOverlay& overlay, const std::vector<FeaturePlacement>& placements, const SceneLayout& layout,
           const glm::mat4& viewProjection, unsigned fadeTexture, bool fadeWithTiles);
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
