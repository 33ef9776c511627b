// Tours that show a training series (scene/Tour.h): "series", "checkpoint", "checkpoints" and "weights" are read,
// written back and checked, and a range plays over its step.
#include <gtest/gtest.h>

#include "core/Errors.h"
#include "core/TrainingSeries.h"
#include "scene/TimelineMark.h"
#include "scene/Tour.h"
#include "scene/TourValidation.h"

namespace convoscope {
namespace {

std::string tourWith(const std::string& step, const std::string& series = R"("series": "training",)") {
  return R"({"format": "convoscope-tour", "version": 1, )" + series + R"( "steps": [)" + step + "]}";
}

std::string messageOf(const std::string& text) {
  try {
    parseTour(text, "t.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TourTraining, CheckpointFieldsAreReadAndWrittenBack) {
  const Tour tour = parseTour(tourWith(R"({"title": "a", "duration": 4, "checkpoint": 3, "weights": true},
                                          {"title": "b", "duration": 8, "checkpoints": [0, 15]})"));
  EXPECT_EQ(tour.series, "training");
  ASSERT_TRUE(tour.steps[0].checkpoints);
  EXPECT_EQ(*tour.steps[0].checkpoints, (TourCheckpoints{3, 3}));
  EXPECT_TRUE(tour.steps[0].weights);
  EXPECT_EQ(*tour.steps[1].checkpoints, (TourCheckpoints{0, 15}));
  EXPECT_FALSE(tour.steps[1].weights);
  const Tour again = parseTour(tourToJson(tour));
  EXPECT_EQ(again.series, tour.series);
  EXPECT_EQ(again.steps[0].checkpoints, tour.steps[0].checkpoints);
  EXPECT_EQ(again.steps[1].checkpoints, tour.steps[1].checkpoints);
  EXPECT_EQ(again.steps[0].weights, true);
}

TEST(TourTraining, MistakesNameTheStepAndTheField) {
  EXPECT_NE(messageOf(tourWith(R"({"title": "a", "duration": 4, "checkpoint": 3})", "")).find("needs the tour's \"series\""),
            std::string::npos);
  EXPECT_NE(messageOf(tourWith(R"({"title": "a", "duration": 4, "checkpoint": -1})")).find("checkpoint"), std::string::npos);
  EXPECT_NE(messageOf(tourWith(R"({"title": "a", "duration": 4, "checkpoints": [1]})")).find("[first, last]"),
            std::string::npos);
  EXPECT_NE(messageOf(tourWith(R"({"title": "a", "duration": 4, "checkpoint": 1, "checkpoints": [0, 1]})"))
                .find("not both"),
            std::string::npos);
  EXPECT_NE(messageOf(tourWith(R"({"title": "a", "duration": 4, "weights": 1})")).find("weights"), std::string::npos);
  EXPECT_NE(messageOf(tourWith(R"({"title": "a", "duration": 4, "playground": {"input": 5, "kernel": 3, "stride": 1}, "checkpoint": 0})"))
                .find("playground"),
            std::string::npos);
  const Tour tour = parseTour(tourWith(R"({"title": "a", "duration": 4}, {"title": "b", "duration": 4, "checkpoints": [2, 16]})"));
  try {
    validateTourSeries(tour, 16, "t.json");
    FAIL() << "checkpoint 16 of a 16-checkpoint series passed";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "t.json: step 2: checkpoint 16 is past the series' last (15)");
  }
  EXPECT_NO_THROW(validateTourSeries(tour, 17, "t.json"));
}

TEST(TourTraining, ARangeWaitsForTheCameraThenPlaysToItsEndAt85PercentOfTheStep) {
  TourStep step;
  step.duration = 10.0f;
  const TourCheckpoints range{2, 12};
  const double start = transitionSeconds(step);
  EXPECT_DOUBLE_EQ(tourTimelinePosition(range, step, 0.0), 2.0);
  EXPECT_DOUBLE_EQ(tourTimelinePosition(range, step, start), 2.0);
  EXPECT_DOUBLE_EQ(tourTimelinePosition(range, step, start + 0.5 * (8.5 - start)), 7.0);
  EXPECT_DOUBLE_EQ(tourTimelinePosition(range, step, 8.5), 12.0);
  EXPECT_DOUBLE_EQ(tourTimelinePosition(range, step, 10.0), 12.0);
  EXPECT_DOUBLE_EQ(tourTimelinePosition(TourCheckpoints{4, 4}, step, 5.0), 4.0);
  EXPECT_DOUBLE_EQ(tourTimelinePosition(TourCheckpoints{9, 3}, step, 8.5), 3.0) << "backwards plays too";
}

TEST(TimelineMark, TheLineNamesTheCheckpointOrTheTwoAroundThePosition) {
  TrainingSeries series;
  series.checkpoints = {{"a.pt", 0, 0.0, 2.3, 2.3, 0.1}, {"b.pt", 46, 0.05, 1.0, 0.9, 0.65}, {"c.pt", 308, 0.33, 0.5, 0.55, 0.803}};
  EXPECT_EQ(timelinePositionLine(series, 2.0), "step 308 \xC2\xB7 epoch 0.33 \xC2\xB7 test accuracy 80.3 %");
  EXPECT_EQ(timelinePositionLine(series, 0.5), "step 0 \xE2\x86\x92 46");
  const TimelineMark mark = timelineMark(series, {true, false, true}, 1.5);
  EXPECT_EQ(mark.accuracy, (std::vector<float>{0.1f, 0.65f, 0.803f}));
  EXPECT_EQ(mark.loaded, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(timelineMark(series, {}, 0).loaded, (std::vector<bool>{true, true, true}));
}

}  // namespace
}  // namespace convoscope

namespace convoscope {
namespace {

TEST(TourPaths, APathTheTourNamesIsBesideTheTourFileUnlessAbsolute) {
  EXPECT_EQ(pathBesideTour("/lectures/cnn/tour.json", "../models/series"), "/lectures/cnn/../models/series");
  EXPECT_EQ(pathBesideTour("/lectures/cnn/tour.json", "/data/boot.png"), "/data/boot.png");
  EXPECT_EQ(pathBesideTour("tour.json", "boot.png"), "boot.png") << "a tour in the working folder";
}

}  // namespace
}  // namespace convoscope
