#include "core/BundledAssets.h"

#include <filesystem>

namespace convoscope {
std::string executablePath() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.string();
}

namespace {

std::filesystem::path executableDirectory() { return std::filesystem::path(executablePath()).parent_path(); }

}  // namespace

std::string assetsDirectory() {
  for (const auto& base : {std::filesystem::path(CONVOSCOPE_SOURCE_DIR), executableDirectory().parent_path(),
                           executableDirectory()}) {
    if (std::filesystem::exists(base / "assets" / "samples")) return (base / "assets").string();
  }
  return (std::filesystem::path(CONVOSCOPE_SOURCE_DIR) / "assets").string();
}

std::string bundledModelPath() {
  return (std::filesystem::path(assetsDirectory()).parent_path() / "models" / "tiny-vgg.pt").string();
}

std::string bundledDefaultImagePath() {
  return (std::filesystem::path(assetsDirectory()) / "samples" / "default.png").string();
}

std::string bundledCacheDirectory() { return assetsDirectory() + "/cache"; }

}  // namespace convoscope
