// The geometry of SceneRenderer's two big draws: a unit cube per slab box (instanced), and the tiles, which
// are not instanced: tiles.vert reads each tile's data from a texture by gl_VertexID / 6. Software GL (Mesa's
// draw module) runs its whole vertex pipeline once per instance, so 44 k tile instances of 6 vertices cost
// ~20 ms a frame, where one draw of 264 k vertices is vectorised.
#include <epoxy/gl.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

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

// Tiles: an empty vertex array (tiles.vert needs no attributes) and the texture their data goes into.
void SceneRenderer::createTileGeometry() {
  glGenVertexArrays(1, &tileVao_);
  glGenTextures(1, &tileTexture_);
  glBindTexture(GL_TEXTURE_2D, tileTexture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindTexture(GL_TEXTURE_2D, 0);
}

void SceneRenderer::uploadTiles(const std::vector<TileInstance>& tiles) {
  constexpr size_t texelsPerTile = sizeof(TileInstance) / sizeof(glm::vec4);
  static_assert(texelsPerTile == 5, "tiles.vert reads five texels a tile");
  const size_t texels = tiles.size() * texelsPerTile;
  const int rows = static_cast<int>(std::max<size_t>(1, (texels + kTileTextureWidth - 1) / kTileTextureWidth));
  GLint maxSide = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSide);
  if (rows > maxSide || kTileTextureWidth > maxSide)
    throw std::runtime_error("this network has " + std::to_string(tiles.size()) +
                             " channel tiles, more than this GL can hold in one texture (at most " +
                             std::to_string(maxSide) + " texels a side)");
  std::vector<glm::vec4> data(static_cast<size_t>(rows) * kTileTextureWidth);
  if (!tiles.empty()) std::memcpy(data.data(), tiles.data(), tiles.size() * sizeof(TileInstance));
  glBindTexture(GL_TEXTURE_2D, tileTexture_);
  if (rows > tileTextureRows_) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, kTileTextureWidth, rows, 0, GL_RGBA, GL_FLOAT, data.data());
    tileTextureRows_ = rows;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kTileTextureWidth, rows, GL_RGBA, GL_FLOAT, data.data());
  }
  glBindTexture(GL_TEXTURE_2D, 0);
}

}  // namespace convoscope
