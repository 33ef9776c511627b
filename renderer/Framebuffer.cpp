#include "renderer/Framebuffer.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace convoscope {
namespace {

void checkComplete(const char* what) {
  GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  if (status != GL_FRAMEBUFFER_COMPLETE)
    throw std::runtime_error(std::string(what) + " framebuffer incomplete (status 0x" + [&] {
      char b[8];
      std::snprintf(b, sizeof b, "%04X", status);
      return std::string(b);
    }() + ")");
}

}  // namespace

Framebuffer::Framebuffer(int width, int height, int samples) : width_(width), height_(height) {
  if (width < 1 || height < 1 || width > kMaxFramebufferWidth || height > kMaxFramebufferHeight)
    throw std::runtime_error("framebuffer size " + std::to_string(width) + "x" + std::to_string(height) +
                             " is outside 1x1 .. " + std::to_string(kMaxFramebufferWidth) + "x" +
                             std::to_string(kMaxFramebufferHeight));
  GLint maxSamples = 1, maxSize = 0;
  glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
  if (width > maxSize || height > maxSize)
    throw std::runtime_error("this OpenGL driver renders at most " + std::to_string(maxSize) +
                             " pixels a side");
  samples_ = std::max(1, std::min(samples, static_cast<int>(maxSamples)));

  glGenFramebuffers(1, &drawFbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, drawFbo_);
  glGenRenderbuffers(1, &colour_);
  glBindRenderbuffer(GL_RENDERBUFFER, colour_);
  if (samples_ > 1)
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, width, height);
  else
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_);
  glGenRenderbuffers(1, &depth_);
  glBindRenderbuffer(GL_RENDERBUFFER, depth_);
  if (samples_ > 1)
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_DEPTH24_STENCIL8, width, height);
  else
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_);
  checkComplete("offscreen");

  if (samples_ > 1) {
    glGenFramebuffers(1, &resolveFbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, resolveFbo_);
    glGenRenderbuffers(1, &resolveColour_);
    glBindRenderbuffer(GL_RENDERBUFFER, resolveColour_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, resolveColour_);
    checkComplete("resolve");
  }
  glBindRenderbuffer(GL_RENDERBUFFER, 0);
  bind();
}

Framebuffer::~Framebuffer() {
  GLuint fbos[] = {drawFbo_, resolveFbo_};
  GLuint rbos[] = {colour_, depth_, resolveColour_};
  glDeleteFramebuffers(2, fbos);
  glDeleteRenderbuffers(3, rbos);
}

void Framebuffer::bind() {
  glBindFramebuffer(GL_FRAMEBUFFER, drawFbo_);
  glViewport(0, 0, width_, height_);
}

RgbaImage Framebuffer::read() {
  GLuint source = drawFbo_;
  if (samples_ > 1) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, drawFbo_);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolveFbo_);
    glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    source = resolveFbo_;
  }
  RgbaImage image;
  image.width = width_;
  image.height = height_;
  image.pixels.resize(static_cast<size_t>(width_) * height_ * 4);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, source);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels.data());
  // GL rows run bottom-up; flip in place.
  const size_t stride = static_cast<size_t>(width_) * 4;
  std::vector<uint8_t> row(stride);
  for (int y = 0; y < height_ / 2; ++y) {
    uint8_t* a = image.pixels.data() + y * stride;
    uint8_t* b = image.pixels.data() + (height_ - 1 - y) * stride;
    std::memcpy(row.data(), a, stride);
    std::memcpy(a, b, stride);
    std::memcpy(b, row.data(), stride);
  }
  bind();
  return image;
}

}  // namespace convoscope
