#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "SnapshotFixtures.h"
#include "core/Errors.h"
#include "scene/Tour.h"
#include "scene/TourValidation.h"

namespace convoscope {
namespace {

namespace fs = std::filesystem;

// The message of the InputError `parse` throws ("" when it does not throw).
std::string parseError(const std::string& text) {
  try {
    parseTour(text, "tour.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const char* kTwoSteps = R"({
  "format": "convoscope-tour",
  "version": 1,
  "model": "tiny.pt",
  "steps": [
    {"title": "Overview", "text": ["The whole network."], "duration": 4},
    {
      "title": "One cell",
      "text": ["a", "b"],
      "duration": 6,
      "easing": "linear",
      "focus": {"layer": "conv1", "channel": 2, "y": 3, "x": 4},
      "zoom": 3,
      "math": {"open": true, "animation": {"playing": true, "position": 0.25}}
    }
  ]
})";

// A resolver that encodes the focus in the pose so the tests can see which step a pose came from.
CameraPose fakeResolve(const std::optional<TourFocus>& focus, int zoom) {
  CameraPose p;
  p.distance = focus ? 2.0f + zoom : 20.0f;
  p.target = focus ? glm::vec3(static_cast<float>(focus->channel.value_or(0)), 0, 0) : glm::vec3(0.0f);
  return p;
}

TEST(TourFormat, ParsesEveryField) {
  const Tour tour = parseTour(kTwoSteps, "t");
  EXPECT_EQ(tour.model, "tiny.pt");
  ASSERT_EQ(tour.steps.size(), 2u);
  EXPECT_FALSE(tour.steps[0].focus);
  EXPECT_EQ(tour.steps[0].easing, TourEasing::EaseInOut);
  const TourStep& s = tour.steps[1];
  ASSERT_TRUE(s.focus);
  EXPECT_EQ(s.focus->layer, "conv1");
  EXPECT_EQ(*s.focus->channel, 2);
  EXPECT_EQ(*s.focus->y, 3);
  EXPECT_EQ(*s.focus->x, 4);
  EXPECT_EQ(s.zoom, 3);
  EXPECT_TRUE(s.math.open);
  EXPECT_TRUE(s.math.playing);
  EXPECT_FLOAT_EQ(s.math.position, 0.25f);
  EXPECT_EQ(s.text, (std::vector<std::string>{"a", "b"}));
  EXPECT_FLOAT_EQ(s.duration, 6.0f);
  EXPECT_EQ(s.easing, TourEasing::Linear);
  EXPECT_DOUBLE_EQ(tour.totalDuration(), 10.0);
}

TEST(TourFormat, SaveAndLoadRoundTrip) {
  Tour tour = parseTour(kTwoSteps, "t");
  TourStep posed;
  posed.title = "Explicit";
  posed.text = {"\xC3\xA9t\xC3\xA9 \xE2\x86\x92 \"quoted\""};
  posed.duration = 2.5f;
  posed.easing = TourEasing::EaseOut;
  posed.pose = CameraPose{glm::vec3(1.5f, -2.0f, 3.25f), 12.0f, glm::radians(-55.0f), glm::radians(20.0f)};
  tour.steps.push_back(posed);
  TourStep playground;
  playground.title = "Stride";
  playground.duration = 8.0f;
  playground.playground = TourPlayground{ConvGeometry{9, 3, 2, 1, 2}, false};
  tour.steps.push_back(playground);

  const fs::path dir = fs::temp_directory_path() / ("convoscope-tour-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "t.json").string();
  saveTour(tour, path);
  const Tour back = loadTour(path);
  ASSERT_EQ(back.steps.size(), 4u);
  EXPECT_EQ(back.model, tour.model);
  for (size_t i = 0; i < 4; ++i) {
    const TourStep &a = tour.steps[i], &b = back.steps[i];
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.text, b.text);
    EXPECT_FLOAT_EQ(a.duration, b.duration);
    EXPECT_EQ(a.easing, b.easing);
    EXPECT_EQ(a.zoom, b.zoom);
    EXPECT_EQ(a.math, b.math);
    EXPECT_EQ(a.playground, b.playground);
    EXPECT_EQ(a.focus.has_value(), b.focus.has_value());
    if (a.focus) EXPECT_EQ(*a.focus, *b.focus);
    ASSERT_EQ(a.pose.has_value(), b.pose.has_value());
    if (a.pose) {
      EXPECT_EQ(a.pose->target, b.pose->target);
      EXPECT_FLOAT_EQ(a.pose->distance, b.pose->distance);
      EXPECT_NEAR(a.pose->yaw, b.pose->yaw, 1e-6);
      EXPECT_NEAR(a.pose->pitch, b.pose->pitch, 1e-6);
    }
  }
  // Saving what was loaded gives the same bytes: the format is stable.
  EXPECT_EQ(tourToJson(back), tourToJson(parseTour(tourToJson(back), "again")));
  // No temporary files left beside it.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) files += entry.is_regular_file();
  EXPECT_EQ(files, 1);
  fs::remove_all(dir);
}

TEST(TourFormat, FailedSaveKeepsThePreviousFile) {
  const fs::path dir = fs::temp_directory_path() / ("convoscope-tour-ro-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "t.json").string();
  const Tour tour = parseTour(kTwoSteps, "t");
  saveTour(tour, path);
  const std::string before = tourToJson(tour);
  // A folder that cannot be written (the temporary file cannot be made there).
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
  Tour changed = tour;
  changed.steps[0].title = "Changed";
  bool threw = false;
  try {
    saveTour(changed, path);
  } catch (const std::runtime_error& e) {
    threw = true;
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  fs::permissions(dir, fs::perms::owner_all);
  if (::geteuid() != 0) {  // root writes anywhere
    EXPECT_TRUE(threw);
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), before);
  }
  // A path whose folder does not exist fails cleanly too.
  EXPECT_THROW(saveTour(tour, (dir / "missing" / "t.json").string()), std::runtime_error);
  fs::remove_all(dir);
}

TEST(TourFormat, InvalidJsonNamesTheLine) {
  const std::string message = parseError("{\n  \"format\": \"convoscope-tour\",\n  \"version\": 1,,\n}");
  EXPECT_NE(message.find("tour.json:3:"), std::string::npos) << message;
  EXPECT_NE(message.find("not valid JSON"), std::string::npos) << message;
}

TEST(TourFormat, RejectsOtherFormatsAndVersions) {
  EXPECT_NE(parseError(R"({"format": "something", "version": 1, "steps": []})").find("not a Convoscope tour"),
            std::string::npos);
  const std::string v2 = parseError(R"({"format": "convoscope-tour", "version": 2, "steps": []})");
  EXPECT_NE(v2.find("unsupported tour version 2"), std::string::npos) << v2;
  EXPECT_NE(parseError(R"({"format": "convoscope-tour", "steps": []})").find("missing field 'version'"),
            std::string::npos);
  EXPECT_NE(parseError("[1, 2]").find("JSON object"), std::string::npos);
  EXPECT_NE(parseError(R"({"format": "convoscope-tour", "version": 1, "steps": []})").find("no steps"),
            std::string::npos);
}

TEST(TourFormat, UnknownFieldsAreNamedWithTheirLine) {
  const std::string message = parseError(R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "a", "duration": 1},
    {"title": "b", "duration": 1,
     "captoin": "typo"}
  ]})");
  EXPECT_NE(message.find("tour.json:4: step 2: unknown field 'captoin'"), std::string::npos) << message;
  const std::string nested = parseError(R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "a", "duration": 1, "focus": {"layer": "x", "chanel": 1}}]})");
  EXPECT_NE(nested.find("step 1: unknown field 'focus.chanel'"), std::string::npos) << nested;
  const std::string top =
      parseError(R"({"format": "convoscope-tour", "version": 1, "author": "me", "steps": []})");
  EXPECT_NE(top.find("unknown field 'author'"), std::string::npos) << top;
}

TEST(TourFormat, BadValuesNameStepAndField) {
  auto step = [](const std::string& body) {
    return parseError(R"({"format": "convoscope-tour", "version": 1, "steps": [
      {"title": "first", "duration": 2},
      )" + body + "]}");
  };
  const std::string negative = step(R"({"title": "t", "duration": -3})");
  EXPECT_NE(negative.find("tour.json:3: step 2: field 'duration' must be a positive number"),
            std::string::npos)
      << negative;
  EXPECT_NE(step(R"({"title": "t", "duration": 0})").find("'duration' must be a positive"),
            std::string::npos);
  EXPECT_NE(step(R"({"title": "t", "duration": "5"})").find("field 'duration' must be a number"),
            std::string::npos);
  EXPECT_NE(step(R"({"title": "t"})").find("step 2: missing field 'duration'"), std::string::npos);
  EXPECT_NE(step(R"({"duration": 1})").find("step 2: missing field 'title'"), std::string::npos);
  EXPECT_NE(step(R"({"title": "t", "duration": 1, "easing": "bouncy"})").find("'easing' is \"bouncy\""),
            std::string::npos);
  EXPECT_NE(
      step(R"({"title": "t", "duration": 1, "zoom": 4})").find("'zoom' must be a whole number from 0 to 3"),
      std::string::npos);
  EXPECT_NE(
      step(R"({"title": "t", "duration": 1, "focus": {"channel": 1}})").find("missing field 'focus.layer'"),
      std::string::npos);
  EXPECT_NE(step(R"({"title": "t", "duration": 1, "focus": {"layer": "c", "channel": 1, "y": 2}})")
                .find("both 'y' and 'x'"),
            std::string::npos);
  EXPECT_NE(
      step(
          R"({"title": "t", "duration": 1, "pose": {"target": [0, 0], "distance": 1, "yaw": 0, "pitch": 0}})")
          .find("'pose.target' must be [x, y, z]"),
      std::string::npos);
  EXPECT_NE(step(R"({"title": "t", "duration": 1, "pose": {"target": [0,0,0], "distance": 1, "yaw": 0}})")
                .find("missing field 'pose.pitch'"),
            std::string::npos);
  EXPECT_NE(step(R"({"title": "t", "duration": 1, "math": {"open": "yes"}})")
                .find("'math.open' must be true or false"),
            std::string::npos);
  EXPECT_NE(step(R"({"title": "t", "duration": 1, "text": [1]})").find("'text' must be an array of strings"),
            std::string::npos);
  EXPECT_NE(step(R"("just a string")").find("step 2: a step must be an object"), std::string::npos);
  // Playground steps: the sliders' ranges, the required fields, and no network focus beside them.
  EXPECT_NE(step(R"({"title": "t", "duration": 1, "playground": {"input": 20, "kernel": 3, "stride": 1}})")
                .find("field 'playground.input' must be a whole number from 3 to 12"),
            std::string::npos);
  EXPECT_NE(step(R"({"title": "t", "duration": 1, "playground": {"input": 5, "kernel": 3}})")
                .find("missing field 'playground.stride'"),
            std::string::npos);
  EXPECT_NE(
      step(R"({"title": "t", "duration": 1, "playground": {"input": 5, "kernel": 3, "stride": 1, "pad": 1}})")
          .find("unknown field 'playground.pad'"),
      std::string::npos);
  EXPECT_NE(step(R"({"title": "t", "duration": 1, "focus": "conv1",
                     "playground": {"input": 5, "kernel": 3, "stride": 1}})")
                .find("cannot also have 'focus'"),
            std::string::npos);
}

TEST(TourTiming, StepsAndTransitionsAtTimeT) {
  const Tour tour = parseTour(kTwoSteps, "t");  // 4 s overview, then 6 s on a cell (linear)
  const TourTimeline timeline(tour, fakeResolve);
  EXPECT_DOUBLE_EQ(timeline.totalDuration(), 10.0);
  EXPECT_DOUBLE_EQ(timeline.stepStart(1), 4.0);
  EXPECT_EQ(timeline.frameCount(30), 300);

  // The first step starts in place and holds.
  TourFrame f = timeline.at(0.0);
  EXPECT_EQ(f.step, 0);
  EXPECT_FALSE(f.transitioning);
  EXPECT_FLOAT_EQ(f.pose.distance, 20.0f);
  EXPECT_FLOAT_EQ(f.captionAlpha, 1.0f);
  EXPECT_EQ(timeline.at(3.999).step, 0);

  // Step 2 begins exactly at 4 s, still at the previous pose.
  f = timeline.at(4.0);
  EXPECT_EQ(f.step, 1);
  EXPECT_EQ(f.fromStep, 0);
  EXPECT_TRUE(f.transitioning);
  EXPECT_FLOAT_EQ(f.transition, 0.0f);
  EXPECT_FLOAT_EQ(f.pose.distance, 20.0f);
  EXPECT_FLOAT_EQ(f.zoom, 0.0f);

  // Transition = min(1 s, 40 % of 6 s) = 1 s, linear: half way at 4.5 s (distance interpolates
  // geometrically).
  EXPECT_FLOAT_EQ(transitionSeconds(tour.steps[1]), 1.0f);
  f = timeline.at(4.5);
  EXPECT_NEAR(f.transition, 0.5f, 1e-6);
  EXPECT_NEAR(f.pose.distance, std::sqrt(20.0f * 5.0f), 1e-4);
  EXPECT_NEAR(f.zoom, 1.5f, 1e-6);
  EXPECT_NEAR(f.pose.target.x, 1.0f, 1e-6);  // channel 2 → target x 2

  // Holding after 1 s: exactly the step's pose.
  f = timeline.at(5.0);
  EXPECT_FALSE(f.transitioning);
  EXPECT_FLOAT_EQ(f.pose.distance, 5.0f);
  EXPECT_FLOAT_EQ(f.zoom, 3.0f);
  EXPECT_FLOAT_EQ(f.captionAlpha, 1.0f);

  // The math slide plays from 0.25 to 1 over the step's 6 s.
  EXPECT_NEAR(timeline.at(7.0).math.position, 0.25f + 0.75f * 0.5f, 1e-6);
  EXPECT_TRUE(timeline.at(7.0).math.open);

  // Past the end and before the start: clamped.
  f = timeline.at(100.0);
  EXPECT_EQ(f.step, 1);
  EXPECT_FLOAT_EQ(f.math.position, 1.0f);
  EXPECT_EQ(timeline.at(-1.0).step, 0);
  EXPECT_EQ(timeline.at(std::nan("")).step, 0);
}

TEST(TourTiming, APlaygroundStepWalksItsWindowOverMostOfTheStep) {
  const Tour tour = parseTour(R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "a", "duration": 4},
    {"title": "b", "duration": 10, "playground": {"input": 7, "kernel": 3, "stride": 2, "padding": 1}},
    {"title": "c", "duration": 10, "playground": {"input": 7, "kernel": 3, "stride": 2, "playing": false}}]})",
                              "t");
  ASSERT_TRUE(tour.steps[1].playground.has_value());
  EXPECT_EQ(tour.steps[1].playground->geometry.padding, 1);
  EXPECT_EQ(tour.steps[1].playground->geometry.dilation, 1);  // defaults
  EXPECT_EQ(tour.steps[2].playground->geometry.padding, 0);
  const TourTimeline timeline(tour, fakeResolve);
  EXPECT_FLOAT_EQ(timeline.at(0.0).playgroundPosition, 0.0f);           // a network step
  EXPECT_FLOAT_EQ(timeline.at(4.0).playgroundPosition, 0.0f);           // b begins at the first window
  EXPECT_NEAR(timeline.at(4.0 + 4.25).playgroundPosition, 0.5f, 1e-5);  // halfway through 85 % of it
  EXPECT_FLOAT_EQ(timeline.at(4.0 + 9.0).playgroundPosition, 1.0f);     // the full output holds at the end
  EXPECT_FLOAT_EQ(timeline.at(14.0 + 5.0).playgroundPosition, 0.0f);    // not playing: stays on the first
}

TEST(TourTiming, ShortStepsMoveForFortyPercentAndEase) {
  Tour tour = parseTour(kTwoSteps, "t");
  tour.steps[1].duration = 1.0f;
  tour.steps[1].easing = TourEasing::EaseInOut;
  EXPECT_FLOAT_EQ(transitionSeconds(tour.steps[1]), 0.4f);
  const TourTimeline timeline(tour, fakeResolve);
  EXPECT_NEAR(timeline.at(4.2).transition, 0.5f, 1e-6);  // ease-in-out is symmetric about the middle
  EXPECT_LT(timeline.at(4.1).transition, 0.25f);         // slow start
  EXPECT_FALSE(timeline.at(4.4).transitioning);
  EXPECT_FLOAT_EQ(applyEasing(TourEasing::EaseOut, 0.5f), 0.875f);
}

TEST(TourTiming, DeterministicInT) {
  const TourTimeline a(parseTour(kTwoSteps, "t"), fakeResolve), b(parseTour(kTwoSteps, "t"), fakeResolve);
  for (int frame = 0; frame < 300; frame += 7) {
    const double t = frame / 30.0;
    const TourFrame x = a.at(t), y = b.at(t), z = a.at(t);
    EXPECT_EQ(x.step, y.step);
    EXPECT_EQ(x.pose.distance, y.pose.distance);
    EXPECT_EQ(x.pose.target, z.pose.target);
    EXPECT_EQ(x.transition, z.transition);
  }
}

TEST(TourPlayback, NextPreviousJumpAnimate) {
  Tour tour = parseTour(kTwoSteps, "t");
  tour.steps.push_back(tour.steps[0]);
  TourPlayer player(tour, fakeResolve);
  CameraPose outside;
  outside.distance = 40.0f;
  player.start(outside);
  EXPECT_EQ(player.step(), 0);
  EXPECT_FLOAT_EQ(player.frame().pose.distance, 40.0f);  // flies in from where the camera was
  player.advance(2.0f);
  EXPECT_FLOAT_EQ(player.frame().pose.distance, 20.0f);

  player.next();
  EXPECT_EQ(player.step(), 1);
  EXPECT_TRUE(player.frame().transitioning);
  player.advance(0.5f);
  const float midway = player.frame().pose.distance;
  EXPECT_GT(midway, 5.0f);
  EXPECT_LT(midway, 20.0f);
  // Interrupting the move: the next move starts from the camera's current pose, not from step 2's.
  player.previous();
  EXPECT_EQ(player.step(), 0);
  EXPECT_FLOAT_EQ(player.frame().pose.distance, midway);
  player.advance(10.0f);
  EXPECT_FLOAT_EQ(player.frame().pose.distance, 20.0f);
  player.previous();  // already first
  EXPECT_EQ(player.step(), 0);

  player.jump(99);
  EXPECT_EQ(player.step(), 2);
  player.next();
  EXPECT_EQ(player.step(), 2);
  player.jump(1);
  player.advance(0.25f);
  player.advance(0.25f);
  player.advance(0.5f);
  EXPECT_FALSE(player.frame().transitioning);
  EXPECT_FLOAT_EQ(player.frame().pose.distance, 5.0f);
  EXPECT_EQ(player.frame().zoom, 3.0f);
}

TEST(TourValidation, UnknownLayersListCloseNames) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  Tour tour = parseTour(kTwoSteps, "t");
  EXPECT_NO_THROW(validateTour(tour, snapshot, layout, "t.json"));
  tour.steps[1].focus->layer = "conv3";
  try {
    validateTour(tour, snapshot, layout, "t.json");
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("t.json: step 2: no layer named 'conv3'"), std::string::npos) << m;
    EXPECT_NE(m.find("did you mean conv1, conv2"), std::string::npos) << m;
  }
  tour.steps[1].focus->layer = "conv1";
  tour.steps[1].focus->channel = 8;  // conv1 has 8 channels
  EXPECT_THROW(validateTour(tour, snapshot, layout, "t.json"), InputError);
  tour.steps[1].focus->channel = 7;
  tour.steps[1].focus->y = 32;
  EXPECT_THROW(validateTour(tour, snapshot, layout, "t.json"), InputError);
}

// A step's "why this class?" heat maps (scene/HeatOverlay.h's AttributionRequest).
std::string tourWith(const std::string& attribution) {
  return R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "why", "duration": 4, "attribution": )" +
         attribution + "}]}";
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

// A step's features mode (scene/FeatureOverlay.h).
namespace convoscope {
namespace {

std::string tourWithSteps(const std::string& steps) {
  return R"({"format": "convoscope-tour", "version": 1, "steps": [)" + steps + "]}";
}

TEST(TourFeatures, ParsesSurvivesARoundTripAndIsOffByDefault) {
  const Tour tour = parseTour(tourWithSteps(R"({"title": "a", "duration": 2, "features": true},
                                              {"title": "b", "duration": 2})"));
  EXPECT_TRUE(tour.steps[0].features);
  EXPECT_FALSE(tour.steps[1].features);
  const Tour back = parseTour(tourToJson(tour));
  EXPECT_TRUE(back.steps[0].features);
  EXPECT_FALSE(back.steps[1].features);
  EXPECT_EQ(tourToJson(tour).find("\"features\": false"), std::string::npos) << "only written when on";
}

TEST(TourFeatures, BadValuesNameTheStepAndTheField) {
  EXPECT_NE(parseError(tourWithSteps(R"({"title": "a", "duration": 2, "features": 1})"))
                .find("field 'features' must be true or false"),
            std::string::npos);
  const std::string both = parseError(tourWithSteps(R"({"title": "a", "duration": 2, "features": true,
                                         "playground": {"input": 7, "kernel": 3, "stride": 1, "padding": 0, "dilation": 1}})"));
  EXPECT_NE(both.find("cannot also have 'features'"), std::string::npos) << both;
}

TEST(TourExamples, NeedAFocusedChannelAndSurviveARoundTrip) {
  const Tour tour = parseTour(tourWithSteps(
      R"({"title": "a", "duration": 2, "focus": {"layer": "conv2", "channel": 3}, "examples": true})"));
  EXPECT_TRUE(tour.steps[0].examples);
  EXPECT_TRUE(parseTour(tourToJson(tour)).steps[0].examples);
  const std::string layerOnly =
      parseError(tourWithSteps(R"({"title": "a", "duration": 2, "focus": {"layer": "conv2"}, "examples": true})"));
  EXPECT_NE(layerOnly.find("needs a focus with a channel"), std::string::npos) << layerOnly;
  EXPECT_NE(parseError(tourWithSteps(R"({"title": "a", "duration": 2, "examples": "yes"})"))
                .find("field 'examples' must be true or false"),
            std::string::npos);
}

}  // namespace
}  // namespace convoscope

namespace convoscope {
namespace {

TEST(TourExamples, OnlyAFocusOnAChannelKeepsThem) {
  TourStep step;
  step.focus = TourFocus{"conv2", 3, std::nullopt, std::nullopt};
  setStepExamples(step, true);
  EXPECT_TRUE(step.examples);
  EXPECT_TRUE(step.focus->withExamples);
  step.focus = TourFocus{"conv2", std::nullopt, std::nullopt, std::nullopt};  // the editor's "set from view"
  setStepExamples(step, step.examples);
  EXPECT_FALSE(step.examples);
  EXPECT_FALSE(step.focus->withExamples);
  Tour tour;
  tour.steps = {step};
  EXPECT_NO_THROW(parseTour(tourToJson(tour))) << "what the editor saves loads again";
}

}  // namespace
}  // namespace convoscope
