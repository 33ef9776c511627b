#include "core/SnapshotCodec.h"

#include <array>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace convoscope {
namespace {

constexpr uint32_t kMagic = 0x50414e53;  // "SNAP"
constexpr uint32_t kVersion = 1;
constexpr uint64_t kMaxCount = uint64_t(1) << 32;  // no field of a real snapshot has more elements

struct Malformed : std::runtime_error {
  Malformed() : std::runtime_error("malformed snapshot") {}
};

class ByteWriter {
 public:
  template <typename T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const uint8_t*>(&value);
    bytes.insert(bytes.end(), p, p + sizeof(T));
  }
  template <typename T>
  void putVector(const std::vector<T>& values) {
    put<uint64_t>(values.size());
    const auto* p = reinterpret_cast<const uint8_t*>(values.data());
    bytes.insert(bytes.end(), p, p + values.size() * sizeof(T));
  }
  void putString(const std::string& text) { putVector(std::vector<char>(text.begin(), text.end())); }
  std::vector<uint8_t> bytes;
};

class ByteReader {
 public:
  explicit ByteReader(const std::vector<uint8_t>& bytes) : bytes_(bytes) {}
  template <typename T>
  T get() {
    T value;
    take(&value, sizeof(T));
    return value;
  }
  template <typename T>
  std::vector<T> getVector() {
    const uint64_t count = get<uint64_t>();
    if (count > kMaxCount || count * sizeof(T) > bytes_.size() - at_) throw Malformed();
    std::vector<T> values(count);
    take(values.data(), count * sizeof(T));
    return values;
  }
  std::string getString() {
    const std::vector<char> chars = getVector<char>();
    return std::string(chars.begin(), chars.end());
  }
  uint64_t count() {  // an element count, bounded by the bytes left (each element takes at least one byte)
    const uint64_t n = get<uint64_t>();
    if (n > bytes_.size() - at_) throw Malformed();
    return n;
  }
  bool finished() const { return at_ == bytes_.size(); }

 private:
  void take(void* out, size_t size) {
    if (size > bytes_.size() - at_) throw Malformed();
    if (size) std::memcpy(out, bytes_.data() + at_, size);
    at_ += size;
  }
  const std::vector<uint8_t>& bytes_;
  size_t at_ = 0;
};

void putTensor(ByteWriter& w, const FloatTensor& t) {
  w.putVector(t.shape);
  w.putVector(t.data);
}

FloatTensor getTensor(ByteReader& r) {
  FloatTensor t;
  t.shape = r.getVector<int64_t>();
  t.data = r.getVector<float>();
  int64_t elements = 1;
  for (int64_t d : t.shape) {
    if (d < 0 || (d > 0 && elements > (int64_t(1) << 40) / d)) throw Malformed();
    elements *= d;
  }
  if (!(t.data.empty() && t.shape.empty()) && elements != t.numel()) throw Malformed();
  return t;
}

// Field by field: a bool read from arbitrary bytes must be 0 or 1 to be a bool at all.
void putWindow(ByteWriter& w, const WindowParams& p) {
  for (const auto* pair : {&p.kernel, &p.stride, &p.padding, &p.dilation, &p.outputSize}) w.put(*pair);
  w.put(p.groups);
  w.put<uint8_t>(p.ceilMode);
  w.put<uint8_t>(p.countIncludePad);
}

WindowParams getWindow(ByteReader& r) {
  WindowParams p;
  for (auto* pair : {&p.kernel, &p.stride, &p.padding, &p.dilation, &p.outputSize})
    *pair = r.get<std::array<int64_t, 2>>();
  p.groups = r.get<int64_t>();
  const uint8_t ceil = r.get<uint8_t>(), countPad = r.get<uint8_t>();
  if (ceil > 1 || countPad > 1) throw Malformed();
  p.ceilMode = ceil;
  p.countIncludePad = countPad;
  return p;
}

void putLayer(ByteWriter& w, const Layer& l) {
  w.putString(l.name);
  w.put<int32_t>(static_cast<int32_t>(l.kind));
  w.putString(l.typeName);
  w.putString(l.parent);
  putTensor(w, l.output);
  w.put(l.stats);
  w.putVector(l.inputs);
  for (const ParameterTensor* p : {&l.weight, &l.bias, &l.runningMean, &l.runningVar}) putTensor(w, **p);
  putWindow(w, l.window);
  w.put(l.eps);
  w.put(l.negativeSlope);
  w.put(l.alpha);
  w.put(l.concatDim);
  w.put(l.softmaxDim);
  w.put(l.parameterCount);
}

Layer getLayer(ByteReader& r, int index) {
  Layer l;
  l.name = r.getString();
  const int32_t kind = r.get<int32_t>();
  if (kind < 0 || kind > static_cast<int32_t>(LayerKind::Other)) throw Malformed();
  l.kind = static_cast<LayerKind>(kind);
  l.typeName = r.getString();
  l.parent = r.getString();
  l.output = getTensor(r);
  l.stats = r.get<ActivationStats>();
  l.inputs = r.getVector<int>();
  for (int input : l.inputs)
    if (input < 0 || input >= index) throw Malformed();  // data flows from earlier layers only
  for (ParameterTensor* p : {&l.weight, &l.bias, &l.runningMean, &l.runningVar}) {
    FloatTensor t = getTensor(r);
    if (!t.empty()) *p = ParameterTensor(std::move(t));
  }
  l.window = getWindow(r);
  l.eps = r.get<double>();
  l.negativeSlope = r.get<double>();
  l.alpha = r.get<double>();
  l.concatDim = r.get<int64_t>();
  l.softmaxDim = r.get<int64_t>();
  l.parameterCount = r.get<int64_t>();
  return l;
}

void putModule(ByteWriter& w, const ModuleOutput& m) {
  w.putString(m.name);
  w.putString(m.typeName);
  w.putVector(m.shape);
  w.put(m.stats);
  w.put<int32_t>(m.firstLayer);
  w.put<int32_t>(m.lastLayer);
}

ModuleOutput getModule(ByteReader& r, size_t layers) {
  ModuleOutput m;
  m.name = r.getString();
  m.typeName = r.getString();
  m.shape = r.getVector<int64_t>();
  m.stats = r.get<ActivationStats>();
  m.firstLayer = r.get<int32_t>();
  m.lastLayer = r.get<int32_t>();
  if (m.firstLayer < 0 || m.lastLayer < m.firstLayer || static_cast<size_t>(m.lastLayer) >= layers)
    throw Malformed();
  return m;
}

void putStrings(ByteWriter& w, const std::vector<std::string>& texts) {
  w.put<uint64_t>(texts.size());
  for (const std::string& t : texts) w.putString(t);
}

std::vector<std::string> getStrings(ByteReader& r) {
  std::vector<std::string> texts(r.count());
  for (std::string& t : texts) t = r.getString();
  return texts;
}

CachedSnapshot decodeOrThrow(const std::vector<uint8_t>& bytes) {
  ByteReader r(bytes);
  if (r.get<uint32_t>() != kMagic || r.get<uint32_t>() != kVersion) throw Malformed();
  CachedSnapshot out;
  try {
    out.metadata = parseModelMetadata(r.getString(), "snapshot cache");
  } catch (const std::exception&) {
    throw Malformed();
  }
  out.imagePath = r.getString();
  out.imageHash = r.get<uint64_t>();
  Snapshot& s = out.snapshot;
  s.modelName = r.getString();
  s.inputShape = r.getVector<int64_t>();
  s.layers.resize(r.count());
  for (size_t i = 0; i < s.layers.size(); ++i) s.layers[i] = getLayer(r, static_cast<int>(i));
  s.modules.resize(r.count());
  for (ModuleOutput& m : s.modules) m = getModule(r, s.layers.size());
  s.classNames = getStrings(r);
  s.logits = r.getVector<float>();
  s.probabilities = r.getVector<float>();
  if (s.layers.empty() || s.probabilities.size() != s.logits.size() || !r.finished()) throw Malformed();
  return out;
}

bool sameTensor(const FloatTensor& a, const FloatTensor& b) {
  return a.shape == b.shape && a.data.size() == b.data.size() &&
         (a.data.empty() || std::memcmp(a.data.data(), b.data.data(), a.data.size() * sizeof(float)) == 0);
}

bool sameLayer(const Layer& a, const Layer& b) {
  return a.name == b.name && a.kind == b.kind && a.inputs == b.inputs && sameTensor(a.output, b.output) &&
         sameTensor(*a.weight, *b.weight) && sameTensor(*a.bias, *b.bias) &&
         sameTensor(*a.runningMean, *b.runningMean) && sameTensor(*a.runningVar, *b.runningVar);
}

}  // namespace

std::vector<uint8_t> encodeCachedSnapshot(const CachedSnapshot& cached) {
  ByteWriter w;
  w.put(kMagic);
  w.put(kVersion);
  w.putString(serializeModelMetadata(cached.metadata));
  w.putString(cached.imagePath);
  w.put(cached.imageHash);
  const Snapshot& s = cached.snapshot;
  w.putString(s.modelName);
  w.putVector(s.inputShape);
  w.put<uint64_t>(s.layers.size());
  for (const Layer& l : s.layers) putLayer(w, l);
  w.put<uint64_t>(s.modules.size());
  for (const ModuleOutput& m : s.modules) putModule(w, m);
  putStrings(w, s.classNames);
  w.putVector(s.logits);
  w.putVector(s.probabilities);
  return std::move(w.bytes);
}

std::optional<CachedSnapshot> decodeCachedSnapshot(const std::vector<uint8_t>& bytes) {
  try {
    return decodeOrThrow(bytes);
  } catch (const Malformed&) {
    return std::nullopt;
  } catch (const std::bad_alloc&) {
    return std::nullopt;
  }
}

bool sameSnapshotValues(const Snapshot& a, const Snapshot& b) {
  if (a.layers.size() != b.layers.size() || a.classNames != b.classNames || a.inputShape != b.inputShape)
    return false;
  const auto sameFloats = [](const std::vector<float>& x, const std::vector<float>& y) {
    return x.size() == y.size() && (x.empty() || std::memcmp(x.data(), y.data(), x.size() * sizeof(float)) == 0);
  };
  if (!sameFloats(a.logits, b.logits) || !sameFloats(a.probabilities, b.probabilities)) return false;
  for (size_t i = 0; i < a.layers.size(); ++i)
    if (!sameLayer(a.layers[i], b.layers[i])) return false;
  return true;
}

}  // namespace convoscope
