#include "engine/CaptureGraph.h"

#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/ir/alias_analysis.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/ir/irparser.h>
#include <torch/csrc/jit/passes/constant_propagation.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>

#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "core/Errors.h"
#include "engine/LayerKinds.h"

namespace convoscope {
namespace {

using torch::jit::Block;
using torch::jit::Graph;
using torch::jit::Node;
using torch::jit::Value;
namespace prim = c10::prim;
namespace attr = c10::attr;

// One call of a submodule's forward (a module called twice gives two calls).
struct ModuleCall {
  std::string path;      // "layer1.0.conv1"
  std::string typeName;  // "Conv2d"
  int parent = -1;       // enclosing call, -1 for the top-level module
  bool leaf = true;      // calls no other submodule
  int outputIndex = -1;  // graph output slot that tracks its value (-1: inside a branch, not capturable)
};

std::string lastComponent(const std::string& qualified) {
  const auto dot = qualified.rfind('.');
  return dot == std::string::npos ? qualified : qualified.substr(dot + 1);
}

// "layer1.0.conv1" from the prim::GetAttr chain that produced a module value; "?" if it is not a chain.
std::string modulePathOf(Value* value, Value* self) {
  std::vector<std::string> parts;
  while (value != self) {
    Node* node = value->node();
    if (node->kind() != prim::GetAttr) return "?";
    parts.push_back(node->s(attr::name));
    value = node->input(0);
  }
  std::string path;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) path += (path.empty() ? "" : ".") + *it;
  return path;
}

bool resolveModule(const torch::jit::Module& root, const std::string& path, torch::jit::Module& out) {
  out = root;
  if (path.empty()) return true;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t dot = path.find('.', start);
    const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!out.hasattr(part)) return false;
    const auto value = out.attr(part);
    if (!value.isModule()) return false;
    out = value.toModule();
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return true;
}

Node* findFirst(Block* block, const std::function<bool(Node*)>& pred) {
  for (Node* node : block->nodes()) {
    if (pred(node)) return node;
    for (Block* sub : node->blocks())
      if (Node* found = findFirst(sub, pred)) return found;
  }
  return nullptr;
}

void forEachNode(Block* block, const std::function<void(Node*)>& visit) {
  for (Node* node : block->nodes()) {
    visit(node);
    for (Block* sub : node->blocks()) forEachNode(sub, visit);
  }
}

bool isTensor(const Value* v) { return v->type()->isSubtypeOf(*c10::TensorType::get()); }

// Replaces reads of plain attributes (bools, ints, floats, strings, None) by constants so that branches on
// them (MobileNetV2's `if self.use_res_connect`, `self.training`) fold away and their calls become
// capturable.
void foldPlainAttributes(Graph& graph, const torch::jit::Module& root) {
  Value* self = graph.inputs()[0];
  std::vector<Node*> reads;
  forEachNode(graph.block(), [&](Node* n) {
    if (n->kind() == prim::GetAttr && !n->output()->type()->cast<c10::ClassType>() && !isTensor(n->output()))
      reads.push_back(n);
  });
  for (Node* n : reads) {
    torch::jit::Module owner;
    if (!resolveModule(root, modulePathOf(n->input(0), self), owner)) continue;
    const std::string name = n->s(attr::name);
    if (!owner.hasattr(name)) continue;
    const c10::IValue value = owner.attr(name);
    if (!(value.isBool() || value.isInt() || value.isDouble() || value.isString() || value.isNone()))
      continue;
    torch::jit::WithInsertPoint guard(n);
    c10::optional<Value*> constant = graph.insertConstant(value);
    n->output()->replaceAllUsesWith(constant.value());
    n->destroy();
  }
}

c10::optional<std::vector<int64_t>> constantInts(Value* v) {
  if (auto iv = torch::jit::toIValue(v)) {
    if (iv->isIntList()) return iv->toIntVector();
    if (iv->isInt()) return std::vector<int64_t>{iv->toInt()};
  }
  if (v->node()->kind() == prim::ListConstruct) {
    std::vector<int64_t> out;
    for (Value* in : v->node()->inputs()) {
      auto iv = torch::jit::toIValue(in);
      if (!iv || !iv->isInt()) return c10::nullopt;
      out.push_back(iv->toInt());
    }
    return out;
  }
  return c10::nullopt;
}

c10::optional<double> constantDouble(Value* v) {
  if (auto iv = torch::jit::toIValue(v)) {
    if (iv->isDouble()) return iv->toDouble();
    if (iv->isInt()) return static_cast<double>(iv->toInt());
  }
  return c10::nullopt;
}

std::array<int64_t, 2> pair(const c10::optional<std::vector<int64_t>>& values,
                            std::array<int64_t, 2> fallback) {
  if (!values || values->empty()) return fallback;
  if (values->size() == 1) return {(*values)[0], (*values)[0]};
  return {(*values)[0], (*values)[1]};
}

// Reads an op's hyper-parameters (stride, eps, slope, ...) from its constant inputs into `layer`.
void readOpParameters(Node* op, Layer& layer) {
  const std::string kind = op->kind().toQualString();
  auto in = [&](size_t i) { return op->input(i); };
  WindowParams& w = layer.window;
  if (kind == "aten::_convolution" || kind == "aten::conv2d") {
    w.stride = pair(constantInts(in(3)), {1, 1});
    if (auto pad = constantInts(in(4))) {
      w.padding = pair(pad, {0, 0});
    } else if (auto iv = torch::jit::toIValue(in(4)); iv && iv->isString() && iv->toStringRef() == "same") {
      w.padding = {-1, -1};  // resolved from the kernel once the weight is known
    }
    w.dilation = pair(constantInts(in(5)), {1, 1});
    const size_t groupsAt = kind == "aten::conv2d" ? 6 : 8;
    if (auto g = constantInts(in(groupsAt))) w.groups = (*g)[0];
  } else if (kind == "aten::max_pool2d" || kind == "aten::avg_pool2d") {
    w.kernel = pair(constantInts(in(1)), {1, 1});
    w.stride = pair(constantInts(in(2)), w.kernel);
    w.padding = pair(constantInts(in(3)), {0, 0});
    if (kind == "aten::max_pool2d") {
      w.dilation = pair(constantInts(in(4)), {1, 1});
      if (auto iv = torch::jit::toIValue(in(5)); iv && iv->isBool()) w.ceilMode = iv->toBool();
    } else {
      if (auto iv = torch::jit::toIValue(in(4)); iv && iv->isBool()) w.ceilMode = iv->toBool();
      if (auto iv = torch::jit::toIValue(in(5)); iv && iv->isBool()) w.countIncludePad = iv->toBool();
    }
  } else if (kind == "aten::adaptive_avg_pool2d" || kind == "aten::adaptive_max_pool2d") {
    w.outputSize = pair(constantInts(in(1)), {1, 1});
  } else if (kind == "aten::batch_norm") {
    if (auto eps = constantDouble(in(7))) layer.eps = *eps;
  } else if (kind == "aten::leaky_relu" || kind == "aten::leaky_relu_") {
    if (auto slope = constantDouble(in(1))) layer.negativeSlope = *slope;
  } else if (kind == "aten::softmax" || kind == "aten::log_softmax") {
    if (auto dim = constantInts(in(1))) layer.softmaxDim = (*dim)[0];
  } else if (kind == "aten::cat") {
    if (auto dim = constantInts(in(1))) layer.concatDim = (*dim)[0];
  } else if (kind == "aten::add" || kind == "aten::add_") {
    if (op->inputs().size() > 2)
      if (auto alpha = constantDouble(in(2))) layer.alpha = *alpha;
  }
}

class CaptureGraphBuilder {
 public:
  CaptureGraphBuilder(const torch::jit::Module& module, const std::string& origin)
      : module_(module), origin_(origin) {}

  CaptureGraph build(TapMode mode) {
    const auto& method = module_.get_method("forward");
    graph_ = torch::jit::toGraphFunction(method.function()).graph()->copy();
    if (graph_->inputs().size() != 2)
      throw InputError(origin_ + ": forward() takes " + std::to_string(graph_->inputs().size() - 1) +
                       " inputs; Convoscope feeds one image tensor");
    if (graph_->outputs().size() != 1) throw InputError(origin_ + ": forward() returns several values");
    self_ = graph_->inputs()[0];
    inlineModuleCalls();
    inlineFunctionsInsideLeaves();
    torch::jit::ConstantPropagation(graph_);
    collectTaps();
    resolveEdges();
    finishOutputs(mode);
    return std::move(result_);
  }

 private:
  int ownerOf(Node* n) const {
    auto it = owner_.find(n);
    return it == owner_.end() ? -1 : it->second;
  }

  void claim(Node* from, Node* to, int call) {
    for (Node* n = from; n != to; n = n->next()) forEachNodeAndSelf(n, [&](Node* m) { owner_[m] = call; });
  }
  static void forEachNodeAndSelf(Node* n, const std::function<void(Node*)>& visit) {
    visit(n);
    for (Block* b : n->blocks()) forEachNode(b, visit);
  }

  // Keeps a value alive and tracked through later inlining: graph outputs are updated by replaceAllUsesWith.
  int track(Value* v) {
    if (v->node()->owningBlock() != graph_->block()) return -1;  // inside a branch: cannot be returned
    return static_cast<int>(graph_->registerOutput(v));
  }

  // Outer calls first, in graph order, so names compose from GetAttr chains ("layer1" -> "layer1.0.conv1").
  void inlineModuleCalls() {
    std::set<Node*> opaque;
    while (Node* call = findFirst(
               graph_->block(), [&](Node* n) { return n->kind() == prim::CallMethod && !opaque.count(n); })) {
      auto classType = call->input(0)->type()->cast<c10::ClassType>();
      if (!classType) {
        opaque.insert(call);  // an interface call: runs as is, not captured
        continue;
      }
      const std::string path = modulePathOf(call->input(0), self_);
      const int caller = ownerOf(call);
      const bool selfCall = caller < 0 ? path.empty() : calls_[caller].path == path;
      int instance = caller;
      if (!selfCall) {
        instance = static_cast<int>(calls_.size());
        calls_.push_back({path == "?" ? "call" + std::to_string(instance) : path,
                          lastComponent(classType->name() ? classType->name()->qualifiedName() : "Module"),
                          caller});
        if (caller >= 0) calls_[caller].leaf = false;
      }
      auto& callee = torch::jit::toGraphFunction(classType->getMethod(call->s(attr::name)));
      Node* before = call->prev();
      Node* after = call->next();
      auto outputs = torch::jit::inlineCallTo(call, &callee, /*use_graph=*/false);
      claim(before->next(), after, instance);
      if (!selfCall && outputs.size() == 1 && isTensor(outputs[0]))
        calls_[instance].outputIndex = track(outputs[0]);
      foldPlainAttributes(*graph_, module_);
      torch::jit::ConstantPropagation(graph_);
    }
  }

  // Inside a leaf module, scripted helpers (F.batch_norm, F.relu, ...) are inlined so their op and constant
  // hyper-parameters become visible; at container level they stay whole and are captured as functional
  // layers.
  void inlineFunctionsInsideLeaves() {
    while (Node* call = findFirst(graph_->block(), [&](Node* n) {
             return n->kind() == prim::CallFunction && ownerOf(n) >= 0 && calls_[ownerOf(n)].leaf;
           })) {
      const int instance = ownerOf(call);
      auto fnType = call->input(0)->type()->expect<c10::FunctionType>();
      auto* callee = torch::jit::tryToGraphFunction(*fnType->function());
      if (!callee) break;
      call->removeInput(0);
      Node* before = call->prev();
      Node* after = call->next();
      torch::jit::inlineCallTo(call, callee, /*use_graph=*/false);
      claim(before->next(), after, instance);
      foldPlainAttributes(*graph_, module_);
      torch::jit::ConstantPropagation(graph_);
    }
  }

  std::string uniqueName(const std::string& base) {
    const int seen = ++nameCounts_[base];
    return seen == 1 ? base : base + "#" + std::to_string(seen);
  }

  void collectTaps() {
    // Module calls: leaves become layers, the others containers.
    std::vector<int> callTap(calls_.size(), -1);
    for (size_t i = 0; i < calls_.size(); ++i) {
      const ModuleCall& call = calls_[i];
      if (call.outputIndex < 0) continue;
      TapInfo tap;
      tap.layer.name = uniqueName(call.path);
      tap.layer.typeName = call.typeName;
      tap.layer.kind = call.leaf ? kindOfModuleType(call.typeName) : LayerKind::Other;
      tap.layer.parent = call.parent >= 0 ? calls_[call.parent].path : "";
      tap.isContainer = !call.leaf;
      tap.modulePath = call.path;
      for (int a = call.parent; a >= 0; a = calls_[a].parent)
        if (callTap[a] >= 0) tap.ancestors.insert(tap.ancestors.begin(), callTap[a]);
      callTap[i] = static_cast<int>(taps_.size());
      taps_.push_back({std::move(tap), graph_->outputs()[call.outputIndex], static_cast<int>(i), nullptr});
    }
    // The main op of each leaf (its conv, pool, ...) gives hyper-parameters and, for unknown types, the kind.
    forEachNode(graph_->block(), [&](Node* n) {
      const int call = ownerOf(n);
      if (call < 0 || !calls_[call].leaf || callTap[call] < 0) return;
      Tap& tap = taps_[callTap[call]];
      const LayerKind opKind = kindOfOp(n);
      if (tap.op || opKind == LayerKind::Other) return;
      if (tap.info.layer.kind == LayerKind::Other || tap.info.layer.kind == opKind ||
          (tap.info.layer.kind == LayerKind::ReLU6 &&
           n->kind().toQualString() == std::string("aten::hardtanh"))) {
        if (tap.info.layer.kind == LayerKind::Other) tap.info.layer.kind = opKind;
        tap.op = n;
      }
    });
    // Functional ops outside leaves (residual adds, concats, flatten, F.relu, ...) are layers too.
    for (Node* n : graph_->block()->nodes()) {
      const int call = ownerOf(n);
      if (call >= 0 && calls_[call].leaf) continue;
      if (n->outputs().size() != 1 || !isTensor(n->output())) continue;
      LayerKind kind = kindOfOp(n);
      if (kind == LayerKind::Add && !(isTensor(n->input(0)) && isTensor(n->input(1))))
        kind = LayerKind::Other;
      if (kind == LayerKind::Other && !computesValues(n)) continue;
      TapInfo tap;
      const std::string prefix = call >= 0 ? calls_[call].path + "." : "";
      tap.layer.name = uniqueName(prefix + opShortName(n));
      tap.layer.kind = kind;
      tap.layer.typeName = n->kind() == prim::CallFunction ? "F." + opShortName(n) : n->kind().toQualString();
      tap.layer.parent = call >= 0 ? calls_[call].path : "";
      for (int a = call; a >= 0; a = calls_[a].parent)
        if (callTap[a] >= 0) tap.ancestors.insert(tap.ancestors.begin(), callTap[a]);
      const int slot = track(n->output());
      taps_.push_back({std::move(tap), graph_->outputs()[slot], -1, n});
    }
    for (Tap& tap : taps_)
      if (tap.op) readOpParameters(tap.op, tap.info.layer);
  }

  // Data-flow edges: the tensors a layer reads that are produced outside it, traced back to tapped layers.
  void resolveEdges() {
    // Layers in graph order: the model input, then taps by the position of the node that defines them.
    std::unordered_map<Node*, int> position;
    int index = 0;
    for (Node* n : graph_->block()->nodes()) position[n] = index++;
    std::vector<int> order;
    for (size_t i = 0; i < taps_.size(); ++i)
      if (!taps_[i].info.isContainer) order.push_back(static_cast<int>(i));
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return position[taps_[a].value->node()] < position[taps_[b].value->node()];
    });
    result_.layerTaps.push_back(-1);
    for (int t : order) result_.layerTaps.push_back(t);

    std::unordered_map<const Value*, int> layerOfValue;
    layerOfValue[graph_->inputs()[1]] = 0;
    for (size_t l = 1; l < result_.layerTaps.size(); ++l)
      layerOfValue.emplace(taps_[result_.layerTaps[l]].value, l);

    for (size_t l = 1; l < result_.layerTaps.size(); ++l) {
      Tap& tap = taps_[result_.layerTaps[l]];
      std::vector<Value*> reads;
      if (tap.call >= 0) {
        const int call = tap.call;
        forEachNode(graph_->block(), [&](Node* n) {
          if (ownerOf(n) != call) return;
          for (Value* v : n->inputs())
            if (ownerOf(v->node()) != call && v->node()->kind() != prim::Constant &&
                std::find(reads.begin(), reads.end(), v) == reads.end())
              reads.push_back(v);
        });
      } else {
        for (Value* v : tap.op->inputs()) reads.push_back(v);
      }
      std::vector<int>& inputs = tap.info.layer.inputs;
      std::set<const Value*> visited;
      std::function<void(Value*)> trace = [&](Value* v) {
        if (!visited.insert(v).second) return;
        auto found = layerOfValue.find(v);
        if (found != layerOfValue.end() && found->second != static_cast<int>(l)) {
          if (std::find(inputs.begin(), inputs.end(), found->second) == inputs.end())
            inputs.push_back(found->second);
          return;
        }
        if (v->node()->kind() == prim::Param || v->node()->kind() == prim::GetAttr ||
            v->node()->kind() == prim::Constant)
          return;
        if (!isTensor(v) && v->node()->kind() != prim::ListConstruct &&
            v->node()->kind() != prim::TupleConstruct)
          return;
        for (Value* in : v->node()->inputs()) trace(in);
      };
      for (Value* v : reads) trace(v);
    }
  }

  // Replaces the tracking outputs by (model output, tap 0, tap 1, ...) as one tuple; copies activations that
  // a later in-place op would overwrite (ReLU(inplace=True), `out += identity`).
  void finishOutputs(TapMode mode) {
    Value* modelOutput = graph_->outputs()[0];
    torch::jit::AliasDb aliases(graph_);
    std::vector<Value*> tupleItems{modelOutput};
    std::unordered_map<Value*, Value*> copies;
    for (Tap& tap : taps_) {
      Value* v = tap.value;
      Value* out = v;
      if (mode == TapMode::ShapeOnly) {
        torch::jit::WithInsertPoint guard(graph_->return_node());
        out = graph_->insert(c10::aten::size, {v});
      } else if (aliases.hasWriters(v)) {
        auto it = copies.find(v);
        if (it == copies.end()) {
          torch::jit::WithInsertPoint guard(v->node()->next());
          it = copies.emplace(v, graph_->insert(c10::aten::clone, {v})).first;
        }
        out = it->second;
      }
      tupleItems.push_back(out);
    }
    while (!graph_->outputs().empty()) graph_->eraseOutput(graph_->outputs().size() - 1);
    torch::jit::WithInsertPoint guard(graph_->return_node());
    Node* tuple = graph_->insertNode(graph_->createTuple(tupleItems));
    graph_->registerOutput(tuple->output());
    torch::jit::EliminateDeadCode(graph_);
    for (Tap& tap : taps_) result_.taps.push_back(std::move(tap.info));
    result_.graph = graph_;
  }

  struct Tap {
    TapInfo info;
    Value* value = nullptr;
    int call = -1;       // module call it comes from, -1 for a functional op
    Node* op = nullptr;  // the op whose constants hold its hyper-parameters
  };

  const torch::jit::Module& module_;
  std::string origin_;
  std::shared_ptr<Graph> graph_;
  Value* self_ = nullptr;
  std::unordered_map<Node*, int> owner_;
  std::vector<ModuleCall> calls_;
  std::vector<Tap> taps_;
  std::map<std::string, int> nameCounts_;
  CaptureGraph result_;
};

}  // namespace

CaptureGraph buildCaptureGraph(const torch::jit::Module& module, TapMode mode, const std::string& origin) {
  try {
    return CaptureGraphBuilder(module, origin).build(mode);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    std::string what = e.what();
    throw InputError(origin + ": cannot insert activation taps: " + what.substr(0, what.find('\n')));
  }
}

}  // namespace convoscope
