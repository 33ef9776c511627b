#pragma once
// Live recording's GPU half: a rectangle of the window's back buffer scaled into a fixed-size target (aspect
// kept, letterboxed in black) and read back asynchronously through a PBO ring (renderer/PboReadback.h), so
// neither the GPU nor the frame loop waits. app/LiveRecorder paces and encodes what comes out.
#include <glm/glm.hpp>

#include "renderer/Framebuffer.h"
#include "renderer/PboReadback.h"

namespace convoscope {

class ScaledCapture {
 public:
  // Needs a current GL context. `depth` readbacks can be in flight.
  ScaledCapture(const glm::ivec2& size, int depth = 3);

  // Starts capturing `source` of the window's back buffer (x, y from the bottom-left, width, height). The
  // caller must take() when full() first. Framebuffer bindings are left as they were.
  void captureWindow(const glm::ivec4& source);
  bool full() const { return readback_.full(); }
  int pending() const { return readback_.pending(); }
  RgbaImage take() { return readback_.take(); }  // the oldest capture, top-down

 private:
  glm::ivec2 size_;
  Framebuffer scaled_;
  PboReadback readback_;
};

}  // namespace convoscope
