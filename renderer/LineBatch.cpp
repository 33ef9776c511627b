#include "renderer/LineBatch.h"

#include <epoxy/gl.h>

#include <cstddef>

#include "renderer/ShaderProgram.h"

namespace convoscope {

LineBatch::LineBatch() : program_(std::make_unique<ShaderProgram>("lines.vert", "lines.frag")) {
  const float corners[] = {0, -1, 1, -1, 1, 1, 0, -1, 1, 1, 0, 1};
  glGenVertexArrays(1, &vao_);
  glBindVertexArray(vao_);
  glGenBuffers(1, &corners_);
  glBindBuffer(GL_ARRAY_BUFFER, corners_);
  glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  instances_.upload(nullptr, 0);
  glBindBuffer(GL_ARRAY_BUFFER, instances_.id());
  const GLsizei stride = sizeof(Segment);
  auto attribute = [&](GLuint index, GLint size, size_t offset) {
    glEnableVertexAttribArray(index);
    glVertexAttribPointer(index, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offset));
    glVertexAttribDivisor(index, 1);
  };
  attribute(1, 3, offsetof(Segment, a));
  attribute(2, 3, offsetof(Segment, b));
  attribute(3, 4, offsetof(Segment, colour));
  attribute(4, 1, offsetof(Segment, width));
  glBindVertexArray(0);
}

LineBatch::~LineBatch() {
  glDeleteBuffers(1, &corners_);
  glDeleteVertexArrays(1, &vao_);
}

void LineBatch::add(const glm::vec3& a, const glm::vec3& b, const glm::vec4& colour, float widthPixels) {
  segments_.push_back({a, b, colour, widthPixels});
}

void LineBatch::addPolyline(const std::vector<glm::vec3>& points, const glm::vec4& colour,
                            float widthPixels) {
  for (size_t i = 1; i < points.size(); ++i) add(points[i - 1], points[i], colour, widthPixels);
}

void LineBatch::addRect(const glm::vec2& min, const glm::vec2& max, float z, const glm::vec4& colour,
                        float widthPixels) {
  const glm::vec3 a(min.x, min.y, z), b(max.x, min.y, z), c(max.x, max.y, z), d(min.x, max.y, z);
  add(a, b, colour, widthPixels);
  add(b, c, colour, widthPixels);
  add(c, d, colour, widthPixels);
  add(d, a, colour, widthPixels);
}

int LineBatch::draw(const glm::mat4& viewProjection, const glm::vec2& viewportPixels) {
  if (segments_.empty()) return 0;
  glBindVertexArray(vao_);
  instances_.upload(segments_.data(), segments_.size() * sizeof(Segment));
  program_->use();
  program_->set("uViewProjection", viewProjection);
  program_->set("uViewport", viewportPixels);
  program_->set("uDepthBias", 0.0004f);
  glDrawArraysInstanced(GL_TRIANGLES, 0, 6, static_cast<GLsizei>(segments_.size()));
  glBindVertexArray(0);
  return 1;
}

}  // namespace convoscope
