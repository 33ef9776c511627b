#pragma once
// A loaded TorchScript model whose forward pass captures every layer's activation (our "forward hooks").
// Torch stays behind the pimpl: this header is plain C++.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/BundledAssets.h"  // bundledModelPath, bundledDefaultImagePath
#include "core/Divergence.h"
#include "core/ModelMetadata.h"
#include "core/Snapshot.h"

namespace convoscope {

struct LoadOptions {
  std::string modelPath;
  std::optional<std::vector<int64_t>> inputShape;  // overrides metadata (--input-shape)
  std::optional<Normalization> normalization;      // overrides metadata (--normalize)
  std::string sidecarPath;                         // default: "<model>.convoscope.json" if it exists
  uint64_t memoryBudgetBytes = 2ull << 30;         // captured activations above this are refused
  bool probed = false;  // the file already passed probeModelFiles: no child process for it again
};

// The score attribution explains: one class's logit (the model's output before any softmax), minus another
// class's in contrast mode.
struct ClassTarget {
  int classIndex = 0;
  std::optional<int> contrast;
};

// ∂y/∂x for inputs laid end to end (x is what the model receives, after normalization).
struct InputGradients {
  std::vector<float> scores;     // y for each input
  std::vector<float> gradients;  // same layout as the inputs
};

// One layer's output A and ∂y/∂A for one input (Grad-CAM's ingredients).
struct LayerGradients {
  float score = 0;
  std::vector<int64_t> shape;  // the layer's output shape, batch dimension dropped
  std::vector<float> activation, gradient;
};

class CaptureModel {
 public:
  // An interface (engine/CaptureModelImpl.h implements it): the convoscope binary opens the engine at run time
  // (app/EngineLibrary.h) and links none of it, so it reaches the methods through the object, and every
  // module carries this class's vtable and type itself (nothing virtual is defined out of line).

  // Loads, inserts the taps and checks the model on a zero input (shapes, output type, memory budget).
  // Throws InputError with a message naming the file and the problem.
  static std::unique_ptr<CaptureModel> load(const LoadOptions& options);
  virtual ~CaptureModel() = default;

  virtual const ModelMetadata& metadata() const = 0;  // merged: extra file, sidecar, flags
  virtual const std::string& path() const = 0;
  virtual uint64_t capturedBytes() const = 0;  // activation bytes one run captures

  // Runs on a CHW input (already preprocessed); returns every layer's activation and the class scores.
  virtual Snapshot run(const std::vector<float>& input) const = 0;
  virtual Snapshot runImage(const std::string& imagePath) const = 0;  // loadImage + imageToInput + run

  // A plain forward() of the unmodified model on `batch` inputs laid end to end (tests, evaluate, benchmark).
  virtual std::vector<float> plainForward(const std::vector<float>& input, int batch = 1) const = 0;

  // Gradients for attribution (engine/CaptureGradients.cpp). Throw InputError for a class out of range and
  // for a model whose output does not depend differentiably on its input (occlusion needs no gradient).
  virtual InputGradients inputGradients(const std::vector<float>& inputs, int batch, const ClassTarget& target) const = 0;
  virtual LayerGradients layerGradients(const std::vector<float>& input, int layer, const ClassTarget& target) const = 0;
  // ∂L/∂x of the cross-entropy L = −log p(label) of each input (the attacks' loss); `scores` holds each L.
  // p is the softmax of the output (of the final softmax's input when the model ends in one).
  virtual InputGradients lossGradients(const std::vector<float>& inputs, int batch, const std::vector<int>& labels) const = 0;

  // run() of input B that also measures, in the same parallel pass over every activation, how far B's
  // activations are from `reference`'s (input A's, same model): the compare view's divergence curve.
  struct ComparedRun {
    Snapshot snapshot;
    std::vector<LayerDivergence> divergence;  // one per layer, A = reference, B = this input
  };
  virtual ComparedRun runAgainst(const std::vector<float>& input, const Snapshot& reference) const = 0;
};

// libtorch 1.13's own loader crashes (SIGSEGV) on some malformed .pt files (found by fuzz/fuzz_model), which
// no try/catch can turn into a message. With a probe set (the convoscope binary, from main), load() first
// runs `EXECUTABLE probe-model PATH` on any model but the bundled one: a crash there becomes an InputError.
void setModelLoaderProbe(const std::string& executable);
// The probe's side: 0 when torch::jit::load accepts every one of `paths`, 2 when it throws on any.
int probeModelLoad(const std::vector<std::string>& paths);
// Probes several files in one child process (a training series' checkpoints: one libtorch start, not one per
// file). Throws InputError naming `what` when the loader crashed on one of them; no probe set: does nothing.
void probeModelFiles(const std::vector<std::string>& paths, const std::string& what);

}  // namespace convoscope
