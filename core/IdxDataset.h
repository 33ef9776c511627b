#pragma once
// MNIST-format (IDX) image sets such as Debian's dataset-fashion-mnist, gzip-compressed or not.
#include <cstdint>
#include <string>
#include <vector>

#include "core/ImageInput.h"

namespace convoscope {

struct IdxDataset {
  int count = 0, rows = 0, cols = 0;
  std::vector<uint8_t> pixels;   // count * rows * cols, row-major
  std::vector<uint8_t> labels;   // count
  Image image(int index) const;  // one gray image
};

enum class IdxSplit { Train, Test };

// Reads DIR/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]; `limit` > 0 keeps the first `limit` items.
// Throws InputError naming the file and the problem.
IdxDataset loadIdxDataset(const std::string& directory, IdxSplit split, int limit = 0);

// Fashion-MNIST's ten class names, in label order.
const std::vector<std::string>& fashionMnistClassNames();

}  // namespace convoscope
