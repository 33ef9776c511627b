#include "renderer/GlDebug.h"

#include <epoxy/gl.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace convoscope {
namespace {

std::atomic<uint64_t> errorCount{0};
std::mutex lastErrorMutex;
std::string lastError;

void GLAPIENTRY onDebugMessage(GLenum source, GLenum type, GLuint id, GLenum severity, GLsizei length,
                               const GLchar* message, const void*) {
  (void)source;
  (void)id;
  (void)severity;
  if (type != GL_DEBUG_TYPE_ERROR) return;
  uint64_t n = ++errorCount;
  std::string text(message, length > 0 ? static_cast<size_t>(length) : std::strlen(message));
  {
    std::lock_guard<std::mutex> lock(lastErrorMutex);
    lastError = text;
  }
  if (n <= 8) std::fprintf(stderr, "GL error: %s\n", text.c_str());
}

}  // namespace

void enableGlDebugOutput() {
  if (!(epoxy_gl_version() >= 43 || epoxy_has_gl_extension("GL_KHR_debug"))) return;
  glEnable(GL_DEBUG_OUTPUT);
  glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
  glDebugMessageCallback(onDebugMessage, nullptr);
  glDebugMessageControl(GL_DONT_CARE, GL_DONT_CARE, GL_DONT_CARE, 0, nullptr, GL_TRUE);
}

uint64_t glDebugErrorCount() { return errorCount.load(); }

std::string lastGlDebugError() {
  std::lock_guard<std::mutex> lock(lastErrorMutex);
  return lastError;
}

bool debugOutputRequested() {
#ifndef NDEBUG
  return true;
#else
  const char* env = std::getenv("CONVOSCOPE_GL_DEBUG");
  return env && std::strcmp(env, "0") != 0 && *env;
#endif
}

}  // namespace convoscope
