#include "BenchModels.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>

namespace convoscope::bench {

BenchModel& benchModel(const std::string& name) {
  static std::map<std::string, BenchModel> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  BenchModel entry;
  entry.name = name;
  const std::string samples = std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/samples/";
  entry.imageA = samples + "ankle-boot-1.png";
  entry.imageB = samples + "sneaker-1.png";
  LoadOptions options;
  if (name == "tiny-vgg") {
    options.modelPath = bundledModelPath();
  } else {
    const std::string dir = CONVOSCOPE_BENCH_MODEL_DIR;
    options.modelPath = dir + "/" + name + ".pt";
    if (!std::filesystem::exists(options.modelPath)) {
      const std::string command = "/usr/bin/python3 " + std::string(CONVOSCOPE_SOURCE_DIR) +
                                  "/bench/make_bench_models.py " + dir + " >&2";
      if (std::system(command.c_str()) != 0) throw std::runtime_error("cannot generate " + options.modelPath);
    }
    options.inputShape = std::vector<int64_t>{3, 224, 224};
    options.normalization = Normalization{{0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f}};
    options.memoryBudgetBytes = 4ull << 30;
  }
  entry.model = CaptureModel::load(options);
  return cache.emplace(name, std::move(entry)).first->second;
}

}  // namespace convoscope::bench
