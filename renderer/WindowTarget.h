#pragma once
// The window's own framebuffer (GL's default framebuffer 0): cleared each frame, the composed 3D view copied
// into its place among the panels, read back for scripted screenshots. The only GL the window loop needs
// beyond ImGui's backend, kept here so app/ makes no GL call.
#include <glm/glm.hpp>

#include "core/PngFile.h"
#include "renderer/Framebuffer.h"

namespace convoscope {

// Binds the window framebuffer for drawing over its whole `size` (pixels) and clears it to the backdrop.
void clearWindow(const glm::ivec2& size);
// Copies `view` into the window framebuffer at `origin` (pixels from the top-left) of a window `windowHeight`
// pixels high, then binds the window framebuffer again with a full viewport of `windowSize`.
void presentInWindow(Framebuffer& view, const glm::ivec2& origin, const glm::ivec2& windowSize);
// The window's back buffer, top-down RGBA.
RgbaImage readWindow(const glm::ivec2& size);

}  // namespace convoscope
