// `convoscope record` interrupted (Ctrl-C = SIGINT, or SIGTERM) must leave either a playable MP4 holding the
// frames so far or no file at all, never a corrupt file under the final name, and no temporary files.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "CliRunner.h"

extern char** environ;

namespace convoscope {
namespace {

namespace fs = std::filesystem;

struct Interrupted {
  int status = 0;
  std::string err;
};

// Starts the recording, sends `signal` after `delay`, waits for it to end.
Interrupted recordAndInterrupt(const fs::path& dir, const fs::path& video, int signal,
                               std::chrono::milliseconds delay) {
  const std::string tour = std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/tours/tiny-vgg.json";
  const fs::path errFile = dir.parent_path() / (dir.filename().string() + ".err");
  std::vector<std::string> args = {CONVOSCOPE_BINARY, "record", "--tour", tour, "--size",
                                   "320x180",         "--fps",  "10",     "-o", video.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  if (delay.count() >= 0) {
    std::this_thread::sleep_for(delay);
  } else {
    // Until the encoder has written frames into its temporary file (".walk.mp4.convoscope-PID.part"),
    // however slow the machine (a sanitized build loads the model for seconds), then a little more.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    const fs::path part =
        dir / ("." + video.filename().string() + ".convoscope-" + std::to_string(pid) + ".part");
    std::error_code ec;
    while (std::chrono::steady_clock::now() < until && !(fs::exists(part, ec) && fs::file_size(part, ec) > 0))
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ::kill(pid, signal);
  Interrupted result;
  while (::waitpid(pid, &result.status, 0) < 0 && errno == EINTR) {
  }
  result.err = cli_test::slurp(errFile);
  fs::remove(errFile);
  return result;
}

class RecordInterruptTest : public ::testing::TestWithParam<std::pair<int, int>> {};

TEST_P(RecordInterruptTest, LeavesAPlayableMp4OrNothing) {
  if (cli_test::commandOutput("command -v ffprobe").empty()) GTEST_SKIP() << "ffprobe not installed";
  const auto [signal, delayMs] = GetParam();
  const fs::path dir =
      fs::temp_directory_path() / ("convoscope-interrupt-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(signal) + "-" + std::to_string(delayMs + 1));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path video = dir / "walk.mp4";
  const Interrupted r = recordAndInterrupt(dir, video, signal, std::chrono::milliseconds(delayMs));

  if (WIFSIGNALED(r.status)) {
    // Interrupted before the recording began (still parsing the tour): the default action, nothing written.
    EXPECT_EQ(WTERMSIG(r.status), signal);
    EXPECT_FALSE(fs::exists(video));
  } else {
    // Otherwise it stops by itself with a message (exit 1) saying what was kept.
    ASSERT_TRUE(WIFEXITED(r.status));
    EXPECT_EQ(WEXITSTATUS(r.status), 1) << r.err;
    EXPECT_NE(r.err.find("interrupted"), std::string::npos) << r.err;
  }
  if (delayMs < 0) EXPECT_TRUE(fs::exists(video)) << "frames were encoded, yet nothing was kept\n" << r.err;
  if (fs::exists(video)) {
    const std::string probe = cli_test::commandOutput(
        "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
        "stream=codec_name,nb_read_frames -of default=nw=1 " +
        video.string() + " 2>&1");
    EXPECT_NE(probe.find("codec_name=h264"), std::string::npos) << probe;
    const auto at = probe.find("nb_read_frames=");
    ASSERT_NE(at, std::string::npos) << probe;
    EXPECT_GT(std::stoi(probe.substr(at + 15)), 0) << probe;
    std::printf("interrupt: signal %d after %d ms: kept a playable MP4 of %d frames\n", signal, delayMs,
                std::stoi(probe.substr(at + 15)));
    EXPECT_NE(r.err.find("walk.mp4"), std::string::npos) << r.err;
  }
  if (!fs::exists(video)) std::printf("interrupt: signal %d after %d ms: nothing written\n", signal, delayMs);
  // Nothing else: no .part file, no half-written video under another name.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  if (fs::exists(video))
    EXPECT_EQ(names, std::vector<std::string>{"walk.mp4"});
  else
    EXPECT_TRUE(names.empty()) << names.front();
  fs::remove_all(dir);
}

// Ctrl-C two seconds in (loading or recording, depending on the machine), Ctrl-C and SIGTERM once frames are
// encoded (a playable file must remain), and Ctrl-C at once (nothing). -1: "once frames are encoded".
INSTANTIATE_TEST_SUITE_P(Signals, RecordInterruptTest,
                         ::testing::Values(std::make_pair(SIGINT, 2000), std::make_pair(SIGINT, -1),
                                           std::make_pair(SIGTERM, -1), std::make_pair(SIGINT, 150)),
                         [](const auto& info) {
                           return std::string(info.param.first == SIGINT ? "Sigint" : "Sigterm") +
                                  (info.param.second < 0
                                       ? std::string("WhileEncoding")
                                       : "After" + std::to_string(info.param.second) + "ms");
                         });

}  // namespace
}  // namespace convoscope
