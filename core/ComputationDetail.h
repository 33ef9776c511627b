#pragma once
// Internal to computeCell(): the builder that fills one Computation, shared by the per-kind files
// (ComputationWeighted, ComputationPooling, ComputationElementwise, ComputationCopies, ComputationSoftmax).
// Not for callers outside core/Computation*.cpp.
#include <cstdint>
#include <string>
#include <vector>

#include "core/Computation.h"

namespace convoscope {
namespace detail {

// Row-major offset of `index` in a tensor of `shape`.
inline int64_t offsetOf(const std::vector<int64_t>& shape, const std::vector<int64_t>& index) {
  int64_t offset = 0;
  for (size_t d = 0; d < shape.size(); ++d) offset = offset * shape[d] + index[d];
  return offset;
}

// The index whose row-major offset in a tensor of `shape` is `offset`.
inline std::vector<int64_t> unravel(const std::vector<int64_t>& shape, int64_t offset) {
  std::vector<int64_t> index(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    index[d] = offset % shape[d];
    offset /= shape[d];
  }
  return index;
}

inline double valueAt(const FloatTensor& t, const std::vector<int64_t>& index) {
  return static_cast<double>(t.data[static_cast<size_t>(offsetOf(t.shape, index))]);
}

// Softmax along one dimension (ComputationSoftmax.cpp; also the prediction's softmax in PredictionSoftmax.cpp):
// every logit's exp (shifted only where plain exp would overflow), their sum, and the value at `position`.
SoftmaxTerms softmaxTerms(const std::vector<double>& logits, int64_t position, bool log);
double softmaxResult(const SoftmaxTerms& terms);
const char* softmaxFormula(bool log);

// Fills one Computation for layers[layer] of a snapshot: build() picks the breakdown by the layer's kind.
// Each kind's member functions live in the file of its family.
class ComputationBuilder {
 public:
  ComputationBuilder(const Snapshot& snapshot, int layer) : s_(snapshot), L_(snapshot.layers[layer]) {}

  // Throws InputError for a kind that cannot be broken down or a layer whose inputs do not fit.
  void build(Computation& e);

 private:
  // Shared steps (ComputationBuilder.cpp).
  [[noreturn]] void fail(const std::string& why) const;
  int producer(size_t position) const;
  int sameShapeProducer() const;
  ComputationTerm plainTerm(int layer, std::vector<int64_t> index) const;
  void finishWeighted();

  // Weighted kinds (ComputationWeighted.cpp).
  void conv();
  int flatSource(int in) const;
  void linear();
  void batchNorm();

  // Pooling (ComputationPooling.cpp).
  void windowPool();
  void maxWindow(int in, PoolTerms& pool);
  void avgWindow(int in, PoolTerms& pool);
  void averageOver(int in, const PoolTerms& pool, int64_t hs, int64_t he, int64_t ws, int64_t we,
                   bool padCounts);
  void adaptivePool();

  // One value in, one value out (ComputationElementwise.cpp).
  void activation();
  void identity(const std::string& formula);
  std::vector<int64_t> broadcastIndex(const std::vector<int64_t>& inShape) const;
  void add();

  // Values moved unchanged (ComputationCopies.cpp).
  void flatten();
  void concat();

  // ComputationSoftmax.cpp.
  void softmax();

  const Snapshot& s_;
  const Layer& L_;
  Computation* e_ = nullptr;
};

}  // namespace detail
}  // namespace convoscope
