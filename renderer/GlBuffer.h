#pragma once
// A GL buffer that grows as needed and counts the bytes sent to it (for FrameStats).
#include <cstddef>
#include <cstdint>

namespace convoscope {

class GlBuffer {
 public:
  GlBuffer();
  ~GlBuffer();
  GlBuffer(const GlBuffer&) = delete;
  GlBuffer& operator=(const GlBuffer&) = delete;

  unsigned id() const { return id_; }
  // Binds to GL_ARRAY_BUFFER and replaces the contents (orphaning when growing).
  void upload(const void* data, size_t bytes);
  uint64_t bytesUploaded() const { return bytesUploaded_; }

 private:
  unsigned id_ = 0;
  size_t capacity_ = 0;
  uint64_t bytesUploaded_ = 0;
};

}  // namespace convoscope
