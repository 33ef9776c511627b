#include "renderer/FontAtlas.h"

#include <epoxy/gl.h>
#include <stb/stb_truetype.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#ifndef CONVOSCOPE_FONT_DIR
#define CONVOSCOPE_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

namespace convoscope {

std::future<std::unique_ptr<FontAtlas>> FontAtlas::bakeDefaultAsync() {
  return std::async(std::launch::async, [] { return std::make_unique<FontAtlas>(); });
}

std::string FontAtlas::defaultFontPath() { return std::string(CONVOSCOPE_FONT_DIR) + "/DejaVuSans.ttf"; }

std::vector<uint32_t> FontAtlas::defaultCodepoints() {
  std::vector<uint32_t> out;
  for (uint32_t c = 32; c < 127; ++c) out.push_back(c);
  // × · … − ± → ← ↑ ↓ ∑ σ μ ≈ ≤ ≥ ° ⊕ ▸ • ‖ (% is ASCII already)
  for (uint32_t c :
       {0x00D7u, 0x00B7u, 0x2026u, 0x2212u, 0x00B1u, 0x2192u, 0x2190u, 0x2191u, 0x2193u, 0x2211u,
        0x03C3u, 0x03BCu, 0x2248u, 0x2264u, 0x2265u, 0x00B0u, 0x2295u, 0x25B8u, 0x2022u, 0xFFFDu})
    out.push_back(c);
  return out;
}

std::vector<uint32_t> decodeUtf8(const std::string& text) {
  std::vector<uint32_t> out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || (extra > 0 && i + extra >= n)) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    uint32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    out.push_back(ok ? cp : 0xFFFD);
    i += ok ? extra + 1 : 1;
  }
  return out;
}

FontAtlas::FontAtlas(const std::string& fontPath, std::vector<uint32_t> codepoints) {
  std::ifstream file(fontPath, std::ios::binary);
  if (!file) throw std::runtime_error(fontPath + ": cannot open font file (install fonts-dejavu-core)");
  std::vector<unsigned char> ttf((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  stbtt_fontinfo font;
  if (ttf.empty() || !stbtt_InitFont(&font, ttf.data(), stbtt_GetFontOffsetForIndex(ttf.data(), 0)))
    throw std::runtime_error(fontPath + ": not a TrueType font");
  if (codepoints.empty()) codepoints = defaultCodepoints();
  if (std::find(codepoints.begin(), codepoints.end(), uint32_t('?')) == codepoints.end())
    codepoints.push_back('?');

  const float scale = stbtt_ScaleForPixelHeight(&font, pixelHeight_);
  int ascent = 0, descent = 0, lineGap = 0;
  stbtt_GetFontVMetrics(&font, &ascent, &descent, &lineGap);
  ascent_ = ascent * scale;
  descent_ = descent * scale;
  const int padding = static_cast<int>(spread_);
  const unsigned char onEdge = 128;
  const float distanceScale = 128.0f / spread_;  // SDF value drops to 0 `spread_` pixels outside the edge

  struct Baked {
    uint32_t codepoint;
    int w, h, xoff, yoff;
    unsigned char* bitmap;
  };
  std::vector<Baked> baked;
  for (uint32_t cp : codepoints) {
    int glyphIndex = stbtt_FindGlyphIndex(&font, static_cast<int>(cp));
    if (glyphIndex == 0 && cp != ' ') continue;  // not in the font
    int advance = 0, bearing = 0;
    stbtt_GetGlyphHMetrics(&font, glyphIndex, &advance, &bearing);
    Glyph g;
    g.advance = advance * scale;
    Baked b{cp, 0, 0, 0, 0, nullptr};
    b.bitmap = stbtt_GetGlyphSDF(&font, scale, glyphIndex, padding, onEdge, distanceScale, &b.w, &b.h,
                                 &b.xoff, &b.yoff);
    if (b.bitmap) {
      g.visible = true;
      g.x0 = static_cast<float>(b.xoff);
      g.x1 = static_cast<float>(b.xoff + b.w);
      g.y0 = static_cast<float>(-b.yoff);          // top, y up
      g.y1 = static_cast<float>(-(b.yoff + b.h));  // bottom
      baked.push_back(b);
    }
    glyphs_[cp] = g;
  }

  // Shelf packing, tallest first, into a 1024-wide atlas.
  width_ = 1024;
  std::vector<size_t> order(baked.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return baked[a].h > baked[b].h; });
  std::vector<std::array<int, 2>> positions(baked.size());
  int x = 1, y = 1, shelf = 0;
  for (size_t i : order) {
    if (x + baked[i].w + 1 > width_) {
      x = 1;
      y += shelf + 1;
      shelf = 0;
    }
    positions[i] = {x, y};
    x += baked[i].w + 1;
    shelf = std::max(shelf, baked[i].h);
  }
  height_ = 1;
  while (height_ < y + shelf + 1) height_ *= 2;
  pixels_.assign(static_cast<size_t>(width_) * height_, 0);
  for (size_t i = 0; i < baked.size(); ++i) {
    const Baked& b = baked[i];
    for (int row = 0; row < b.h; ++row)
      std::memcpy(&pixels_[static_cast<size_t>(positions[i][1] + row) * width_ + positions[i][0]],
                  b.bitmap + static_cast<size_t>(row) * b.w, static_cast<size_t>(b.w));
    Glyph& g = glyphs_[b.codepoint];
    g.u0 = static_cast<float>(positions[i][0]) / width_;
    g.u1 = static_cast<float>(positions[i][0] + b.w) / width_;
    g.v0 = static_cast<float>(positions[i][1]) / height_;
    g.v1 = static_cast<float>(positions[i][1] + b.h) / height_;
    stbtt_FreeSDF(b.bitmap, nullptr);
  }

  // Kerning pairs among ASCII only: labels are mostly ASCII and the table stays small.
  for (uint32_t a = 32; a < 127; ++a)
    for (uint32_t b = 32; b < 127; ++b) {
      int k = stbtt_GetCodepointKernAdvance(&font, static_cast<int>(a), static_cast<int>(b));
      if (k != 0) kerning_[(uint64_t(a) << 32) | b] = k * scale;
    }
}

namespace {

// The next mipmap level of an R8 image: each texel the mean of the 2×2 (or 2×1, 1×2) texels above it.
std::vector<uint8_t> halvedLevel(const std::vector<uint8_t>& in, int w, int h) {
  const int nw = std::max(1, w / 2), nh = std::max(1, h / 2);
  std::vector<uint8_t> out(static_cast<size_t>(nw) * nh);
  for (int y = 0; y < nh; ++y)
    for (int x = 0; x < nw; ++x) {
      const int x0 = std::min(2 * x, w - 1), x1 = std::min(2 * x + 1, w - 1);
      const int y0 = std::min(2 * y, h - 1), y1 = std::min(2 * y + 1, h - 1);
      const int sum = in[y0 * w + x0] + in[y0 * w + x1] + in[y1 * w + x0] + in[y1 * w + x1];
      out[static_cast<size_t>(y) * nw + x] = static_cast<uint8_t>((sum + 2) / 4);
    }
  return out;
}

}  // namespace

FontAtlas::~FontAtlas() {
  if (texture_) glDeleteTextures(1, &texture_);
}

const Glyph& FontAtlas::glyph(uint32_t codepoint) const {
  auto it = glyphs_.find(codepoint);
  if (it != glyphs_.end()) return it->second;
  return glyphs_.at('?');
}

float FontAtlas::kerning(uint32_t left, uint32_t right) const {
  auto it = kerning_.find((uint64_t(left) << 32) | right);
  return it == kerning_.end() ? 0.0f : it->second;
}

void FontAtlas::upload() {
  if (texture_) return;
  glGenTextures(1, &texture_);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  // The mipmap chain is averaged here, 2×2 per level: llvmpipe's glGenerateMipmap compiles blit shaders,
  // ~150 ms of the window's first frame.
  std::vector<uint8_t> level = pixels_;
  int w = width_, h = height_;
  for (int mip = 0;; ++mip) {
    glTexImage2D(GL_TEXTURE_2D, mip, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, level.data());
    if (w == 1 && h == 1) break;
    level = halvedLevel(level, w, h);
    w = std::max(1, w / 2);
    h = std::max(1, h / 2);
  }
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
  // One level sharper than the footprint asks: averaged levels lower a thin stem's field under the edge value,
  // and 11-14 px text lost whole strokes (the 'l' of "scaled" in the legend, the numbers on the card).
  glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_LOD_BIAS, -1.0f);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
}

}  // namespace convoscope
