// Image files to model inputs. The PNGs come from make_fixtures.py's own encoder, each with a .raw twin
// holding the exact pixels, so decoding is checked against bytes written independently of the engine.
#include <gtest/gtest.h>

#include <filesystem>
#include <tuple>

#include "FixtureSupport.h"
#include "core/ImageInput.h"

namespace convoscope::testing {
namespace {

struct FixtureImage {
  Image loaded;
  std::vector<uint8_t> raw;
  int width, height, channels;
};

FixtureImage fixtureImage(const std::string& name) {
  const auto& entry = manifest().at("images").at(name);
  FixtureImage image;
  image.loaded = loadImage(fixturePath(entry.at("file").get<std::string>()));
  image.raw = readBytes(entry.at("raw").get<std::string>());
  image.width = entry.at("width");
  image.height = entry.at("height");
  image.channels = entry.at("channels");
  return image;
}

Image makeImage(int width, int height, int channels, std::vector<uint8_t> pixels) {
  Image image;
  image.width = width;
  image.height = height;
  image.channels = channels;
  image.pixels = std::move(pixels);
  return image;
}

TEST(LoadImage, GrayPngDecodesExactly) {
  const auto image = fixtureImage("gray_4x3");
  EXPECT_EQ(image.loaded.width, 4);
  EXPECT_EQ(image.loaded.height, 3);
  EXPECT_EQ(image.loaded.channels, 1);
  EXPECT_EQ(image.loaded.pixels, image.raw);
}

TEST(LoadImage, RgbPngDecodesExactly) {
  const auto image = fixtureImage("rgb_5x4");
  EXPECT_EQ(image.loaded.width, 5);
  EXPECT_EQ(image.loaded.height, 4);
  EXPECT_EQ(image.loaded.channels, 3);
  EXPECT_EQ(image.loaded.pixels, image.raw);
}

TEST(LoadImage, OpaqueAlphaIsDropped) {
  const auto rgba = fixtureImage("rgba_3x2");
  ASSERT_EQ(rgba.loaded.channels, 3);
  ASSERT_EQ(rgba.loaded.pixels.size(), 3u * 2 * 3);
  for (size_t p = 0; p < 6; ++p)
    for (int c = 0; c < 3; ++c)
      EXPECT_EQ(rgba.loaded.pixels[p * 3 + c], rgba.raw[p * 4 + c]) << p << "," << c;

  const auto graya = fixtureImage("graya_2x2");
  ASSERT_EQ(graya.loaded.channels, 1);
  ASSERT_EQ(graya.loaded.pixels.size(), 4u);
  for (size_t p = 0; p < 4; ++p) EXPECT_EQ(graya.loaded.pixels[p], graya.raw[p * 2]) << p;
}

class BadImage : public ::testing::TestWithParam<std::string> {};

TEST_P(BadImage, IsAnInputErrorNamingTheFile) {
  const auto file = manifest().at("bad_images").at(GetParam()).get<std::string>();
  const auto message = inputErrorOf([&] { loadImage(fixturePath(file)); });
  EXPECT_TRUE(contains(message, file)) << message;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadImage, ::testing::Values("not_an_image", "truncated"),
                         [](const auto& info) { return info.param; });

TEST(LoadImage, MissingFileAndDirectoryAreInputErrors) {
  auto message = inputErrorOf([] { loadImage(fixturePath("no-such-image.png")); });
  EXPECT_TRUE(contains(message, "no-such-image.png")) << message;
  const auto dir = std::filesystem::temp_directory_path() / "convoscope-image-dir.png";
  std::filesystem::create_directories(dir);
  message = inputErrorOf([&] { loadImage(dir.string()); });
  EXPECT_TRUE(contains(message, "convoscope-image-dir.png")) << message;
  std::filesystem::remove(dir);
}

TEST(SavePng, RoundTripsThroughLoadImage) {
  const auto original = fixtureImage("rgb_5x4").loaded;
  const auto path = (std::filesystem::temp_directory_path() / "convoscope-roundtrip.png").string();
  savePng(original, path);
  const auto again = loadImage(path);
  EXPECT_EQ(again.width, original.width);
  EXPECT_EQ(again.height, original.height);
  EXPECT_EQ(again.channels, original.channels);
  EXPECT_EQ(again.pixels, original.pixels);
  std::filesystem::remove(path);
}

TEST(ResizeImage, ProducesTheRequestedShape) {
  const auto source = fixtureImage("rgb_5x4").loaded;
  for (auto [w, h, c] :
       std::initializer_list<std::tuple<int, int, int>>{{7, 3, 3}, {2, 9, 1}, {5, 4, 3}, {64, 64, 1}}) {
    const auto resized = resizeImage(source, w, h, c);
    EXPECT_EQ(resized.width, w);
    EXPECT_EQ(resized.height, h);
    EXPECT_EQ(resized.channels, c);
    EXPECT_EQ(resized.pixels.size(), size_t(w) * h * c);
  }
  EXPECT_EQ(resizeImage(source, 5, 4, 3).pixels, source.pixels) << "same size, same channels: unchanged";
}

TEST(ResizeImage, ConstantStaysConstantAndValuesStayInRange) {
  const auto flat = makeImage(3, 3, 1, std::vector<uint8_t>(9, 77));
  for (const auto& out : {resizeImage(flat, 8, 5, 1), resizeImage(flat, 2, 1, 1)}) {
    for (auto v : out.pixels) EXPECT_EQ(v, 77);
  }
  const auto source = fixtureImage("gray_4x3").loaded;
  const auto [lo, hi] = std::minmax_element(source.pixels.begin(), source.pixels.end());
  for (auto v : resizeImage(source, 13, 11, 1).pixels) {
    EXPECT_GE(v, *lo);
    EXPECT_LE(v, *hi);
  }
}

TEST(ResizeImage, ShrinkingAveragesTheArea) {
  const auto checker = fixtureImage("checker_4x4").loaded;  // 0/255 checkerboard
  const auto half = resizeImage(checker, 2, 2, 1);
  for (auto v : half.pixels) EXPECT_NEAR(v, 127.5, 1.0);
  const auto one = resizeImage(checker, 1, 1, 1);
  EXPECT_NEAR(one.pixels.at(0), 127.5, 1.0);
}

TEST(ResizeImage, ConvertsBetweenGrayAndRgb) {
  const auto gray = fixtureImage("gray_4x3").loaded;
  const auto rgb = resizeImage(gray, 4, 3, 3);
  for (size_t p = 0; p < gray.pixels.size(); ++p)
    for (int c = 0; c < 3; ++c) EXPECT_EQ(rgb.pixels[p * 3 + c], gray.pixels[p]);
  const auto back = resizeImage(rgb, 4, 3, 1);
  EXPECT_EQ(back.pixels, gray.pixels) << "gray -> RGB -> gray loses nothing";
  const auto colored = makeImage(3, 1, 3, {255, 0, 0, 0, 255, 0, 0, 0, 255});
  const auto luma = resizeImage(colored, 3, 1, 1);
  for (auto v : luma.pixels) {
    EXPECT_GT(v, 0);
    EXPECT_LT(v, 255);
  }
}

TEST(ImageToInput, ScalesToUnitRangeInChwOrder) {
  const auto image = fixtureImage("rgb_5x4");
  const auto input = imageToInput(image.loaded, {3, 4, 5}, Normalization{});
  ASSERT_EQ(input.size(), 3u * 4 * 5);
  for (int c = 0; c < 3; ++c)
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 5; ++x)
        EXPECT_FLOAT_EQ(input[(c * 4 + y) * 5 + x], image.raw[(y * 5 + x) * 3 + c] / 255.0f) << c << y << x;
}

TEST(ImageToInput, NormalizesPerChannelAndWithOneValueForAll) {
  const auto image = fixtureImage("rgb_5x4");
  const Normalization perChannel{{0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f}};
  const auto input = imageToInput(image.loaded, {3, 4, 5}, perChannel);
  ASSERT_EQ(input.size(), 60u);
  for (int c = 0; c < 3; ++c)
    for (int p = 0; p < 20; ++p) {
      const float expected = (image.raw[p * 3 + c] / 255.0f - perChannel.mean[c]) / perChannel.std[c];
      EXPECT_NEAR(input[c * 20 + p], expected, 1e-5) << c << "," << p;
    }
  const auto shared = imageToInput(image.loaded, {3, 4, 5}, Normalization{{0.5f}, {0.25f}});
  for (int c = 0; c < 3; ++c)
    for (int p = 0; p < 20; ++p)
      EXPECT_NEAR(shared[c * 20 + p], (image.raw[p * 3 + c] / 255.0f - 0.5f) / 0.25f, 1e-5);
}

TEST(ImageToInput, ResizesAndConvertsToTheModelShape) {
  const auto image = fixtureImage("rgb_64x64").loaded;
  const auto gray = imageToInput(image, {1, 28, 28}, Normalization{});
  EXPECT_EQ(gray.size(), 28u * 28);
  const auto expected = resizeImage(image, 28, 28, 1);
  for (size_t i = 0; i < gray.size(); ++i) EXPECT_FLOAT_EQ(gray[i], expected.pixels[i] / 255.0f);
  const auto rgb = imageToInput(fixtureImage("gray_4x3").loaded, {3, 6, 8}, Normalization{});
  EXPECT_EQ(rgb.size(), 3u * 6 * 8);
  for (size_t i = 0; i < 48; ++i) {
    EXPECT_FLOAT_EQ(rgb[i], rgb[48 + i]);
    EXPECT_FLOAT_EQ(rgb[i], rgb[96 + i]);
  }
  for (float v : rgb) {
    EXPECT_GE(v, 0.0f);
    EXPECT_LE(v, 1.0f);
  }
}

}  // namespace
}  // namespace convoscope::testing
