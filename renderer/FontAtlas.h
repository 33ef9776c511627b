#pragma once
// A signed-distance-field glyph atlas baked once at start-up from DejaVu Sans with stb_truetype.
// SDF glyphs stay crisp at any size (a 48 px bake draws cleanly from ~8 px to 4K titles).
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace convoscope {

struct Glyph {
  float advance = 0;     // pen advance, in baked pixels
  float x0 = 0, y0 = 0;  // quad offset from the pen position on the baseline, baked pixels, y up
  float x1 = 0, y1 = 0;
  float u0 = 0, v0 = 0, u1 = 0, v1 = 0;  // atlas texture coordinates (v0 at the quad's top)
  bool visible = false;                  // false for blanks (space)
};

class FontAtlas {
 public:
  // Bakes `codepoints` (default: printable ASCII plus the symbols Convoscope's labels use) from the TTF at
  // `fontPath` (default: CONVOSCOPE_FONT_DIR/DejaVuSans.ttf). CPU only; call upload() with a GL context.
  // Throws std::runtime_error naming the file when it cannot be read or parsed.
  explicit FontAtlas(const std::string& fontPath = defaultFontPath(), std::vector<uint32_t> codepoints = {});
  ~FontAtlas();
  FontAtlas(const FontAtlas&) = delete;
  FontAtlas& operator=(const FontAtlas&) = delete;

  static std::string defaultFontPath();
  static std::vector<uint32_t> defaultCodepoints();
  // The default font baked on a worker (~60 ms on the main thread), while start-up sets up GL beside it.
  static std::future<std::unique_ptr<FontAtlas>> bakeDefaultAsync();

  bool has(uint32_t codepoint) const { return glyphs_.count(codepoint) != 0; }
  const Glyph& glyph(uint32_t codepoint) const;        // falls back to '?' for a codepoint not baked
  float kerning(uint32_t left, uint32_t right) const;  // baked pixels
  float bakedPixelHeight() const { return pixelHeight_; }
  float ascent() const { return ascent_; }     // baked pixels above the baseline
  float descent() const { return descent_; }   // baked pixels below (negative)
  float sdfSpread() const { return spread_; }  // baked pixels from the glyph edge to the SDF's zero

  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<uint8_t>& pixels() const { return pixels_; }  // R8, 128 = glyph edge

  void upload();  // creates the GL texture (linear filtering, mipmaps)
  unsigned texture() const { return texture_; }

 private:
  float pixelHeight_ = 48.0f, ascent_ = 0, descent_ = 0, spread_ = 8.0f;
  int width_ = 0, height_ = 0;
  std::vector<uint8_t> pixels_;
  std::unordered_map<uint32_t, Glyph> glyphs_;
  std::unordered_map<uint64_t, float> kerning_;
  unsigned texture_ = 0;
};

// Decodes UTF-8 (invalid bytes become U+FFFD).
std::vector<uint32_t> decodeUtf8(const std::string& text);

}  // namespace convoscope
