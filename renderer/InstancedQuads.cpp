#include "renderer/InstancedQuads.h"

#include <epoxy/gl.h>

#include "renderer/GlBuffer.h"

namespace convoscope {
namespace {

// Two triangles covering (0,0)-(1,1).
const float kUnitQuad[] = {0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1};

}  // namespace

InstancedQuads::InstancedQuads(int vec4sPerInstance) : instanceBuffer_(std::make_unique<GlBuffer>()) {
  glGenVertexArrays(1, &vao_);
  glBindVertexArray(vao_);
  glGenBuffers(1, &quadBuffer_);
  glBindBuffer(GL_ARRAY_BUFFER, quadBuffer_);
  glBufferData(GL_ARRAY_BUFFER, sizeof kUnitQuad, kUnitQuad, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  instanceBuffer_->upload(nullptr, 0);
  glBindBuffer(GL_ARRAY_BUFFER, instanceBuffer_->id());
  const GLsizei stride = vec4sPerInstance * 4 * sizeof(float);
  for (int i = 0; i < vec4sPerInstance; ++i) {
    glEnableVertexAttribArray(1 + i);
    glVertexAttribPointer(1 + i, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(i * 4 * sizeof(float)));
    glVertexAttribDivisor(1 + i, 1);
  }
  glBindVertexArray(0);
}

InstancedQuads::~InstancedQuads() {
  glDeleteBuffers(1, &quadBuffer_);
  glDeleteVertexArrays(1, &vao_);
}

void InstancedQuads::upload(const void* instances, size_t bytes) {
  glBindVertexArray(0);
  instanceBuffer_->upload(instances, bytes);
}

void InstancedQuads::draw(int count) {
  glBindVertexArray(vao_);
  glDrawArraysInstanced(GL_TRIANGLES, 0, 6, count);
  glBindVertexArray(0);
}

void configureClampedTexture(int filter) {
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

}  // namespace convoscope
