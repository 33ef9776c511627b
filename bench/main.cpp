// convoscope-bench [--json] [google-benchmark flags]: --json is shorthand for --benchmark_format=json.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/AllocatorTuning.h"

int main(int argc, char** argv) {
  convoscope::keepLargeAllocationsInHeap();  // as the app does
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
