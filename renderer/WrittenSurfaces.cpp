#include "renderer/WrittenSurfaces.h"

#include <epoxy/gl.h>

#include "renderer/LineBatch.h"
#include "renderer/QuadBatch.h"
#include "renderer/TextBatch.h"

namespace convoscope {

int drawWrittenSurfaces(QuadBatch& quads, LineBatch& lines, TextBatch& text, const glm::mat4& viewProjection,
                        const glm::vec2& viewportPixels, bool quadsWriteDepth, LineBatch* linesUnder) {
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  int calls = 0;
  if (linesUnder) {
    glDepthMask(GL_FALSE);
    calls += linesUnder->draw(viewProjection, viewportPixels);
  }
  glDepthMask(quadsWriteDepth ? GL_TRUE : GL_FALSE);
  if (quadsWriteDepth) {
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(2.0f, 8.0f);
  }
  calls += quads.draw(viewProjection, viewportPixels, 0, 1);
  glDisable(GL_POLYGON_OFFSET_FILL);
  glDepthMask(GL_FALSE);
  calls += lines.draw(viewProjection, viewportPixels);
  glActiveTexture(GL_TEXTURE0);
  calls += text.draw(viewProjection, viewportPixels);
  glBindVertexArray(0);
  glDisable(GL_BLEND);
  glDepthMask(GL_TRUE);
  return calls;
}

}  // namespace convoscope
