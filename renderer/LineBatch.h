#pragma once
// A frame's 3D line segments (slab edges, residual arcs, selection outlines, flow lines) drawn as
// anti-aliased constant-pixel-width quads in ONE instanced draw call.
#include <glm/glm.hpp>
#include <memory>
#include <vector>

#include "renderer/GlBuffer.h"

namespace convoscope {

class ShaderProgram;

class LineBatch {
 public:
  LineBatch();
  ~LineBatch();

  void clear() { segments_.clear(); }
  void add(const glm::vec3& a, const glm::vec3& b, const glm::vec4& colour, float widthPixels);
  void addPolyline(const std::vector<glm::vec3>& points, const glm::vec4& colour, float widthPixels);
  // The outline of an axis-aligned rectangle in the plane z.
  void addRect(const glm::vec2& min, const glm::vec2& max, float z, const glm::vec4& colour,
               float widthPixels);
  size_t size() const { return segments_.size(); }

  int draw(const glm::mat4& viewProjection, const glm::vec2& viewportPixels);  // returns draw calls (0 or 1)

 private:
  struct Segment {
    glm::vec3 a, b;
    glm::vec4 colour;
    float width;
  };
  std::vector<Segment> segments_;
  std::unique_ptr<ShaderProgram> program_;
  unsigned vao_ = 0, corners_ = 0;
  GlBuffer instances_;
};

}  // namespace convoscope
