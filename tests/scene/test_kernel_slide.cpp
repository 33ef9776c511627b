#include <gtest/gtest.h>

#include "scene/KernelSlide.h"

namespace convoscope {
namespace {

TEST(KernelSlide, WalksRowMajorAndFillsCellsBehindTheWindow) {
  KernelSlide slide(3, 4);
  EXPECT_EQ(slide.cellCount(), 12);
  EXPECT_EQ(slide.step(), 0);
  EXPECT_EQ(slide.filledCount(), 0);
  slide.setStep(5);
  EXPECT_EQ(slide.currentCell(), glm::ivec2(1, 1));
  EXPECT_TRUE(slide.filled(1, 0));
  EXPECT_TRUE(slide.filled(0, 3));
  EXPECT_FALSE(slide.filled(1, 1));  // being computed
  EXPECT_FALSE(slide.filled(2, 0));
  EXPECT_FALSE(slide.filled(-1, 0));
  EXPECT_FALSE(slide.filled(0, 4));
}

TEST(KernelSlide, PositionMapsOntoSteps) {
  KernelSlide slide(2, 5);
  slide.setPosition(0.0f);
  EXPECT_EQ(slide.step(), 0);
  slide.setPosition(0.35f);  // 3.5 cells done
  EXPECT_EQ(slide.step(), 3);
  EXPECT_EQ(slide.filledCount(), 3);
  slide.setPosition(1.0f);
  EXPECT_EQ(slide.step(), 9);  // the window rests on the last cell
  EXPECT_EQ(slide.filledCount(), 10);
  EXPECT_TRUE(slide.finished());
  slide.setPosition(7.0f);
  EXPECT_FLOAT_EQ(slide.position(), 1.0f);
  slide.setPosition(-1.0f);
  EXPECT_FLOAT_EQ(slide.position(), 0.0f);
  slide.setStep(4);
  EXPECT_FLOAT_EQ(slide.position(), 0.4f);
  slide.setStep(99);
  EXPECT_EQ(slide.step(), 9);
}

TEST(KernelSlide, PlaysDeterministicallyWithExplicitDtAndStopsAtTheEnd) {
  KernelSlide a(4, 4), b(4, 4);
  a.setSpeed(4.0f);
  b.setSpeed(4.0f);
  a.play();
  b.play();
  for (int i = 0; i < 10; ++i) a.advance(0.1f);  // 1 s in ten frames
  b.advance(1.0f);                               // 1 s in one
  EXPECT_EQ(a.step(), 4);
  EXPECT_EQ(a.step(), b.step());
  EXPECT_NEAR(a.position(), b.position(), 1e-6f);
  a.advance(100.0f);
  EXPECT_TRUE(a.finished());
  EXPECT_FALSE(a.playing());
  EXPECT_EQ(a.filledCount(), 16);
  a.play();  // from the start again
  EXPECT_TRUE(a.playing());
  EXPECT_EQ(a.step(), 0);
}

TEST(KernelSlide, PausedDoesNotMove) {
  KernelSlide slide(4, 4);
  slide.advance(5.0f);
  EXPECT_EQ(slide.step(), 0);
  slide.play();
  slide.pause();
  slide.advance(5.0f);
  EXPECT_EQ(slide.step(), 0);
}

TEST(KernelSlide, StepForwardAndBackPauseAndClamp) {
  KernelSlide slide(2, 2);
  slide.play();
  slide.stepForward();
  EXPECT_FALSE(slide.playing());
  EXPECT_EQ(slide.step(), 1);
  slide.stepBack();
  slide.stepBack();
  EXPECT_EQ(slide.step(), 0);
  for (int i = 0; i < 10; ++i) slide.stepForward();
  EXPECT_TRUE(slide.finished());
  EXPECT_EQ(slide.step(), 3);
  slide.stepBack();  // from "all filled" back to the last cell being computed
  EXPECT_EQ(slide.step(), 3);
  EXPECT_EQ(slide.filledCount(), 3);
  slide.stepBack();
  EXPECT_EQ(slide.step(), 2);
  EXPECT_EQ(slide.filledCount(), 2);
}

TEST(KernelSlide, SpeedDoublesAndHalvesWithinLimits) {
  KernelSlide slide;
  const float start = slide.speed();
  slide.faster();
  EXPECT_FLOAT_EQ(slide.speed(), start * 2.0f);
  slide.slower();
  slide.slower();
  EXPECT_FLOAT_EQ(slide.speed(), start * 0.5f);
  for (int i = 0; i < 40; ++i) slide.slower();
  EXPECT_FLOAT_EQ(slide.speed(), KernelSlide::kMinSpeed);
  for (int i = 0; i < 40; ++i) slide.faster();
  EXPECT_FLOAT_EQ(slide.speed(), KernelSlide::kMaxSpeed);
}

TEST(KernelSlide, ResizingKeepsTheFraction) {
  KernelSlide slide(10, 10);
  slide.setPosition(0.5f);
  slide.setSize(4, 5);
  EXPECT_EQ(slide.cellCount(), 20);
  EXPECT_EQ(slide.step(), 10);
  slide.setSize(0, -3);
  EXPECT_EQ(slide.cellCount(), 1);
}

}  // namespace
}  // namespace convoscope
