#pragma once
// An OpenGL 3.3+ core context with no window and no X: EGL surfaceless (Mesa), else a 1x1 pbuffer.
// Render into a Framebuffer. Throws std::runtime_error with a message when EGL or GL 3.3 is unavailable.
#include <string>

namespace convoscope {

class HeadlessContext {
 public:
  HeadlessContext();
  ~HeadlessContext();
  HeadlessContext(const HeadlessContext&) = delete;
  HeadlessContext& operator=(const HeadlessContext&) = delete;

  void makeCurrent();
  int glVersion() const { return glVersion_; }                     // e.g. 45 for 4.5
  const std::string& description() const { return description_; }  // "OpenGL 4.5 core, llvmpipe ..."

 private:
  void release();
  void* display_ = nullptr;  // EGLDisplay
  void* context_ = nullptr;  // EGLContext
  void* surface_ = nullptr;  // EGLSurface (EGL_NO_SURFACE when surfaceless)
  int glVersion_ = 0;
  std::string description_;
};

}  // namespace convoscope
