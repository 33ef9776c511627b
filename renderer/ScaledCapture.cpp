#include "renderer/ScaledCapture.h"

#include <epoxy/gl.h>

#include <algorithm>

namespace convoscope {

ScaledCapture::ScaledCapture(const glm::ivec2& size, int depth)
    : size_(size), scaled_(size.x, size.y, 1), readback_(size.x, size.y, depth) {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void ScaledCapture::captureWindow(const glm::ivec4& source) {
  GLint previousRead = 0, previousDraw = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previousRead);
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousDraw);
  const float k = std::min(float(size_.x) / source.z, float(size_.y) / source.w);
  const int w = std::max(1, int(source.z * k + 0.5f)), h = std::max(1, int(source.w * k + 0.5f));
  const int x = (size_.x - w) / 2, y = (size_.y - h) / 2;
  scaled_.bind();
  glDisable(GL_SCISSOR_TEST);
  glClearColor(0, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glBlitFramebuffer(source.x, source.y, source.x + source.z, source.y + source.w, x, y, x + w, y + h,
                    GL_COLOR_BUFFER_BIT, GL_LINEAR);
  scaled_.bind();
  readback_.capture();
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(previousDraw));
}

}  // namespace convoscope
