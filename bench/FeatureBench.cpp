// 8. "What does this channel look for?": feature visualizations of every conv channel of Tiny VGG (targets:
// all 40 in ≤ 60 s), and the top 9 dataset examples of every spatial layer over the 10,000 Fashion-MNIST
// test images in one pass (≤ 20 s). Whole runs, no cache.
#include <benchmark/benchmark.h>

#include <chrono>

#include "BenchModels.h"
#include "core/ExampleSource.h"
#include "engine/FeatureVisualization.h"
#include "engine/TopExamples.h"

namespace convoscope::bench {
namespace {

double secondsOf(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void allConvFeatures(benchmark::State& state) {
  BenchModel& m = benchModel("tiny-vgg");
  const Snapshot snapshot = m.model->runImage(m.imageA);
  double seconds = 0;
  int channels = 0;
  for (auto _ : state) {
    channels = 0;
    seconds += secondsOf([&] {
      for (const Layer& layer : snapshot.layers) {
        if (layer.kind != LayerKind::Conv2d) continue;
        FeatureOptions options;
        options.layer = snapshot.findLayer(layer.name);
        for (int c = 0; c < layer.output.shape[0]; ++c) options.channels.push_back(c);
        channels += static_cast<int>(options.channels.size());
        benchmark::DoNotOptimize(visualizeFeatures(*m.model, options));
      }
    });
  }
  state.counters["channels"] = channels;
  state.counters["seconds"] = seconds / static_cast<double>(state.iterations());  // target <= 60
}

void topExamplesEveryLayer(benchmark::State& state) {
  BenchModel& m = benchModel("tiny-vgg");
  const std::unique_ptr<ExampleSource> source = openExampleSource("/usr/share/datasets/fashion-mnist");
  double seconds = 0;
  size_t layers = 0;
  for (auto _ : state) {
    seconds += secondsOf([&] { layers = collectTopExamples(*m.model, *source, TopExampleOptions{}).size(); });
  }
  state.counters["images"] = source->count();
  state.counters["layers"] = static_cast<double>(layers);
  state.counters["seconds"] = seconds / static_cast<double>(state.iterations());  // target <= 20
}

BENCHMARK(allConvFeatures)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(topExamplesEveryLayer)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace convoscope::bench
