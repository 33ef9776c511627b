#pragma once
// A labelled image dataset read one image at a time (a pass over 10,000 images never holds them all): the
// MNIST IDX format (Debian's dataset-fashion-mnist) or a folder with one sub-folder of images per class (the
// torchvision ImageFolder convention). Top dataset examples (engine/TopExamples.h) read through it.
#include <memory>
#include <string>
#include <vector>

#include "core/ImageInput.h"

namespace convoscope {

class ExampleSource {
 public:
  virtual ~ExampleSource() = default;
  virtual int count() const = 0;
  virtual int label(int index) const = 0;    // class number (index into classNames() when it has names)
  virtual Image image(int index) const = 0;  // InputError naming the file for an unreadable image
  virtual std::string describe(int index) const = 0;  // "t10k image 123", or the file's path
  // What a cached result over this dataset depends on, as text for a cache key: the IDX files' content hashes,
  // or for an image folder every file's path, size and modification time (reading every image would cost
  // as much as the pass it saves), and the limit.
  virtual std::string fingerprint() const = 0;
  // Sub-folder names of an image folder; empty for IDX (its labels are the model's class numbers).
  const std::vector<std::string>& classNames() const { return classNames_; }

 protected:
  std::vector<std::string> classNames_;
};

// DIR holding t10k-images-idx3-ubyte[.gz] (the test split) is read as IDX; any other folder as an image
// folder. `limit` > 0 keeps the first `limit` images. InputError for a missing or empty folder, a folder
// without images, or a bad IDX file, saying what was found.
std::unique_ptr<ExampleSource> openExampleSource(const std::string& path, int limit = 0);

}  // namespace convoscope
