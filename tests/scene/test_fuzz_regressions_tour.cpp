// Tour texts that fuzz/fuzz_tour found crashing (fuzz/regressions/tour/): each must now be an InputError.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/Errors.h"
#include "scene/Tour.h"

namespace convoscope {
namespace {

TEST(TourFuzzRegressions, EveryFindingIsAnInputError) {
  namespace fs = std::filesystem;
  int count = 0;
  for (const auto& entry :
       fs::directory_iterator(fs::path(CONVOSCOPE_SOURCE_DIR) / "fuzz/regressions/tour")) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_THROW(parseTour(text, entry.path().filename().string()), InputError) << entry.path();
    ++count;
  }
  EXPECT_GT(count, 0);
}

}  // namespace
}  // namespace convoscope
