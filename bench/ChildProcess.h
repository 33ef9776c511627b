#pragma once
// Whole programs as the benchmark's subjects: `convoscope` commands, the floor program. Spawned, waited for,
// their wall time, peak resident memory (wait4) and output kept.
#include <string>
#include <vector>

namespace convoscope::bench {

struct Finished {
  double ms = 0;       // wall time, spawn to exit
  double peakMiB = 0;  // the child's peak resident memory
  std::string output;  // stdout and stderr
};

// Throws std::runtime_error (with the output) when it cannot start or exits with a status other than 0.
Finished runProgram(std::vector<std::string> args);

}  // namespace convoscope::bench
