#include "renderer/HeatOverlayView.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <cstddef>

#include "renderer/InstancedQuads.h"
#include "renderer/ShaderProgram.h"
#include "scene/ColorMap.h"

namespace convoscope {
namespace {

struct HeatInstance {
  glm::vec4 rect;   // x0, y0, x1, y1
  glm::vec4 meta;   // z, slab, far view (0/1), opacity
  glm::vec4 block;  // atlas texel x, y of the map's (0, 0) corner, cols, rows
};

// Above the tiles (which lie 0.002 in front of the face), below the cell numbers' text.
constexpr float kLift = 0.003f;

}  // namespace

HeatOverlayView::HeatOverlayView()
    : program_(std::make_unique<ShaderProgram>("heat.vert", "heat.frag")),
      quads_(std::make_unique<InstancedQuads>(3)) {
  // The heat colour map and its opacity ramp in alpha, baked from scene/ColorMap (the CLI's PNG uses the same).
  std::vector<std::uint8_t> lut(256 * 4);
  for (int i = 0; i < 256; ++i) {
    const float t = static_cast<float>(i) / 255.0f;
    const glm::vec4 c(sampleHeat(t), heatOpacity(t));
    for (int k = 0; k < 4; ++k) lut[i * 4 + k] = static_cast<std::uint8_t>(std::clamp(c[k], 0.0f, 1.0f) * 255.0f + 0.5f);
  }
  glGenTextures(1, &lut_);
  glBindTexture(GL_TEXTURE_2D, lut_);
  configureClampedTexture(GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, lut.data());
  glGenTextures(1, &atlas_);
}

HeatOverlayView::~HeatOverlayView() {
  GLuint textures[] = {atlas_, lut_};
  glDeleteTextures(2, textures);
}

// Maps stacked top to bottom, each inside a one-texel border that repeats its edge, so bilinear sampling at
// a map's rim never reads its neighbour.
void HeatOverlayView::upload(const HeatOverlay& overlay) {
  int width = 1, height = 0;
  for (const HeatMap& m : overlay.maps) {
    width = std::max(width, m.cols + 2);
    height += m.rows + 2;
  }
  height = std::max(height, 1);
  std::vector<float> texels(static_cast<size_t>(width) * height, 0.0f);
  blocks_.clear();
  int top = 0;
  for (const HeatMap& m : overlay.maps) {
    for (int y = -1; y <= m.rows; ++y)
      for (int x = -1; x <= m.cols; ++x) {
        const int sy = std::clamp(y, 0, std::max(m.rows - 1, 0)), sx = std::clamp(x, 0, std::max(m.cols - 1, 0));
        const size_t source = static_cast<size_t>(sy) * m.cols + sx;
        texels[static_cast<size_t>(top + 1 + y) * width + 1 + x] =
            source < m.values.size() ? m.values[source] : 0.0f;
      }
    blocks_.push_back({1.0f, static_cast<float>(top + 1), static_cast<float>(m.cols), static_cast<float>(m.rows)});
    top += m.rows + 2;
  }
  glBindTexture(GL_TEXTURE_2D, atlas_);
  configureClampedTexture(GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, width, height, 0, GL_RED, GL_FLOAT, texels.data());
  atlasSize_ = {static_cast<float>(width), static_cast<float>(height)};
  uploadedId_ = overlay.id;
}

int HeatOverlayView::draw(const HeatOverlay& overlay, const SceneLayout& layout, const std::vector<bool>& cut,
                          const glm::mat4& viewProjection, unsigned fadeTexture) {
  if (overlay.id != uploadedId_) upload(overlay);
  std::vector<HeatInstance> instances;
  for (const HeatPlacement& p : placeHeatMaps(layout, overlay, cut)) {
    const float z = frontFaceZ(layout.slabs[p.slab]) + kLift;
    instances.push_back({{p.rect.min, p.rect.max},
                         {z, static_cast<float>(p.slab), p.farView ? 1.0f : 0.0f, overlay.opacity},
                         blocks_[p.map]});
  }
  instances_ = static_cast<int>(instances.size());
  if (instances.empty()) return 0;
  quads_->upload(instances.data(), instances.size() * sizeof(HeatInstance));
  program_->use();
  program_->set("uViewProjection", viewProjection);
  program_->set("uFades", 0);
  program_->set("uHeat", 1);
  program_->set("uLut", 2);
  program_->set("uAtlasSize", atlasSize_);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, fadeTexture);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, atlas_);
  glActiveTexture(GL_TEXTURE2);
  glBindTexture(GL_TEXTURE_2D, lut_);
  glEnable(GL_POLYGON_OFFSET_FILL);
  glPolygonOffset(-2.0f, -8.0f);
  quads_->draw(instances_);
  glDisable(GL_POLYGON_OFFSET_FILL);
  glActiveTexture(GL_TEXTURE0);
  return 1;
}

}  // namespace convoscope
