// The compare view's bookkeeping (ui/CompareState.h): what the slabs show in each view, that B belongs to the
// A it was captured against (a new image asks for B again, a new model drops it), and that a failure keeps
// the previous B.
#include <gtest/gtest.h>

#include "ViewerStateFixtures.h"
#include "core/SnapshotDifference.h"
#include "ui/CompareState.h"
#include "ui/ViewerState.h"

namespace convoscope {
namespace {

using ui_fixtures::stateWithChain;

// B: A with every activation doubled and class 4 winning.
std::shared_ptr<const CompareResult> resultFor(const Snapshot& a) {
  Snapshot b = a;
  b.renewId();
  for (Layer& layer : b.layers)
    for (float& v : layer.output.data) v = 2 * v + 1;
  b.probabilities.assign(10, 0.01f);
  b.probabilities[4] = 0.91f;
  auto result = std::make_shared<CompareResult>();
  result->difference = std::make_shared<const Snapshot>(differenceSnapshot(a, b));
  result->b = std::make_shared<const Snapshot>(std::move(b));
  result->divergence.assign(a.layers.size(), LayerDivergence{1, 4, 2, 1});  // distance 1
  return result;
}

ViewerState stateWithB() {
  ViewerState state = stateWithChain();
  CompareRequest request;
  request.source = CompareSource::Fgsm;
  requestCompare(state, request);
  EXPECT_TRUE(state.compare.outbox);
  state.compare.outbox.reset();
  finishCompare(state, resultFor(*state.snapshot), request, state.snapshot->id);
  return state;
}

TEST(CompareState, AFirstBShowsTheDifferenceAndCCyclesTheViews) {
  ViewerState state = stateWithB();
  const CompareResult* b = visibleCompare(state);
  ASSERT_TRUE(b);
  EXPECT_EQ(state.compare.view, CompareView::Difference);
  EXPECT_TRUE(state.compare.bringTabForward);
  EXPECT_EQ(displayedSnapshot(state), b->difference.get());
  cycleCompareView(state);
  EXPECT_EQ(displayedSnapshot(state), state.snapshot.get());
  cycleCompareView(state);
  EXPECT_EQ(displayedSnapshot(state), b->b.get());
  EXPECT_EQ(firstDivergentLayerShown(state), state.layout.slabs[1].layer) << "the first slab after the input";
  state.compare.threshold = 2.0;
  EXPECT_EQ(firstDivergentLayerShown(state), -1);
}

TEST(CompareState, TheDifferenceIsAMinusBEverywhere) {
  ViewerState state = stateWithB();
  const CompareResult& r = *visibleCompare(state);
  for (size_t l = 0; l < state.snapshot->layers.size(); ++l) {
    const auto& a = state.snapshot->layers[l].output.data;
    const auto& d = r.difference->layers[l].output.data;
    ASSERT_EQ(a.size(), d.size());
    for (size_t i = 0; i < a.size(); i += 97) EXPECT_FLOAT_EQ(d[i], a[i] - (2 * a[i] + 1));
  }
  EXPECT_NE(r.difference->id, state.snapshot->id) << "the renderer must not reuse A's textures for it";
}

TEST(CompareState, ANewImageAsksForBAgainAndANewModelDropsIt) {
  ViewerState state = stateWithB();
  const CompareRequest asked = state.compare.shownRequest;
  auto image = std::make_shared<Snapshot>(scene_fixtures::chainSnapshot());
  showSnapshot(state, image, false);
  EXPECT_FALSE(visibleCompare(state)) << "B was captured against the previous A";
  EXPECT_EQ(displayedSnapshot(state), state.snapshot.get());
  ASSERT_TRUE(state.compare.outbox);
  EXPECT_EQ(*state.compare.outbox, asked);
  showSnapshot(state, std::make_shared<Snapshot>(scene_fixtures::chainSnapshot()), true);
  EXPECT_FALSE(state.compare.result);
  EXPECT_FALSE(state.compare.outbox);
  EXPECT_EQ(state.compare.view, CompareView::A);
}

TEST(CompareState, AFailureKeepsThePreviousBAndWithoutBTheKeyOnlyExplains) {
  ViewerState state = stateWithB();
  failCompare(state, "b.png: no such file");
  EXPECT_TRUE(visibleCompare(state));
  EXPECT_EQ(state.compare.error, "b.png: no such file");
  clearCompare(state);
  EXPECT_FALSE(visibleCompare(state));
  const size_t toasts = state.toasts.size();
  cycleCompareView(state);
  EXPECT_EQ(state.compare.view, CompareView::A);
  EXPECT_EQ(state.toasts.size(), toasts + 1) << "C without a B says how to get one";
}

TEST(CompareState, RemovingBDropsAJobInFlightAndAskedRequestsAreNotAskedTwice) {
  ViewerState state = stateWithB();
  CompareRequest pgd;
  pgd.source = CompareSource::Pgd;
  EXPECT_TRUE(compareAsked(state, state.compare.shownRequest));
  EXPECT_FALSE(compareAsked(state, pgd));
  state.compare.inFlight = pgd;  // the window started it
  EXPECT_TRUE(compareAsked(state, pgd)) << "a tour step repeating it does not start it again";
  const uint64_t generation = state.compare.generation;
  clearCompare(state);
  EXPECT_NE(state.compare.generation, generation) << "the job's outcome will be dropped";
  EXPECT_FALSE(visibleCompare(state));
  requestCompare(state, pgd);
  EXPECT_EQ(state.compare.generation, generation + 1) << "asking again keeps what is in flight useful";
  EXPECT_TRUE(compareRequestFrom("", "fgsm", 0.5f, 1, 3));
  EXPECT_FALSE(compareRequestFrom("", "", 0.5f, 1, std::nullopt));
  EXPECT_THROW(compareRequestFrom("b.png", "fgsm", 0.5f, 1, std::nullopt), std::exception);
  EXPECT_THROW(compareRequestFrom("", "fgsm", 1.5f, 1, std::nullopt), std::exception);
  EXPECT_THROW(compareRequestFrom("", "fgsm", 0.5f, 0, std::nullopt), std::exception);
  EXPECT_THROW(compareRequestFrom("", "fgsm", 0.5f, 1, -2), std::exception);
}

TEST(CompareState, ViewNamesRoundTrip) {
  for (CompareView v : {CompareView::A, CompareView::B, CompareView::Difference})
    EXPECT_EQ(parseCompareView(compareViewName(v)), v);
  EXPECT_FALSE(parseCompareView("c"));
}

}  // namespace
}  // namespace convoscope

namespace convoscope {
namespace {

TEST(CompareDrop, AnImageDroppedWhileTheCompareTabIsOpenBecomesB) {
  ViewerState state = ui_fixtures::stateWithChain();
  dropPaths(state, {"/tmp/b.png"});
  EXPECT_FALSE(state.compare.outbox) << "tab closed: the image is A";
  ASSERT_EQ(state.outbox.size(), 1u);
  EXPECT_EQ(state.outbox[0].imagePath, "/tmp/b.png");
  state.outbox.clear();
  state.panels.compareTabOpen = true;
  dropPaths(state, {"/tmp/b.png"});
  ASSERT_TRUE(state.compare.outbox);
  EXPECT_EQ(state.compare.outbox->source, CompareSource::Image);
  EXPECT_EQ(state.compare.outbox->imagePath, "/tmp/b.png");
  EXPECT_TRUE(state.outbox.empty());
  dropPaths(state, {"/tmp/m.pt"});
  ASSERT_EQ(state.outbox.size(), 1u) << "a model is always loaded";
  EXPECT_EQ(state.outbox[0].modelPath, "/tmp/m.pt");
}

}  // namespace
}  // namespace convoscope
