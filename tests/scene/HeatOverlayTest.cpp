// Where "why this class?" maps are laid (scene/HeatOverlay.h) and how a tour asks for them (scene/Tour.h).
#include <gtest/gtest.h>

#include "SnapshotFixtures.h"
#include "core/Errors.h"
#include "scene/ColorMap.h"
#include "scene/HeatOverlay.h"
#include "scene/Tour.h"
#include "scene/TourValidation.h"

namespace convoscope {
namespace {

HeatMap mapAt(int layer, int rows, int cols) { return HeatMap{layer, rows, cols, std::vector<float>(rows * cols, 0.5f)}; }

TEST(HeatOverlay, EveryTileOfTheMapsSlabGetsTheMapAndTheFarViewToo) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  HeatOverlay overlay;
  overlay.maps = {mapAt(0, 32, 32), mapAt(snapshot.findLayer("relu2"), 16, 16)};
  const std::vector<HeatPlacement> placements = placeHeatMaps(layout, overlay);
  const int inputSlab = layout.slabForLayer(0), convSlab = layout.slabForLayer(snapshot.findLayer("relu2"));
  int onInput = 0, onConv = 0, farViews = 0;
  for (const HeatPlacement& p : placements) {
    onInput += p.slab == inputSlab;
    onConv += p.slab == convSlab;
    farViews += p.farView;
    EXPECT_EQ(p.map, p.slab == inputSlab ? 0 : 1);
    if (!p.farView) {
      // A tile placement covers exactly one channel tile of its slab.
      bool matchesATile = false;
      for (int c = 0; c < layout.slabs[p.slab].grid.channels; ++c) {
        const FaceRect t = tileRect(layout.slabs[p.slab], c);
        matchesATile = matchesATile || (t.min == p.rect.min && t.max == p.rect.max);
      }
      EXPECT_TRUE(matchesATile);
    }
  }
  EXPECT_EQ(onInput, 3 + 1);  // RGB: three channel tiles and the colour far view
  EXPECT_EQ(onConv, 16 + 1);
  EXPECT_EQ(farViews, 2);
}

TEST(HeatOverlay, CutAwaySlabsFlatSlabsAndLayersWithoutASlabGetNothing) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  LayoutOptions options;
  options.hiddenLayers = {snapshot.findLayer("pool")};
  const SceneLayout layout = layoutSlabs(snapshot, options);
  HeatOverlay overlay;
  overlay.maps = {mapAt(0, 32, 32), mapAt(snapshot.findLayer("pool"), 16, 16),
                  mapAt(snapshot.findLayer("fc"), 1, 10)};
  std::vector<bool> cut(layout.slabs.size(), false);
  EXPECT_EQ(placeHeatMaps(layout, overlay, cut).size(), 4u);  // only the input's tiles and far view
  cut[layout.slabForLayer(0)] = true;
  EXPECT_TRUE(placeHeatMaps(layout, overlay, cut).empty());
}

TEST(HeatOverlay, NormalisingDividesByTheMaximumAndClearsNegativesAndNans) {
  std::vector<float> values = {2.0f, -1.0f, 4.0f, std::nanf(""), 1.0f};
  normaliseHeat(values);
  EXPECT_EQ(values, (std::vector<float>{0.5f, 0.0f, 1.0f, 0.0f, 0.25f}));
  std::vector<float> zeros = {0.0f, -3.0f};
  normaliseHeat(zeros);
  EXPECT_EQ(zeros, (std::vector<float>{0.0f, 0.0f}));
}

TEST(HeatOverlay, HeatColoursBrightenFromDeepRedToPaleYellow) {
  float previous = -1.0f;
  for (int i = 0; i <= 20; ++i) {
    const float luminance = relativeLuminance(sampleHeat(i / 20.0f));
    EXPECT_GT(luminance, previous) << "t = " << i / 20.0f;
    previous = luminance;
  }
  EXPECT_GT(sampleHeat(0.0f).r, sampleHeat(0.0f).b);  // red end, not a blue one like the diverging map
}

TEST(HeatOverlay, MethodTitlesCoverTheCliNames) {
  EXPECT_EQ(attributionMethodTitle("ig"), "Integrated Gradients");
  EXPECT_EQ(attributionMethodTitle("gradcam"), "Grad-CAM");
  EXPECT_EQ(attributionMethodNames().size(), 5u);
  EXPECT_EQ(attributionMethodTitle("nope"), "nope");
}

std::string tourWith(const std::string& attribution) {
  return R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "why", "duration": 4, "attribution": )" +
         attribution + "}]}";
}

std::string parseError(const std::string& text) {
  try {
    parseTour(text, "tour.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TourAttribution, ParsesEveryFieldAndSurvivesARoundTrip) {
  const Tour tour = parseTour(
      tourWith(R"({"method": "gradcam", "class": 7, "contrast": 5, "layer": "conv2", "every_layer": true})"));
  ASSERT_TRUE(tour.steps[0].attribution);
  const AttributionRequest& a = *tour.steps[0].attribution;
  EXPECT_EQ(a.method, "gradcam");
  EXPECT_EQ(a.classIndex, 7);
  EXPECT_EQ(a.contrast, 5);
  EXPECT_EQ(a.layer, "conv2");
  EXPECT_TRUE(a.everyLayer);
  const Tour back = parseTour(tourToJson(tour));
  EXPECT_EQ(back.steps[0].attribution, tour.steps[0].attribution);
  const Tour plain = parseTour(tourWith(R"({"method": "ig"})"));
  EXPECT_EQ(plain.steps[0].attribution->classIndex, std::nullopt);
  EXPECT_FALSE(plain.steps[0].attribution->everyLayer);
}

TEST(TourAttribution, BadFieldsNameTheStepAndTheField) {
  EXPECT_NE(parseError(tourWith(R"({"method": "gradcamm"})")).find("expected one of gradcam, saliency"),
            std::string::npos);
  EXPECT_NE(parseError(tourWith(R"({"class": 3})")).find("missing field 'attribution.method'"), std::string::npos);
  EXPECT_NE(parseError(tourWith(R"({"method": "ig", "class": -1})")).find("field 'attribution.class' must be a whole number"), std::string::npos);
  EXPECT_NE(parseError(tourWith(R"({"method": "ig", "colour": 1})")).find("unknown field 'attribution.colour'"),
            std::string::npos);
  EXPECT_NE(parseError(tourWith(R"("gradcam")")).find("must be an object"), std::string::npos);
}

TEST(TourAttribution, ValidationChecksTheClassAndLayerAgainstTheModel) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  auto problem = [&](const std::string& attribution) -> std::string {
    try {
      validateTour(parseTour(tourWith(attribution)), snapshot, layout, "t.json");
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(problem(R"({"method": "gradcam", "class": 9, "layer": "conv2"})"), "");
  EXPECT_NE(problem(R"({"method": "gradcam", "class": 10})").find("t.json: step 1: attribution class 10 is out of range"),
            std::string::npos);
  EXPECT_NE(problem(R"({"method": "gradcam", "layer": "conv3"})").find("did you mean conv1"), std::string::npos);
  EXPECT_NE(problem(R"({"method": "gradcam", "layer": "fc"})").find("C×H×W"), std::string::npos);
}

}  // namespace
}  // namespace convoscope
