// writeFileAtomically: the whole file or the old one, never half; the mode of a replaced file is kept; a
// failure names the file and what could not be written.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/AtomicFile.h"

namespace convoscope {
namespace {

namespace fs = std::filesystem;

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path freshFolder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("convoscope-atomic-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

TEST(AtomicFile, WritesTheWholeFileAndLeavesNoTemporary) {
  const fs::path folder = freshFolder("write");
  const fs::path path = folder / "tour.json";
  const std::string text(100000, 'x');
  writeFileAtomically(path.string(), text, "the tour");
  EXPECT_EQ(contents(path), text);
  EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);
  fs::remove_all(folder);
}

TEST(AtomicFile, AReplacedFileKeepsItsMode) {
  const fs::path folder = freshFolder("mode");
  const fs::path path = folder / "shared.json";
  writeFileAtomically(path.string(), std::string("old"), "the tour");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  writeFileAtomically(path.string(), std::string("new"), "the tour");
  EXPECT_EQ(contents(path), "new");
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  fs::remove_all(folder);
}

TEST(AtomicFile, AFailureNamesTheFileAndKeepsTheOldOne) {
  const fs::path folder = freshFolder("fail");
  const fs::path missing = folder / "no-such-folder" / "out.png";
  try {
    writeFileAtomically(missing.string(), std::string("data"), "PNG");
    FAIL() << "wrote into a missing folder";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(missing.string()), std::string::npos) << message;
    EXPECT_NE(message.find("cannot write PNG"), std::string::npos) << message;
  }
  // A file that exists stays whole when its replacement cannot be made (the folder is read-only; root
  // ignores permissions, so only check when they bite).
  const fs::path kept = folder / "kept.json";
  writeFileAtomically(kept.string(), std::string("previous"), "the tour");
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);
  bool failed = false;
  try {
    writeFileAtomically(kept.string(), std::string("replacement"), "the tour");
  } catch (const std::runtime_error&) {
    failed = true;
  }
  fs::permissions(folder, fs::perms::owner_all);
  EXPECT_EQ(contents(kept), failed ? "previous" : "replacement");
  fs::remove_all(folder);
}

}  // namespace
}  // namespace convoscope
