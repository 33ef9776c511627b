#include "renderer/GlBuffer.h"

#include <epoxy/gl.h>

namespace convoscope {

GlBuffer::GlBuffer() { glGenBuffers(1, &id_); }
GlBuffer::~GlBuffer() { glDeleteBuffers(1, &id_); }

void GlBuffer::upload(const void* data, size_t bytes) {
  glBindBuffer(GL_ARRAY_BUFFER, id_);
  if (bytes > capacity_) {
    capacity_ = bytes + bytes / 2 + 256;
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(capacity_), nullptr, GL_DYNAMIC_DRAW);
  }
  if (bytes) glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), data);
  bytesUploaded_ += bytes;
}

}  // namespace convoscope
