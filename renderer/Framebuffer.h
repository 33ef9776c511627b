#pragma once
// An offscreen render target: RGBA8 colour + 24/8 depth-stencil, optionally multisampled and resolved on
// read.
#include <cstdint>
#include <vector>

#include "core/PngFile.h"

namespace convoscope {

constexpr int kMaxFramebufferWidth = 7680;
constexpr int kMaxFramebufferHeight = 4320;

// Samples per pixel. The viewer and recordings render single-sampled, their edges anti-aliased in the
// shaders (lines, text, rounded quads and tile outlines by coverage; slab silhouettes lie under anti-aliased
// edge lines): 4x MSAA doubled the frame time on software GL. Stills (`shot`) keep 4x.
constexpr int kInteractiveSamples = 1;
constexpr int kStillSamples = 4;

class Framebuffer {
 public:
  // samples: 1 (no MSAA) or 4; clamped to GL_MAX_SAMPLES. Throws std::runtime_error on bad size or
  // an incomplete framebuffer. Needs a current GL context.
  Framebuffer(int width, int height, int samples = 4);
  ~Framebuffer();
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;

  void bind();       // as draw + read target, with a full viewport
  RgbaImage read();  // resolves MSAA, reads back and flips rows to top-down

  int width() const { return width_; }
  int height() const { return height_; }
  int samples() const { return samples_; }

 private:
  int width_, height_, samples_;
  unsigned drawFbo_ = 0, colour_ = 0, depth_ = 0;
  unsigned resolveFbo_ = 0, resolveColour_ = 0;  // only when multisampled
};

}  // namespace convoscope
