#include "renderer/PboReadback.h"

#include <epoxy/gl.h>

#include <cstring>
#include <stdexcept>

namespace convoscope {

PboReadback::PboReadback(int width, int height, int depth) : width_(width), height_(height) {
  if (width <= 0 || height <= 0 || depth < 1) throw std::invalid_argument("PboReadback: bad size or depth");
  buffers_.resize(static_cast<size_t>(depth));
  glGenBuffers(depth, buffers_.data());
  const GLsizeiptr bytes = static_cast<GLsizeiptr>(width) * height * 4;
  for (unsigned buffer : buffers_) {
    glBindBuffer(GL_PIXEL_PACK_BUFFER, buffer);
    glBufferData(GL_PIXEL_PACK_BUFFER, bytes, nullptr, GL_STREAM_READ);
  }
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);

  // A single-sample target to resolve a multisampled framebuffer into (glReadPixels cannot read MSAA).
  GLint previousRead = 0, previousDraw = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previousRead);
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousDraw);
  glGenRenderbuffers(1, &resolveColour_);
  glBindRenderbuffer(GL_RENDERBUFFER, resolveColour_);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glGenFramebuffers(1, &resolveFbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, resolveFbo_);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, resolveColour_);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(previousDraw));
  if (status != GL_FRAMEBUFFER_COMPLETE)
    throw std::runtime_error("PboReadback: resolve framebuffer incomplete");
}

PboReadback::~PboReadback() {
  glDeleteBuffers(static_cast<GLsizei>(buffers_.size()), buffers_.data());
  glDeleteFramebuffers(1, &resolveFbo_);
  glDeleteRenderbuffers(1, &resolveColour_);
}

void PboReadback::capture() {
  if (full()) throw std::logic_error("PboReadback: ring full; take() the oldest frame first");
  GLint previousRead = 0, previousDraw = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previousRead);
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousDraw);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolveFbo_);
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolveFbo_);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, buffers_[next_]);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE,
               nullptr);  // into the buffer: returns at once
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(previousDraw));
  next_ = (next_ + 1) % static_cast<int>(buffers_.size());
  ++pending_;
}

RgbaImage PboReadback::take() {
  if (pending_ == 0) throw std::logic_error("PboReadback: no frame pending");
  const int depth = static_cast<int>(buffers_.size());
  const int oldest = ((next_ - pending_) % depth + depth) % depth;
  RgbaImage image;
  image.width = width_;
  image.height = height_;
  const size_t stride = static_cast<size_t>(width_) * 4;
  image.pixels.resize(stride * height_);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, buffers_[oldest]);
  const auto* data = static_cast<const uint8_t*>(
      glMapBufferRange(GL_PIXEL_PACK_BUFFER, 0, static_cast<GLsizeiptr>(stride * height_), GL_MAP_READ_BIT));
  if (!data) {
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    throw std::runtime_error("PboReadback: cannot map the pixel buffer");
  }
  for (int y = 0; y < height_; ++y)  // GL rows run bottom-up
    std::memcpy(image.pixels.data() + static_cast<size_t>(y) * stride, data + (height_ - 1 - y) * stride,
                stride);
  glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
  --pending_;
  return image;
}

}  // namespace convoscope
