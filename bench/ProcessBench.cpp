// 5. Start-up, 6. memory of the whole process, 4. recording throughput: measured on the real `convoscope`
// binary in a child process, so the figures are what a user's process costs (wait4 gives its peak RSS).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "ChildProcess.h"

namespace convoscope::bench {
namespace {

struct ChildRun {
  double seconds = 0;
  double peakMiB = 0;
};

ChildRun runConvoscope(std::vector<std::string> args) {
  args.insert(args.begin(), CONVOSCOPE_BINARY);
  const Finished run = runProgram(args);
  return {run.ms / 1000.0, run.peakMiB};
}

// Process start to the first frame of the bundled model, written out: `shot` at 1920x1080 (its PNG encoding
// is included, so this is an upper bound on start-up to first frame). Also the process's peak RSS.
void startup(benchmark::State& state) {
  ChildRun run;
  double total = 0, peak = 0;
  for (auto _ : state) {
    run = runConvoscope({"shot", "--size", "1920x1080", "-o", "/tmp/convoscope-bench-startup.png"});
    total += run.seconds;
    peak = std::max(peak, run.peakMiB);
  }
  state.counters["startup_s"] = total / static_cast<double>(state.iterations());
  state.counters["peak_rss_MiB"] = peak;
}

// Frames per second rendered, read back and encoded to H.264 at 1920x1080 for the first steps of the bundled
// tour (1 s each at 30 fps), ffmpeg included.
void recording(benchmark::State& state) {
  const std::string tour = "/tmp/convoscope-bench-tour.json";
  std::ofstream(tour) << R"({"format": "convoscope-tour", "version": 1, "steps": [
    {"title": "Overview", "duration": 1},
    {"title": "First conv", "focus": {"layer": "conv_1_1"}, "duration": 1},
    {"title": "One map", "focus": {"layer": "conv_1_1", "channel": 0}, "zoom": 1, "duration": 1},
    {"title": "Pooling", "focus": {"layer": "max_pool_1"}, "duration": 1},
    {"title": "Output", "focus": {"layer": "output"}, "duration": 1}]})";
  constexpr int kFrames = 5 * 30;
  double total = 0;
  for (auto _ : state)
    total += runConvoscope({"record", "--tour", tour, "--size", "1920x1080", "--fps", "30", "-o",
                            "/tmp/convoscope-bench-record.mp4"})
                 .seconds;
  state.counters["record_fps"] = kFrames * static_cast<double>(state.iterations()) / total;  // target >= 30
}

BENCHMARK(startup)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(recording)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace convoscope::bench
