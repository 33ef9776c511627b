// computeCell(): checks the requested cell, lets ComputationBuilder break it down by kind, and checks the
// breakdown against the captured value; plus the summaries every view of a Computation shares.
#include "core/Computation.h"

#include <algorithm>
#include <cmath>

#include "core/ComputationDetail.h"
#include "core/Errors.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace {

// layers[layer], when it is a layer computeCell() can break down.
const Layer& explainableLayer(const Snapshot& snapshot, int layer) {
  if (layer < 0 || layer >= static_cast<int>(snapshot.layers.size()))
    throw InputError("layer index " + std::to_string(layer) + " is out of range 0.." +
                     std::to_string(static_cast<int>(snapshot.layers.size()) - 1));
  const Layer& L = snapshot.layers[layer];
  if (L.kind == LayerKind::Input)
    throw InputError("layer '" + L.name + "' is the model's input: it has no arithmetic to explain");
  if (L.kind == LayerKind::Other)
    throw InputError(
        "layer '" + L.name + "' is of kind 'other' (" + L.typeName +
        "): explain breaks down conv2d, linear, batchnorm, pooling, activations, flatten, dropout, "
        "add, concat and softmax layers only");
  const auto& shape = L.output.shape;
  if (L.output.empty() || (shape.size() != 3 && shape.size() != 1))
    throw InputError("layer '" + L.name + "' has output shape " + shapeText(shape, "x") +
                     ": explain handles [C,H,W] and [N] outputs");
  return L;
}

// Checks (channel, y, x) against L's output and sets e's position fields.
void placeCell(const Layer& L, int64_t channel, int64_t y, int64_t x, Computation& e) {
  const auto& shape = L.output.shape;
  const std::string range = " (valid 0.." + std::to_string(shape[0] - 1) + ")";
  if (channel < 0 || channel >= shape[0])
    throw InputError("channel " + std::to_string(channel) + " is out of range for layer '" + L.name + "'" +
                     range);
  e.channel = channel;
  if (shape.size() == 3) {
    if (y < 0 && x < 0)
      throw InputError("layer '" + L.name + "' is spatial (" + shapeText(shape, "x") + "): give y (0.." +
                       std::to_string(shape[1] - 1) + ") and x (0.." + std::to_string(shape[2] - 1) + ")");
    if (y < 0 || y >= shape[1])
      throw InputError("y " + std::to_string(y) + " is out of range for layer '" + L.name + "' (valid 0.." +
                       std::to_string(shape[1] - 1) + ")");
    if (x < 0 || x >= shape[2])
      throw InputError("x " + std::to_string(x) + " is out of range for layer '" + L.name + "' (valid 0.." +
                       std::to_string(shape[2] - 1) + ")");
    e.y = y;
    e.x = x;
    e.outputIndex = {channel, y, x};
  } else {
    if (y >= 0 || x >= 0)
      throw InputError("layer '" + L.name + "' has no spatial dimensions (output " + shapeText(shape, "x") +
                       "): y and x do not apply");
    e.outputIndex = {channel};
  }
}

// Names every layer the terms read from, in the order the terms first use them.
void listInputs(const Snapshot& snapshot, Computation& e) {
  for (const ComputationTerm& t : e.terms) {
    for (int used : {t.inputLayer, t.sourceLayer}) {
      if (used < 0) continue;
      const bool known = std::any_of(e.inputs.begin(), e.inputs.end(),
                                     [&](const ComputationInput& i) { return i.layer == used; });
      if (!known) e.inputs.push_back({used, snapshot.layers[used].name, snapshot.layers[used].output.shape});
    }
  }
}

double termMagnitude(const Computation& e) {
  double magnitude = e.hasBias ? std::fabs(e.bias) : 0.0;
  for (const ComputationTerm& t : e.terms) magnitude += std::fabs(t.weighted ? t.product : t.input);
  return magnitude;
}

}  // namespace

Computation computeCell(const Snapshot& snapshot, int layer, int64_t channel, int64_t y, int64_t x) {
  const Layer& L = explainableLayer(snapshot, layer);
  Computation e;
  e.layer = layer;
  e.layerName = L.name;
  e.kind = L.kind;
  placeCell(L, channel, y, x, e);
  e.value = detail::valueAt(L.output, e.outputIndex);
  detail::ComputationBuilder(snapshot, layer).build(e);
  listInputs(snapshot, e);

  double allowed = 0;
  e.consistent = reproduces(e, &allowed);
  if (!e.consistent) {
    e.note =
        "the breakdown gives " + preciseNumber(e.sum) + " but the captured value is " +
        preciseNumber(e.value) +
        ": an operation between this layer and its captured input (e.g. tensor arithmetic) was not captured";
  }
  return e;
}

bool reproduces(const Computation& e, double* allowedOut) {
  const double allowed = 1e-4 * std::fabs(e.value) + 1e-6 * termMagnitude(e) + 1e-7;
  if (allowedOut) *allowedOut = allowed;
  return std::fabs(e.sum - e.value) <= allowed;
}

TopContributions topContributions(const Computation& e, int k) {
  TopContributions result;
  std::vector<Contribution> all;
  if (!e.partials.empty()) {
    for (size_t p = 0; p < e.partials.size(); ++p)
      all.push_back({static_cast<int>(p), -1, e.partials[p].sum});
  } else {
    for (size_t t = 0; t < e.terms.size(); ++t)
      if (e.terms[t].weighted) all.push_back({-1, static_cast<int>(t), e.terms[t].product});
  }
  const size_t keep = std::min(all.size(), static_cast<size_t>(std::max(0, k)));
  // Stable: equal magnitudes keep their input order.
  std::stable_sort(all.begin(), all.end(), [](const Contribution& a, const Contribution& b) {
    return std::fabs(a.amount) > std::fabs(b.amount);
  });
  result.top.assign(all.begin(), all.begin() + keep);
  for (size_t i = keep; i < all.size(); ++i) result.restSum += all[i].amount;
  result.restCount = static_cast<int64_t>(all.size() - keep);
  result.bias = e.hasBias ? e.bias : 0.0;
  result.total = result.restSum + result.bias;
  for (const Contribution& c : result.top) result.total += c.amount;
  return result;
}

}  // namespace convoscope
