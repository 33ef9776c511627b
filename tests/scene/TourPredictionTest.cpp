// A tour step's "math.prediction" (the card shows the prediction's softmax): parsed, written back, and
// refused unless its focus is a cell of a classifier's logits.
#include <gtest/gtest.h>

#include <cmath>

#include "SnapshotFixtures.h"
#include "core/Errors.h"
#include "scene/Tour.h"
#include "scene/TourValidation.h"

namespace convoscope {
namespace {

std::string tourWithMath(const std::string& focus, const std::string& math) {
  return R"({"format": "convoscope-tour", "version": 1, "steps": [{"title": "a", "duration": 2, "focus": )" +
         focus + R"(, "math": )" + math + "}]}";
}

// The chain fixture without its softmax: it ends in `fc`, whose output is the logits.
Snapshot logitsSnapshot() {
  Snapshot s = scene_fixtures::chainSnapshot();
  s.layers.pop_back();
  s.logits = s.layers.back().output.data;
  double sum = 0;
  for (float z : s.logits) sum += std::exp(z);
  s.probabilities.clear();
  for (float z : s.logits) s.probabilities.push_back(static_cast<float>(std::exp(z) / sum));
  return s;
}

std::string problemOf(const Tour& tour, const Snapshot& snapshot) {
  try {
    validateTour(tour, snapshot, layoutSlabs(snapshot), "t.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TourPrediction, ParsesSurvivesARoundTripAndIsOffByDefault) {
  const Tour tour = parseTour(tourWithMath(R"({"layer": "fc", "channel": 0, "y": 0, "x": 1})",
                                           R"({"open": true, "prediction": true})"));
  EXPECT_TRUE(tour.steps[0].math.prediction);
  EXPECT_EQ(parseTour(tourToJson(tour)).steps[0].math, tour.steps[0].math);
  const Tour plain = parseTour(tourWithMath(R"({"layer": "fc"})", R"({"open": true})"));
  EXPECT_FALSE(plain.steps[0].math.prediction);
  EXPECT_EQ(tourToJson(plain).find("prediction"), std::string::npos);
  EXPECT_THROW(parseTour(tourWithMath(R"({"layer": "fc"})", R"({"prediction": "yes"})")), InputError);
}

TEST(TourPrediction, NeedsACellOfTheLogitsOfAModelThatDoesNotEndInASoftmax) {
  const Tour onLogits = parseTour(tourWithMath(R"({"layer": "fc", "channel": 0, "y": 0, "x": 1})",
                                               R"({"open": true, "prediction": true})"));
  EXPECT_EQ(problemOf(onLogits, logitsSnapshot()), "");
  const std::string elsewhere = problemOf(parseTour(tourWithMath(R"({"layer": "conv2", "channel": 0, "y": 0, "x": 1})",
                                                                 R"({"open": true, "prediction": true})")),
                                          logitsSnapshot());
  EXPECT_NE(elsewhere.find("step 1: 'math.prediction'"), std::string::npos) << elsewhere;
  EXPECT_NE(elsewhere.find("'conv2' is not"), std::string::npos) << elsewhere;
  EXPECT_NE(problemOf(parseTour(tourWithMath(R"({"layer": "fc"})", R"({"open": true, "prediction": true})")),
                      logitsSnapshot())
                .find("'math.prediction'"),
            std::string::npos)
      << "a layer without a cell";
  const Tour ownSoftmax = parseTour(tourWithMath(R"({"layer": "softmax", "channel": 0, "y": 0, "x": 1})",
                                                 R"({"open": true, "prediction": true})"));
  EXPECT_NE(problemOf(ownSoftmax, scene_fixtures::chainSnapshot()).find("does not end in a softmax"),
            std::string::npos)
      << "a model with its own softmax layer explains it there";
}

}  // namespace
}  // namespace convoscope
