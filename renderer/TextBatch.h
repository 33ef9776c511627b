#pragma once
// All of a frame's text — screen-space overlays, labels pinned to 3D points (billboards, constant pixel
// size), and text lying in a 3D plane — gathered into one vertex buffer and drawn with ONE draw call.
#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "renderer/FontAtlas.h"

namespace convoscope {

class ShaderProgram;

enum class HAlign { Left, Centre, Right };
enum class VAlign { Baseline, Middle, Top, Bottom };

struct TextStyle {
  float size = 16.0f;  // pixels (screen, billboard) or world units (in-plane): the font's pixel height
  glm::vec4 colour{1.0f};
  HAlign halign = HAlign::Left;
  VAlign valign = VAlign::Baseline;
  float halo = 0.55f;  // dark outline strength for legibility over heat maps (0 = none; negative: a light one)
};

struct TextExtent {
  float width = 0, ascent = 0, descent = 0;  // in the style's units
};

class TextBatch {
 public:
  explicit TextBatch(const FontAtlas& atlas);
  ~TextBatch();
  TextBatch(const TextBatch&) = delete;
  TextBatch& operator=(const TextBatch&) = delete;

  void clear();
  // Origin top-left, y down, pixels.
  void addScreen(const std::string& text, const glm::vec2& pixel, const TextStyle& style);
  // Anchored at a world point, facing the viewer, `style.size` pixels tall whatever the distance;
  // `pixelOffset` (x right, y down) shifts it on screen.
  void addBillboard(const std::string& text, const glm::vec3& anchor, const TextStyle& style,
                    const glm::vec2& pixelOffset = glm::vec2(0.0f));
  // Lying in the plane spanned by `right` and `up` (unit vectors) through `origin`; size in world units.
  // This is the hook for cell numbers on tiles.
  void addInPlane(const std::string& text, const glm::vec3& origin, const glm::vec3& right,
                  const glm::vec3& up, const TextStyle& style);

  TextExtent measure(const std::string& text, float size) const;
  size_t glyphCount() const { return vertices_.size() / 6; }

  // Uploads the vertices and draws them all in one call (nothing when empty). Returns the draw calls made.
  int draw(const glm::mat4& viewProjection, const glm::vec2& viewportPixels);

 private:
  struct Vertex {
    glm::vec3 anchor;  // world point (billboard, in-plane) or pixel (screen)
    glm::vec2 offset;  // pixels from the anchor, x right, y up (billboard, screen)
    glm::vec2 uv;
    glm::vec4 colour;
    glm::vec2 modeHalo;  // x: 0 screen, 1 billboard, 2 in-plane; y: halo strength
  };
  template <typename Emit>
  void layout(const std::string& text, const TextStyle& style, Emit emit) const;

  const FontAtlas& atlas_;
  std::vector<Vertex> vertices_;
  ShaderProgram* program_ = nullptr;
  unsigned vao_ = 0, vbo_ = 0;
  size_t capacity_ = 0;
};

}  // namespace convoscope
