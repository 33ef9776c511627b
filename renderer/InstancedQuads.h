#pragma once
// A unit quad drawn once per instance, each instance a few vec4s (attribute locations 1, 2, …): the shared
// vertex setup of the overlays that lay pictures over slab tiles in one draw call (HeatOverlayView,
// FeatureOverlayView). The corner (0..1, y up) is attribute 0.
#include <cstddef>
#include <memory>

namespace convoscope {

class GlBuffer;

class InstancedQuads {
 public:
  explicit InstancedQuads(int vec4sPerInstance);  // needs a current GL context
  ~InstancedQuads();
  InstancedQuads(const InstancedQuads&) = delete;
  InstancedQuads& operator=(const InstancedQuads&) = delete;

  void upload(const void* instances, size_t bytes);
  // Draws `count` instances with the program and textures already bound; leaves no vertex array bound.
  void draw(int count);

 private:
  std::unique_ptr<GlBuffer> instanceBuffer_;
  unsigned vao_ = 0, quadBuffer_ = 0;
};

// Sets the bound 2D texture's filters and clamps it to its edges.
void configureClampedTexture(int filter);

}  // namespace convoscope
