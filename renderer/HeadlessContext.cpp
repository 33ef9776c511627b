#include "renderer/HeadlessContext.h"

#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "renderer/GlDebug.h"

namespace convoscope {
namespace {

std::string eglErrorText() {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "0x%04X", eglGetError());
  return buffer;
}

bool hasClientExtension(const char* name) {
  const char* extensions = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
  if (!extensions) return false;
  std::string list = std::string(" ") + extensions + " ";
  return list.find(std::string(" ") + name + " ") != std::string::npos;
}

EGLDisplay openDisplay(bool& surfaceless) {
  surfaceless = false;
  if (hasClientExtension("EGL_MESA_platform_surfaceless") && hasClientExtension("EGL_EXT_platform_base")) {
    EGLDisplay display =
        eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    EGLint major = 0, minor = 0;
    if (display != EGL_NO_DISPLAY && eglInitialize(display, &major, &minor)) {
      surfaceless = true;
      return display;
    }
  }
  EGLDisplay display = eglGetDisplay(EGL_DEFAULT_DISPLAY);
  EGLint major = 0, minor = 0;
  if (display == EGL_NO_DISPLAY || !eglInitialize(display, &major, &minor))
    throw std::runtime_error("no EGL display available for headless rendering (EGL error " + eglErrorText() +
                             "); install Mesa's EGL (libegl-mesa0) or a GPU driver");
  return display;
}

}  // namespace

HeadlessContext::HeadlessContext() {
  bool surfaceless = false;
  EGLDisplay display = openDisplay(surfaceless);
  display_ = display;
  if (!eglBindAPI(EGL_OPENGL_API)) {
    throw std::runtime_error("EGL cannot bind the desktop OpenGL API (error " + eglErrorText() + ")");
  }
  const EGLint configAttributes[] = {EGL_SURFACE_TYPE,
                                     surfaceless ? 0 : EGL_PBUFFER_BIT,
                                     EGL_RENDERABLE_TYPE,
                                     EGL_OPENGL_BIT,
                                     EGL_RED_SIZE,
                                     8,
                                     EGL_GREEN_SIZE,
                                     8,
                                     EGL_BLUE_SIZE,
                                     8,
                                     EGL_NONE};
  EGLConfig config = nullptr;
  EGLint configCount = 0;
  bool noConfigContext = surfaceless && epoxy_has_egl_extension(display, "EGL_KHR_no_config_context");
  if (!eglChooseConfig(display, configAttributes, &config, 1, &configCount) || configCount == 0) {
    if (!noConfigContext) {
      throw std::runtime_error("EGL has no OpenGL-capable config (error " + eglErrorText() + ")");
    }
    config = EGL_NO_CONFIG_KHR;
  }

  const bool debug = debugOutputRequested();
  EGLContext context = EGL_NO_CONTEXT;
  for (auto version : {std::pair<int, int>{4, 5}, std::pair<int, int>{3, 3}}) {
    const EGLint contextAttributes[] = {EGL_CONTEXT_MAJOR_VERSION,
                                        version.first,
                                        EGL_CONTEXT_MINOR_VERSION,
                                        version.second,
                                        EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                        EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                        EGL_CONTEXT_OPENGL_DEBUG,
                                        debug ? EGL_TRUE : EGL_FALSE,
                                        EGL_NONE};
    context = eglCreateContext(display, config, EGL_NO_CONTEXT, contextAttributes);
    if (context != EGL_NO_CONTEXT) break;
  }
  if (context == EGL_NO_CONTEXT) {
    throw std::runtime_error("EGL cannot create an OpenGL 3.3 core context (error " + eglErrorText() + ")");
  }
  context_ = context;

  EGLSurface surface = EGL_NO_SURFACE;
  if (!surfaceless) {
    const EGLint pbufferAttributes[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
    surface = eglCreatePbufferSurface(display, config, pbufferAttributes);
    if (surface == EGL_NO_SURFACE) {
      eglDestroyContext(display, context);
      throw std::runtime_error("EGL cannot create a pbuffer surface (error " + eglErrorText() + ")");
    }
  }
  surface_ = surface;
  makeCurrent();

  glVersion_ = epoxy_gl_version();
  if (glVersion_ < 33) {
    release();
    throw std::runtime_error("OpenGL 3.3 or newer is required; this driver offers " +
                             std::to_string(glVersion_ / 10) + "." + std::to_string(glVersion_ % 10));
  }
  const char* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  description_ = "OpenGL " + std::to_string(glVersion_ / 10) + "." + std::to_string(glVersion_ % 10) +
                 " core, " + (renderer ? renderer : "unknown renderer") +
                 (surfaceless ? " (EGL surfaceless)" : " (EGL pbuffer)");
  if (debug) enableGlDebugOutput();
}

void HeadlessContext::makeCurrent() {
  if (!eglMakeCurrent(display_, surface_, surface_, context_))
    throw std::runtime_error("eglMakeCurrent failed (error " + eglErrorText() + ")");
}

HeadlessContext::~HeadlessContext() { release(); }

// The display is shared by every context in the process, so it is never terminated here.
void HeadlessContext::release() {
  if (!display_) return;
  eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  if (surface_ != EGL_NO_SURFACE && surface_) eglDestroySurface(display_, surface_);
  if (context_) eglDestroyContext(display_, context_);
  display_ = context_ = surface_ = nullptr;
}

}  // namespace convoscope
