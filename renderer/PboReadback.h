#pragma once
// Asynchronous frame readback for recording: a ring of pixel-pack buffers. capture() resolves the bound
// framebuffer and starts a glReadPixels into the next buffer without waiting; the oldest capture is mapped
// only once the ring is full, by which time the GPU has long finished it, so rendering and readback overlap.
#include <cstddef>
#include <vector>

#include "renderer/Framebuffer.h"

namespace convoscope {

class PboReadback {
 public:
  // Needs a current GL context. `depth` buffers (≥ 1) of width × height RGBA8.
  PboReadback(int width, int height, int depth = 3);
  ~PboReadback();
  PboReadback(const PboReadback&) = delete;
  PboReadback& operator=(const PboReadback&) = delete;

  // Starts reading the framebuffer bound for reading (multisampled or not; it is resolved first). The
  // caller must take() when full() before capturing again. Leaves the framebuffer bindings as they were.
  void capture();
  bool full() const { return pending_ == static_cast<int>(buffers_.size()); }
  int pending() const { return pending_; }
  // The oldest capture, top-down (rows flipped). Throws std::logic_error when nothing is pending.
  RgbaImage take();

 private:
  int width_, height_;
  std::vector<unsigned> buffers_;
  unsigned resolveFbo_ = 0, resolveColour_ = 0;
  int next_ = 0;     // buffer the next capture writes
  int pending_ = 0;  // captures not yet taken; the oldest is (next_ - pending_) mod depth
};

}  // namespace convoscope
