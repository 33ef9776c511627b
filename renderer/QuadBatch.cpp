#include "renderer/QuadBatch.h"

#include <epoxy/gl.h>

#include <cstddef>

#include "renderer/ShaderProgram.h"

namespace convoscope {

QuadBatch::QuadBatch() : program_(std::make_unique<ShaderProgram>("quads.vert", "quads.frag")) {
  glGenVertexArrays(1, &vao_);
  glBindVertexArray(vao_);
  buffer_.upload(nullptr, 0);
  const GLsizei stride = sizeof(Vertex);
  auto attribute = [&](GLuint index, GLint size, size_t offset) {
    glEnableVertexAttribArray(index);
    glVertexAttribPointer(index, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offset));
  };
  attribute(0, 3, offsetof(Vertex, position));
  attribute(1, 4, offsetof(Vertex, colour));
  attribute(2, 4, offsetof(Vertex, style));
  attribute(3, 4, offsetof(Vertex, local));
  glBindVertexArray(0);
}

QuadBatch::~QuadBatch() { glDeleteVertexArrays(1, &vao_); }

// corners: bottom-left, bottom-right, top-right, top-left (in the rect's own orientation).
void QuadBatch::addRect(const glm::vec3 corners[4], const glm::vec2& h, const glm::vec4& colour, float mode,
                        float lutRow, float radius, bool yDown) {
  const float s = yDown ? -1.0f : 1.0f;
  const glm::vec2 local[4] = {{-h.x, -h.y * s}, {h.x, -h.y * s}, {h.x, h.y * s}, {-h.x, h.y * s}};
  const float t[4] = {0.0f, 1.0f, 1.0f, 0.0f};
  Vertex v[4];
  for (int i = 0; i < 4; ++i) v[i] = {corners[i], colour, {mode, lutRow, t[i], radius}, {local[i], h}};
  vertices_.insert(vertices_.end(), {v[0], v[1], v[2], v[0], v[2], v[3]});
}

void QuadBatch::addWorldRect(const glm::vec2& min, const glm::vec2& max, float z, const glm::vec4& colour,
                             float cornerRadius) {
  const glm::vec3 c[4] = {{min.x, min.y, z}, {max.x, min.y, z}, {max.x, max.y, z}, {min.x, max.y, z}};
  addRect(c, (max - min) * 0.5f, colour, 0.0f, -1.0f, cornerRadius, false);
}

void QuadBatch::addWorldQuad(const glm::vec3& origin, const glm::vec3& along, const glm::vec3& up,
                             const glm::vec4& colour) {
  const glm::vec3 c[4] = {origin, origin + along, origin + along + up, origin + up};
  addRect(c, glm::vec2(glm::length(along), glm::length(up)) * 0.5f, colour, 0.0f, -1.0f, 0.0f, false);
}

void QuadBatch::addScreenRect(const glm::vec2& min, const glm::vec2& max, const glm::vec4& colour,
                              float cornerRadius) {
  const glm::vec3 c[4] = {{min.x, max.y, 0}, {max.x, max.y, 0}, {max.x, min.y, 0}, {min.x, min.y, 0}};
  addRect(c, (max - min) * 0.5f, colour, 1.0f, -1.0f, cornerRadius, true);
}

void QuadBatch::addScreenRamp(const glm::vec2& min, const glm::vec2& max, int lutRow) {
  const glm::vec3 c[4] = {{min.x, max.y, 0}, {max.x, max.y, 0}, {max.x, min.y, 0}, {min.x, min.y, 0}};
  addRect(c, (max - min) * 0.5f, glm::vec4(1.0f), 1.0f, static_cast<float>(lutRow), 0.0f, true);
}

int QuadBatch::draw(const glm::mat4& viewProjection, const glm::vec2& viewportPixels, unsigned lutTexture,
                    int lutRows) {
  if (vertices_.empty()) return 0;
  glBindVertexArray(vao_);
  buffer_.upload(vertices_.data(), vertices_.size() * sizeof(Vertex));
  program_->use();
  program_->set("uViewProjection", viewProjection);
  program_->set("uViewport", viewportPixels);
  program_->set("uLut", 1);
  program_->set("uLutRows", static_cast<float>(lutRows));
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, lutTexture);
  glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices_.size()));
  glBindVertexArray(0);
  return 1;
}

}  // namespace convoscope
