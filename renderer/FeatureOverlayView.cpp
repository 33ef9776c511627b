#include "renderer/FeatureOverlayView.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <cmath>

#include "renderer/InstancedQuads.h"
#include "renderer/ShaderProgram.h"

namespace convoscope {
namespace {

struct FeatureInstance {
  glm::vec4 rect;   // x0, y0, x1, y1
  glm::vec4 meta;   // z, slab, 1 to stay opaque (a gallery) else 0 (fade with the tiles), unused
  glm::vec4 block;  // atlas texel x, y of the picture's top-left pixel, width, height
};

// Over the tiles (0.002 in front of the face), under an attribution map (0.003) and the cell numbers.
constexpr float kLift = 0.0025f;
// Each picture's cell in the atlas: the largest picture plus a one-texel border that repeats its edge, so
// bilinear sampling at a picture's rim never reads its neighbour.
constexpr int kCell = kFeaturePictureSide + 2;

}  // namespace

FeatureOverlayView::FeatureOverlayView()
    : program_(std::make_unique<ShaderProgram>("feature.vert", "feature.frag")),
      quads_(std::make_unique<InstancedQuads>(3)) {
  glGenTextures(1, &atlas_);
}

FeatureOverlayView::~FeatureOverlayView() { glDeleteTextures(1, &atlas_); }

void FeatureOverlayView::upload(const FeatureOverlay& overlay) {
  // As many pictures as the largest texture holds (ResNet-50's 26,000 conv channels still fit in 16384²);
  // any beyond get an empty block and draw nothing.
  GLint maxSide = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSide);
  const int perSide = std::max(1, static_cast<int>(maxSide) / kCell);
  const int count = std::clamp<int>(static_cast<int>(overlay.pictures.size()), 1, perSide * perSide);
  const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count))));
  const int rows = (count + columns - 1) / columns;
  const int width = columns * kCell, height = rows * kCell;
  std::vector<uint8_t> texels(static_cast<size_t>(width) * height * 4, 0);
  blocks_.clear();
  for (size_t i = 0; i < overlay.pictures.size(); ++i) {
    if (static_cast<int>(i) >= count) {
      blocks_.push_back(glm::vec4(0.0f));
      continue;
    }
    const FeaturePicture& p = overlay.pictures[i];
    const int left = static_cast<int>(i % columns) * kCell, top = static_cast<int>(i / columns) * kCell;
    const int w = std::min(p.width, kFeaturePictureSide), h = std::min(p.height, kFeaturePictureSide);
    for (int y = -1; y <= h; ++y)
      for (int x = -1; x <= w; ++x) {
        const int sy = std::clamp(y, 0, std::max(h - 1, 0)), sx = std::clamp(x, 0, std::max(w - 1, 0));
        const size_t source = (static_cast<size_t>(sy) * p.width + sx) * 4;
        const size_t target = (static_cast<size_t>(top + 1 + y) * width + left + 1 + x) * 4;
        for (int k = 0; k < 4; ++k) texels[target + k] = source + k < p.rgba.size() ? p.rgba[source + k] : 0;
      }
    blocks_.push_back({static_cast<float>(left + 1), static_cast<float>(top + 1), static_cast<float>(w),
                       static_cast<float>(h)});
  }
  glBindTexture(GL_TEXTURE_2D, atlas_);
  configureClampedTexture(GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels.data());
  atlasSize_ = {static_cast<float>(width), static_cast<float>(height)};
  uploadedId_ = overlay.id;
}

int FeatureOverlayView::draw(const FeatureOverlay& overlay, const std::vector<FeaturePlacement>& placements,
                             const SceneLayout& layout, const glm::mat4& viewProjection, unsigned fadeTexture,
                             bool fadeWithTiles) {
  if (overlay.id != uploadedId_) upload(overlay);
  std::vector<FeatureInstance> instances;
  for (const FeaturePlacement& p : placements) {
    const float z = frontFaceZ(layout.slabs[p.slab]) + kLift;
    instances.push_back({{p.rect.min, p.rect.max},
                         {z, static_cast<float>(p.slab), fadeWithTiles ? 0.0f : 1.0f, 0.0f},
                         blocks_[p.picture]});
  }
  instances_ = static_cast<int>(instances.size());
  if (instances.empty()) return 0;
  quads_->upload(instances.data(), instances.size() * sizeof(FeatureInstance));
  program_->use();
  program_->set("uViewProjection", viewProjection);
  program_->set("uFades", 0);
  program_->set("uPictures", 1);
  program_->set("uAtlasSize", atlasSize_);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, fadeTexture);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, atlas_);
  glEnable(GL_POLYGON_OFFSET_FILL);
  glPolygonOffset(-1.5f, -6.0f);
  quads_->draw(instances_);
  glDisable(GL_POLYGON_OFFSET_FILL);
  glActiveTexture(GL_TEXTURE0);
  return 1;
}

}  // namespace convoscope
