// A tour step's compare view (scene/Tour.h "compare"): parsed, written back, refused with the step and field
// named, and checked against the model (the target class).
#include <gtest/gtest.h>

#include "SnapshotFixtures.h"
#include "core/Errors.h"
#include "scene/Tour.h"
#include "scene/TourValidation.h"

namespace convoscope {
namespace {

std::string tourWithCompare(const std::string& compare) {
  return R"({"format": "convoscope-tour", "version": 1, "steps": [{"title": "a", "duration": 2, "compare": )" +
         compare + "}]}";
}

std::string problemWith(const std::string& compare) {
  try {
    parseTour(tourWithCompare(compare), "t.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TourCompare, ParsesEveryFieldAndSurvivesARoundTrip) {
  const Tour tour =
      parseTour(tourWithCompare(R"({"attack": "pgd", "epsilon": 0.02, "steps": 7, "target": 4, "view": "b"})"));
  ASSERT_TRUE(tour.steps[0].compare);
  const TourCompare& c = *tour.steps[0].compare;
  EXPECT_EQ(c.attack, "pgd");
  EXPECT_FLOAT_EQ(c.epsilon, 0.02f);
  EXPECT_EQ(c.steps, 7);
  EXPECT_EQ(c.target, 4);
  EXPECT_EQ(c.view, "b");
  EXPECT_EQ(parseTour(tourToJson(tour)).steps[0].compare, tour.steps[0].compare);
  const Tour image = parseTour(tourWithCompare(R"({"image": "sandal.png"})"));
  EXPECT_EQ(image.steps[0].compare->image, "sandal.png");
  EXPECT_EQ(image.steps[0].compare->view, "diff") << "what a comparison is for";
  EXPECT_EQ(parseTour(tourToJson(image)).steps[0].compare, image.steps[0].compare);
}

TEST(TourCompare, BadFieldsNameTheStepAndTheField) {
  EXPECT_NE(problemWith(R"({"view": "b"})").find("either \"image\" (a file) or \"attack\""), std::string::npos);
  EXPECT_NE(problemWith(R"({"image": "b.png", "attack": "fgsm"})").find("either"), std::string::npos);
  EXPECT_NE(problemWith(R"({"attack": "cw"})").find("field 'compare.attack' is \"cw\""), std::string::npos);
  EXPECT_NE(problemWith(R"({"attack": "fgsm", "epsilon": 2})").find("between 0 and 1"), std::string::npos);
  EXPECT_NE(problemWith(R"({"attack": "fgsm", "view": "c"})").find("expected \"a\", \"b\" or \"diff\""),
            std::string::npos);
  EXPECT_NE(problemWith(R"({"attack": "fgsm", "radius": 2})").find("unknown field 'compare.radius'"), std::string::npos);
  EXPECT_NE(problemWith(R"("fgsm")").find("must be an object"), std::string::npos);
  EXPECT_EQ(problemWith(R"({"attack": "fgsm"})"), "");
}

TEST(TourCompare, ValidationChecksTheTargetAgainstTheModel) {
  const Snapshot snapshot = scene_fixtures::chainSnapshot();
  const SceneLayout layout = layoutSlabs(snapshot);
  EXPECT_NO_THROW(validateTour(parseTour(tourWithCompare(R"({"attack": "fgsm", "target": 9})")), snapshot, layout, "t"));
  try {
    validateTour(parseTour(tourWithCompare(R"({"attack": "fgsm", "target": 10})")), snapshot, layout, "t.json");
    ADD_FAILURE() << "class 10 of 10";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t.json: step 1: compare: target class 10 is out of range"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace convoscope
