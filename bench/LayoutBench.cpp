// The layout of a deep network: wrapping ResNet-50 into lanes tries every lane count and nudges the breaks,
// each try a whole layout and an overview fit. It runs on the UI thread when a model loads and when Home
// re-wraps for a new view shape, so it must stay well inside a frame's budget.
#include <benchmark/benchmark.h>

#include "BenchModels.h"
#include "scene/SlabLayout.h"

namespace convoscope::bench {
namespace {

void wrapLayout(benchmark::State& state, const std::string& name, float aspect) {
  BenchModel& m = benchModel(name);
  const Snapshot snapshot = m.model->runImage(m.imageA);
  LayoutOptions options;
  options.frameAspect = aspect;
  int lanes = 0;
  for (auto _ : state) {
    const SceneLayout layout = layoutSlabs(snapshot, options);
    lanes = layout.laneCount;
    benchmark::DoNotOptimize(layout.slabs.data());
  }
  state.counters["lanes"] = lanes;
  state.counters["slabs"] = static_cast<double>(layoutSlabs(snapshot, options).slabs.size());
}

BENCHMARK_CAPTURE(wrapLayout, tiny_vgg_16x9, std::string("tiny-vgg"), 16.0f / 9.0f)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(wrapLayout, resnet50_16x9, std::string("resnet50"), 16.0f / 9.0f)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(wrapLayout, resnet50_4x3, std::string("resnet50"), 4.0f / 3.0f)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace convoscope::bench
