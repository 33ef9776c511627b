#include "engine/LayerKinds.h"

#include <map>
#include <set>

namespace convoscope {
namespace {

const std::map<std::string, LayerKind>& moduleKinds() {
  static const std::map<std::string, LayerKind> kinds = {
      {"Conv2d", LayerKind::Conv2d},
      {"BatchNorm2d", LayerKind::BatchNorm},
      {"BatchNorm1d", LayerKind::BatchNorm},
      {"ReLU", LayerKind::ReLU},
      {"LeakyReLU", LayerKind::LeakyReLU},
      {"ReLU6", LayerKind::ReLU6},
      {"Sigmoid", LayerKind::Sigmoid},
      {"Tanh", LayerKind::Tanh},
      {"Hardswish", LayerKind::Hardswish},
      {"GELU", LayerKind::GELU},
      {"SiLU", LayerKind::SiLU},
      {"MaxPool2d", LayerKind::MaxPool},
      {"AvgPool2d", LayerKind::AvgPool},
      {"AdaptiveAvgPool2d", LayerKind::AdaptiveAvgPool},
      {"AdaptiveMaxPool2d", LayerKind::AdaptiveMaxPool},
      {"Linear", LayerKind::Linear},
      {"Flatten", LayerKind::Flatten},
      {"Dropout", LayerKind::Dropout},
      {"Dropout2d", LayerKind::Dropout},
      {"Softmax", LayerKind::Softmax},
      {"LogSoftmax", LayerKind::Softmax},
  };
  return kinds;
}

// Op names (aten:: or scripted torch.nn.functional helpers) by what they compute.
const std::map<std::string, LayerKind>& opKinds() {
  static const std::map<std::string, LayerKind> kinds = {
      {"conv2d", LayerKind::Conv2d},
      {"_convolution", LayerKind::Conv2d},
      {"batch_norm", LayerKind::BatchNorm},
      {"relu", LayerKind::ReLU},
      {"leaky_relu", LayerKind::LeakyReLU},
      {"relu6", LayerKind::ReLU6},
      {"hardtanh", LayerKind::ReLU6},
      {"sigmoid", LayerKind::Sigmoid},
      {"tanh", LayerKind::Tanh},
      {"hardswish", LayerKind::Hardswish},
      {"gelu", LayerKind::GELU},
      {"silu", LayerKind::SiLU},
      {"max_pool2d", LayerKind::MaxPool},
      {"avg_pool2d", LayerKind::AvgPool},
      {"adaptive_avg_pool2d", LayerKind::AdaptiveAvgPool},
      {"adaptive_max_pool2d", LayerKind::AdaptiveMaxPool},
      {"linear", LayerKind::Linear},
      {"addmm", LayerKind::Linear},
      {"flatten", LayerKind::Flatten},
      {"view", LayerKind::Flatten},
      {"reshape", LayerKind::Flatten},
      {"dropout", LayerKind::Dropout},
      {"feature_dropout", LayerKind::Dropout},
      {"add", LayerKind::Add},
      {"cat", LayerKind::Concat},
      {"softmax", LayerKind::Softmax},
      {"log_softmax", LayerKind::Softmax},
  };
  return kinds;
}

}  // namespace

LayerKind kindOfModuleType(const std::string& typeName) {
  auto it = moduleKinds().find(typeName);
  return it == moduleKinds().end() ? LayerKind::Other : it->second;
}

std::string opShortName(const torch::jit::Node* node) {
  if (node->kind() == c10::prim::CallFunction) {
    auto fnType = node->input(0)->type()->cast<c10::FunctionType>();
    return fnType ? fnType->function()->name() : "call";
  }
  if (!node->kind().is_aten()) return "op";
  std::string name = node->kind().toUnqualString();
  if (name.size() > 1 && name.back() == '_') name.pop_back();  // in-place variants compute the same thing
  return name;
}

LayerKind kindOfOp(const torch::jit::Node* node) {
  if (!node->kind().is_aten() && node->kind() != c10::prim::CallFunction) return LayerKind::Other;
  if (node->kind() == c10::aten::mean) return LayerKind::AdaptiveAvgPool;  // x.mean([2, 3]): global pooling
  auto it = opKinds().find(opShortName(node));
  return it == opKinds().end() ? LayerKind::Other : it->second;
}

bool computesValues(const torch::jit::Node* node) {
  static const std::set<std::string> glue = {
      "contiguous",    "to",        "detach", "clone",  "select",     "slice",     "squeeze", "unsqueeze",
      "permute",       "transpose", "t",      "expand", "expand_as",  "type_as",   "alias",   "chunk",
      "split",         "unbind",    "zeros",  "ones",   "zeros_like", "ones_like", "empty",   "tensor",
      "scalar_tensor", "arange",    "size",   "numel",  "dim",        "list"};
  return node->kind().is_aten() && !glue.count(opShortName(node));
}

}  // namespace convoscope
