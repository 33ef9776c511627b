#pragma once
// A frame's flat quads — 3D panels (probability bars and tracks) and screen overlays (legend, header card) —
// in ONE draw call. Screen quads may have rounded corners or take their colour from the colour-map LUT.
#include <glm/glm.hpp>
#include <memory>
#include <vector>

#include "renderer/GlBuffer.h"

namespace convoscope {

class ShaderProgram;

class QuadBatch {
 public:
  QuadBatch();
  ~QuadBatch();

  void clear() { vertices_.clear(); }
  // A rectangle in the XY plane at depth z (faces +Z), world units.
  void addWorldRect(const glm::vec2& min, const glm::vec2& max, float z, const glm::vec4& colour,
                    float cornerRadius = 0.0f);
  // A parallelogram from `origin` spanning `along` and `up` (world), square-cornered.
  void addWorldQuad(const glm::vec3& origin, const glm::vec3& along, const glm::vec3& up,
                    const glm::vec4& colour);
  // Pixels, origin top-left, y down.
  void addScreenRect(const glm::vec2& min, const glm::vec2& max, const glm::vec4& colour,
                     float cornerRadius = 0.0f);
  // A horizontal colour-map ramp from LUT row `lutRow`, t = 0 at the left edge to 1 at the right.
  void addScreenRamp(const glm::vec2& min, const glm::vec2& max, int lutRow);

  int draw(const glm::mat4& viewProjection, const glm::vec2& viewportPixels, unsigned lutTexture,
           int lutRows);

 private:
  struct Vertex {
    glm::vec3 position;
    glm::vec4 colour;
    glm::vec4 style;  // mode, LUT row, LUT t, radius
    glm::vec4 local;  // offset from the centre, half size
  };
  void addRect(const glm::vec3 corners[4], const glm::vec2& halfSize, const glm::vec4& colour, float mode,
               float lutRow, float radius, bool yDown);
  std::vector<Vertex> vertices_;
  std::unique_ptr<ShaderProgram> program_;
  unsigned vao_ = 0;
  GlBuffer buffer_;
};

}  // namespace convoscope
