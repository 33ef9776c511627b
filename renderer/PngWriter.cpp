#include "renderer/PngWriter.h"

#include <fcntl.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace convoscope {

namespace {

void appendBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<unsigned char>*>(context);
  out->insert(out->end(), static_cast<unsigned char*>(data), static_cast<unsigned char*>(data) + size);
}

}  // namespace

// Encodes in memory, writes a hidden temporary beside `path` checking every write (stbi_write_png ignores
// fwrite/fclose errors: a full disk left a truncated PNG under the final name), then renames it into place.
void writePng(const RgbaImage& image, const std::string& path) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<size_t>(image.width) * image.height * 4)
    throw std::runtime_error(path + ": no image to write");
  std::vector<unsigned char> png;
  if (!stbi_write_png_to_func(appendBytes, &png, image.width, image.height, 4, image.pixels.data(),
                              image.width * 4))
    throw std::runtime_error(path + ": cannot encode PNG");
  const std::filesystem::path target(path);
  const std::string temp =
      (target.parent_path() / ("." + target.filename().string() + ".part-" + std::to_string(::getpid())))
          .string();
  auto fail = [&](int error) {
    ::unlink(temp.c_str());
    throw std::runtime_error(path + ": cannot write PNG (" + std::strerror(error) + ")");
  };
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(path + ": cannot write PNG (" + std::strerror(errno) + ")");
  size_t done = 0;
  while (done < png.size()) {
    const ssize_t n = ::write(fd, png.data() + done, png.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : EIO;
      ::close(fd);
      fail(error);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) fail(errno);
  if (std::rename(temp.c_str(), path.c_str()) != 0) fail(errno);
}

RgbaImage readPng(const std::string& path) {
  int w = 0, h = 0, n = 0;
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 4);
  if (!data) throw std::runtime_error(path + ": cannot read image (" + stbi_failure_reason() + ")");
  RgbaImage image;
  image.width = w;
  image.height = h;
  image.pixels.assign(data, data + static_cast<size_t>(w) * h * 4);
  stbi_image_free(data);
  return image;
}

}  // namespace convoscope
