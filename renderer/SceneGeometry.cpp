// The vertex arrays of SceneRenderer's two instanced draws: a unit cube per slab box, a unit quad per tile.
#include <epoxy/gl.h>

#include <cstddef>

#include "renderer/GlBuffer.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"

namespace convoscope {

using scene_detail::SlabInstance;
using scene_detail::TileInstance;

namespace {

const float kCube[] = {
    // position, normal — 6 faces, 2 triangles each
    -0.5f, -0.5f, 0.5f,  0,  0,  1,  0.5f,  -0.5f, 0.5f,  0,  0,  1,  0.5f,  0.5f,  0.5f,  0,  0,  1,
    -0.5f, -0.5f, 0.5f,  0,  0,  1,  0.5f,  0.5f,  0.5f,  0,  0,  1,  -0.5f, 0.5f,  0.5f,  0,  0,  1,
    0.5f,  -0.5f, -0.5f, 0,  0,  -1, -0.5f, -0.5f, -0.5f, 0,  0,  -1, -0.5f, 0.5f,  -0.5f, 0,  0,  -1,
    0.5f,  -0.5f, -0.5f, 0,  0,  -1, -0.5f, 0.5f,  -0.5f, 0,  0,  -1, 0.5f,  0.5f,  -0.5f, 0,  0,  -1,
    0.5f,  -0.5f, 0.5f,  1,  0,  0,  0.5f,  -0.5f, -0.5f, 1,  0,  0,  0.5f,  0.5f,  -0.5f, 1,  0,  0,
    0.5f,  -0.5f, 0.5f,  1,  0,  0,  0.5f,  0.5f,  -0.5f, 1,  0,  0,  0.5f,  0.5f,  0.5f,  1,  0,  0,
    -0.5f, -0.5f, -0.5f, -1, 0,  0,  -0.5f, -0.5f, 0.5f,  -1, 0,  0,  -0.5f, 0.5f,  0.5f,  -1, 0,  0,
    -0.5f, -0.5f, -0.5f, -1, 0,  0,  -0.5f, 0.5f,  0.5f,  -1, 0,  0,  -0.5f, 0.5f,  -0.5f, -1, 0,  0,
    -0.5f, 0.5f,  0.5f,  0,  1,  0,  0.5f,  0.5f,  0.5f,  0,  1,  0,  0.5f,  0.5f,  -0.5f, 0,  1,  0,
    -0.5f, 0.5f,  0.5f,  0,  1,  0,  0.5f,  0.5f,  -0.5f, 0,  1,  0,  -0.5f, 0.5f,  -0.5f, 0,  1,  0,
    -0.5f, -0.5f, -0.5f, 0,  -1, 0,  0.5f,  -0.5f, -0.5f, 0,  -1, 0,  0.5f,  -0.5f, 0.5f,  0,  -1, 0,
    -0.5f, -0.5f, -0.5f, 0,  -1, 0,  0.5f,  -0.5f, 0.5f,  0,  -1, 0,  -0.5f, -0.5f, 0.5f,  0,  -1, 0,
};

// Two triangles covering (0,0)-(1,1).
const float kUnitQuad[] = {0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1};

// A float attribute read once per instance from the bound array buffer.
void instancedAttribute(GLuint index, GLint size, GLsizei stride, size_t offset) {
  glEnableVertexAttribArray(index);
  glVertexAttribPointer(index, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offset));
  glVertexAttribDivisor(index, 1);
}

}  // namespace

// Slab boxes: a cube per instance.
void SceneRenderer::createSlabGeometry() {
  glGenVertexArrays(1, &slabVao_);
  glBindVertexArray(slabVao_);
  glGenBuffers(1, &cubeBuffer_);
  glBindBuffer(GL_ARRAY_BUFFER, cubeBuffer_);
  glBufferData(GL_ARRAY_BUFFER, sizeof kCube, kCube, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 6 * sizeof(float), nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, 6 * sizeof(float),
                        reinterpret_cast<void*>(3 * sizeof(float)));
  slabInstances_->upload(nullptr, 0);
  glBindBuffer(GL_ARRAY_BUFFER, slabInstances_->id());
  instancedAttribute(2, 3, sizeof(SlabInstance), offsetof(SlabInstance, centre));
  instancedAttribute(3, 3, sizeof(SlabInstance), offsetof(SlabInstance, size));
  instancedAttribute(4, 4, sizeof(SlabInstance), offsetof(SlabInstance, colour));
}

// Tiles: a unit quad per instance.
void SceneRenderer::createTileGeometry() {
  glGenVertexArrays(1, &tileVao_);
  glBindVertexArray(tileVao_);
  glGenBuffers(1, &quadBuffer_);
  glBindBuffer(GL_ARRAY_BUFFER, quadBuffer_);
  glBufferData(GL_ARRAY_BUFFER, sizeof kUnitQuad, kUnitQuad, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  tileInstances_->upload(nullptr, 0);
  glBindBuffer(GL_ARRAY_BUFFER, tileInstances_->id());
  for (int i = 0; i < 5; ++i) instancedAttribute(1 + i, 4, sizeof(TileInstance), i * sizeof(glm::vec4));
}

}  // namespace convoscope
