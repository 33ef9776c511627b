#include "engine/SeriesCheckpoints.h"

#include <torch/script.h>

#include <filesystem>
#include <map>
#include <optional>

#include "core/Errors.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace {

using ParameterShapes = std::map<std::string, std::vector<int64_t>>;

ParameterShapes parameterShapes(const torch::jit::Module& module) {
  ParameterShapes shapes;
  for (const auto& p : module.named_parameters(/*recurse=*/true)) shapes[p.name] = p.value.sizes().vec();
  return shapes;
}

std::string bracketed(const std::vector<int64_t>& shape) { return "[" + shapeText(shape, ",") + "]"; }

// The first difference between two checkpoints' parameters, or "" when they are one architecture.
std::string firstDifference(const ParameterShapes& reference, const std::string& referenceFile,
                            const ParameterShapes& other, const std::string& otherFile) {
  for (const auto& [name, shape] : reference) {
    const auto it = other.find(name);
    if (it == other.end()) return otherFile + " has no parameter " + name;
    if (it->second != shape)
      return name + " is " + bracketed(it->second) + " in " + otherFile + ", " + bracketed(shape) + " in " + referenceFile;
  }
  for (const auto& [name, shape] : other)
    if (!reference.count(name)) return otherFile + " has a parameter " + name + " that " + referenceFile + " lacks";
  return "";
}

}  // namespace

std::vector<CheckpointStatus> checkSeriesCheckpoints(const TrainingSeries& series, const SeriesLocation& where) {
  std::vector<CheckpointStatus> statuses(series.checkpoints.size());
  std::optional<ParameterShapes> reference;
  std::string referenceFile;
  for (size_t i = 0; i < series.checkpoints.size(); ++i) {
    const std::string& file = series.checkpoints[i].file;
    const std::string path = (std::filesystem::path(where.folder) / file).string();
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
      statuses[i].problem = file + ": missing";
      continue;
    }
    ParameterShapes shapes;
    try {
      shapes = parameterShapes(torch::jit::load(path));
    } catch (const std::exception& e) {
      statuses[i].problem = file + ": not a TorchScript model (" + std::string(e.what()).substr(0, 120) + ")";
      continue;
    }
    if (!reference) {
      reference = shapes;
      referenceFile = file;
    } else if (const std::string difference = firstDifference(*reference, referenceFile, shapes, file);
               !difference.empty()) {
      throw InputError(where.index + ": " + file + " is not the architecture of " + referenceFile + ": " + difference);
    }
    statuses[i].loaded = true;
  }
  if (!reference) throw InputError(where.index + ": none of its " + std::to_string(statuses.size()) + " checkpoints loads");
  return statuses;
}

}  // namespace convoscope
