#pragma once
// Draws a HeatOverlay (scene/HeatOverlay.h) over the slabs' tiles in one instanced call, whatever the number
// of maps, slabs or channels: every map sits in one R32F atlas (uploaded when the overlay's id changes), each
// placement is one quad instance that samples its map bilinearly (a 7×7 Grad-CAM lies smoothly over a 28×28
// image) and colours it with the heat map. Placements fade with their slab's tiles or far view, exactly as the
// tiles under them do (SceneRenderer's fade texture).
#include <glm/glm.hpp>
#include <memory>
#include <vector>

#include "scene/HeatOverlay.h"

namespace convoscope {

class InstancedQuads;
class ShaderProgram;

class HeatOverlayView {
 public:
  HeatOverlayView();  // needs a current GL context
  ~HeatOverlayView();
  HeatOverlayView(const HeatOverlayView&) = delete;
  HeatOverlayView& operator=(const HeatOverlayView&) = delete;

  // Draws into the bound framebuffer with the scene's depth buffer (maps behind slabs stay hidden).
  // `fadeTexture`: one RGBA32F texel per slab, y = its tiles' opacity. Returns the draw calls made (0 or 1).
  int draw(const HeatOverlay& overlay, const SceneLayout& layout, const std::vector<bool>& cut,
           const glm::mat4& viewProjection, unsigned fadeTexture);
  int instanceCount() const { return instances_; }

 private:
  void upload(const HeatOverlay& overlay);

  std::unique_ptr<ShaderProgram> program_;
  std::unique_ptr<InstancedQuads> quads_;
  unsigned atlas_ = 0, lut_ = 0;
  uint64_t uploadedId_ = 0;
  glm::vec2 atlasSize_{1.0f};
  std::vector<glm::vec4> blocks_;  // per map: texel x, y of its (0, 0) value, cols, rows
  int instances_ = 0;
};

}  // namespace convoscope
