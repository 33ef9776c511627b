// ComputationBuilder: the dispatch by layer kind and the steps every kind's breakdown shares.
#include "core/ComputationDetail.h"
#include "core/Errors.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace detail {

void ComputationBuilder::build(Computation& e) {
  e_ = &e;
  switch (L_.kind) {
    case LayerKind::Conv2d:
      conv();
      break;
    case LayerKind::Linear:
      linear();
      break;
    case LayerKind::BatchNorm:
      batchNorm();
      break;
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
      windowPool();
      break;
    case LayerKind::AdaptiveAvgPool:
    case LayerKind::AdaptiveMaxPool:
      adaptivePool();
      break;
    case LayerKind::Flatten:
      flatten();
      break;
    case LayerKind::Dropout:
      identity("dropout (eval) = x: the identity");
      break;
    case LayerKind::Add:
      add();
      break;
    case LayerKind::Concat:
      concat();
      break;
    case LayerKind::Softmax:
      softmax();
      break;
    default:
      if (isActivation(L_.kind)) {
        activation();
        break;
      }
      throw InputError("layer '" + L_.name + "' is of kind '" + layerKindName(L_.kind) +
                       "', which explain cannot break down");
  }
}

void ComputationBuilder::fail(const std::string& why) const {
  throw InputError("layer '" + L_.name + "' (" + layerKindName(L_.kind) + "): " + why);
}

// The layer feeding argument `position`, which must have been captured.
int ComputationBuilder::producer(size_t position) const {
  if (position >= L_.inputs.size()) fail("its input was not captured, so its arithmetic cannot be shown");
  const int index = L_.inputs[position];
  if (index < 0 || index >= static_cast<int>(s_.layers.size()) || s_.layers[index].output.empty())
    fail("its input was not captured, so its arithmetic cannot be shown");
  return index;
}

// The producer of an elementwise layer has the same shape; returns its index.
int ComputationBuilder::sameShapeProducer() const {
  const int in = producer(0);
  if (s_.layers[in].output.shape != L_.output.shape)
    fail("input shape " + shapeText(s_.layers[in].output.shape, "x") + " differs from its output shape " +
         shapeText(L_.output.shape, "x"));
  return in;
}

ComputationTerm ComputationBuilder::plainTerm(int layer, std::vector<int64_t> index) const {
  ComputationTerm t;
  t.inputLayer = layer;
  t.input = valueAt(s_.layers[layer].output, index);
  t.inputIndex = std::move(index);
  return t;
}

// Weighted kinds: the result is Σ product + bias.
void ComputationBuilder::finishWeighted() {
  double sum = 0;
  for (const ComputationTerm& t : e_->terms) sum += t.product;
  e_->sum = sum + (e_->hasBias ? e_->bias : 0.0);
}

}  // namespace detail
}  // namespace convoscope
