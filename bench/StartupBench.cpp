// Start-up against the floor (issue 17): in one run, alternating, the bare GLFW program (convoscope-floor) and
// the viewer with the bundled model, `shot` of the bundled model and the model-free commands. The viewer's own
// figures come from its CONVOSCOPE_STARTUP_REPORT=1 line; peak memory from wait4 (the whole process). Needs a
// display for the two windows (e.g. `xvfb-run -s "-screen 0 1920x1080x24" build/convoscope-bench`).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "ChildProcess.h"

namespace convoscope::bench {
namespace {

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
  runProgram({convoscope, "check-tour", std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/tours/tiny-vgg.json"});
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
    f["check_tour_ms"].push_back(
        runProgram({convoscope, "check-tour", std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/tours/tiny-vgg.json"}).ms);
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
