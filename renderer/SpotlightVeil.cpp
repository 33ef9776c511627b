#include "renderer/SpotlightVeil.h"

#include <epoxy/gl.h>

#include "renderer/ShaderProgram.h"

namespace convoscope {

SpotlightVeil::SpotlightVeil() {
  program_ = std::make_unique<ShaderProgram>("background.vert", "spotlight.frag");
  glGenVertexArrays(1, &vao_);  // the full-screen triangle comes from gl_VertexID: no buffers
}

SpotlightVeil::~SpotlightVeil() { glDeleteVertexArrays(1, &vao_); }

void SpotlightVeil::draw(const glm::ivec2& viewport, const glm::vec2& centre, float radius) {
  glViewport(0, 0, viewport.x, viewport.y);
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  program_->use();
  program_->set("uCentre", glm::vec2(centre.x, static_cast<float>(viewport.y) - centre.y));
  program_->set("uRadius", radius);
  program_->set("uSoft", radius * 0.35f);
  program_->set("uDarkness", kDarkness);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glDisable(GL_BLEND);
}

}  // namespace convoscope
