// Pure parts of lecture mode: presenter keys, UI scale steps, tour editing, and docs/KEYS.md against the
// binding table.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "ui/InputMapping.h"
#include "ui/LectureSettings.h"
#include "ui/PlaygroundPanel.h"
#include "ui/TourEditorPanel.h"
#include "ui/TourSession.h"

using namespace convoscope;

TEST(TourKeys, ClickerAndKeyboardKeysMove) {
  for (int key : {GLFW_KEY_SPACE, GLFW_KEY_RIGHT, GLFW_KEY_PAGE_DOWN}) {
    ASSERT_TRUE(tourKeyAction(key, 0)) << key;
    EXPECT_EQ(tourKeyAction(key, 0)->kind, TourKeyAction::Next);
  }
  for (int key : {GLFW_KEY_LEFT, GLFW_KEY_PAGE_UP, GLFW_KEY_BACKSPACE}) {
    ASSERT_TRUE(tourKeyAction(key, 0)) << key;
    EXPECT_EQ(tourKeyAction(key, 0)->kind, TourKeyAction::Previous);
  }
}

TEST(TourKeys, NumbersJumpAndZeroIsTen) {
  EXPECT_EQ(tourKeyAction(GLFW_KEY_1, 0)->kind, TourKeyAction::Jump);
  EXPECT_EQ(tourKeyAction(GLFW_KEY_1, 0)->step, 0);
  EXPECT_EQ(tourKeyAction(GLFW_KEY_9, 0)->step, 8);
  EXPECT_EQ(tourKeyAction(GLFW_KEY_0, 0)->step, 9);
  EXPECT_EQ(tourKeyAction(GLFW_KEY_KP_3, 0)->step, 2);
}

TEST(TourKeys, ModifiedKeysAndOthersAreNotPresenterKeys) {
  EXPECT_FALSE(tourKeyAction(GLFW_KEY_RIGHT, GLFW_MOD_SHIFT));  // the computation view's cell moves
  EXPECT_FALSE(tourKeyAction(GLFW_KEY_0, GLFW_MOD_CONTROL));    // Ctrl+0 resets the UI scale
  EXPECT_FALSE(tourKeyAction(GLFW_KEY_F, 0));
  EXPECT_FALSE(tourKeyAction(GLFW_KEY_H, 0));
}

TEST(TourKeys, PresentingTakesArrowsFromLayerStepping) {
  ViewerState state;
  Tour tour;
  tour.steps.resize(3);
  state.tour.player.emplace(tour, [](const std::optional<TourFocus>&, int) { return CameraPose{}; });
  state.tour.player->start(CameraPose{});
  InputMapping input;
  EXPECT_TRUE(input.key(state, GLFW_KEY_PAGE_DOWN, true, 0));
  EXPECT_TRUE(input.key(state, GLFW_KEY_RIGHT, true, 0));
  EXPECT_EQ(state.tour.player->step(), 2);
  EXPECT_TRUE(input.key(state, GLFW_KEY_PAGE_UP, true, 0));
  EXPECT_EQ(state.tour.player->step(), 1);
  EXPECT_TRUE(input.key(state, GLFW_KEY_ESCAPE, true, 0));
  EXPECT_FALSE(presenting(state));
}

TEST(UiScale, StepsUpAndBackAndClamps) {
  EXPECT_FLOAT_EQ(steppedUiScale(1.0f, 1), 1.1f);
  EXPECT_FLOAT_EQ(steppedUiScale(steppedUiScale(1.0f, 1), -1), 1.0f);
  EXPECT_FLOAT_EQ(steppedUiScale(kMaxUiScale, 3), kMaxUiScale);
  EXPECT_FLOAT_EQ(steppedUiScale(kMinUiScale, -3), kMinUiScale);
}

TEST(TourEditing, MoveAndDeleteKeepTheSelectionOnTheStep) {
  Tour tour;
  for (const char* t : {"a", "b", "c"}) {
    TourStep s;
    s.title = t;
    tour.steps.push_back(s);
  }
  EXPECT_EQ(moveTourStep(tour, 0, +1), 1);
  EXPECT_EQ(tour.steps[1].title, "a");
  EXPECT_EQ(moveTourStep(tour, 2, +1), 2);  // already last
  EXPECT_EQ(deleteTourStep(tour, 2), 1);
  EXPECT_EQ(tour.steps.size(), 2u);
  EXPECT_EQ(deleteTourStep(tour, 0), 0);
  EXPECT_EQ(deleteTourStep(tour, 0), -1);
  EXPECT_TRUE(tour.steps.empty());
}

TEST(TourEditing, StepFromViewUsesTheSelectionOrThePose) {
  ViewerState state;
  state.camera.pose.distance = 7.5f;
  TourStep pose = stepFromView(state, true);  // nothing selected: the camera pose
  ASSERT_TRUE(pose.pose);
  EXPECT_FLOAT_EQ(pose.pose->distance, 7.5f);
  EXPECT_FALSE(pose.focus);

  auto snapshot = std::make_shared<Snapshot>();
  snapshot->layers.resize(2);
  snapshot->layers[1].name = "conv_1_1";
  state.snapshot = snapshot;
  state.selection = Selection::ofCell(1, 3, 14, 12);
  const TourStep cell = stepFromView(state, true);
  ASSERT_TRUE(cell.focus);
  EXPECT_EQ(cell.focus->layer, "conv_1_1");
  EXPECT_EQ(cell.focus->channel, 3);
  EXPECT_EQ(cell.focus->y, 14);
  EXPECT_EQ(cell.focus->x, 12);
  EXPECT_EQ(cell.zoom, 3);
  EXPECT_TRUE(stepFromView(state, false).pose);
  EXPECT_EQ(describeStepTarget(cell), "conv_1_1 \xC2\xB7 channel 3 \xC2\xB7 cell (14, 12)");

  // With the playground open the step shows the playground with its current settings.
  setPlaygroundGeometry(state, ConvGeometry{6, 3, 2, 0, 1});
  state.showPlayground = true;
  const TourStep playground = stepFromView(state, true);
  ASSERT_TRUE(playground.playground);
  EXPECT_FALSE(playground.focus);
  EXPECT_FALSE(playground.pose);
  EXPECT_EQ(playground.playground->geometry.inputSize, 6);
  EXPECT_EQ(playground.playground->geometry.stride, 2);
  EXPECT_EQ(describeStepTarget(playground),
            "playground: input 6 \xC2\xB7 kernel 3 \xC2\xB7 stride 2 \xC2\xB7 padding 0");
  // It survives a save and a load like any step.
  Tour tour;
  tour.steps.push_back(playground);
  EXPECT_EQ(parseTour(tourToJson(tour), "t").steps[0].playground, playground.playground);
}

// docs/KEYS.md lists every row of the binding table as "| `keys` | action |" (the table is the source).
TEST(KeysDoc, ListsEveryBinding) {
  std::ifstream in(std::string(CONVOSCOPE_SOURCE_DIR) + "/docs/KEYS.md");
  ASSERT_TRUE(in) << "docs/KEYS.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  std::string missing;
  for (const Binding& b : bindings()) {
    const std::string row = std::string("| `") + b.keys + "` | " + b.action + " |";
    if (text.str().find(row) == std::string::npos) missing += row + "   (" + b.group + ")\n";
  }
  EXPECT_TRUE(missing.empty()) << "add or update these rows in docs/KEYS.md:\n" << missing;
}
