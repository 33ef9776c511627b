#pragma once
// Whole programs as the benchmark's subjects: `convoscope` commands, the floor program. Spawned, waited for,
// their wall time, peak resident memory (wait4) and output kept.
#include <string>
#include <vector>

namespace convoscope::bench {

struct Finished {
  double ms = 0;       // wall time, spawn to exit
  // The child's peak resident memory, or NaN when it cannot be told apart from this benchmark process's: Linux
  // starts a spawned child's high-water mark at its parent's, so after ResNet-50's benchmarks (~1 GiB) a
  // window's 150 MiB reads as 1 GiB. Run the start-up benchmarks alone for their memory figures.
  double peakMiB = 0;
  std::string output;  // stdout and stderr
};

// Throws std::runtime_error (with the output) when it cannot start or exits with a status other than 0.
Finished runProgram(std::vector<std::string> args);

}  // namespace convoscope::bench
