// convoscope-floor: the least any GL viewer can do before its first frame on this machine — open a GLFW window
// with an OpenGL 3.3 core context (through libepoxy, as the viewer does), clear it, swap once, exit. The
// benchmark measures the viewer's start-up against it in the same run (docs/PERFORMANCE.md): on a busy or slow
// day both move, the ratio does not. Prints "floor: first frame N ms, peak RSS K MiB" (core/ProcessClock.h).
#include <epoxy/gl.h>  // before GLFW, which would include GL/gl.h itself
#include <GLFW/glfw3.h>

#include <cstdio>

#include "core/ProcessClock.h"

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "convoscope-floor: no display (set DISPLAY, e.g. under Xvfb)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(1600, 900, "floor", nullptr, nullptr);  // the viewer's default size
  if (!window) {
    std::fprintf(stderr, "convoscope-floor: no OpenGL 3.3 core context\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glfwSwapBuffers(window);
  std::printf("floor: first frame %.0f ms, peak RSS %.0f MiB\n", convoscope::millisecondsSinceProcessStart(),
              convoscope::peakResidentMiB());
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
