#pragma once
// Small GL textures of image files for the panels' thumbnails (the bundled samples), decoded once per path.
// The window owns one and hands it to the panels through ViewerState, so ui/ draws images without GL calls.
#include <map>
#include <string>

namespace convoscope {

struct Thumbnail {
  unsigned texture = 0;  // GL texture name; 0 when the file could not be read
  int width = 0, height = 0;
  bool failed() const { return texture == 0; }
};

class ThumbnailTextures {
 public:
  ThumbnailTextures() = default;
  ~ThumbnailTextures();  // needs the GL context that made them current
  ThumbnailTextures(const ThumbnailTextures&) = delete;
  ThumbnailTextures& operator=(const ThumbnailTextures&) = delete;

  // The thumbnail of an image file, decoded and uploaded on first use (needs a current GL context).
  const Thumbnail& get(const std::string& path);

 private:
  std::map<std::string, Thumbnail> byPath_;
};

}  // namespace convoscope
