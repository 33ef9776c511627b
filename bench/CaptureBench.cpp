// 1. Capture overhead: forward with every activation captured (into a Snapshot) vs a plain forward(), the
// two alternating inside one benchmark so the ratio comes from one run on the same warm caches.
#include <benchmark/benchmark.h>

#include <chrono>
#include <functional>

#include "BenchModels.h"
#include "Stopwatch.h"
#include "core/ImageInput.h"

namespace convoscope::bench {
namespace {

void captureOverhead(benchmark::State& state, const std::string& name) {
  BenchModel& m = benchModel(name);
  const auto input =
      imageToInput(loadImage(m.imageA), m.model->metadata().inputShape, m.model->metadata().normalization);
  for (int i = 0; i < 2; ++i) {  // warm-up: the graph executor profiles its first runs
    m.model->plainForward(input);
    m.model->run(input);
  }
  double plain = 0, capture = 0;
  for (auto _ : state) {
    plain += millisecondsOf([&] { benchmark::DoNotOptimize(m.model->plainForward(input)); });
    capture += millisecondsOf([&] { benchmark::DoNotOptimize(m.model->run(input)); });
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["plain_ms"] = plain / n;
  state.counters["capture_ms"] = capture / n;
  state.counters["ratio"] = capture / plain;  // target <= 1.25
  state.counters["captured_MiB"] = m.model->capturedBytes() / double(1 << 20);
}

BENCHMARK_CAPTURE(captureOverhead, tiny_vgg, std::string("tiny-vgg"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK_CAPTURE(captureOverhead, resnet18_224, std::string("resnet18"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);

}  // namespace
}  // namespace convoscope::bench
