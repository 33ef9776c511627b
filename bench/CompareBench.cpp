// 9. "Where do two inputs part ways?": an FGSM adversarial input against a plain forward, alternating inside
// one benchmark so the ratio comes from one run (target: ≤ 3× on ResNet-18 at 224), and capturing B against A
// (the divergence summed in the capture pass) against a plain capture of B (target: close to 1×).
#include <benchmark/benchmark.h>

#include <chrono>

#include "BenchModels.h"
#include "Stopwatch.h"
#include "core/ImageInput.h"
#include "engine/Adversarial.h"

namespace convoscope::bench {
namespace {

void fgsmCost(benchmark::State& state, const std::string& name) {
  BenchModel& m = benchModel(name);
  const PixelGeometry g = pixelGeometryOf(m.model->metadata().inputShape);
  const std::vector<float> pixels = imageToPixels(loadImage(m.imageA), g);
  const std::vector<float> input = normalizePixels(pixels, g, m.model->metadata().normalization);
  const int predicted = classesOf(*m.model, pixels, 1).at(0);
  AttackOptions options;
  for (int i = 0; i < 2; ++i) {  // warm-up: the graph executor profiles its first runs
    m.model->plainForward(input);
    attack(*m.model, pixels, predicted, options);
  }
  double plain = 0, attacked = 0;
  for (auto _ : state) {
    plain += millisecondsOf([&] { benchmark::DoNotOptimize(m.model->plainForward(input)); });
    attacked += millisecondsOf([&] { benchmark::DoNotOptimize(attack(*m.model, pixels, predicted, options)); });
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["plain_ms"] = plain / n;
  state.counters["fgsm_ms"] = attacked / n;
  state.counters["ratio"] = attacked / plain;  // target <= 3 on ResNet-18 at 224
}

void captureAgainstCost(benchmark::State& state, const std::string& name) {
  BenchModel& m = benchModel(name);
  const auto inputOf = [&](const std::string& path) {
    return imageToInput(loadImage(path), m.model->metadata().inputShape, m.model->metadata().normalization);
  };
  const std::vector<float> a = inputOf(m.imageA), b = inputOf(m.imageB);
  const Snapshot snapshotA = m.model->run(a);
  for (int i = 0; i < 2; ++i) m.model->runAgainst(b, snapshotA);
  double plain = 0, against = 0;
  for (auto _ : state) {
    plain += millisecondsOf([&] { benchmark::DoNotOptimize(m.model->run(b)); });
    against += millisecondsOf([&] { benchmark::DoNotOptimize(m.model->runAgainst(b, snapshotA)); });
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["capture_ms"] = plain / n;
  state.counters["capture_against_ms"] = against / n;
  state.counters["ratio"] = against / plain;
}

}  // namespace

BENCHMARK_CAPTURE(fgsmCost, tiny_vgg, std::string("tiny-vgg"))->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK_CAPTURE(fgsmCost, resnet18_224, std::string("resnet18"))->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK_CAPTURE(captureAgainstCost, tiny_vgg, std::string("tiny-vgg"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK_CAPTURE(captureAgainstCost, resnet18_224, std::string("resnet18"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);

}  // namespace convoscope::bench
