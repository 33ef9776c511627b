#include "renderer/TextBatch.h"

#include <epoxy/gl.h>

#include <cstddef>

#include "renderer/ShaderProgram.h"

namespace convoscope {

TextBatch::TextBatch(const FontAtlas& atlas) : atlas_(atlas) {
  program_ = new ShaderProgram("text.vert", "text.frag");
  glGenVertexArrays(1, &vao_);
  glGenBuffers(1, &vbo_);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  const GLsizei stride = sizeof(Vertex);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(Vertex, anchor)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(Vertex, offset)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(Vertex, uv)));
  glEnableVertexAttribArray(3);
  glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(Vertex, colour)));
  glEnableVertexAttribArray(4);
  glVertexAttribPointer(4, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<void*>(offsetof(Vertex, modeHalo)));
  glBindVertexArray(0);
}

TextBatch::~TextBatch() {
  glDeleteBuffers(1, &vbo_);
  glDeleteVertexArrays(1, &vao_);
  delete program_;
}

void TextBatch::clear() { vertices_.clear(); }

// Calls emit(x0, y0, x1, y1, glyph) for each visible glyph, in the style's units, y up, relative to the
// aligned origin.
template <typename Emit>
void TextBatch::layout(const std::string& text, const TextStyle& style, Emit emit) const {
  const float scale = style.size / atlas_.bakedPixelHeight();
  const std::vector<uint32_t> codepoints = decodeUtf8(text);
  float width = 0;
  for (size_t i = 0; i < codepoints.size(); ++i) {
    width += atlas_.glyph(codepoints[i]).advance;
    if (i + 1 < codepoints.size()) width += atlas_.kerning(codepoints[i], codepoints[i + 1]);
  }
  width *= scale;
  float x = style.halign == HAlign::Left ? 0.0f : style.halign == HAlign::Centre ? -0.5f * width : -width;
  const float ascent = atlas_.ascent() * scale, descent = atlas_.descent() * scale;
  // Middle centres the capital height (~0.73 em for DejaVu) rather than ascent+descent, which looks low.
  float y = style.valign == VAlign::Baseline ? 0.0f
            : style.valign == VAlign::Middle ? -0.36f * style.size
            : style.valign == VAlign::Top    ? -ascent
                                             : -descent;
  for (size_t i = 0; i < codepoints.size(); ++i) {
    const Glyph& g = atlas_.glyph(codepoints[i]);
    if (g.visible) emit(x + g.x0 * scale, y + g.y1 * scale, x + g.x1 * scale, y + g.y0 * scale, g);
    x += g.advance * scale;
    if (i + 1 < codepoints.size()) x += atlas_.kerning(codepoints[i], codepoints[i + 1]) * scale;
  }
}

TextExtent TextBatch::measure(const std::string& text, float size) const {
  TextExtent extent;
  const float scale = size / atlas_.bakedPixelHeight();
  const std::vector<uint32_t> codepoints = decodeUtf8(text);
  for (size_t i = 0; i < codepoints.size(); ++i) {
    extent.width += atlas_.glyph(codepoints[i]).advance * scale;
    if (i + 1 < codepoints.size()) extent.width += atlas_.kerning(codepoints[i], codepoints[i + 1]) * scale;
  }
  extent.ascent = atlas_.ascent() * scale;
  extent.descent = atlas_.descent() * scale;
  return extent;
}

void TextBatch::addScreen(const std::string& text, const glm::vec2& pixel, const TextStyle& style) {
  layout(text, style, [&](float x0, float y0, float x1, float y1, const Glyph& g) {
    const glm::vec3 anchor(pixel, 0.0f);
    const glm::vec2 mode(0.0f, style.halo);
    Vertex a{anchor, {x0, y0}, {g.u0, g.v1}, style.colour, mode};
    Vertex b{anchor, {x1, y0}, {g.u1, g.v1}, style.colour, mode};
    Vertex c{anchor, {x1, y1}, {g.u1, g.v0}, style.colour, mode};
    Vertex d{anchor, {x0, y1}, {g.u0, g.v0}, style.colour, mode};
    vertices_.insert(vertices_.end(), {a, b, c, a, c, d});
  });
}

void TextBatch::addBillboard(const std::string& text, const glm::vec3& anchor, const TextStyle& style,
                             const glm::vec2& pixelOffset) {
  const glm::vec2 shift(pixelOffset.x, -pixelOffset.y);
  layout(text, style, [&](float x0, float y0, float x1, float y1, const Glyph& g) {
    const glm::vec2 mode(1.0f, style.halo);
    Vertex a{anchor, shift + glm::vec2(x0, y0), {g.u0, g.v1}, style.colour, mode};
    Vertex b{anchor, shift + glm::vec2(x1, y0), {g.u1, g.v1}, style.colour, mode};
    Vertex c{anchor, shift + glm::vec2(x1, y1), {g.u1, g.v0}, style.colour, mode};
    Vertex d{anchor, shift + glm::vec2(x0, y1), {g.u0, g.v0}, style.colour, mode};
    vertices_.insert(vertices_.end(), {a, b, c, a, c, d});
  });
}

void TextBatch::addInPlane(const std::string& text, const glm::vec3& origin, const glm::vec3& right,
                           const glm::vec3& up, const TextStyle& style) {
  layout(text, style, [&](float x0, float y0, float x1, float y1, const Glyph& g) {
    const glm::vec2 mode(2.0f, style.halo);
    auto at = [&](float x, float y) { return origin + right * x + up * y; };
    Vertex a{at(x0, y0), {0, 0}, {g.u0, g.v1}, style.colour, mode};
    Vertex b{at(x1, y0), {0, 0}, {g.u1, g.v1}, style.colour, mode};
    Vertex c{at(x1, y1), {0, 0}, {g.u1, g.v0}, style.colour, mode};
    Vertex d{at(x0, y1), {0, 0}, {g.u0, g.v0}, style.colour, mode};
    vertices_.insert(vertices_.end(), {a, b, c, a, c, d});
  });
}

int TextBatch::draw(const glm::mat4& viewProjection, const glm::vec2& viewportPixels) {
  if (vertices_.empty()) return 0;
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  const size_t bytes = vertices_.size() * sizeof(Vertex);
  if (bytes > capacity_) {
    capacity_ = bytes * 2;
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(capacity_), nullptr, GL_DYNAMIC_DRAW);
  }
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), vertices_.data());
  program_->use();
  program_->set("uViewProjection", viewProjection);
  program_->set("uViewport", viewportPixels);
  program_->set("uAtlas", 0);
  program_->set("uSpread", atlas_.sdfSpread() / atlas_.bakedPixelHeight());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, atlas_.texture());
  glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices_.size()));
  glBindVertexArray(0);
  return 1;
}

}  // namespace convoscope
