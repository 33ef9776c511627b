// Start-up against the floor (issue 17): in one run, alternating, the bare GLFW program (convoscope-floor) and
// the viewer with the bundled model, `shot` of the bundled model and the model-free commands. The viewer's own
// figures come from its CONVOSCOPE_STARTUP_REPORT=1 line; peak memory from wait4 (the whole process). Needs a
// display for the two windows (e.g. `xvfb-run -s "-screen 0 1920x1080x24" build/convoscope-bench`).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace convoscope::bench {
namespace {

struct Finished {
  double ms = 0;       // wall time, spawn to exit
  double peakMiB = 0;  // the child's peak resident memory
  std::string output;  // stdout and stderr
};

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
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot start " + args[0]);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Finished run;
  run.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  run.peakMiB = usage.ru_maxrss / 1024.0;
  close(fd);
  std::ifstream in(outputPath);
  run.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  unlink(outputPath);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(args[0] + " failed: " + run.output);
  return run;
}

// The number after `label` in a report line ("first frame 412 ms" → 412).
double figure(const std::string& output, const std::string& label) {
  const size_t at = output.find(label);
  if (at == std::string::npos) throw std::runtime_error("no '" + label + "' in: " + output);
  return std::atof(output.c_str() + at + label.size());
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

void startupAgainstFloor(benchmark::State& state) {
  if (!std::getenv("DISPLAY")) {
    state.SkipWithError("needs a display: run under xvfb-run -s \"-screen 0 1920x1080x24\"");
    return;
  }
  setenv("CONVOSCOPE_STARTUP_REPORT", "1", 1);
  const std::string convoscope = CONVOSCOPE_BINARY;
  runProgram({convoscope, "shot", "-o", "/tmp/convoscope-bench-shot.png"});  // fills the start-up cache
  std::map<std::string, std::vector<double>> f;
  for (auto _ : state) {
    f["floor_ms"].push_back(figure(runProgram({CONVOSCOPE_FLOOR_BINARY}).output, "first frame "));
    const Finished view = runProgram({convoscope, "view", "--script", "settle; quit"});
    f["first_frame_ms"].push_back(figure(view.output, "first frame "));
    f["model_drawn_ms"].push_back(figure(view.output, "model drawn "));
    f["window_peak_MiB"].push_back(view.peakMiB);
    const Finished shot = runProgram({convoscope, "shot", "-o", "/tmp/convoscope-bench-shot.png"});
    f["shot_ms"].push_back(shot.ms);
    f["shot_peak_MiB"].push_back(shot.peakMiB);
    f["version_ms"].push_back(runProgram({convoscope, "--version"}).ms);
    f["help_ms"].push_back(runProgram({convoscope, "--help"}).ms);
  }
  for (const auto& [name, values] : f) state.counters[name] = median(values);
  const double floor = median(f["floor_ms"]);
  state.counters["first_frame_x_floor"] = median(f["first_frame_ms"]) / floor;  // target <= 1.5
  state.counters["model_drawn_x_floor"] = median(f["model_drawn_ms"]) / floor;  // target <= 2.5
  state.counters["shot_x_floor"] = median(f["shot_ms"]) / floor;                // target <= 3
}

BENCHMARK(startupAgainstFloor)->Iterations(7)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace convoscope::bench
