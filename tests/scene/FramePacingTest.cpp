#include <gtest/gtest.h>

#include "scene/FramePacing.h"

using namespace convoscope;

TEST(FramePacing, FirstFrameIsDueAtTheStart) {
  EXPECT_EQ(framesDue(0.0, 30.0), 1);
  EXPECT_EQ(framesDue(-0.5, 30.0), 0);
}

TEST(FramePacing, FrameKIsDueAtKOverFps) {
  for (int k = 0; k < 600; ++k) EXPECT_EQ(framesDue(k / 60.0, 60.0), k + 1) << k;
  EXPECT_EQ(framesDue(1.0 / 30.0 - 1e-3, 30.0), 1);
}

TEST(FramePacing, FastDrawingDropsAndSlowDrawingDuplicates) {
  // Drawing at 120 Hz into a 30 fps video: only every fourth draw writes a frame.
  long long written = 0;
  int kept = 0;
  for (int i = 0; i < 120; ++i) {
    const long long n = framesToWrite(i / 120.0, 30.0, written);
    EXPECT_LE(n, 1);
    written += n;
    kept += n > 0;
  }
  EXPECT_EQ(kept, 30);
  // Drawing at 10 Hz: each draw fills three slots; after 1 s the video holds 31 frames (0 .. 1 s inclusive).
  written = 0;
  for (int i = 0; i <= 10; ++i) written += framesToWrite(i / 10.0, 30.0, written);
  EXPECT_EQ(written, 31);
}
