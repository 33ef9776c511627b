#include "renderer/WindowTarget.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <vector>

namespace convoscope {

void clearWindow(const glm::ivec2& size) {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, size.x, size.y);
  glDisable(GL_SCISSOR_TEST);
  glClearColor(0.03f, 0.035f, 0.05f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void presentInWindow(Framebuffer& view, const glm::ivec2& origin, const glm::ivec2& windowSize) {
  // A single-sampled view the same size as its place: a plain blit (a multisampled one resolves on the way).
  view.bind();
  GLint source = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &source);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(source));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
  const int y0 = windowSize.y - origin.y - view.height();
  glBlitFramebuffer(0, 0, view.width(), view.height(), origin.x, y0, origin.x + view.width(),
                    y0 + view.height(), GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, windowSize.x, windowSize.y);
}

RgbaImage readWindow(const glm::ivec2& size) {
  RgbaImage image;
  image.width = size.x;
  image.height = size.y;
  image.pixels.resize(size_t(size.x) * size.y * 4);
  std::vector<uint8_t> rows(image.pixels.size());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, size.x, size.y, GL_RGBA, GL_UNSIGNED_BYTE, rows.data());
  for (int y = 0; y < size.y; ++y)
    std::copy_n(rows.data() + size_t(size.y - 1 - y) * size.x * 4, size_t(size.x) * 4,
                image.pixels.data() + size_t(y) * size.x * 4);
  return image;
}

}  // namespace convoscope
