#pragma once
// Runs the real convoscope binary and captures its exit code, stdout and stderr.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace convoscope::cli_test {

struct CliResult {
  int exitCode = -1;
  bool signalled = false;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline CliResult runCliOnce(const std::string& args) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("convoscope-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir);
  const std::string command = std::string(CONVOSCOPE_BINARY) + " " + args + " >" + (dir / "out").string() +
                              " 2>" + (dir / "err").string() + " </dev/null";
  const int status = std::system(command.c_str());
  CliResult result;
  result.signalled = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) > 128);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(dir / "out");
  result.err = slurp(dir / "err");
  std::filesystem::remove_all(dir);
  return result;
}

// LeakSanitizer's own stop-the-world tracer sometimes segfaults at exit while worker threads wind down
// ("Tracer caught signal 11 ... LeakSanitizer has encountered a fatal error"; google/sanitizers#1353). That is
// the sanitizer crashing, not a leak report or a test failure, so only that signature earns one rerun.
inline bool leakSanitizerCrashed(const CliResult& r) {
  return r.err.find("LeakSanitizer has encountered a fatal error") != std::string::npos &&
         r.err.find("Tracer caught signal") != std::string::npos;
}

inline CliResult runCli(const std::string& args) {
  CliResult result = runCliOnce(args);
  if (leakSanitizerCrashed(result)) result = runCliOnce(args);
  return result;
}

// Everything a shell command prints on stdout (ffprobe queries, `command -v`).
inline std::string commandOutput(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

inline std::string fixture(const std::string& name) {
  return std::string(CONVOSCOPE_FIXTURE_DIR) + "/" + name;
}

}  // namespace convoscope::cli_test
