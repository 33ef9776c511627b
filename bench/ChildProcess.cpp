#include "ChildProcess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "core/ProcessClock.h"

extern char** environ;

namespace convoscope::bench {

namespace {
// The environment without GLIBC_TUNABLES: the benchmark runs with huge pages, as the app does (bench/main.cpp),
// but a measured child must start as a user's process does — the floor program with none, convoscope
// re-executing itself to add them.
std::vector<char*> environmentOfAUsersProcess() {
  std::vector<char*> variables;
  for (char** v = environ; *v; ++v)
    if (std::strncmp(*v, "GLIBC_TUNABLES=", 15) != 0) variables.push_back(*v);
  variables.push_back(nullptr);
  return variables;
}
}  // namespace

Finished runProgram(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char outputPath[] = "/tmp/convoscope-bench-output-XXXXXX";
  const int fd = mkstemp(outputPath);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fd, 1);
  posix_spawn_file_actions_adddup2(&actions, fd, 2);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  std::vector<char*> environment = environmentOfAUsersProcess();
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environment.data()) != 0)
    throw std::runtime_error("cannot start " + args[0]);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Finished run;
  run.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  run.peakMiB = usage.ru_maxrss / 1024.0;
  if (run.peakMiB <= peakResidentMiB() + 1.0) run.peakMiB = std::nan("");  // the parent's, not the child's
  close(fd);
  std::ifstream in(outputPath);
  run.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  unlink(outputPath);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(args[0] + " failed: " + run.output);
  return run;
}

}  // namespace convoscope::bench
