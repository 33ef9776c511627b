// How the prediction's probabilities come from the model's logits when Convoscope applies the softmax itself
// (the model ends in a linear layer, as most classifiers do).
#include <cmath>
#include <string>

#include "core/ComputationDetail.h"
#include "core/Errors.h"
#include "core/TextFormat.h"

namespace convoscope {

bool predictionAppliesSoftmax(const Snapshot& snapshot) {
  if (snapshot.layers.size() < 2 || snapshot.logits.empty()) return false;
  const Layer& last = snapshot.layers.back();
  if (last.kind == LayerKind::Softmax || last.output.numel() != static_cast<int64_t>(snapshot.logits.size()))
    return false;
  return snapshot.probabilities.size() == snapshot.logits.size() && snapshot.probabilities != snapshot.logits;
}

std::optional<Computation> predictionSoftmax(const Snapshot& snapshot, int64_t index) {
  if (!predictionAppliesSoftmax(snapshot)) return std::nullopt;
  const int64_t classes = static_cast<int64_t>(snapshot.logits.size());
  if (index < 0 || index >= classes)
    throw InputError("class " + std::to_string(index) + " is out of range: the model has " +
                     std::to_string(classes) + " outputs, 0.." + std::to_string(classes - 1));
  const int last = static_cast<int>(snapshot.layers.size()) - 1;
  const Layer& logitsLayer = snapshot.layers.back();
  Computation e;
  e.layer = last;
  e.layerName = "softmax";
  e.kind = LayerKind::Softmax;
  e.channel = index;
  e.outputIndex = {index};
  e.inputs.push_back({last, logitsLayer.name, {classes}});
  e.formula = detail::softmaxFormula(false);
  std::vector<double> logits(snapshot.logits.begin(), snapshot.logits.end());
  e.softmax = detail::softmaxTerms(logits, index, false);
  ComputationTerm term;
  term.inputLayer = last;
  term.inputIndex = {index};
  term.input = logits[static_cast<size_t>(index)];
  e.terms.push_back(term);
  e.sum = detail::softmaxResult(*e.softmax);
  e.value = snapshot.probabilities[static_cast<size_t>(index)];
  e.consistent = reproduces(e);
  if (!e.consistent)
    e.note = "the softmax gives " + preciseNumber(e.sum) + " but the prediction shows " + preciseNumber(e.value);
  return e;
}

}  // namespace convoscope
