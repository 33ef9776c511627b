#include "core/TrainingSeries.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/Errors.h"

namespace convoscope {
namespace {

using nlohmann::json;

const json& field(const json& object, const char* name, const std::string& where) {
  if (!object.contains(name)) throw InputError(where + ": field '" + name + "' is missing");
  return object[name];
}

double finiteNumber(const json& object, const char* name, const std::string& where) {
  const json& value = field(object, name, where);
  if (!value.is_number() || !std::isfinite(value.get<double>()))
    throw InputError(where + ": field '" + name + "' must be a finite number");
  return value.get<double>();
}

int64_t nonNegativeInteger(const json& object, const char* name, const std::string& where) {
  const json& value = field(object, name, where);
  if (!value.is_number_integer() || value.get<int64_t>() < 0)
    throw InputError(where + ": field '" + name + "' must be a whole number, 0 or more");
  return value.get<int64_t>();
}

// A checkpoint's file must lie in the series folder: a plain name, so a series cannot point elsewhere.
std::string checkpointFile(const json& object, const std::string& where) {
  const json& value = field(object, "file", where);
  if (!value.is_string()) throw InputError(where + ": field 'file' must be a file name");
  const std::string name = value.get<std::string>();
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\\') != std::string::npos || name.find('\0') != std::string::npos)
    throw InputError(where + ": field 'file' must be a plain file name in the series folder, not \"" +
                     name.substr(0, 80) + "\"");
  return name;
}

TrainingCheckpoint parseCheckpoint(const json& entry, const std::string& where) {
  if (!entry.is_object()) throw InputError(where + ": a checkpoint must be an object");
  TrainingCheckpoint c;
  c.file = checkpointFile(entry, where);
  c.step = nonNegativeInteger(entry, "step", where);
  c.epoch = finiteNumber(entry, "epoch", where);
  c.loss = finiteNumber(entry, "loss", where);
  c.testLoss = finiteNumber(entry, "test_loss", where);
  c.testAccuracy = finiteNumber(entry, "test_accuracy", where);
  if (c.epoch < 0) throw InputError(where + ": field 'epoch' must not be negative");
  if (c.testAccuracy < 0 || c.testAccuracy > 1) throw InputError(where + ": field 'test_accuracy' must be in [0, 1]");
  return c;
}

json parseDocument(const std::string& jsonText, const std::string& origin) {
  try {
    return json::parse(jsonText);
  } catch (const json::parse_error& e) {
    throw InputError(origin + ": invalid JSON at byte " + std::to_string(e.byte));
  } catch (const json::exception&) {
    throw InputError(origin + ": invalid JSON (a number out of range)");
  }
}

}  // namespace

std::vector<int64_t> checkpointSteps(int64_t totalSteps, int count) {
  std::vector<int64_t> steps{0};
  if (totalSteps <= 0 || count < 2) return steps;
  const int64_t wanted = std::min<int64_t>(count, totalSteps + 1);
  for (int64_t i = 1; i < wanted; ++i) {
    const double fraction = static_cast<double>(i) / static_cast<double>(wanted - 1);
    int64_t step = static_cast<int64_t>(std::llround(std::pow(static_cast<double>(totalSteps), fraction)));
    // Early steps round onto each other; later ones must leave room for those still to come.
    step = std::max(step, steps.back() + 1);
    step = std::min(step, totalSteps - (wanted - 1 - i));
    steps.push_back(step);
  }
  return steps;
}

std::string serializeTrainingSeries(const TrainingSeries& series) {
  json checkpoints = json::array();
  for (const TrainingCheckpoint& c : series.checkpoints)
    checkpoints.push_back({{"file", c.file},
                           {"step", c.step},
                           {"epoch", c.epoch},
                           {"loss", c.loss},
                           {"test_loss", c.testLoss},
                           {"test_accuracy", c.testAccuracy}});
  const json doc = {{"model", series.model},         {"steps_per_epoch", series.stepsPerEpoch},
                    {"test_count", series.testCount}, {"seed", series.seed},
                    {"checkpoints", checkpoints}};
  return doc.dump(2) + "\n";
}

TrainingSeries parseTrainingSeries(const std::string& jsonText, const std::string& origin) {
  const json doc = parseDocument(jsonText, origin);
  if (!doc.is_object()) throw InputError(origin + ": expected a JSON object");
  TrainingSeries series;
  const json& model = field(doc, "model", origin);
  if (!model.is_string()) throw InputError(origin + ": field 'model' must be a string");
  series.model = model.get<std::string>();
  series.stepsPerEpoch = nonNegativeInteger(doc, "steps_per_epoch", origin);
  series.testCount = static_cast<int>(std::min<int64_t>(nonNegativeInteger(doc, "test_count", origin), 1 << 30));
  series.seed = static_cast<uint64_t>(nonNegativeInteger(doc, "seed", origin));
  const json& checkpoints = field(doc, "checkpoints", origin);
  if (!checkpoints.is_array() || checkpoints.empty())
    throw InputError(origin + ": field 'checkpoints' must be a non-empty list");
  for (size_t i = 0; i < checkpoints.size(); ++i) {
    const std::string where = origin + ": checkpoint " + std::to_string(i + 1);
    series.checkpoints.push_back(parseCheckpoint(checkpoints[i], where));
    if (i > 0 && series.checkpoints[i].step <= series.checkpoints[i - 1].step)
      throw InputError(where + ": steps must increase from one checkpoint to the next");
  }
  return series;
}

SeriesLocation locateTrainingSeries(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    const std::string index = (fs::path(path) / kSeriesFileName).string();
    if (!fs::is_regular_file(index, error))
      throw InputError(path + ": no " + std::string(kSeriesFileName) + " here (make one with `convoscope train --checkpoints N -o DIR`)");
    return {path, index};
  }
  if (!fs::exists(path, error)) throw InputError(path + ": no such file or folder");
  const std::string parent = fs::path(path).parent_path().string();
  return {parent.empty() ? "." : parent, path};
}

TrainingSeries readTrainingSeries(const SeriesLocation& where) {
  std::ifstream in(where.index, std::ios::binary);
  if (!in) throw InputError(where.index + ": cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return parseTrainingSeries(text.str(), where.index);
}

}  // namespace convoscope
