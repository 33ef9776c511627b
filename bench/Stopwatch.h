#pragma once
// Wall-clock time of one piece of work, for benchmarks that time two things alternately in one loop.
#include <chrono>
#include <functional>

namespace convoscope::bench {

inline double millisecondsOf(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace convoscope::bench
