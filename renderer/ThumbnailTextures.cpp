#include "renderer/ThumbnailTextures.h"

#include <epoxy/gl.h>
#include <stb/stb_image.h>

namespace convoscope {

ThumbnailTextures::~ThumbnailTextures() {
  for (auto& entry : byPath_)
    if (entry.second.texture) glDeleteTextures(1, &entry.second.texture);
}

const Thumbnail& ThumbnailTextures::get(const std::string& path) {
  auto it = byPath_.find(path);
  if (it != byPath_.end()) return it->second;
  Thumbnail t;
  int channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &t.width, &t.height, &channels, 4);
  if (pixels) {
    glGenTextures(1, &t.texture);
    glBindTexture(GL_TEXTURE_2D, t.texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, t.width, t.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    // Nearest: these are tiny images (28x28 digits) and look right as crisp pixels.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    stbi_image_free(pixels);
  }
  return byPath_.emplace(path, t).first->second;
}

}  // namespace convoscope
