// The start-up cache's payload (core/SnapshotCodec.h): a snapshot and its metadata come back exactly, and
// bytes that are not exactly one valid encoding — truncated, extended, or consistent-looking but pointing
// outside the snapshot — come back as nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/SnapshotCodec.h"

namespace convoscope {
namespace {

CachedSnapshot sample() {
  CachedSnapshot c;
  c.metadata.displayName = "Tiny";
  c.metadata.classNames = {"cat", "dog"};
  c.metadata.inputShape = {1, 2, 2};
  c.metadata.normalization = {{0.5f}, {0.25f}};
  c.imagePath = "/images/a.png";
  c.imageHash = 0x1234567890abcdefull;
  Snapshot& s = c.snapshot;
  s.modelName = "Tiny";
  s.inputShape = {1, 2, 2};
  Layer input;
  input.name = "input";
  input.kind = LayerKind::Input;
  input.output = {{1, 2, 2}, {0.f, 0.25f, -1.5f, 3.f}};
  Layer conv;
  conv.name = "features.0";
  conv.kind = LayerKind::Conv2d;
  conv.typeName = "Conv2d";
  conv.parent = "features";
  conv.inputs = {0};
  conv.output = {{2, 1, 1}, {0.1f, -0.2f}};
  conv.weight = ParameterTensor(FloatTensor{{2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}});
  conv.bias = ParameterTensor(FloatTensor{{2}, {0.5f, -0.5f}});
  conv.window.kernel = {2, 2};
  conv.window.ceilMode = true;
  conv.parameterCount = 10;
  for (Layer* l : {&input, &conv}) l->stats = computeStats(l->output.data);
  s.layers = {input, conv};
  s.modules = {{"features", "Sequential", {2, 1, 1}, conv.stats, 1, 1}};
  s.classNames = {"cat", "dog"};
  s.logits = {0.1f, -0.2f};
  s.probabilities = {0.574f, 0.426f};
  return c;
}

TEST(SnapshotCodec, ASnapshotComesBackExactly) {
  const CachedSnapshot original = sample();
  const std::optional<CachedSnapshot> back = decodeCachedSnapshot(encodeCachedSnapshot(original));
  ASSERT_TRUE(back);
  EXPECT_TRUE(sameSnapshotValues(original.snapshot, back->snapshot));
  EXPECT_EQ(back->imagePath, original.imagePath);
  EXPECT_EQ(back->imageHash, original.imageHash);
  EXPECT_EQ(back->metadata.classNames, original.metadata.classNames);
  EXPECT_EQ(back->metadata.normalization.std, original.metadata.normalization.std);
  const Layer& conv = back->snapshot.layers[1];
  EXPECT_EQ(conv.parent, "features");
  EXPECT_EQ(conv.window.kernel[1], 2);
  EXPECT_TRUE(conv.window.ceilMode);
  EXPECT_EQ(conv.parameterCount, 10);
  EXPECT_FLOAT_EQ(conv.stats.min, -0.2f);
  ASSERT_EQ(back->snapshot.modules.size(), 1u);
  EXPECT_EQ(back->snapshot.modules[0].lastLayer, 1);
  EXPECT_NE(back->snapshot.id, original.snapshot.id);  // a new snapshot of this process
}

TEST(SnapshotCodec, SameValuesNoticesOneChangedBit) {
  const CachedSnapshot a = sample();
  for (int where = 0; where < 3; ++where) {
    CachedSnapshot b = sample();
    float* value = where == 0   ? &b.snapshot.layers[1].output.data[1]
                   : where == 1 ? &b.snapshot.logits[0]
                                : nullptr;
    if (value) {
      *value = std::nextafter(*value, 10.f);
    } else {
      FloatTensor w = *b.snapshot.layers[1].weight;
      w.data[7] = std::nextafter(w.data[7], 10.f);
      b.snapshot.layers[1].weight = ParameterTensor(w);
    }
    EXPECT_FALSE(sameSnapshotValues(a.snapshot, b.snapshot)) << where;
  }
  EXPECT_TRUE(sameSnapshotValues(a.snapshot, sample().snapshot));
}

TEST(SnapshotCodec, TruncatedOrExtendedBytesAreNothing) {
  const std::vector<uint8_t> bytes = encodeCachedSnapshot(sample());
  for (size_t cut = 0; cut < bytes.size(); cut += 7)
    EXPECT_FALSE(decodeCachedSnapshot(std::vector<uint8_t>(bytes.begin(), bytes.begin() + cut))) << cut;
  std::vector<uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(decodeCachedSnapshot(longer));
}

TEST(SnapshotCodec, InconsistentSnapshotsAreRefused) {
  {  // a layer reading a later layer
    CachedSnapshot c = sample();
    c.snapshot.layers[1].inputs = {1};
    EXPECT_FALSE(decodeCachedSnapshot(encodeCachedSnapshot(c)));
  }
  {  // data that does not fill its shape
    CachedSnapshot c = sample();
    c.snapshot.layers[1].output.shape = {2, 2, 1};
    EXPECT_FALSE(decodeCachedSnapshot(encodeCachedSnapshot(c)));
  }
  {  // a module past the last layer
    CachedSnapshot c = sample();
    c.snapshot.modules[0].lastLayer = 2;
    EXPECT_FALSE(decodeCachedSnapshot(encodeCachedSnapshot(c)));
  }
  {  // probabilities that do not match the logits
    CachedSnapshot c = sample();
    c.snapshot.probabilities.pop_back();
    EXPECT_FALSE(decodeCachedSnapshot(encodeCachedSnapshot(c)));
  }
  {  // a layer kind out of range, and a bool that is not 0 or 1, written over the bytes
    std::vector<uint8_t> bytes = encodeCachedSnapshot(sample());
    const std::vector<uint8_t> plain = bytes;
    const std::string name = "features.0";
    auto at = std::search(bytes.begin(), bytes.end(), name.begin(), name.end());
    ASSERT_NE(at, bytes.end());
    const int32_t kind = 999;
    std::memcpy(&*(at + name.size()), &kind, sizeof(kind));
    EXPECT_FALSE(decodeCachedSnapshot(bytes));
    EXPECT_TRUE(decodeCachedSnapshot(plain));
  }
}

}  // namespace
}  // namespace convoscope
