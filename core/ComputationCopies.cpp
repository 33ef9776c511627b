// The breakdowns of layers that move values unchanged: flatten and concatenation.
#include "core/ComputationDetail.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace detail {

void ComputationBuilder::flatten() {
  const int in = producer(0);
  const FloatTensor& x = s_.layers[in].output;
  if (x.numel() != L_.output.numel())
    fail("input " + shapeText(x.shape, "x") + " and output " + shapeText(L_.output.shape, "x") +
         " differ in size");
  const int64_t offset = offsetOf(L_.output.shape, e_->outputIndex);
  e_->terms.push_back(plainTerm(in, unravel(x.shape, offset)));
  e_->formula = "flatten: out[i] = x[c,y,x] with i = (c·H + y)·W + x (row-major, values unchanged)";
  e_->sum = e_->terms.back().input;
}

void ComputationBuilder::concat() {
  const int64_t rank = static_cast<int64_t>(L_.output.shape.size());
  int64_t dim = L_.concatDim < 0 ? L_.concatDim + rank + 1 : L_.concatDim;
  dim -= 1;  // concatDim counts the batch dimension
  if (dim < 0 || dim >= rank) fail("concatenates along dimension " + std::to_string(L_.concatDim));
  std::vector<ConcatPart> parts;  // every input's share of the concatenated dimension, in order
  for (size_t k = 0; k < L_.inputs.size(); ++k) {
    const int in = producer(k);
    const auto& shape = s_.layers[in].output.shape;
    if (static_cast<int64_t>(shape.size()) != rank) fail("inputs differ in rank from the output");
    const int64_t first = parts.empty() ? 0 : parts.back().first + parts.back().size;
    parts.push_back({in, s_.layers[in].name, first, shape[static_cast<size_t>(dim)]});
  }
  const int64_t index = e_->outputIndex[static_cast<size_t>(dim)];
  for (size_t k = 0; k < parts.size(); ++k) {
    if (index >= parts[k].first + parts[k].size) continue;
    const int in = parts[k].inputLayer;
    const int64_t along = index - parts[k].first;
    std::vector<int64_t> inputIndex = e_->outputIndex;
    inputIndex[static_cast<size_t>(dim)] = along;
    e_->terms.push_back(plainTerm(in, inputIndex));
    ConcatSource source;
    source.inputPosition = static_cast<int>(k);
    source.inputLayer = in;
    source.channelInInput = along;
    source.dimension = dim;
    source.parts = std::move(parts);
    e_->concat = source;
    e_->sum = e_->terms.back().input;
    e_->formula = "concatenation along dimension " + std::to_string(dim) +
                  ": the value is copied from input " + std::to_string(k) + " ('" + s_.layers[in].name +
                  "') at index " + std::to_string(along) + " there";
    return;
  }
  fail("the captured inputs are smaller than the output");
}

}  // namespace detail
}  // namespace convoscope
