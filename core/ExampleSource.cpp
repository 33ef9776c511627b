#include "core/ExampleSource.h"

#include <algorithm>
#include <filesystem>

#include "core/Errors.h"
#include "core/IdxDataset.h"
#include "core/ResultCache.h"

namespace convoscope {
namespace {

namespace fs = std::filesystem;

class IdxExamples : public ExampleSource {
 public:
  // IDX files carry label numbers only: classNames() stays empty (the model's class names name them).
  IdxExamples(const std::string& directory, int limit)
      : data_(loadIdxDataset(directory, IdxSplit::Test, limit)), directory_(directory), limit_(limit) {}
  int count() const override { return data_.count; }
  int label(int index) const override { return data_.labels.at(index); }
  Image image(int index) const override { return data_.image(index); }
  std::string describe(int index) const override { return "test image " + std::to_string(index); }
  std::string fingerprint() const override {
    // Sorted: a folder's listing order depends on the file system, and the key must not (assets/cache ships it).
    std::vector<fs::path> files;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(directory_, ec))
      if (e.path().filename().string().rfind("t10k-", 0) == 0) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::string text = "idx";
    for (const fs::path& f : files) text += " " + f.filename().string() + "=" + hexText(fileContentHash(f.string()));
    return text + " limit " + std::to_string(limit_);
  }

 private:
  IdxDataset data_;
  std::string directory_;
  int limit_;
};

bool isImageFile(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tga";
}

class FolderExamples : public ExampleSource {
 public:
  FolderExamples(const std::string& root, int limit) {
    std::vector<fs::path> classes;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(root, ec))
      if (e.is_directory()) classes.push_back(e.path());
    if (ec) throw InputError(root + ": cannot read the folder (" + ec.message() + ")");
    std::sort(classes.begin(), classes.end());
    for (const fs::path& folder : classes) {
      std::vector<fs::path> images;
      for (const fs::directory_entry& e : fs::directory_iterator(folder, ec))
        if (e.is_regular_file() && isImageFile(e.path())) images.push_back(e.path());
      if (images.empty()) continue;
      std::sort(images.begin(), images.end());
      const int label = static_cast<int>(classNames_.size());
      classNames_.push_back(folder.filename().string());
      for (const fs::path& p : images) files_.push_back({p.string(), label});
    }
    if (files_.empty())
      throw InputError(root + ": no images found (expected one sub-folder per class holding .png/.jpg/.bmp/.tga "
                              "files, or Fashion-MNIST's t10k-images-idx3-ubyte[.gz])");
    if (limit > 0 && static_cast<int>(files_.size()) > limit) files_.resize(limit);
  }
  int count() const override { return static_cast<int>(files_.size()); }
  int label(int index) const override { return files_.at(index).label; }
  Image image(int index) const override { return loadImage(files_.at(index).path); }
  std::string describe(int index) const override { return files_.at(index).path; }
  std::string fingerprint() const override {
    std::string listing;
    std::error_code ec;
    for (const File& f : files_) {
      const auto size = fs::file_size(f.path, ec);
      const auto time = fs::last_write_time(f.path, ec).time_since_epoch().count();
      listing += f.path + '\t' + std::to_string(size) + '\t' + std::to_string(time) + '\n';
    }
    return "folder " + hexText(textHash(listing)) + " images " + std::to_string(files_.size());
  }

 private:
  struct File {
    std::string path;
    int label;
  };
  std::vector<File> files_;
};

}  // namespace

std::unique_ptr<ExampleSource> openExampleSource(const std::string& path, int limit) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(path + ": no such folder");
  if (!fs::is_directory(path, ec)) throw InputError(path + ": is not a folder (give a dataset folder)");
  for (const char* name : {"t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz"})
    if (fs::exists(fs::path(path) / name, ec)) return std::make_unique<IdxExamples>(path, limit);
  return std::make_unique<FolderExamples>(path, limit);
}

}  // namespace convoscope
