#include "app/ComputationJson.h"

namespace convoscope {
namespace {

std::string layerName(const Computation& e, int layer) {
  for (const ComputationInput& in : e.inputs)
    if (in.layer == layer) return in.name;
  return "";
}

// Which cell of which layer, its formula and the layers its terms read from.
void addCell(nlohmann::json& doc, const Computation& e) {
  doc["layer"] = e.layerName;
  doc["layer_index"] = e.layer;
  doc["kind"] = layerKindName(e.kind);
  doc["channel"] = e.channel;
  if (e.y >= 0) {
    doc["y"] = e.y;
    doc["x"] = e.x;
  }
  doc["output_index"] = e.outputIndex;
  doc["formula"] = e.formula;
  auto& inputs = doc["inputs"] = nlohmann::json::array();
  for (const ComputationInput& in : e.inputs)
    inputs.push_back({{"name", in.name}, {"layer_index", in.layer}, {"shape", in.shape}});
}

nlohmann::json termJson(const Computation& e, const ComputationTerm& t) {
  nlohmann::json term = {{"input_layer", layerName(e, t.inputLayer)},
                         {"input_index", t.inputIndex},
                         {"input", t.input},
                         {"padding", t.padding}};
  if (t.weighted) {
    term["weight"] = t.weight;
    if (!t.weightIndex.empty()) term["weight_index"] = t.weightIndex;
    term["product"] = t.product;
  }
  if (t.sourceLayer >= 0) {
    term["source_layer"] = layerName(e, t.sourceLayer);
    term["source_index"] = t.sourceIndex;
  }
  return term;
}

// Every term (however many), conv's per-channel sums, and the result against the captured value.
void addTermsAndResult(nlohmann::json& doc, const Computation& e) {
  auto& terms = doc["terms"] = nlohmann::json::array();
  for (const ComputationTerm& t : e.terms) terms.push_back(termJson(e, t));
  doc["weighted"] = !e.terms.empty() && e.terms.front().weighted;  // sum = Σ product + bias
  if (!e.partials.empty()) {
    auto& partials = doc["channel_sums"] = nlohmann::json::array();
    for (const ChannelPartial& p : e.partials)
      partials.push_back({{"input_channel", p.inputChannel},
                          {"sum", p.sum},
                          {"first_term", p.firstTerm},
                          {"term_count", p.termCount}});
  }
  doc["has_bias"] = e.hasBias;
  doc["bias"] = e.hasBias ? e.bias : 0.0;
  doc["sum"] = e.sum;
  doc["value"] = e.value;
  doc["consistent"] = e.consistent;
  if (!e.note.empty()) doc["note"] = e.note;
}

void addWindow(nlohmann::json& doc, const WindowParams& w) {
  doc["window"] = {{"kernel", w.kernel},
                   {"stride", w.stride},
                   {"padding", w.padding},
                   {"dilation", w.dilation},
                   {"groups", w.groups},
                   {"ceil_mode", w.ceilMode},
                   {"count_include_pad", w.countIncludePad}};
}

void addBatchNorm(nlohmann::json& doc, const BatchNormTerms& bn) {
  doc["mean"] = bn.mean;
  doc["var"] = bn.var;
  doc["eps"] = bn.eps;
  doc["gamma"] = bn.gamma;
  doc["beta"] = bn.beta;
  doc["std"] = bn.std;
  doc["normalized"] = bn.normalized;
}

void addPool(nlohmann::json& doc, const Computation& e, const PoolTerms& p) {
  doc["window_start"] = p.start;
  doc["window_end"] = p.end;
  doc["count"] = p.count;
  if (p.maxTerm >= 0) {
    doc["max_term"] = p.maxTerm;
    doc["max_index"] = e.terms[static_cast<size_t>(p.maxTerm)].inputIndex;
  }
}

void addSoftmax(nlohmann::json& doc, const SoftmaxTerms& sm) {
  doc["log_softmax"] = sm.log;
  doc["position"] = sm.position;
  doc["shift"] = sm.shift;
  doc["exp_sum"] = sm.expSum;
  auto& expTerms = doc["exp_terms"] = nlohmann::json::array();
  for (const SoftmaxTerm& t : sm.terms)
    expTerms.push_back({{"index", t.index}, {"logit", t.logit}, {"exp", t.exp}});
}

void addConcat(nlohmann::json& doc, const Computation& e, const ConcatSource& c) {
  doc["concat_input"] = c.inputPosition;
  doc["concat_layer"] = layerName(e, c.inputLayer);
  doc["index_in_input"] = c.channelInInput;
  doc["concat_dim"] = c.dimension;
  auto& parts = doc["concat_parts"] = nlohmann::json::array();
  for (const ConcatPart& part : c.parts)
    parts.push_back({{"layer", part.name}, {"first", part.first}, {"size", part.size}});
}

}  // namespace

nlohmann::json computationJson(const Computation& e) {
  nlohmann::json doc;
  addCell(doc, e);
  addTermsAndResult(doc, e);
  if (e.window) addWindow(doc, *e.window);
  if (e.batchNorm) addBatchNorm(doc, *e.batchNorm);
  if (e.pool) addPool(doc, e, *e.pool);
  if (e.softmax) addSoftmax(doc, *e.softmax);
  if (e.concat) addConcat(doc, e, *e.concat);
  return doc;
}

}  // namespace convoscope
