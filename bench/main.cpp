// convoscope-bench [--json] [google-benchmark flags]: --json is shorthand for --benchmark_format=json.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/AllocatorTuning.h"
#include "core/HugePages.h"

int main(int argc, char** argv) {
  // As the app's rendering commands do: huge pages (re-executes once), large blocks kept in the heap. Child
  // processes measured by the benchmark start without the tunable (bench/ChildProcess.cpp).
  convoscope::restartWithHugePages();
  convoscope::keepLargeAllocationsInHeap();
  std::vector<char*> args;
  static char jsonFlag[] = "--benchmark_format=json";
  for (int i = 0; i < argc; ++i) args.push_back(std::strcmp(argv[i], "--json") == 0 ? jsonFlag : argv[i]);
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
