// The start-up snapshot cache seen from `shot` (app/StartupSnapshot.h): a cached picture needs no engine and
// is the engine's picture pixel for pixel; a changed image, model, flag or a corrupt cache file is never shown
// from the cache — with the engine off (CONVOSCOPE_NO_ENGINE=1) such a shot fails instead of drawing anything,
// and with it on it equals a shot made with an empty cache.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/ScopedEnv.h"
#include "tests/app/CliRunner.h"

namespace convoscope::cli_test {
namespace {

namespace fs = std::filesystem;
using testing_support::ScopedEnv;

const std::string kSource = CONVOSCOPE_SOURCE_DIR;

class StartupCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("convoscope-startup-cache-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    cache_ = std::make_unique<ScopedEnv>("CONVOSCOPE_CACHE_DIR", (dir_ / "cache").string());
  }
  void TearDown() override {
    cache_.reset();
    fs::remove_all(dir_);
  }
  // A small shot of `args`; the PNG's bytes, or "" when it failed (the reason in `failure`).
  std::string shot(const std::string& args, bool engine = true) {
    std::unique_ptr<ScopedEnv> off;
    if (!engine) off = std::make_unique<ScopedEnv>("CONVOSCOPE_NO_ENGINE", "1");
    const fs::path png = dir_ / ("shot-" + std::to_string(count_++) + ".png");
    const CliResult r = runCli("shot --size 480x270 " + args + " -o " + png.string());
    failure = r.err;
    return r.exitCode == 0 ? slurp(png) : "";
  }
  // The same shot with a cache of its own, empty: what the engine draws today.
  std::string fresh(const std::string& args) {
    ScopedEnv elsewhere("CONVOSCOPE_CACHE_DIR", (dir_ / ("fresh-" + std::to_string(count_))).string());
    return shot(args);
  }
  fs::path dir_;
  std::unique_ptr<ScopedEnv> cache_;
  int count_ = 0;
  std::string failure;
};

TEST_F(StartupCache, ACachedShotOpensNoEngineAndIsTheEnginesPicture) {
  EXPECT_EQ(shot("", /*engine=*/false), "") << "with nothing cached, an engine-off shot cannot draw";
  EXPECT_NE(failure.find("CONVOSCOPE_NO_ENGINE"), std::string::npos) << failure;
  const std::string engine = shot("");
  ASSERT_NE(engine, "") << failure;
  ASSERT_FALSE(fs::is_empty(dir_ / "cache" / "snapshots"));
  const std::string cached = shot("", /*engine=*/false);
  ASSERT_NE(cached, "") << failure;
  EXPECT_EQ(cached, engine);
}

TEST_F(StartupCache, AChangedImageIsNeverTheCachedPicture) {
  const fs::path image = dir_ / "image.png";
  fs::copy_file(kSource + "/assets/samples/default.png", image);
  const std::string before = shot("-i " + image.string());
  ASSERT_NE(before, "") << failure;
  fs::copy_file(kSource + "/assets/samples/sneaker-1.png", image, fs::copy_options::overwrite_existing);
  EXPECT_EQ(shot("-i " + image.string(), /*engine=*/false), "");
  const std::string after = shot("-i " + image.string());
  EXPECT_NE(after, before);
  EXPECT_EQ(after, fresh("-i " + image.string()));
}

TEST_F(StartupCache, AChangedModelIsNeverTheCachedPicture) {
  const fs::path model = dir_ / "model.pt";
  fs::copy_file(kSource + "/models/tiny-vgg.pt", model);
  const std::string before = shot("-m " + model.string());
  ASSERT_NE(before, "") << failure;
  fs::copy_file(kSource + "/models/tiny-vgg-training/step-000004.pt", model, fs::copy_options::overwrite_existing);
  EXPECT_EQ(shot("-m " + model.string(), /*engine=*/false), "");
  const std::string after = shot("-m " + model.string());
  EXPECT_NE(after, before);
  EXPECT_EQ(after, fresh("-m " + model.string()));
}

TEST_F(StartupCache, AnotherFlagIsAnotherEntry) {
  ASSERT_NE(shot(""), "") << failure;
  EXPECT_EQ(shot("--normalize 0.5,0.5", /*engine=*/false), "");
  EXPECT_NE(shot("--normalize 0.5,0.5"), "");
  EXPECT_NE(shot("--normalize 0.5,0.5", /*engine=*/false), "");
}

TEST_F(StartupCache, ACorruptCacheFileIsAMissAndIsWrittenAgain) {
  const std::string engine = shot("");
  ASSERT_NE(engine, "") << failure;
  for (const auto& entry : fs::directory_iterator(dir_ / "cache" / "snapshots")) {
    std::string bytes = slurp(entry.path());
    bytes[bytes.size() / 2] ^= 0x5a;  // one byte in the payload: the checksum no longer matches
    std::ofstream(entry.path(), std::ios::binary) << bytes;
  }
  EXPECT_EQ(shot("", /*engine=*/false), "");
  EXPECT_EQ(shot(""), engine);
  EXPECT_EQ(shot("", /*engine=*/false), engine);
}

// The engine module missing, or another library in its place: a named exit-1 error, not a crash.
TEST_F(StartupCache, AMissingOrForeignEngineModuleIsANamedError) {
  {
    ScopedEnv missing("CONVOSCOPE_ENGINE_LIBRARY", (dir_ / "nowhere.so").string());
    const CliResult r = runCli("inspect");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("nowhere.so: cannot open the engine"), std::string::npos) << r.err;
  }
  const std::string zlib = "/usr/lib/x86_64-linux-gnu/libz.so.1";  // any shared library that is not ours
  if (!fs::exists(zlib)) GTEST_SKIP() << zlib << " not here (another architecture)";
  ScopedEnv foreign("CONVOSCOPE_ENGINE_LIBRARY", zlib);
  const CliResult r = runCli("inspect");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("built from other sources"), std::string::npos) << r.err;
}

// `check-tour`: the bundled tour is ready; its second check reads the model's layers from the cache (no engine);
// a focus on a layer the model lacks, and a compare image that is not there, are named exit-2 errors.
TEST_F(StartupCache, CheckTourChecksEveryFocusAgainstTheModel) {
  const std::string tour = kSource + "/assets/tours/tiny-vgg.json";
  const CliResult first = runCli("check-tour --json " + tour);
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const nlohmann::json report = nlohmann::json::parse(first.out);
  EXPECT_EQ(report["steps"].get<int>(), 30);
  EXPECT_EQ(report["layers"].get<int>(), 13);
  EXPECT_FALSE(report["from_cache"].get<bool>());
  {
    ScopedEnv off("CONVOSCOPE_NO_ENGINE", "1");
    const CliResult second = runCli("check-tour --json " + tour);
    ASSERT_EQ(second.exitCode, 0) << second.err;
    EXPECT_TRUE(nlohmann::json::parse(second.out)["from_cache"].get<bool>());
  }

  const fs::path bad = dir_ / "bad.json";
  std::ofstream(bad) << R"({"format": "convoscope-tour", "version": 1, "model": ")" << kSource
                     << R"(/models/tiny-vgg.pt", "steps": [{"title": "A", "duration": 2},
                        {"title": "B", "focus": {"layer": "conv_1_3"}, "duration": 2}]})";
  const CliResult wrongLayer = runCli("check-tour " + bad.string());
  EXPECT_EQ(wrongLayer.exitCode, 2);
  EXPECT_NE(wrongLayer.err.find("step 2"), std::string::npos) << wrongLayer.err;
  EXPECT_NE(wrongLayer.err.find("conv_1_1"), std::string::npos) << wrongLayer.err;  // "did you mean"

  std::ofstream(bad) << R"({"format": "convoscope-tour", "version": 1, "steps": [
                        {"title": "B", "compare": {"image": "missing.png"}, "duration": 2}]})";
  const CliResult missing = runCli("check-tour " + bad.string());
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("missing.png: no such file"), std::string::npos) << missing.err;
}

// `record` of a tour that needs only the picture draws it from the cache with no engine, frame for frame what
// the engine's snapshot gives; a step that runs the model (a heat map) still needs the engine.
TEST_F(StartupCache, ARecordedTourNeedsNoEngineWhenItShowsOnlyThePicture) {
  const fs::path tour = dir_ / "tour.json";
  std::ofstream(tour) << R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "All", "duration": 0.5}, {"title": "One map", "focus": {"layer": "conv_1_1", "channel": 1},
     "zoom": 1, "duration": 0.5}]})";
  auto record = [&](const std::string& folder, bool engine) {
    std::unique_ptr<ScopedEnv> off;
    if (!engine) off = std::make_unique<ScopedEnv>("CONVOSCOPE_NO_ENGINE", "1");
    const CliResult r = runCli("record --tour " + tour.string() + " --size 320x180 --fps 4 -o " +
                               (dir_ / folder).string());
    failure = r.err;
    return r.exitCode;
  };
  EXPECT_NE(record("none", false), 0) << "nothing cached yet: the engine is needed";
  ASSERT_EQ(record("engine", true), 0) << failure;
  ASSERT_EQ(record("cached", false), 0) << failure;
  for (const char* name : {"frame-000000.png", "frame-000003.png"})
    EXPECT_EQ(slurp(dir_ / "cached" / name), slurp(dir_ / "engine" / name)) << name;

  std::ofstream(tour) << R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "Why", "attribution": {"method": "gradcam"}, "duration": 0.5}]})";
  EXPECT_NE(record("heat", false), 0);
  EXPECT_NE(failure.find("CONVOSCOPE_NO_ENGINE"), std::string::npos) << failure;
}

}  // namespace
}  // namespace convoscope::cli_test
