#include "app/ExplainJson.h"

namespace convoscope {
namespace {

std::string layerName(const Explanation& e, int layer) {
  for (const ExplainInput& in : e.inputs)
    if (in.layer == layer) return in.name;
  return "";
}

}  // namespace

nlohmann::json explainJson(const Explanation& e) {
  nlohmann::json doc;
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
  for (const ExplainInput& in : e.inputs)
    inputs.push_back({{"name", in.name}, {"layer_index", in.layer}, {"shape", in.shape}});

  auto& terms = doc["terms"] = nlohmann::json::array();
  for (const ExplainTerm& t : e.terms) {
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
    terms.push_back(std::move(term));
  }
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

  if (e.window) {
    const WindowParams& w = *e.window;
    doc["window"] = {{"kernel", w.kernel},
                     {"stride", w.stride},
                     {"padding", w.padding},
                     {"dilation", w.dilation},
                     {"groups", w.groups},
                     {"ceil_mode", w.ceilMode},
                     {"count_include_pad", w.countIncludePad}};
  }
  if (e.batchNorm) {
    const BatchNormTerms& bn = *e.batchNorm;
    doc["mean"] = bn.mean;
    doc["var"] = bn.var;
    doc["eps"] = bn.eps;
    doc["gamma"] = bn.gamma;
    doc["beta"] = bn.beta;
    doc["std"] = bn.std;
    doc["normalized"] = bn.normalized;
  }
  if (e.pool) {
    const PoolTerms& p = *e.pool;
    doc["window_start"] = p.start;
    doc["window_end"] = p.end;
    doc["count"] = p.count;
    if (p.maxTerm >= 0) {
      doc["max_term"] = p.maxTerm;
      doc["max_index"] = e.terms[static_cast<size_t>(p.maxTerm)].inputIndex;
    }
  }
  if (e.softmax) {
    const SoftmaxTerms& sm = *e.softmax;
    doc["log_softmax"] = sm.log;
    doc["position"] = sm.position;
    doc["shift"] = sm.shift;
    doc["exp_sum"] = sm.expSum;
    auto& expTerms = doc["exp_terms"] = nlohmann::json::array();
    for (const SoftmaxTerm& t : sm.terms)
      expTerms.push_back({{"index", t.index}, {"logit", t.logit}, {"exp", t.exp}});
  }
  if (e.concat) {
    const ConcatSource& c = *e.concat;
    doc["concat_input"] = c.inputPosition;
    doc["concat_layer"] = layerName(e, c.inputLayer);
    doc["index_in_input"] = c.channelInInput;
    doc["concat_dim"] = c.dimension;
    auto& parts = doc["concat_parts"] = nlohmann::json::array();
    for (const ConcatPart& part : c.parts)
      parts.push_back({{"layer", part.name}, {"first", part.first}, {"size", part.size}});
  }
  return doc;
}

}  // namespace convoscope
