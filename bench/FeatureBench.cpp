// 8. "What does this channel look for?": feature visualizations of every conv channel of Tiny VGG (targets:
// all 40 in ≤ 60 s), and the top 9 dataset examples of every spatial layer over the 10,000 Fashion-MNIST
// test images in one pass (≤ 20 s). Whole runs, no cache.
#include <benchmark/benchmark.h>

#include <chrono>

#include "BenchModels.h"
#include "core/ExampleSource.h"
#include "engine/FeatureVisualization.h"
#include "engine/FeatureCache.h"
#include "engine/TopExampleCache.h"
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

// What selecting a channel of the bundled model costs before its gallery shows: open Fashion-MNIST's test
// set, read the layer's lists from the shipped cache, read the channel's nine images back (the window's job
// also writes two small PNGs). And a channel's feature picture read from the shipped cache.
void selectedChannelFromShippedCache(benchmark::State& state) {
  BenchModel& m = benchModel("tiny-vgg");
  const Snapshot snapshot = m.model->runImage(m.imageA);
  const int layer = snapshot.findLayer("conv_2_1");
  double open = 0, lists = 0, images = 0, feature = 0;
  bool fromCache = true;
  int featuresFromCache = 0;
  for (auto _ : state) {
    std::unique_ptr<ExampleSource> source;
    open += secondsOf([&] { source = openExampleSource("/usr/share/datasets/fashion-mnist"); });
    CachedTopExamples found;
    lists += secondsOf([&] { found = topExamplesCached(*m.model, *source, layer, 9); });
    fromCache = fromCache && found.fromCache;
    images += secondsOf([&] {
      for (const TopExample& e : found.examples.channels.at(3).examples) benchmark::DoNotOptimize(source->image(e.index));
    });
    FeatureOptions options;
    options.layer = layer;
    options.channels = {3};
    feature += secondsOf([&] { featuresFromCache = visualizeFeaturesCached(*m.model, options).fromCache; });
  }
  const double n = static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["ms_open_dataset"] = 1000 * open / n;
  state.counters["ms_lists"] = 1000 * lists / n;
  state.counters["ms_nine_images"] = 1000 * images / n;
  state.counters["ms_feature_picture"] = 1000 * feature / n;
  state.counters["from_cache"] = fromCache && featuresFromCache == 1 ? 1 : 0;
}

BENCHMARK(allConvFeatures)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(topExamplesEveryLayer)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(selectedChannelFromShippedCache)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

}  // namespace
}  // namespace convoscope::bench
