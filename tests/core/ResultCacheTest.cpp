// The disk cache (core/ResultCache.h): what is written reads back for exactly its key; anything else about
// the file — another key, a flipped byte, a cut-off end, a foreign file — reads as absent; an unwritable cache
// is no error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/ResultCache.h"

namespace convoscope {
namespace {

namespace fs = std::filesystem;

class ResultCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("convoscope-cache-test-" + std::to_string(::getpid()));
    setenv("CONVOSCOPE_CACHE_DIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    fs::remove_all(dir_);
    unsetenv("CONVOSCOPE_CACHE_DIR");
  }
  // The one file an entry was written to.
  fs::path onlyEntry() const {
    fs::path found;
    for (const auto& e : fs::recursive_directory_iterator(dir_))
      if (e.is_regular_file()) found = e.path();
    return found;
  }
  fs::path dir_;
};

const std::vector<uint8_t> kPayload = {1, 2, 3, 250, 0, 7};

TEST_F(ResultCacheTest, WhatIsWrittenReadsBackForItsKeyOnly) {
  EXPECT_EQ(cacheDirectory(), dir_.string());
  EXPECT_FALSE(readCached("features", "model a|channel 1"));
  ASSERT_TRUE(writeCached("features", "model a|channel 1", kPayload));
  EXPECT_EQ(readCached("features", "model a|channel 1"), kPayload);
  EXPECT_FALSE(readCached("features", "model a|channel 2"));
  EXPECT_FALSE(readCached("examples", "model a|channel 1"));
}

TEST_F(ResultCacheTest, CorruptTruncatedOrForeignFilesReadAsAbsent) {
  ASSERT_TRUE(writeCached("features", "k", kPayload));
  const fs::path file = onlyEntry();
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto rewrite = [&](const std::string& content) { std::ofstream(file, std::ios::binary | std::ios::trunc) << content; };
  std::string flipped = bytes;
  flipped.back() ^= 0x40;
  rewrite(flipped);
  EXPECT_FALSE(readCached("features", "k")) << "payload checksum";
  rewrite(bytes.substr(0, bytes.size() - 2));
  EXPECT_FALSE(readCached("features", "k")) << "truncated";
  rewrite("not a cache file at all");
  EXPECT_FALSE(readCached("features", "k")) << "foreign";
  rewrite("");
  EXPECT_FALSE(readCached("features", "k")) << "empty";
  ASSERT_TRUE(writeCached("features", "k", kPayload));  // rewritten over the bad file
  EXPECT_EQ(readCached("features", "k"), kPayload);
}

TEST_F(ResultCacheTest, AnUnwritableCacheIsNotAnError) {
  setenv("CONVOSCOPE_CACHE_DIR", "/proc/convoscope-cannot-write-here", 1);
  EXPECT_FALSE(writeCached("features", "k", kPayload));
  EXPECT_FALSE(readCached("features", "k"));
}

TEST(ContentHash, DependsOnEveryByteAndNamesAMissingFile) {
  const fs::path a = fs::temp_directory_path() / ("convoscope-hash-" + std::to_string(::getpid()));
  std::ofstream(a, std::ios::binary) << "weights 1";
  const uint64_t first = fileContentHash(a.string());
  std::ofstream(a, std::ios::binary | std::ios::trunc) << "weights 2";
  EXPECT_NE(fileContentHash(a.string()), first);
  EXPECT_EQ(textHash("weights 2"), fileContentHash(a.string()));
  fs::remove(a);
  EXPECT_THROW(fileContentHash(a.string()), std::exception);
  EXPECT_EQ(hexText(0xabcull), "0000000000000abc");
}

}  // namespace
}  // namespace convoscope
