#include "core/IdxDataset.h"

#include <zlib.h>

#include <filesystem>

#include "core/Errors.h"

namespace convoscope {
namespace {

// The whole file, inflated when it is gzip (zlib reads plain files through the same call).
std::vector<uint8_t> readMaybeGzip(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw InputError(path + ": cannot open");
  std::vector<uint8_t> data;
  uint8_t buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) data.insert(data.end(), buffer, buffer + n);
  const bool failed = n < 0;
  gzclose(file);
  if (failed) throw InputError(path + ": corrupt gzip data");
  return data;
}

uint32_t bigEndian32(const std::vector<uint8_t>& d, size_t at) {
  return (uint32_t(d[at]) << 24) | (uint32_t(d[at + 1]) << 16) | (uint32_t(d[at + 2]) << 8) | d[at + 3];
}

std::string findFile(const std::string& directory, const std::string& stem) {
  for (const char* suffix : {"", ".gz"}) {
    const auto path = std::filesystem::path(directory) / (stem + suffix);
    if (std::filesystem::exists(path)) return path.string();
  }
  throw InputError(directory + ": no " + stem + "[.gz] here (expected an MNIST-format folder)");
}

}  // namespace

Image IdxDataset::image(int index) const {
  Image image;
  image.width = cols;
  image.height = rows;
  image.channels = 1;
  const size_t size = static_cast<size_t>(rows) * cols;
  image.pixels.assign(pixels.begin() + index * size, pixels.begin() + (index + 1) * size);
  return image;
}

IdxDataset loadIdxDataset(const std::string& directory, IdxSplit split, int limit) {
  if (!std::filesystem::is_directory(directory)) throw InputError(directory + ": not a directory");
  const std::string prefix = split == IdxSplit::Train ? "train" : "t10k";
  const std::string imagePath = findFile(directory, prefix + "-images-idx3-ubyte");
  const std::string labelPath = findFile(directory, prefix + "-labels-idx1-ubyte");
  const auto images = readMaybeGzip(imagePath);
  const auto labels = readMaybeGzip(labelPath);
  if (images.size() < 16 || bigEndian32(images, 0) != 0x00000803)
    throw InputError(imagePath + ": not an IDX image file (bad magic number)");
  if (labels.size() < 8 || bigEndian32(labels, 0) != 0x00000801)
    throw InputError(labelPath + ": not an IDX label file (bad magic number)");
  IdxDataset set;
  set.count = static_cast<int>(bigEndian32(images, 4));
  set.rows = static_cast<int>(bigEndian32(images, 8));
  set.cols = static_cast<int>(bigEndian32(images, 12));
  const size_t imageBytes = static_cast<size_t>(set.rows) * set.cols;
  if (images.size() != 16 + imageBytes * set.count) throw InputError(imagePath + ": truncated image data");
  if (bigEndian32(labels, 4) != static_cast<uint32_t>(set.count) || labels.size() != 8 + size_t(set.count))
    throw InputError(labelPath + ": label count does not match " + imagePath);
  if (limit > 0 && limit < set.count) set.count = limit;
  set.pixels.assign(images.begin() + 16, images.begin() + 16 + imageBytes * set.count);
  set.labels.assign(labels.begin() + 8, labels.begin() + 8 + set.count);
  return set;
}

const std::vector<std::string>& fashionMnistClassNames() {
  static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                 "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  return names;
}

}  // namespace convoscope
