// `convoscope record` end to end with the real binary: MP4 through ffmpeg checked by ffprobe, the PNG-folder
// path, determinism, and the failures (no ffmpeg, unwritable folder, bad tour) leaving nothing behind.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "CliRunner.h"
#include "core/PngFile.h"

namespace convoscope {
namespace {

namespace fs = std::filesystem;
using cli_test::CliResult;
using cli_test::runCli;
using cli_test::slurp;

class RecordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("convoscope-record-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // Two seconds: the whole network, then a close-up of one tile.
    std::ofstream(dir_ / "tour.json") << R"({"format": "convoscope-tour", "version": 1, "steps": [
      {"title": "The network", "text": ["Input on the left, prediction on the right."], "duration": 1},
      {"title": "First convolution", "text": ["One feature map."], "duration": 1,
       "focus": {"layer": "conv_1_1", "channel": 2}, "zoom": 1}]})";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string tour() const { return (dir_ / "tour.json").string(); }
  std::string record(const std::string& output, const std::string& extra = "") const {
    return "record --tour " + tour() + " --size 320x180 --fps 10 -o " + output + " " + extra;
  }
  // Files in the test folder other than the tour (temporary leftovers included).
  std::vector<std::string> leftovers() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_))
      if (entry.path().filename() != "tour.json") names.push_back(entry.path().filename().string());
    return names;
  }
  fs::path dir_;
};

TEST_F(RecordTest, Mp4IsH264WithTheExactFrameCount) {
  if (cli_test::commandOutput("command -v ffprobe").empty()) GTEST_SKIP() << "ffprobe not installed";
  const std::string video = (dir_ / "walk.mp4").string();
  const CliResult r = runCli(record(video));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_FALSE(r.signalled);
  EXPECT_NE(r.err.find("20 frames"), std::string::npos) << r.err;
  ASSERT_TRUE(fs::exists(video));
  const std::string probe = cli_test::commandOutput(
      "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
      "stream=codec_name,width,height,pix_fmt,nb_read_frames -of default=nw=1 " +
      video);
  EXPECT_NE(probe.find("codec_name=h264"), std::string::npos) << probe;
  EXPECT_NE(probe.find("width=320"), std::string::npos) << probe;
  EXPECT_NE(probe.find("height=180"), std::string::npos) << probe;
  EXPECT_NE(probe.find("pix_fmt=yuv420p"), std::string::npos) << probe;
  EXPECT_NE(probe.find("nb_read_frames=20"), std::string::npos) << probe;  // 2 s × 10 fps
  EXPECT_EQ(leftovers(), std::vector<std::string>{"walk.mp4"});            // no temporary file left beside it
}

// The MP4's pixels are the rendered frames: frames decoded by ffmpeg (BT.709, limited range, as the file is
// tagged) match the PNG frames of the same tour within H.264's and 4:2:0's loss (measured: 1.8–2.7 levels a
// channel on average at 320×180). A flipped frame or swapped chroma planes would not (tens of levels).
TEST_F(RecordTest, Mp4FramesShowTheColoursOfThePngFrames) {
  if (cli_test::commandOutput("command -v ffmpeg").empty()) GTEST_SKIP() << "ffmpeg not installed";
  const std::string video = (dir_ / "walk.mp4").string();
  const fs::path frames = dir_ / "frames", decoded = dir_ / "decoded";
  ASSERT_EQ(runCli(record(video)).exitCode, 0);
  ASSERT_EQ(runCli(record(frames.string())).exitCode, 0);
  fs::create_directories(decoded);
  cli_test::commandOutput("ffmpeg -v error -i " + video +
                          " -vf scale=in_color_matrix=bt709:in_range=tv,format=rgba -start_number 0 " +
                          (decoded / "frame-%06d.png").string() + " 2>&1");
  for (const char* name : {"frame-000000.png", "frame-000012.png", "frame-000019.png"}) {
    ASSERT_TRUE(fs::exists(decoded / name)) << name << " was not decoded";
    const RgbaImage rendered = readPng((frames / name).string()), played = readPng((decoded / name).string());
    ASSERT_EQ(rendered.width, played.width);
    ASSERT_EQ(rendered.height, played.height);
    double total = 0;
    long far = 0;
    for (size_t i = 0; i < rendered.pixels.size(); ++i) {
      if (i % 4 == 3) continue;  // alpha
      const int error = std::abs(int(rendered.pixels[i]) - int(played.pixels[i]));
      total += error;
      far += error > 24;
    }
    const double channels = rendered.pixels.size() * 3.0 / 4.0;
    EXPECT_LT(total / channels, 3.5) << name << ": mean error per channel";
    EXPECT_LT(far / channels, 0.02) << name << ": share of channels off by more than 24 levels";
  }
}

TEST_F(RecordTest, PngFolderIsNumberedAndDeterministic) {
  const fs::path a = dir_ / "a", b = dir_ / "b";
  const CliResult first = runCli(record(a.string()));
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const CliResult second = runCli(record(b.string() + "/"));
  ASSERT_EQ(second.exitCode, 0) << second.err;
  for (int frame = 0; frame < 20; ++frame) {
    char name[32];
    std::snprintf(name, sizeof name, "frame-%06d.png", frame);
    ASSERT_TRUE(fs::exists(a / name)) << name;
    // Fixed time step: the same tour gives the same bytes, frame for frame.
    EXPECT_EQ(slurp(a / name), slurp(b / name)) << name << " differs between two runs";
  }
  EXPECT_FALSE(fs::exists(a / "frame-000020.png"));
  EXPECT_EQ(std::distance(fs::directory_iterator(a), fs::directory_iterator()), 20);
  // Frames change over time (the camera moves) and are real PNGs.
  EXPECT_NE(slurp(a / "frame-000000.png"), slurp(a / "frame-000019.png"));
  EXPECT_EQ(slurp(a / "frame-000000.png").substr(1, 3), "PNG");

  // Recording again into the same folder replaces the frames (a shorter tour leaves no stale ones).
  const CliResult again = runCli("record --tour " + tour() + " --size 320x180 --fps 5 -o " + a.string());
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_EQ(std::distance(fs::directory_iterator(a), fs::directory_iterator()), 10);
  std::vector<std::string> names = leftovers();
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b"}));
}

TEST_F(RecordTest, MissingFfmpegFailsClearlyAndLeavesNothing) {
  const std::string video = (dir_ / "walk.mp4").string();
  const std::string command = "PATH=/nonexistent " + std::string(CONVOSCOPE_BINARY) + " " + record(video) +
                              " 2>" + (dir_ / "err").string();
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 0);
  const std::string err = slurp(dir_ / "err");
  fs::remove(dir_ / "err");
  EXPECT_NE(err.find("ffmpeg"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;  // one line
  EXPECT_FALSE(fs::exists(video));
  EXPECT_TRUE(leftovers().empty());
}

TEST_F(RecordTest, UnwritableOrBadOutputIsAnInputError) {
  const CliResult missing = runCli(record((dir_ / "no-such-folder" / "walk.mp4").string()));
  EXPECT_EQ(missing.exitCode, 2) << missing.err;
  EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
  const CliResult odd =
      runCli("record --tour " + tour() + " --size 321x180 --fps 10 -o " + (dir_ / "w.mp4").string());
  EXPECT_EQ(odd.exitCode, 2) << odd.err;
  EXPECT_NE(odd.err.find("even width and height"), std::string::npos) << odd.err;
  const CliResult extension = runCli(record((dir_ / "walk.avi").string()));
  EXPECT_EQ(extension.exitCode, 2) << extension.err;
  fs::create_directories(dir_ / "busy");
  std::ofstream(dir_ / "busy" / "notes.txt") << "mine";
  const CliResult busy = runCli(record((dir_ / "busy").string()));
  EXPECT_EQ(busy.exitCode, 2) << busy.err;
  EXPECT_NE(busy.err.find("already holds other files"), std::string::npos) << busy.err;
  EXPECT_EQ(slurp(dir_ / "busy" / "notes.txt"), "mine");
  EXPECT_EQ(leftovers(), std::vector<std::string>{"busy"});
}

TEST_F(RecordTest, BadToursNameTheProblem) {
  std::ofstream(dir_ / "bad.json") << R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "x", "duration": -1}]})";
  CliResult r = runCli("record --tour " + (dir_ / "bad.json").string() + " -o " + (dir_ / "out").string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("step 1: field 'duration' must be a positive number"), std::string::npos) << r.err;

  std::ofstream(dir_ / "layer.json") << R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "x", "duration": 1, "focus": {"layer": "conv_1_3"}}]})";
  r = runCli("record --tour " + (dir_ / "layer.json").string() + " --size 320x180 -o " +
             (dir_ / "out").string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("no layer named 'conv_1_3'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("conv_1_1"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(RecordTest, BundledTourIsAValidTwoToFiveMinuteTour) {
  // One frame per second at a tiny size: the tour parses, every focus exists in the bundled model, every
  // chapter's extras (attribution, features, examples, an FGSM twin) are made. Five minutes at most: it grew
  // by a chapter per capability.
  const CliResult r = runCli("record --tour " + std::string(CONVOSCOPE_SOURCE_DIR) +
                             "/assets/tours/tiny-vgg.json --size 64x36 --fps 1 -o " + (dir_ / "f").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto frames = std::distance(fs::directory_iterator(dir_ / "f"), fs::directory_iterator());
  EXPECT_GE(frames, 120);
  EXPECT_LE(frames, 300);
}

}  // namespace
}  // namespace convoscope

namespace convoscope {
namespace {

// A tour step with "features" and one with "examples": the frames show the pictures (grey where the plain
// tour's tiles were coloured); a dataset that is missing, or none for a model without a default, is exit 2
// before any frame.
TEST_F(RecordTest, FeaturesAndExamplesStepsAreRecorded) {
  const auto writeTour = [&](const std::string& features, const std::string& examples) {
    std::ofstream(dir_ / "tour.json") << R"({"format": "convoscope-tour", "version": 1, "steps": [
      {"title": "Features", "duration": 1, "focus": {"layer": "conv_2_1"})" + features + R"(},
      {"title": "Examples", "duration": 1, "focus": {"layer": "conv_2_1", "channel": 3}, "zoom": 1)" + examples +
                                                 "}]}";
  };
  const auto greyShare = [](const fs::path& frame) {
    const RgbaImage image = readPng(frame.string());
    size_t grey = 0;
    for (size_t i = 0; i < image.pixels.size(); i += 4) {
      const uint8_t* p = &image.pixels[i];
      grey += p[0] > 120 && std::abs(p[0] - p[1]) < 8 && std::abs(p[1] - p[2]) < 8;
    }
    return static_cast<double>(grey) / (image.pixels.size() / 4);
  };
  writeTour("", "");
  ASSERT_EQ(runCli(record((dir_ / "plain").string())).exitCode, 0);
  writeTour(R"(, "features": true)", R"(, "examples": true)");
  const CliResult r = runCli(record((dir_ / "frames").string()));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  // The last frame of each step: features on conv_2_1's tiles, then the gallery beside channel 3 — grey
  // pictures where the plain tour shows coloured activations or the background.
  for (const char* frame : {"frame-000009.png", "frame-000019.png"})
    EXPECT_GT(greyShare(dir_ / "frames" / frame), greyShare(dir_ / "plain" / frame) + 0.02) << frame;
  const CliResult missing = runCli(record((dir_ / "b").string(), "--examples /nonexistent"));
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("/nonexistent: no such folder"), std::string::npos) << missing.err;
  std::ofstream(dir_ / "tour.json") << R"({"format": "convoscope-tour", "version": 1, "steps": [
      {"title": "Examples", "duration": 1, "focus": {"layer": "features.0", "channel": 1}, "examples": true}]})";
  const CliResult noDefault = runCli(record((dir_ / "c").string(), "--model " + cli_test::fixture("lenet5_scripted.pt") +
                                                               " --input-shape 1,28,28"));
  EXPECT_EQ(noDefault.exitCode, 2);
  EXPECT_NE(noDefault.err.find("give --examples DIR"), std::string::npos) << noDefault.err;
}

}  // namespace
}  // namespace convoscope

namespace convoscope {
namespace {

// Compare steps: input B (an FGSM twin, and an image file relative to the tour) is made before the first
// frame; the frames differ from the plain tour's, and two recordings are identical (FGSM has no randomness).
// A B file that does not exist is exit 2 naming it.
TEST_F(RecordTest, CompareStepsAreRecordedDeterministically) {
  const auto writeTour = [&](const std::string& first, const std::string& second) {
    std::ofstream(dir_ / "tour.json") << R"({"format": "convoscope-tour", "version": 1, "steps": [
      {"title": "B", "duration": 1)" + first + R"(},
      {"title": "A - B", "duration": 1)" + second + "}]}";
  };
  const auto bytes = [](const fs::path& p) { return cli_test::slurp(p); };
  writeTour("", "");
  ASSERT_EQ(runCli(record((dir_ / "plain").string())).exitCode, 0);
  fs::copy_file(std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/samples/sneaker-1.png", dir_ / "b.png");
  writeTour(R"(, "compare": {"attack": "fgsm", "epsilon": 0.0313725, "view": "b"})",
            R"(, "compare": {"image": "b.png", "view": "diff"})");
  const CliResult first = runCli(record((dir_ / "one").string()));
  ASSERT_EQ(first.exitCode, 0) << first.err;
  ASSERT_EQ(runCli(record((dir_ / "two").string())).exitCode, 0);
  for (const char* frame : {"frame-000009.png", "frame-000019.png"}) {
    EXPECT_NE(bytes(dir_ / "one" / frame), bytes(dir_ / "plain" / frame)) << frame;
    EXPECT_EQ(bytes(dir_ / "one" / frame), bytes(dir_ / "two" / frame)) << frame << " is deterministic";
  }
  writeTour("", R"(, "compare": {"image": "missing.png"})");
  const CliResult missing = runCli(record((dir_ / "three").string()));
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("missing.png: no such file"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace convoscope
