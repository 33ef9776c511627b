// GL tier: the lecture spotlight veil — clear round the pointer, dark away from it, soft in between.
#include <epoxy/gl.h>
#include <gtest/gtest.h>

#include "RenderTestSupport.h"
#include "renderer/Framebuffer.h"
#include "renderer/SpotlightVeil.h"

namespace convoscope {
namespace {

TEST(SpotlightVeil, ClearAtThePointerDarkFarAwaySoftBetween) {
  rendertest::sharedContext();
  const int w = 320, h = 180;
  Framebuffer framebuffer(w, h, 1);
  framebuffer.bind();
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  SpotlightVeil veil;
  const glm::vec2 pointer(100, 60);  // top-left origin, as a mouse position
  veil.draw({w, h}, pointer, 30.0f);
  const RgbaImage image = framebuffer.read();  // rows top-down
  auto red = [&](int x, int y) {
    return static_cast<int>(image.pixels[(static_cast<size_t>(y) * w + x) * 4]);
  };
  EXPECT_EQ(red(100, 60), 255);       // at the pointer
  EXPECT_EQ(red(100 + 25, 60), 255);  // inside the clear disc
  const int dark = static_cast<int>(255 * (1.0f - SpotlightVeil::kDarkness) + 0.5f);
  EXPECT_NEAR(red(300, 170), dark, 2);  // far away
  const int edge = red(100 + 35, 60);   // in the soft band (30 .. 40.5 px)
  EXPECT_LT(edge, 255);
  EXPECT_GT(edge, dark);
}

}  // namespace
}  // namespace convoscope
