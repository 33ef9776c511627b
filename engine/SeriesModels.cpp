#include "engine/SeriesModels.h"

#include <filesystem>
#include <map>

#include "core/Errors.h"
#include "core/TextFormat.h"
#include "engine/CaptureModelImpl.h"

namespace convoscope {
namespace {

using ParameterShapes = std::map<std::string, std::vector<int64_t>>;

ParameterShapes parameterShapes(const CaptureModel& model) {
  ParameterShapes shapes;
  for (const auto& p : CaptureModelAccess::of(model).module.named_parameters(/*recurse=*/true))
    shapes[p.name] = p.value.sizes().vec();
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

// "…/step-000006.pt: not a loadable …" → "step-000006.pt: not a loadable …": the folder is said once, elsewhere.
std::string problemOf(const std::string& file, const std::string& path, const std::string& message) {
  if (message.rfind(path, 0) == 0) return file + message.substr(path.size());
  return file + ": " + message;
}

bool isFile(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

// One child process for every file; when the loader crashes on one, each file is probed again on its own by
// CaptureModel::load so the crash is pinned on its file.
bool probedTogether(const SeriesModels& s) {
  std::vector<std::string> paths;
  for (size_t i = 0; i < s.series.checkpoints.size(); ++i)
    if (isFile(s.path(i))) paths.push_back(s.path(i));
  try {
    probeModelFiles(paths, s.where.index);
    return true;
  } catch (const InputError&) {
    return false;
  }
}

}  // namespace

SeriesModels loadSeriesModels(const std::string& path, const LoadOptions& base, const SeriesProgress& progress) {
  SeriesModels s;
  s.where = locateTrainingSeries(path);
  s.series = readTrainingSeries(s.where);
  const size_t count = s.series.checkpoints.size();
  s.models.resize(count);
  s.statuses.resize(count);
  LoadOptions options = base;
  options.probed = probedTogether(s);
  std::optional<ParameterShapes> reference;
  std::string referenceFile;
  for (size_t i = 0; i < count; ++i) {
    if (progress) progress(static_cast<float>(i) / count);
    const std::string& file = s.series.checkpoints[i].file;
    options.modelPath = s.path(i);
    if (!isFile(options.modelPath)) {
      s.statuses[i].problem = file + ": missing";
      continue;
    }
    try {
      s.models[i] = CaptureModel::load(options);
    } catch (const std::exception& e) {
      s.statuses[i].problem = problemOf(file, options.modelPath, e.what());
      continue;
    }
    ParameterShapes shapes = parameterShapes(*s.models[i]);
    if (!reference) {
      reference = std::move(shapes);
      referenceFile = file;
    } else if (const std::string difference = firstDifference(*reference, referenceFile, shapes, file);
               !difference.empty()) {
      throw InputError(s.where.index + ": " + file + " is not the architecture of " + referenceFile + ": " + difference);
    }
    s.statuses[i].loaded = true;
  }
  if (!reference) throw InputError(s.where.index + ": none of its " + std::to_string(count) + " checkpoints loads");
  if (progress) progress(1.0f);
  return s;
}

std::vector<std::shared_ptr<const Snapshot>> runSeries(const SeriesModels& models, const std::string& imagePath,
                                                       const SeriesProgress& progress) {
  std::vector<std::shared_ptr<const Snapshot>> snapshots(models.models.size());
  for (size_t i = 0; i < models.models.size(); ++i) {
    if (progress) progress(static_cast<float>(i) / models.models.size());
    if (models.models[i]) snapshots[i] = std::make_shared<const Snapshot>(models.models[i]->runImage(imagePath));
  }
  if (progress) progress(1.0f);
  return snapshots;
}

}  // namespace convoscope
