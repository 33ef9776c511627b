#include "engine/CaptureModel.h"

#include <ATen/Parallel.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <torch/csrc/jit/api/function_impl.h>
#include <torch/script.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <thread>

#include "core/BundledAssets.h"
#include "core/Errors.h"
#include "core/ImageInput.h"
#include "core/TextFormat.h"
#include "engine/CaptureGraph.h"
#include "engine/CaptureModelImpl.h"

namespace convoscope {
namespace {

FloatTensor toFloatTensor(const at::Tensor& tensor, bool dropBatch) {
  FloatTensor out;
  at::Tensor t = tensor.detach().to(at::kFloat).contiguous();
  out.shape = t.sizes().vec();
  if (dropBatch && out.shape.size() > 1 && out.shape[0] == 1) out.shape.erase(out.shape.begin());
  out.data.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
  return out;
}

// Adds one range's ‖a‖², ‖b‖², a·b and ‖a − b‖² to `sums` (a: the reference input's activation, b: this one's).
// Float lanes per range, like the statistics; ranges add up in double.
void addDivergence(const float* a, const float* b, int64_t begin, int64_t end, LayerDivergence& sums) {
  constexpr int kLanes = 8;
  float aa[kLanes] = {}, bb[kLanes] = {}, ab[kLanes] = {}, dd[kLanes] = {};
  int64_t i = begin;
  for (; i + kLanes <= end; i += kLanes)
    for (int j = 0; j < kLanes; ++j) {
      const float x = a[i + j], y = b[i + j], d = x - y;
      aa[j] += x * x, bb[j] += y * y, ab[j] += x * y, dd[j] += d * d;
    }
  for (; i < end; ++i) {
    const float x = a[i], y = b[i], d = x - y;
    aa[0] += x * x, bb[0] += y * y, ab[0] += x * y, dd[0] += d * d;
  }
  for (int j = 0; j < kLanes; ++j) {
    sums.normA2 += aa[j], sums.normB2 += bb[j], sums.dot += ab[j], sums.difference2 += dd[j];
  }
}

// Copies an activation out of torch (when `out` is given) and computes its statistics in the same pass, on
// all cores: at ResNet scale this copy, not the forward, is what capturing adds. With a `reference` (the
// same layer's activation for another input) the pass also sums the divergence between the two.
ActivationStats copyActivation(const at::Tensor& tensor, FloatTensor* out, const float* reference = nullptr,
                               LayerDivergence* divergence = nullptr) {
  const at::Tensor t = tensor.detach().to(at::kFloat).contiguous();
  const float* source = t.data_ptr<float>();
  const int64_t n = t.numel();
  if (out) {
    out->shape = t.sizes().vec();
    if (out->shape.size() > 1 && out->shape[0] == 1) out->shape.erase(out->shape.begin());
    out->data.resize(static_cast<size_t>(n));
  }
  float* target = out ? out->data.data() : nullptr;
  struct Partial {
    float lo = std::numeric_limits<float>::infinity(), hi = -std::numeric_limits<float>::infinity();
    double sum = 0;
    LayerDivergence divergence;
  };
  std::vector<Partial> partials(static_cast<size_t>(at::get_num_threads()));
  at::parallel_for(0, n, 1 << 16, [&](int64_t begin, int64_t end) {
    Partial& p = partials[static_cast<size_t>(at::get_thread_num())];
    // Sixteen independent lanes: the compiler turns them into SIMD min/max/add (one scalar chain cannot be
    // vectorised without reassociating floats), which made these statistics cost more than the copy.
    constexpr int kLanes = 16;
    float lo[kLanes], hi[kLanes], sum[kLanes];
    for (int j = 0; j < kLanes; ++j) lo[j] = p.lo, hi[j] = p.hi, sum[j] = 0.0f;
    int64_t i = begin;
    for (; i + kLanes <= end; i += kLanes)
      for (int j = 0; j < kLanes; ++j) {
        const float v = source[i + j];
        lo[j] = v < lo[j] ? v : lo[j];
        hi[j] = v > hi[j] ? v : hi[j];
        sum[j] += v;
      }
    for (; i < end; ++i) {
      const float v = source[i];
      lo[0] = v < lo[0] ? v : lo[0];
      hi[0] = v > hi[0] ? v : hi[0];
      sum[0] += v;
    }
    if (target) std::memcpy(target + begin, source + begin, static_cast<size_t>(end - begin) * sizeof(float));
    if (reference) addDivergence(reference, source, begin, end, p.divergence);
    for (int j = 0; j < kLanes; ++j) {
      p.lo = std::min(p.lo, lo[j]);
      p.hi = std::max(p.hi, hi[j]);
      p.sum += sum[j];
    }
  });
  ActivationStats stats;
  if (n == 0) return stats;
  Partial total;
  for (const Partial& p : partials) {
    total.lo = std::min(total.lo, p.lo);
    total.hi = std::max(total.hi, p.hi);
    total.sum += p.sum;
    if (divergence) {
      divergence->normA2 += p.divergence.normA2, divergence->normB2 += p.divergence.normB2;
      divergence->dot += p.divergence.dot, divergence->difference2 += p.divergence.difference2;
    }
  }
  stats.min = total.lo;
  stats.max = total.hi;
  stats.mean = static_cast<float>(total.sum / static_cast<double>(n));
  return stats;
}

FloatTensor parameterOf(const torch::jit::Module& module, const char* name) {
  if (!module.hasattr(name)) return {};
  const c10::IValue value = module.attr(name);
  if (!value.isTensor()) return {};
  return toFloatTensor(value.toTensor(), false);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void checkModelFile(const std::string& path) {
  std::error_code ec;
  if (path.empty()) throw InputError("no model given (--model)");
  if (!std::filesystem::exists(path, ec)) throw InputError(path + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a model file");
  if (std::filesystem::file_size(path, ec) == 0)
    throw InputError(path + ": empty file, not a TorchScript model");
}

std::string& modelLoaderProbe() {
  static std::string executable;
  return executable;
}

// Runs the probe on `paths` in one child process (see setModelLoaderProbe). Its contract is exit 0 or 2; a
// signal or any other status (an ASan report, an abort) means torch's loader itself broke on one of the files.
// `what` names them in the message.
void probeInChildProcess(std::vector<std::string> args, const std::string& what) {
  const std::string& executable = modelLoaderProbe();
  args.insert(args.begin(), {executable, "probe-model"});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t child = -1;
  const int spawned = posix_spawn(&child, executable.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return;  // no probe possible: load in-process as before
  // A file that makes the loader spin forever must not hang the viewer either: the probe gets a deadline
  // (CONVOSCOPE_PROBE_TIMEOUT_S, default 60 s — a multi-GB model loads in a few seconds) and is then killed.
  double limitSeconds = 60.0;
  if (const char* env = std::getenv("CONVOSCOPE_PROBE_TIMEOUT_S"))
    limitSeconds = std::max(0.1, std::atof(env));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limitSeconds);
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child || (done < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(child, SIGKILL);
      while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
      }
      char limit[32];
      std::snprintf(limit, sizeof limit, "%g", limitSeconds);
      throw InputError(what + ": not loaded: libtorch's loader did not finish within " + limit +
                       " s (stopped; CONVOSCOPE_PROBE_TIMEOUT_S sets the limit)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 2)) return;
  const std::string how = WIFSIGNALED(status) ? std::string(strsignal(WTERMSIG(status)))
                                              : "exit status " + std::to_string(WEXITSTATUS(status));
  throw InputError(what + ": not a loadable TorchScript model (libtorch's loader crashed on it: " + how + ")");
}

void probeInChildProcess(const std::string& path) {
  std::error_code ec;
  if (modelLoaderProbe().empty() || std::filesystem::equivalent(path, bundledModelPath(), ec)) return;
  probeInChildProcess({path}, path);
}

// Metadata: inside the .pt (`embedded`), then a sidecar file, then the flags.
ModelMetadata mergedMetadata(const std::string& embedded, const LoadOptions& options) {
  const std::string& path = options.modelPath;
  ModelMetadata meta;
  if (!embedded.empty()) meta = parseModelMetadata(embedded, path + ":convoscope.json");
  const std::string sidecar = options.sidecarPath.empty() ? path + ".convoscope.json" : options.sidecarPath;
  if (std::filesystem::exists(sidecar)) {
    ModelMetadata side = parseModelMetadata(readFile(sidecar), sidecar);
    if (!side.displayName.empty()) meta.displayName = side.displayName;
    if (!side.classNames.empty()) meta.classNames = side.classNames;
    if (!side.inputShape.empty()) meta.inputShape = side.inputShape;
    if (!side.normalization.isIdentity()) meta.normalization = side.normalization;
  } else if (!options.sidecarPath.empty()) {
    throw InputError(sidecar + ": no such metadata file");
  }
  if (options.inputShape) meta.inputShape = *options.inputShape;
  if (options.normalization) meta.normalization = *options.normalization;
  if (meta.displayName.empty()) meta.displayName = std::filesystem::path(path).stem().string();
  if (meta.inputShape.empty())
    throw MissingInputShapeError(
        path +
        ": the model carries no input shape (no convoscope.json); pass --input-shape C,H,W, "
        "e.g. --input-shape 3,224,224");
  return meta;
}

// The number of values in one input, refused when the input alone is over the memory budget.
int64_t inputValuesWithinBudget(const ModelMetadata& meta, const LoadOptions& options) {
  int64_t inputValues = 1;
  for (int64_t d : meta.inputShape) inputValues *= d;
  if (static_cast<uint64_t>(inputValues) * 4 > options.memoryBudgetBytes)
    throw InputError(options.modelPath + ": an input of shape " + bracketText(meta.inputShape) +
                     " alone exceeds the memory budget");
  return inputValues;
}

// The bytes the sizing run's shapes (after the model output) add up to, refused over the memory budget.
uint64_t captureBytesWithinBudget(const c10::ivalue::TupleElements& sizes, const ModelMetadata& meta,
                                  const LoadOptions& options) {
  uint64_t bytes = 0;
  for (size_t i = 1; i < sizes.size(); ++i) {
    uint64_t n = 1;
    for (int64_t d : sizes[i].toIntVector()) n *= static_cast<uint64_t>(d);
    bytes += n * 4;
  }
  if (bytes > options.memoryBudgetBytes) {
    throw InputError(options.modelPath + ": capturing every activation at input " +
                     bracketText(meta.inputShape) + " needs " + std::to_string(bytes >> 20) +
                     " MiB, above the memory budget of " + std::to_string(options.memoryBudgetBytes >> 20) +
                     " MiB (--memory-budget)");
  }
  return bytes;
}

// The submodule at a dotted path ("layer1.0.conv1"), if every part of it is one.
std::optional<torch::jit::Module> submoduleAt(const torch::jit::Module& root, const std::string& modulePath) {
  torch::jit::Module owner = root;
  std::stringstream parts(modulePath);
  std::string part;
  while (std::getline(parts, part, '.')) {
    if (!(owner.hasattr(part) && owner.attr(part).isModule())) return std::nullopt;
    owner = owner.attr(part).toModule();
  }
  return owner;
}

void copyParameters(const torch::jit::Module& owner, Layer& layer) {
  layer.weight = parameterOf(owner, "weight");
  layer.bias = parameterOf(owner, "bias");
  layer.runningMean = parameterOf(owner, "running_mean");
  layer.runningVar = parameterOf(owner, "running_var");
  for (const auto& p : owner.parameters(/*recurse=*/true)) layer.parameterCount += p.numel();
}

// Window parameters the graph could not give as constants, from the output shape and the weight.
void completeWindow(const std::vector<int64_t>& shape, Layer& layer) {
  if ((layer.kind == LayerKind::AdaptiveAvgPool || layer.kind == LayerKind::AdaptiveMaxPool) &&
      layer.window.outputSize[0] == 0 && shape.size() == 4)
    layer.window.outputSize = {shape[2], shape[3]};  // scripted code may pass it as a non-constant
  if (layer.kind == LayerKind::Conv2d && layer.weight->shape.size() == 4) {
    WindowParams& w = layer.window;
    w.kernel = {layer.weight->shape[2], layer.weight->shape[3]};
    for (int d = 0; d < 2; ++d)
      if (w.padding[d] < 0) w.padding[d] = (w.kernel[d] - 1) * w.dilation[d] / 2;  // padding="same"
  }
}

}  // namespace

std::string CaptureModelState::loadModule() {
  std::unordered_map<std::string, std::string> extra{{"convoscope.json", ""}};
  try {
    module = torch::jit::load(path, torch::kCPU, extra);
  } catch (const std::exception& e) {
    throw InputError(path + ": not a loadable TorchScript model (" + firstLine(e.what()) + ")");
  }
  module.eval();
  return extra["convoscope.json"];
}
c10::ivalue::TupleElements CaptureModelState::sizingRun(int64_t inputValues) const {
  const std::vector<float> zeros(inputValues, 0.f);
  CaptureGraph sizing = buildCaptureGraph(module, TapMode::ShapeOnly, path);
  c10::ivalue::TupleElements sizes;
  try {
    torch::jit::GraphFunction fn("convoscope_sizing", sizing.graph, nullptr);
    torch::jit::Stack stack{module._ivalue(), inputTensor(zeros, 1)};
    fn.run(stack);
    sizes = stack.back().toTupleRef().elements();
  } catch (const std::exception& e) {
    throw InputError(path + ": the model rejected an input of shape " + bracketText(metadata.inputShape) +
                     " (" + firstLine(e.what()) + ")");
  }
  if (!sizes[0].isTensor())
    throw InputError(path + ": the model returns a " + sizes[0].tagKind() +
                     ", not a tensor of class scores; Convoscope needs forward() to return one tensor");
  return sizes;
}
void CaptureModelState::buildLayerTemplates(const c10::ivalue::TupleElements& sizes) {
  for (int tapIndex : capture.layerTaps) {
    Layer layer;
    if (tapIndex < 0) {
      layer.name = "input";
      layer.kind = LayerKind::Input;
      layer.typeName = "input";
    } else {
      const TapInfo& tap = capture.taps[tapIndex];
      layer = tap.layer;
      if (!tap.modulePath.empty()) {
        if (const auto owner = submoduleAt(module, tap.modulePath)) copyParameters(*owner, layer);
      }
      completeWindow(sizes[1 + tapIndex].toIntVector(), layer);
    }
    layerTemplates.push_back(std::move(layer));
  }
}

std::unique_ptr<CaptureModel> CaptureModel::load(const LoadOptions& options) {
  const std::string& path = options.modelPath;
  checkModelFile(path);
  auto impl = std::make_unique<CaptureModelState>();
  impl->path = path;
  if (!options.probed) probeInChildProcess(path);
  const std::string embedded = impl->loadModule();
  impl->metadata = mergedMetadata(embedded, options);
  const int64_t inputValues = inputValuesWithinBudget(impl->metadata, options);

  c10::InferenceMode inference;
  const c10::ivalue::TupleElements sizes = impl->sizingRun(inputValues);
  impl->capturedBytes = captureBytesWithinBudget(sizes, impl->metadata, options);
  impl->capture = buildCaptureGraph(impl->module, TapMode::Activation, path);
  impl->function =
      std::make_unique<torch::jit::GraphFunction>("convoscope_capture", impl->capture.graph, nullptr);
  impl->buildLayerTemplates(sizes);
  return std::unique_ptr<CaptureModel>(new TorchCaptureModel(std::move(impl)));
}

const ModelMetadata& TorchCaptureModel::metadata() const { return impl_->metadata; }
const std::string& TorchCaptureModel::path() const { return impl_->path; }
uint64_t TorchCaptureModel::capturedBytes() const { return impl_->capturedBytes; }

Snapshot CaptureModelState::captureRun(const std::vector<float>& input, const Snapshot* reference,
                                        std::vector<LayerDivergence>* divergence) const {
  const CaptureModelState& m = *this;
  c10::InferenceMode inference;
  torch::jit::Stack stack{m.module._ivalue(), m.inputTensor(input, 1)};
  try {
    m.function->run(stack);
  } catch (const std::exception& e) {
    throw std::runtime_error(m.path + ": forward pass failed (" + firstLine(e.what()) + ")");
  }
  const auto& outputs = stack.back().toTupleRef().elements();

  Snapshot snap;
  snap.modelName = m.metadata.displayName;
  snap.inputShape = m.metadata.inputShape;
  snap.classNames = m.metadata.classNames;
  snap.layers = m.layerTemplates;
  if (divergence) divergence->assign(snap.layers.size(), LayerDivergence{});
  for (size_t l = 0; l < snap.layers.size(); ++l) {
    Layer& layer = snap.layers[l];
    const int tapIndex = m.capture.layerTaps[l];
    const int64_t values = tapIndex < 0 ? static_cast<int64_t>(input.size())
                                        : outputs[1 + tapIndex].toTensor().numel();
    if (reference && reference->layers[l].output.numel() != values)
      throw InputError(m.path + ": the input to compare against was captured by another model (" + layer.name +
                       " differs)");
    const float* referenceData = reference ? reference->layers[l].output.data.data() : nullptr;
    LayerDivergence* sums = divergence ? &(*divergence)[l] : nullptr;
    if (tapIndex < 0) {
      layer.output.shape = m.metadata.inputShape;
      layer.output.data = input;
      layer.stats = computeStats(layer.output.data);
      if (referenceData) addDivergence(referenceData, input.data(), 0, layer.output.numel(), *sums);
    } else {
      layer.stats = copyActivation(outputs[1 + tapIndex].toTensor(), &layer.output, referenceData, sums);
    }
  }
  for (size_t t = 0; t < m.capture.taps.size(); ++t) {
    const TapInfo& tap = m.capture.taps[t];
    if (!tap.isContainer) continue;
    const at::Tensor value = outputs[1 + t].toTensor();
    ModuleOutput module;
    module.name = tap.layer.name;
    module.typeName = tap.layer.typeName;
    module.shape = value.sizes().vec();
    if (module.shape.size() > 1 && module.shape[0] == 1) module.shape.erase(module.shape.begin());
    module.stats = copyActivation(value, nullptr);
    for (size_t l = 1; l < snap.layers.size(); ++l) {
      const auto& ancestors = m.capture.taps[m.capture.layerTaps[l]].ancestors;
      if (std::find(ancestors.begin(), ancestors.end(), static_cast<int>(t)) == ancestors.end()) continue;
      if (module.firstLayer < 0) module.firstLayer = static_cast<int>(l);
      module.lastLayer = static_cast<int>(l);
    }
    snap.modules.push_back(std::move(module));
  }

  const at::Tensor logits = outputs[0].toTensor().detach().to(at::kFloat).reshape({-1}).contiguous();
  snap.logits.assign(logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel());
  // A model ending in softmax already returns probabilities; otherwise apply it.
  const bool isDistribution =
      snap.layers.back().kind == LayerKind::Softmax ||
      (logits.min().item<float>() >= 0 && std::abs(logits.sum().item<float>() - 1) < 1e-4);
  const at::Tensor probs = isDistribution ? logits : torch::softmax(logits, 0);
  snap.probabilities.assign(probs.data_ptr<float>(), probs.data_ptr<float>() + probs.numel());
  if (snap.classNames.size() != snap.probabilities.size()) snap.classNames.clear();
  return snap;
}

Snapshot TorchCaptureModel::run(const std::vector<float>& input) const {
  return impl_->captureRun(input, nullptr, nullptr);
}

CaptureModel::ComparedRun TorchCaptureModel::runAgainst(const std::vector<float>& input,
                                                   const Snapshot& reference) const {
  const auto& templates = impl_->layerTemplates;
  bool sameLayers = reference.layers.size() == templates.size();
  for (size_t l = 0; sameLayers && l < templates.size(); ++l)
    sameLayers = reference.layers[l].name == templates[l].name;
  if (!sameLayers)
    throw InputError(impl_->path + ": the input to compare against was captured by another model");
  ComparedRun out;
  out.snapshot = impl_->captureRun(input, &reference, &out.divergence);
  return out;
}

Snapshot TorchCaptureModel::runImage(const std::string& imagePath) const {
  const Image image = loadImage(imagePath);
  return run(imageToInput(image, impl_->metadata.inputShape, impl_->metadata.normalization));
}

std::vector<float> TorchCaptureModel::plainForward(const std::vector<float>& input, int batch) const {
  c10::InferenceMode inference;
  const at::Tensor tensor = impl_->inputTensor(input, batch);  // a wrong size is the caller's InputError
  at::Tensor output;
  try {
    output = impl_->module.forward({tensor}).toTensor();
  } catch (const std::exception& e) {
    throw std::runtime_error(impl_->path + ": forward pass failed (" + firstLine(e.what()) + ")");
  }
  output = output.detach().to(at::kFloat).contiguous();
  return std::vector<float>(output.data_ptr<float>(), output.data_ptr<float>() + output.numel());
}

void setModelLoaderProbe(const std::string& executable) { modelLoaderProbe() = executable; }

int probeModelLoad(const std::vector<std::string>& paths) {
  int status = 0;
  for (const std::string& path : paths) {
    try {
      torch::jit::load(path, torch::kCPU);
    } catch (const std::exception&) {
      status = 2;
    }
  }
  return status;
}

void probeModelFiles(const std::vector<std::string>& paths, const std::string& what) {
  if (!modelLoaderProbe().empty() && !paths.empty()) probeInChildProcess(paths, what);
}

}  // namespace convoscope
