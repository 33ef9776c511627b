// A frame drawn again with the same inputs is copied from the one before (renderer/SceneFrameReuse.h): the
// copy must be the very picture a fresh draw makes, and any change in what the scene draws from must draw.
#include <gtest/gtest.h>

#include "ImageCompare.h"
#include "RenderTestSupport.h"
#include "SyntheticSnapshot.h"
#include "renderer/SceneFrameReuse.h"
#include "scene/HeatOverlay.h"
#include "scene/ShotFraming.h"

namespace convoscope {
namespace {

using rendertest::sharedContext;
using rendertest::tinyVggSnapshot;

constexpr int kWidth = 480, kHeight = 270;

struct Inputs {
  const Snapshot& snapshot;
  const SceneLayout& layout;
  OrbitCamera camera;
  Selection selection;
  ViewOptions view;
  SlabOverlays overlays;
};

Inputs inputsFor(const Snapshot& snapshot, const SceneLayout& layout) {
  Inputs in{snapshot, layout, OrbitCamera{}, Selection::ofChannel(2, 1), ViewOptions{}, SlabOverlays{}};
  applyShotCamera(in.camera, layout, static_cast<float>(kWidth) / kHeight);
  return in;
}

rendertest::RenderedFrame draw(SceneRenderer& renderer, const Inputs& in, int samples = kInteractiveSamples) {
  Framebuffer target(kWidth, kHeight, samples);
  target.bind();
  rendertest::RenderedFrame frame;
  frame.stats = renderer.render(in.snapshot, in.layout, in.camera, in.selection, in.view, {kWidth, kHeight},
                                in.overlays);
  frame.image = target.read();
  return frame;
}

// What a renderer that never reuses draws for the same inputs.
RgbaImage drawnFresh(const Inputs& in) {
  SceneRenderer fresh;
  fresh.setFrameReuse(false);
  return draw(fresh, in).image;
}

void expectSamePicture(const RgbaImage& a, const RgbaImage& b) {
  ASSERT_EQ(a.pixels.size(), b.pixels.size());
  EXPECT_TRUE(a.pixels == b.pixels) << "mean difference " << rendertest::compareImages(a, b).meanAbsolute;
}

TEST(SceneFrameReuse, TheThirdSameFrameIsACopyOfTheDrawnOne) {
  sharedContext();
  const Snapshot snapshot = tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const Inputs in = inputsFor(snapshot, layout);
  SceneRenderer renderer;
  const rendertest::RenderedFrame first = draw(renderer, in);
  const rendertest::RenderedFrame second = draw(renderer, in);  // drawn, then kept
  const rendertest::RenderedFrame third = draw(renderer, in);   // copied
  EXPECT_FALSE(first.stats.reused);
  EXPECT_FALSE(second.stats.reused);
  EXPECT_TRUE(third.stats.reused);
  expectSamePicture(third.image, first.image);
  EXPECT_EQ(third.stats.labels.size(), first.stats.labels.size());
  EXPECT_EQ(third.stats.drawCalls, first.stats.drawCalls);
}

// Each change after a reuse: the frame is drawn, and it is what a renderer that never reuses draws.
TEST(SceneFrameReuse, AnyChangeDrawsAnew) {
  sharedContext();
  const Snapshot snapshot = tinyVggSnapshot();
  const Snapshot other = tinyVggSnapshot(2);
  const SceneLayout layout = layoutSlabs(snapshot);
  const SceneLayout otherLayout = layoutSlabs(other);
  const Inputs base = inputsFor(snapshot, layout);
  std::vector<std::pair<std::string, Inputs>> changes;
  Inputs moved = base;
  moved.camera.orbit(0.01f, 0.0f);
  changes.push_back({"camera", moved});
  Inputs picked = base;
  picked.selection = Selection::ofChannel(2, 3);
  changes.push_back({"selection", picked});
  Inputs recoloured = base;
  recoloured.view.colourMap = ColourMapChoice::Diverging;
  changes.push_back({"colour map", recoloured});
  Inputs unlabelled = base;
  unlabelled.view.showLabels = false;
  changes.push_back({"labels", unlabelled});
  Inputs noted = base;
  noted.overlays.legendNote = "A − B";
  changes.push_back({"legend note", noted});
  changes.push_back({"snapshot", inputsFor(other, otherLayout)});
  for (const auto& [what, changed] : changes) {
    SCOPED_TRACE(what);
    SceneRenderer renderer;
    for (int i = 0; i < 3; ++i) draw(renderer, base);
    const rendertest::RenderedFrame after = draw(renderer, changed);
    EXPECT_FALSE(after.stats.reused);
    expectSamePicture(after.image, drawnFresh(changed));
  }
}

TEST(SceneFrameReuse, NeverWithOverlaysOrOnAMultisampledTarget) {
  sharedContext();
  const Snapshot snapshot = tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  Inputs withHeat = inputsFor(snapshot, layout);
  HeatOverlay heat;  // even an empty one: its maps may change behind the same pointer
  withHeat.overlays.heat = &heat;
  EXPECT_FALSE(sceneFrameKey(snapshot, layout, withHeat.camera, withHeat.selection, withHeat.view,
                             {kWidth, kHeight}, withHeat.overlays)
                   .has_value());
  SceneRenderer renderer;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(draw(renderer, withHeat).stats.reused);
  const Inputs plain = inputsFor(snapshot, layout);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(draw(renderer, plain, 4).stats.reused);
}

TEST(SceneFrameReuse, OffAfterInvalidateAndWhenTurnedOff) {
  sharedContext();
  const Snapshot snapshot = tinyVggSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  const Inputs in = inputsFor(snapshot, layout);
  SceneRenderer renderer;
  for (int i = 0; i < 3; ++i) draw(renderer, in);
  renderer.invalidate();  // an activation edited in place: the same keys, new values
  EXPECT_FALSE(draw(renderer, in).stats.reused);
  renderer.setFrameReuse(false);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(draw(renderer, in).stats.reused);
}

}  // namespace
}  // namespace convoscope
