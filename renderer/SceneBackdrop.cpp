// SceneRenderer's backdrop: the vertical gradient behind the scene, cached per viewport size and colours.
#include <epoxy/gl.h>

#include "renderer/SceneRenderer.h"
#include "renderer/ShaderProgram.h"

namespace convoscope {

// Into a single-sampled target the cached backdrop is copied (a memcpy on llvmpipe, where the gradient shader
// over every pixel cost more than the rest of a Tiny VGG frame); a multisampled target (shots) draws it.
void SceneRenderer::drawBackdrop(const glm::ivec2& viewport, const glm::vec3& top, const glm::vec3& bottom) {
  auto drawGradient = [&] {
    background_->use();
    background_->set("uTop", top);
    background_->set("uBottom", bottom);
    glBindVertexArray(emptyVao_);
    glDrawArrays(GL_TRIANGLES, 0, 3);
  };
  GLint samples = 0, drawTarget = 0, readTarget = 0;
  glGetIntegerv(GL_SAMPLES, &samples);
  if (samples > 1) {
    drawGradient();
    return;
  }
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &drawTarget);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &readTarget);
  if (backdropSize_ != viewport || backdropTop_ != top || backdropBottom_ != bottom) {
    if (!backdropFbo_) {
      glGenFramebuffers(1, &backdropFbo_);
      glGenRenderbuffers(1, &backdropColour_);
    }
    if (backdropSize_ != viewport) {
      glBindRenderbuffer(GL_RENDERBUFFER, backdropColour_);
      glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, viewport.x, viewport.y);
      glBindRenderbuffer(GL_RENDERBUFFER, 0);
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, backdropFbo_);
    glFramebufferRenderbuffer(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, backdropColour_);
    drawGradient();
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(drawTarget));
    backdropSize_ = viewport;
    backdropTop_ = top;
    backdropBottom_ = bottom;
  }
  glBindFramebuffer(GL_READ_FRAMEBUFFER, backdropFbo_);
  glBlitFramebuffer(0, 0, viewport.x, viewport.y, 0, 0, viewport.x, viewport.y, GL_COLOR_BUFFER_BIT,
                    GL_NEAREST);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(readTarget));
}

}  // namespace convoscope
