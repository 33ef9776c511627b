// Caches key on Snapshot::id, never on an address: a new snapshot built where an old one lived (the
// allocator reuses freed blocks on purpose) is uploaded and explained anew, a copy of the same numbers is
// not.
#include <gtest/gtest.h>

#include <optional>

#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "renderer/ActivationTextures.h"
#include "renderer/ComputationView.h"

namespace convoscope {
namespace {

using rendertest::sharedContext;

TEST(SnapshotIdentity, EveryNewSnapshotHasItsOwnIdAndCopiesShareIt) {
  const Snapshot a, b;
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.id, 0u);
  const Snapshot copy = a;
  EXPECT_EQ(copy.id, a.id);
  Snapshot edited = a;
  edited.renewId();
  EXPECT_NE(edited.id, a.id);
}

TEST(SnapshotIdentity, ANewSnapshotAtAnOldAddressIsUploadedAgain) {
  sharedContext();
  SceneRenderer renderer;
  std::optional<Snapshot> slot(rendertest::tinyVggSnapshot());
  const Snapshot* address = &*slot;
  rendertest::renderSnapshot(renderer, *slot, 320, 180);
  const uint64_t uploads = renderer.activations().bytesUploaded();
  rendertest::renderSnapshot(renderer, *slot, 320, 180);
  EXPECT_EQ(renderer.activations().bytesUploaded(), uploads) << "the same snapshot is not uploaded twice";

  slot.reset();
  slot.emplace(rendertest::tinyVggSnapshot(2));  // same storage, other numbers
  ASSERT_EQ(&*slot, address);
  rendertest::renderSnapshot(renderer, *slot, 320, 180);
  EXPECT_GT(renderer.activations().bytesUploaded(), uploads);
}

TEST(SnapshotIdentity, TheComputationViewExplainsANewSnapshotAtTheSameAddress) {
  sharedContext();
  std::optional<Snapshot> slot(rendertest::tinyVggSnapshot());
  const SceneLayout layout = layoutSlabs(*slot);
  const int pool = slot->findLayer("pool1");
  ASSERT_GE(pool, 0);
  ComputationView view;
  ASSERT_TRUE(view.build(*slot, layout, Selection::ofCell(pool, 0, 3, 3), {})) << view.error();
  const double before = view.chain().front().value;

  slot.reset();
  Snapshot other = rendertest::tinyVggSnapshot();
  for (Layer& layer : other.layers)
    for (float& v : layer.output.data) v = v * 2.0f + 1.0f;  // other numbers, same shapes
  slot.emplace(std::move(other));
  ASSERT_TRUE(view.build(*slot, layout, Selection::ofCell(pool, 0, 3, 3), {})) << view.error();
  EXPECT_NE(view.chain().front().value, before);
}

}  // namespace
}  // namespace convoscope
