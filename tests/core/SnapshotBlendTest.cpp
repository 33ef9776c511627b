// The training timeline's in-between frames (core/SnapshotBlend.h): the ends are the checkpoints themselves,
// the middle is the linear mix of every number, and a checkpoint that did not load is stepped over.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/SnapshotBlend.h"

namespace convoscope {
namespace {

// A two-layer snapshot whose every value is `v` (activations, weights, bias) and whose output is [v, 1 − v].
Snapshot uniform(float v) {
  Snapshot s;
  s.modelName = "m";
  Layer input;
  input.name = "input";
  input.kind = LayerKind::Input;
  input.output = {{1, 2, 2}, std::vector<float>(4, v)};
  Layer conv;
  conv.name = "conv";
  conv.kind = LayerKind::Conv2d;
  conv.output = {{2, 2, 2}, std::vector<float>(8, v)};
  conv.weight = ParameterTensor(FloatTensor{{2, 1, 3, 3}, std::vector<float>(18, v)});
  conv.bias = ParameterTensor(FloatTensor{{2}, {v, v}});
  for (Layer* l : {&input, &conv}) l->stats = computeStats(l->output.data);
  s.layers = {input, conv};
  s.logits = {v, 1.0f - v};
  s.probabilities = {v, 1.0f - v};
  return s;
}

TEST(SnapshotBlend, TheEndsAreTheCheckpointsAndTheMiddleTheirMix) {
  const Snapshot a = uniform(0.2f), b = uniform(1.0f);
  const Snapshot atA = blendSnapshots(a, b, 0.0f), atB = blendSnapshots(a, b, 1.0f), mid = blendSnapshots(a, b, 0.25f);
  EXPECT_EQ(atA.layers[1].output.data, a.layers[1].output.data);
  EXPECT_EQ(atB.layers[1].output.data, b.layers[1].output.data);
  for (float x : mid.layers[1].output.data) EXPECT_FLOAT_EQ(x, 0.4f);
  for (float w : mid.layers[1].weight->data) EXPECT_FLOAT_EQ(w, 0.4f);
  EXPECT_FLOAT_EQ(mid.layers[1].bias->data[1], 0.4f);
  EXPECT_FLOAT_EQ(mid.layers[1].stats.mean, 0.4f);  // measured again, not carried over from a
  EXPECT_FLOAT_EQ(mid.probabilities[0] + mid.probabilities[1], 1.0f);
  EXPECT_NE(mid.id, a.id);
  EXPECT_FLOAT_EQ(a.layers[1].weight->data[0], 0.2f) << "the inputs are untouched (weights are shared, not mixed in place)";
}

TEST(SnapshotBlend, DifferentArchitecturesAreRefused) {
  Snapshot a = uniform(0.0f), b = uniform(1.0f);
  b.layers[1].output = {{3, 2, 2}, std::vector<float>(12, 1.0f)};
  EXPECT_FALSE(sameArchitecture(a, b));
  EXPECT_THROW(blendSnapshots(a, b, 0.5f), std::invalid_argument);
  EXPECT_TRUE(sameArchitecture(a, uniform(3.0f)));
}

TEST(SnapshotBlend, APositionShowsItsCheckpointOrBlendsTheLoadedOnesAroundIt) {
  CheckpointSnapshots s = {std::make_shared<Snapshot>(uniform(0.0f)), nullptr, std::make_shared<Snapshot>(uniform(1.0f))};
  EXPECT_EQ(snapshotAtPosition(s, 0.0, true), s[0]);
  EXPECT_EQ(snapshotAtPosition(s, 2.0, true), s[2]);
  // Checkpoint 1 did not load: 1.0 is halfway between the two that did.
  EXPECT_FLOAT_EQ(snapshotAtPosition(s, 1.0, true)->layers[1].output.data[0], 0.5f);
  EXPECT_FLOAT_EQ(snapshotAtPosition(s, 1.5, true)->layers[1].output.data[0], 0.75f);
  EXPECT_EQ(snapshotAtPosition(s, 1.5, false), s[2]) << "without blending, the nearer checkpoint";
  EXPECT_EQ(snapshotAtOrBelow(s, 1.9), 0);
  EXPECT_EQ(snapshotAtOrAbove(s, 0.1), 2);
  EXPECT_EQ(snapshotAtPosition(CheckpointSnapshots{nullptr}, 0.0, true), nullptr);
}

}  // namespace
}  // namespace convoscope
