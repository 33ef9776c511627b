#pragma once
// Private to engine/: what a loaded CaptureModel holds (the module, its metadata, the capture graph and its
// compiled function), shared by the files that run it: capture (CaptureModel.cpp), gradients
// (CaptureGradients.cpp) and feature visualization (FeatureVisualization.cpp). Includes torch: never include it outside engine/.
#include <torch/csrc/jit/api/function_impl.h>
#include <torch/script.h>

#include <memory>
#include <string>
#include <vector>

#include "core/Errors.h"
#include "core/TextFormat.h"
#include "engine/CaptureGraph.h"
#include "engine/CaptureModel.h"

namespace convoscope {

// The first non-blank line: torch's messages may begin with a newline ("\nUnknown builtin op: ...").
inline std::string firstLine(const std::string& text) {
  const size_t begin = std::min(text.size(), text.find_first_not_of(" \t\r\n"));
  std::string line = text.substr(begin, text.find('\n', begin) - begin);
  return line.size() > 240 ? line.substr(0, 240) + "..." : line;
}

struct CaptureModelState {
  std::string path;
  torch::jit::Module module;
  ModelMetadata metadata;
  CaptureGraph capture;
  std::unique_ptr<torch::jit::GraphFunction> function;
  std::vector<Layer> layerTemplates;  // per layer: name, kind, params and weights (fixed for the model)
  uint64_t capturedBytes = 0;

  at::Tensor inputTensor(const std::vector<float>& input, int batch) const {
    int64_t per = 1;
    for (int64_t d : metadata.inputShape) per *= d;
    if (static_cast<int64_t>(input.size()) != per * batch)
      throw InputError("input has " + std::to_string(input.size()) + " values; the model takes " +
                       bracketText(metadata.inputShape));
    std::vector<int64_t> shape{batch};
    shape.insert(shape.end(), metadata.inputShape.begin(), metadata.inputShape.end());
    return torch::from_blob(const_cast<float*>(input.data()), shape, at::kFloat).clone();
  }

  // Loads `path` into `module` (eval mode); returns the convoscope.json stored inside it ("" if none).
  std::string loadModule();

  // Sizing run: the same taps returning only shapes, so a model too big for the budget is refused before
  // any activation is kept. Returns the model output followed by every tap's shape.
  c10::ivalue::TupleElements sizingRun(int64_t inputValues) const;

  // Per-layer templates: names, kinds, hyper-parameters and weights do not change between images.
  void buildLayerTemplates(const c10::ivalue::TupleElements& sizes);

  // One captured forward pass (CaptureModel::run); with a `reference` snapshot of the same model it also sums
  // each layer's divergence from it into `divergence`.
  Snapshot captureRun(const std::vector<float>& input, const Snapshot* reference,
                      std::vector<LayerDivergence>* divergence) const;

  // Runs the capture graph on `x` (any batch, autograd as the caller set it): the model's output followed by
  // every tap (CaptureGradients.cpp).
  c10::ivalue::TupleElements runCaptureGraph(const at::Tensor& x) const;
  // `layer`'s output within such a run (x itself for the input layer); InputError for a bad index.
  at::Tensor layerOutput(const c10::ivalue::TupleElements& outputs, const at::Tensor& x, int layer) const;
};

// The engine's CaptureModel: a TorchScript module and its capture graph (CaptureModel.cpp, CaptureGradients.cpp).
class TorchCaptureModel final : public CaptureModel {
 public:
  using Impl = CaptureModelState;
  explicit TorchCaptureModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
  const ModelMetadata& metadata() const override;
  const std::string& path() const override;
  uint64_t capturedBytes() const override;
  Snapshot run(const std::vector<float>& input) const override;
  Snapshot runImage(const std::string& imagePath) const override;
  std::vector<float> plainForward(const std::vector<float>& input, int batch) const override;
  InputGradients inputGradients(const std::vector<float>& inputs, int batch, const ClassTarget& target) const override;
  LayerGradients layerGradients(const std::vector<float>& input, int layer, const ClassTarget& target) const override;
  InputGradients lossGradients(const std::vector<float>& inputs, int batch, const std::vector<int>& labels) const override;
  ComparedRun runAgainst(const std::vector<float>& input, const Snapshot& reference) const override;

 private:
  friend struct CaptureModelAccess;
  std::unique_ptr<Impl> impl_;
};

// For engine/'s torch files beyond CaptureModel's own (feature visualization): the model's private state. Every
// CaptureModel is a TorchCaptureModel (CaptureModel::load makes them all).
struct CaptureModelAccess {
  using State = CaptureModelState;
  static const State& of(const CaptureModel& model) { return *static_cast<const TorchCaptureModel&>(model).impl_; }
};

}  // namespace convoscope
