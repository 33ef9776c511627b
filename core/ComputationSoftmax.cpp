// The softmax / log_softmax breakdown: every exp term along the dimension and their sum.
#include <algorithm>
#include <cmath>

#include "core/ComputationDetail.h"

namespace convoscope {
namespace detail {
namespace {

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

}  // namespace

SoftmaxTerms softmaxTerms(const std::vector<double>& logits, int64_t position, bool log) {
  SoftmaxTerms sm;
  sm.log = log;
  sm.position = position;
  double maxLogit = -INFINITY;
  for (size_t j = 0; j < logits.size(); ++j) {
    SoftmaxTerm t;
    t.index = static_cast<int64_t>(j);
    t.logit = logits[j];
    maxLogit = std::max(maxLogit, t.logit);
    sm.terms.push_back(t);
  }
  // Plain exp(z) reads best; shift by max z only where double exp would overflow or underflow to 0.
  sm.shift = std::fabs(maxLogit) > 700.0 ? maxLogit : 0.0;
  for (SoftmaxTerm& t : sm.terms) {
    t.exp = std::exp(t.logit - sm.shift);
    sm.expSum += t.exp;
  }
  return sm;
}

double softmaxResult(const SoftmaxTerms& sm) {
  const SoftmaxTerm& own = sm.terms[static_cast<size_t>(sm.position)];
  return sm.log ? own.logit - sm.shift - std::log(sm.expSum) : own.exp / sm.expSum;
}

const char* softmaxFormula(bool log) {
  return log ? "log_softmax(z)_{i} = z_{i} − log Σ_{j} exp(z_{j})" : "softmax(z)_{i} = exp(z_{i}) / Σ_{j} exp(z_{j})";
}

void ComputationBuilder::softmax() {
  const int in = sameShapeProducer();
  const FloatTensor& z = s_.layers[in].output;
  const int64_t rank = static_cast<int64_t>(L_.output.shape.size());
  int64_t dim = L_.softmaxDim < 0 ? L_.softmaxDim + rank + 1 : L_.softmaxDim;
  dim -= 1;  // softmaxDim counts the batch dimension
  if (dim < 0 || dim >= rank) fail("softmax over dimension " + std::to_string(L_.softmaxDim));
  std::vector<int64_t> index = e_->outputIndex;
  std::vector<double> logits;
  for (int64_t j = 0; j < L_.output.shape[static_cast<size_t>(dim)]; ++j) {
    index[static_cast<size_t>(dim)] = j;
    logits.push_back(valueAt(z, index));
  }
  const bool log = contains(L_.typeName, "LogSoftmax") || contains(L_.typeName, "log_softmax");
  SoftmaxTerms sm = softmaxTerms(logits, e_->outputIndex[static_cast<size_t>(dim)], log);
  e_->terms.push_back(plainTerm(in, e_->outputIndex));
  e_->formula = softmaxFormula(log);
  e_->sum = softmaxResult(sm);
  e_->softmax = std::move(sm);
}

}  // namespace detail
}  // namespace convoscope
