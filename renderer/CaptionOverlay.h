#pragma once
// A lecture caption drawn over a rendered frame: a lower-third card with a bold title, a few lines of text
// (word-wrapped to the card) and the step counter. Sized from the frame height so it reads the same at 720p,
// 1080p and 4K. Owns its fonts (regular and bold, with typographic punctuation) and draws in two calls.
#include <glm/glm.hpp>
#include <memory>
#include <string>
#include <vector>

#include "renderer/FontAtlas.h"
#include "scene/Caption.h"

namespace convoscope {

class QuadBatch;
class TextBatch;

struct CaptionLayout {
  float scale = 1.0f;  // frame height / 1080 (at least 0.5)
  glm::vec2 cardMin{0.0f}, cardMax{0.0f};
  std::vector<std::string> wrapped;  // the text lines after word wrapping
  float titleSize = 0;  // pixels: shrunk (to 60 % at most) so a long title and the counter fit the card
};

// The caption's two fonts, baked (CPU only, ~60 ms each): on a worker while a recording starts up.
struct CaptionFonts {
  std::unique_ptr<FontAtlas> regular, bold;
};
CaptionFonts bakeCaptionFonts();

class CaptionOverlay {
 public:
  CaptionOverlay();  // needs a current GL context; bakes its fonts
  explicit CaptionOverlay(CaptionFonts fonts);  // already baked
  ~CaptionOverlay();
  CaptionOverlay(const CaptionOverlay&) = delete;
  CaptionOverlay& operator=(const CaptionOverlay&) = delete;

  // Where the card goes for a caption in a viewport (pixels, origin top-left), without drawing. The card is
  // centred when it can be, else pushed right of `leftReserve` pixels (the renderer's colour legend).
  CaptionLayout layout(const Caption& caption, const glm::vec2& viewport, float leftReserve = 0.0f) const;
  // Draws into the bound framebuffer over whatever is there (blending on, depth off; state restored).
  void draw(const Caption& caption, const glm::vec2& viewport, float leftReserve = 0.0f);

 private:
  std::unique_ptr<FontAtlas> regular_, bold_;
  std::unique_ptr<TextBatch> text_, titles_;
  std::unique_ptr<QuadBatch> quads_;
};

}  // namespace convoscope
