#pragma once
// The arithmetic behind one output value of one layer, computed from the Snapshot alone (no torch), so the
// CLI and the viewer show the same numbers. Every term is listed; sums are accumulated in double.
// computeCell() lives in Computation.cpp, its per-kind breakdowns in the files ComputationDetail.h lists;
// formatComputation() in ComputationText.cpp.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Snapshot.h"

namespace convoscope {

// One input value taking part in the output: for weighted kinds (conv, linear, batchnorm, avg pooling, add,
// identities) product = input × weight and the output is Σ product + bias.
struct ComputationTerm {
  int inputLayer = -1;              // the layer whose output holds the input value
  std::vector<int64_t> inputIndex;  // its coordinates there ([c,y,x] or [i]); may lie in the padding
  bool padding = false;             // outside the input: the value is the padding value (0)
  double input = 0;
  bool weighted = false;             // weight/product are meaningful
  std::vector<int64_t> weightIndex;  // [o,i,ky,kx] (conv), [o,i] (linear); empty for implicit weights
  double weight = 0;
  double product = 0;
  int sourceLayer = -1;              // linear after flatten: the layer the flat input was laid out from
  std::vector<int64_t> sourceIndex;  // and the value's coordinates there ([c,y,x])
};

// Conv: the terms of one input channel and their partial sum.
struct ChannelPartial {
  int64_t inputChannel = 0;
  int firstTerm = 0, termCount = 0;
  double sum = 0;
};

struct BatchNormTerms {
  double input = 0, mean = 0, var = 0, eps = 0, gamma = 1, beta = 0;
  double std = 1;         // √(var + eps)
  double normalized = 0;  // (input − mean) / std
};

struct PoolTerms {
  std::array<int64_t, 2> start{0, 0}, end{0, 0};  // window rows/cols [start, end) in input coordinates
  int64_t count = 0;                              // avg: the divisor; max: cells compared
  int maxTerm = -1;                               // max pooling: index into terms of the winning cell
  bool countIncludePad = true;
};

struct SoftmaxTerm {
  int64_t index = 0;  // position along the softmax dimension
  double logit = 0;   // z_j
  double exp = 0;     // exp(z_j − shift)
};

struct SoftmaxTerms {
  bool log = false;      // log_softmax: z_{i} − log Σ exp(z_{j})
  int64_t position = 0;  // i, the output's own position along the dimension
  double shift = 0;      // 0 unless the logits are so large that plain exp overflows (then max z)
  double expSum = 0;     // Σ exp(z_j − shift)
  std::vector<SoftmaxTerm> terms;
};

// One input of a concatenation: the output indices [first, first + size) along the concatenated dimension.
struct ConcatPart {
  int inputLayer = -1;
  std::string name;
  int64_t first = 0;
  int64_t size = 0;
};

struct ConcatSource {
  int inputPosition = 0;  // which argument of cat
  int inputLayer = -1;
  int64_t channelInInput = 0;     // the index along the concatenated dimension within that input
  int64_t dimension = 0;          // the concatenated dimension, batch dimension dropped (0 = channels)
  std::vector<ConcatPart> parts;  // every input, in argument order
};

// A layer the terms read from (their inputLayer / sourceLayer), named for display.
struct ComputationInput {
  int layer = -1;
  std::string name;
  std::vector<int64_t> shape;
};

struct Computation {
  int layer = -1;
  std::string layerName;
  std::vector<ComputationInput> inputs;  // every layer a term's inputLayer or sourceLayer refers to
  LayerKind kind = LayerKind::Other;
  int64_t channel = 0, y = -1, x = -1;  // y/x = -1 for layers without spatial dimensions
  std::vector<int64_t> outputIndex;     // [c,y,x] or [c]

  std::string formula;                   // the general formula, e.g. "relu(x) = max(0, x)"
  std::vector<ComputationTerm> terms;    // every term, in input-channel / kernel / input order
  std::vector<ChannelPartial> partials;  // conv: per input channel of the group
  bool hasBias = false;
  double bias = 0;
  double sum = 0;          // the breakdown's result: Σ product + bias for weighted kinds
  double value = 0;        // the activation the snapshot captured
  bool consistent = true;  // sum reproduces value (relative 1e-4 plus a small absolute slack)
  std::string note;        // why not, when it does not

  std::optional<BatchNormTerms> batchNorm;
  std::optional<PoolTerms> pool;
  std::optional<SoftmaxTerms> softmax;
  std::optional<ConcatSource> concat;
  std::optional<WindowParams> window;  // conv and pooling hyper-parameters
};

// Breaks down layers[layer]'s output at (channel, y, x); y and x are -1 for a layer without spatial
// dimensions. Throws InputError (naming the valid range) for an out-of-range index, a missing/extra y/x, the
// input layer, or a kind that cannot be explained ("other").
Computation computeCell(const Snapshot& snapshot, int layer, int64_t channel, int64_t y = -1, int64_t x = -1);

// The prediction's softmax. A model that does not end in a softmax outputs logits, and the probabilities
// Convoscope shows are softmax(logits): this is how class `index`'s probability comes from them (layer: the
// last layer, kind Softmax, layerName "softmax"). nullopt when the model's output already is the
// probabilities (its own softmax layer explains them). Throws InputError for an index out of range.
// (ComputationPrediction.cpp)
std::optional<Computation> predictionSoftmax(const Snapshot& snapshot, int64_t index);
// True when the probabilities were computed here from the model's logits (predictionSoftmax has a value).
bool predictionAppliesSoftmax(const Snapshot& snapshot);

// The tolerance `consistent` uses: 1e-4 relative to the value plus 1e-6 of the terms' magnitude (float
// accumulation of many terms cancels into values near 0).
bool reproduces(const Computation& e, double* allowed = nullptr);

// Large fan-in: the K largest contributions by |amount| plus "and N more = rest", adding up to sum.
// Conv ranks input channels (partial sums); other weighted kinds rank single terms (products).
struct Contribution {
  int partial = -1;  // index into partials (conv)
  int term = -1;     // index into terms (other kinds)
  double amount = 0;
};
struct TopContributions {
  std::vector<Contribution> top;
  int64_t restCount = 0;
  double restSum = 0;
  double bias = 0;
  double total = 0;  // Σ top + restSum + bias (= sum)
};
TopContributions topContributions(const Computation& e, int k);

// Compact aligned text for the CLI; at most `maxTerms` term lines (the rest summarised so the sums still
// add).
std::string formatComputation(const Computation& e, int maxTerms = 40);

}  // namespace convoscope
