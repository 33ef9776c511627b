#pragma once
// The lecture pointer spotlight (L): darkens the 3D view except a soft-edged disc round the pointer. Drawn
// into the scene's framebuffer after the scene and the computation view but before the captions, so the
// captions stay readable and a live recording shows exactly what the room sees. One full-screen draw call.
#include <glm/glm.hpp>
#include <memory>

namespace convoscope {

class ShaderProgram;

class SpotlightVeil {
 public:
  SpotlightVeil();  // needs a current GL context
  ~SpotlightVeil();
  SpotlightVeil(const SpotlightVeil&) = delete;
  SpotlightVeil& operator=(const SpotlightVeil&) = delete;

  // `centre` in pixels of the bound framebuffer, origin top-left (as a mouse position); `radius` is the
  // clear disc, the edge fades over a further 35 %.
  void draw(const glm::ivec2& viewport, const glm::vec2& centre, float radius);

  static constexpr float kDarkness = 0.67f;

 private:
  std::unique_ptr<ShaderProgram> program_;
  unsigned vao_ = 0;
};

}  // namespace convoscope
