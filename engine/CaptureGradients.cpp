// Gradients of a class score for attribution: through the unmodified model for ∂y/∂x (batched: SmoothGrad and
// Integrated Gradients send many inputs at once), through the capture graph for ∂y/∂A of a captured layer
// (Grad-CAM). Autograd runs on the TorchScript graph itself, so scripted and traced models work alike
// (forward hooks, which Python tools rely on, do not exist for TorchScript).
#include <torch/csrc/autograd/autograd.h>

#include "engine/CaptureModelImpl.h"

namespace convoscope {
namespace {

std::string notDifferentiable(const std::string& path) {
  return path +
         ": the model's output does not depend differentiably on its input (integer ops, no_grad "
         "inside forward, or an argmax output); occlusion needs no gradient: --method occlusion";
}

// y per batch item: the target class's score, minus the contrast class's.
at::Tensor targetScores(const at::Tensor& output, const ClassTarget& target, const std::string& path) {
  const at::Tensor flat = output.to(at::kFloat).reshape({output.size(0), -1});
  const int64_t classes = flat.size(1);
  for (const std::optional<int>& index : {std::optional<int>(target.classIndex), target.contrast})
    if (index && (*index < 0 || *index >= classes))
      throw InputError(path + ": class " + std::to_string(*index) + " is out of range; the model has " +
                       std::to_string(classes) + " classes (0.." + std::to_string(classes - 1) + ")");
  at::Tensor y = flat.select(1, target.classIndex);
  if (target.contrast) y = y - flat.select(1, *target.contrast);
  if (!y.requires_grad()) throw InputError(notDifferentiable(path));
  return y;
}

// The unmodified model's output on x (autograd as the caller set it); a failing forward names the model.
at::Tensor forwardOf(CaptureModelAccess::State& m, const at::Tensor& x) {  // Module::forward is not const
  try {
    return m.module.forward({x}).toTensor();
  } catch (const std::exception& e) {
    throw std::runtime_error(m.path + ": forward pass failed (" + firstLine(e.what()) + ")");
  }
}

// ∂(Σ y)/∂x; InputError when no gradient reaches x.
at::Tensor inputGradientOf(const at::Tensor& y, const at::Tensor& x, const std::string& path) {
  const at::Tensor dx = torch::autograd::grad({y.sum()}, {x}, {}, false, false, true)[0];
  if (!dx.defined()) throw InputError(notDifferentiable(path));
  return dx;
}

std::vector<float> values(const at::Tensor& tensor) {
  const at::Tensor t = tensor.detach().to(at::kFloat).contiguous();
  return std::vector<float>(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
}

}  // namespace

InputGradients TorchCaptureModel::inputGradients(const std::vector<float>& inputs, int batch,
                                            const ClassTarget& target) const {
  torch::AutoGradMode gradients(true);
  const at::Tensor x = impl_->inputTensor(inputs, batch).requires_grad_(true);
  const at::Tensor y = targetScores(forwardOf(*impl_, x), target, impl_->path);
  return InputGradients{values(y), values(inputGradientOf(y, x, impl_->path))};
}

InputGradients TorchCaptureModel::lossGradients(const std::vector<float>& inputs, int batch,
                                           const std::vector<int>& labels) const {
  Impl& m = *impl_;
  if (static_cast<int>(labels.size()) != batch) throw InputError("one label per input is needed");
  torch::AutoGradMode gradients(true);
  const at::Tensor x = m.inputTensor(inputs, batch).requires_grad_(true);
  // Cross-entropy wants the logits. A model that ends in a softmax returns probabilities, whose log has no
  // gradient where they round to 0 or 1: take the softmax's input from the capture graph instead.
  const Layer& last = m.layerTemplates.back();
  const at::Tensor logits = last.kind == LayerKind::Softmax && !last.inputs.empty()
                                ? m.layerOutput(m.runCaptureGraph(x), x, last.inputs[0])
                                : forwardOf(m, x);
  const at::Tensor flat = logits.to(at::kFloat).reshape({batch, -1});
  for (int label : labels)
    targetScores(flat.narrow(0, 0, 1), ClassTarget{label, std::nullopt}, m.path);  // range check
  if (!flat.requires_grad()) throw InputError(notDifferentiable(m.path));
  const at::Tensor target = torch::tensor(std::vector<int64_t>(labels.begin(), labels.end()), at::kLong);
  const at::Tensor loss = -torch::log_softmax(flat, 1).gather(1, target.unsqueeze(1)).squeeze(1);
  return InputGradients{values(loss), values(inputGradientOf(loss, x, m.path))};
}

c10::ivalue::TupleElements CaptureModelState::runCaptureGraph(const at::Tensor& x) const {
  torch::jit::Stack stack{module._ivalue(), x};
  try {
    function->run(stack);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": forward pass failed (" + firstLine(e.what()) + ")");
  }
  return stack.back().toTupleRef().elements();
}

at::Tensor CaptureModelState::layerOutput(const c10::ivalue::TupleElements& outputs, const at::Tensor& x,
                                           int layer) const {
  if (layer < 0 || layer >= static_cast<int>(capture.layerTaps.size()))
    throw InputError(path + ": no layer " + std::to_string(layer));
  const int tap = capture.layerTaps[layer];
  return tap < 0 ? x : outputs[1 + tap].toTensor();
}

LayerGradients TorchCaptureModel::layerGradients(const std::vector<float>& input, int layer,
                                            const ClassTarget& target) const {
  const Impl& m = *impl_;
  torch::AutoGradMode gradients(true);
  const at::Tensor x = m.inputTensor(input, 1).requires_grad_(true);
  const c10::ivalue::TupleElements outputs = m.runCaptureGraph(x);
  const at::Tensor activation = m.layerOutput(outputs, x, layer);
  const at::Tensor y = targetScores(outputs[0].toTensor(), target, m.path);
  const at::Tensor dA = torch::autograd::grad({y.sum()}, {activation}, {}, false, false, true)[0];
  const std::string& name = m.layerTemplates[layer].name;
  if (!dA.defined())
    throw InputError(
        m.path + ": " + name +
        "'s captured output is a copy (an in-place operation overwrites it later), so no gradient "
        "reaches it; choose the layer after it");
  LayerGradients out;
  out.score = values(y)[0];
  out.shape = activation.sizes().vec();
  out.shape.erase(out.shape.begin());
  out.activation = values(activation);
  out.gradient = values(dA);
  return out;
}

}  // namespace convoscope
