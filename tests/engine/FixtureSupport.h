#pragma once
// Shared by the engine tests: the fixture manifest written by tests/fixtures/make_fixtures.py, PyTorch's
// reference tensors, cached models/snapshots (loading ResNet twice per process is wasted time), and
// tolerant float comparisons that report where they fail.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/Errors.h"
#include "core/Snapshot.h"
#include "engine/CaptureModel.h"

namespace convoscope::testing {

inline std::string fixturePath(const std::string& relative) {
  return std::string(CONVOSCOPE_FIXTURE_DIR) + "/" + relative;
}

inline const nlohmann::json& manifest() {
  static const nlohmann::json parsed = [] {
    std::ifstream in(fixturePath("manifest.json"));
    if (!in) {
      throw std::runtime_error("no fixture manifest in " + std::string(CONVOSCOPE_FIXTURE_DIR) +
                               ": run /usr/bin/python3 tests/fixtures/make_fixtures.py " +
                               CONVOSCOPE_FIXTURE_DIR + " (ctest's fixtures.generate does)");
    }
    return nlohmann::json::parse(in);
  }();
  return parsed;
}

inline std::vector<float> readFloats(const std::string& relative) {
  std::ifstream in(fixturePath(relative), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + relative);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<float> values(bytes.size() / sizeof(float));
  std::copy(bytes.begin(), bytes.begin() + values.size() * sizeof(float),
            reinterpret_cast<char*>(values.data()));
  return values;
}

inline std::vector<uint8_t> readBytes(const std::string& relative) {
  std::ifstream in(fixturePath(relative), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + relative);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline std::vector<int64_t> shapeOf(const nlohmann::json& array) { return array.get<std::vector<int64_t>>(); }

inline std::string shapeText(const std::vector<int64_t>& shape) {
  std::ostringstream s;
  s << "[";
  for (size_t i = 0; i < shape.size(); ++i) s << (i ? "," : "") << shape[i];
  s << "]";
  return s.str();
}

// "3,64,64": a shape as the CLI's --input-shape and the Python reference scripts take it.
inline std::string shapeArgument(const std::vector<int64_t>& shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s;
}

// One recorded PyTorch forward-hook output (eager model, cloned in the hook).
struct ReferenceTensor {
  std::string name, typeName;
  bool leaf = false;
  std::vector<int64_t> shape;
  std::vector<float> data;
};

struct Reference {
  std::vector<int64_t> inputShape;
  std::vector<float> input, logits;
  std::vector<ReferenceTensor> modules;  // in call order
};

inline const Reference& reference(const std::string& arch) {
  static std::map<std::string, Reference> cache;
  auto found = cache.find(arch);
  if (found != cache.end()) return found->second;
  std::ifstream in(fixturePath(manifest().at("references").at(arch).get<std::string>()));
  const auto index = nlohmann::json::parse(in);
  Reference ref;
  ref.inputShape = shapeOf(index.at("input").at("shape"));
  ref.input = readFloats(index.at("input").at("file"));
  ref.logits = readFloats(index.at("logits").at("file"));
  for (const auto& name : index.at("order")) {
    const auto& entry = index.at("modules").at(name.get<std::string>());
    ReferenceTensor t;
    t.name = name.get<std::string>();
    t.typeName = entry.at("type").get<std::string>();
    t.leaf = entry.at("leaf").get<bool>();
    t.shape = shapeOf(entry.at("shape"));
    t.data = readFloats(entry.at("file"));
    ref.modules.push_back(std::move(t));
  }
  return cache.emplace(arch, std::move(ref)).first->second;
}

inline const nlohmann::json& modelEntry(const std::string& name) { return manifest().at("models").at(name); }

inline LoadOptions optionsFor(const std::string& name) {
  LoadOptions options;
  options.modelPath = fixturePath(modelEntry(name).at("file").get<std::string>());
  options.inputShape = shapeOf(modelEntry(name).at("input_shape"));
  return options;
}

// Models and their snapshot on the reference input, loaded once per test process.
inline const CaptureModel& cachedModel(const std::string& name) {
  static std::map<std::string, std::unique_ptr<CaptureModel>> cache;
  auto& slot = cache[name];
  if (!slot) slot = CaptureModel::load(optionsFor(name));
  return *slot;
}

inline const Snapshot& cachedSnapshot(const std::string& name) {
  static std::map<std::string, Snapshot> cache;
  auto found = cache.find(name);
  if (found != cache.end()) return found->second;
  const auto arch = modelEntry(name).at("reference").get<std::string>();
  return cache.emplace(name, cachedModel(name).run(reference(arch).input)).first->second;
}

inline float maxAbs(const std::vector<float>& values) {
  float m = 0;
  for (float v : values) m = std::max(m, std::fabs(v));
  return m;
}

// allclose with an absolute tolerance scaled by the tensor's magnitude: random-weight networks produce
// activations from 1e-3 to 1e3, and TorchScript vs eager differ by float rounding (~1e-7 relative).
inline ::testing::AssertionResult allClose(const std::vector<float>& actual,
                                           const std::vector<float>& expected, double tolerance = 1e-5) {
  if (actual.size() != expected.size()) {
    return ::testing::AssertionFailure() << "size " << actual.size() << " != expected " << expected.size();
  }
  const double scale = std::max(1.0f, maxAbs(expected));
  size_t worst = 0;
  double worstDiff = 0;
  size_t bad = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    const double diff = std::fabs(double(actual[i]) - double(expected[i]));
    const bool ok =
        diff <= tolerance * scale + tolerance * std::fabs(expected[i]) && std::isfinite(actual[i]);
    if (!ok) ++bad;
    if (!(diff <= worstDiff)) worstDiff = diff, worst = i;
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << bad << " of " << actual.size() << " values differ; worst at " << worst << ": " << actual[worst]
         << " vs expected " << expected[worst] << " (diff " << worstDiff << ", scale " << scale << ")";
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

inline std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

inline std::string baseName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The InputError message a call throws; fails the test (and returns "") when it throws nothing or else.
template <typename Call>
std::string inputErrorOf(Call&& call) {
  try {
    call();
  } catch (const InputError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected InputError, got another exception: " << e.what();
    return "";
  }
  ADD_FAILURE() << "expected InputError, nothing was thrown";
  return "";
}

// Runs tests/fixtures/SCRIPT ARGS with Debian's PyTorch and parses what it prints (one JSON document).
inline nlohmann::json pythonReference(const std::string& script, const std::string& arguments) {
  const std::string command = "/usr/bin/python3 " + std::string(CONVOSCOPE_SOURCE_DIR) + "/tests/fixtures/" +
                              script + " " + arguments;
  std::string text;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[65536];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
    ::pclose(pipe);
  }
  return nlohmann::json::parse(text);
}

// Writes floats to a fresh temporary file (removed by the caller) and returns its path.
inline std::string writeTemporaryFloats(const std::vector<float>& values, const std::string& tag) {
  static int counter = 0;
  const std::string path =
      "/tmp/convoscope-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".bin";
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * 4));
  return path;
}

inline int layerIndex(const Snapshot& snapshot, const std::string& name) {
  const int index = snapshot.findLayer(name);
  EXPECT_GE(index, 0) << "no layer named " << name;
  return index;
}

inline const ModuleOutput* findModule(const Snapshot& snapshot, const std::string& name) {
  for (const auto& m : snapshot.modules)
    if (m.name == name) return &m;
  return nullptr;
}

inline std::vector<std::string> inputNames(const Snapshot& snapshot, int layer) {
  std::vector<std::string> names;
  for (int i : snapshot.layers.at(layer).inputs) {
    names.push_back(i >= 0 && i < int(snapshot.layers.size()) ? snapshot.layers[i].name : "<bad index>");
  }
  return names;
}

// Models with PyTorch references, as "<arch>_<scripted|traced>".
inline std::vector<std::string> referencedModels() {
  return {"resnet18_scripted", "resnet18_traced", "mobilenet_v2_scripted",  "mobilenet_v2_traced",
          "vgg11_bn_scripted", "vgg11_bn_traced", "squeezenet1_1_scripted", "squeezenet1_1_traced",
          "lenet5_scripted",   "lenet5_traced",   "kitchen_sink_scripted",  "kitchen_sink_traced",
          "mlp784_scripted"};
}

}  // namespace convoscope::testing
