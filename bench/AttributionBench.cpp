// 5. "Why this class?": each attribution method against a plain forward, alternating inside one benchmark so
// the ratio comes from one run on the same warm caches (targets: Grad-CAM ≤ 2.5×, IG-50 ≤ 25× on ResNet-18 at
// 224). The resident memory after the run shows whether the gradients were released.
#include <benchmark/benchmark.h>

#include <chrono>
#include <fstream>
#include <unistd.h>

#include "BenchModels.h"
#include "core/ImageInput.h"
#include "engine/Attribution.h"

namespace convoscope::bench {
namespace {

double residentMiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1 << 20);
}

void attributionCost(benchmark::State& state, const std::string& name, AttributionMethod method, int batch) {
  BenchModel& m = benchModel(name);
  const auto input =
      imageToInput(loadImage(m.imageA), m.model->metadata().inputShape, m.model->metadata().normalization);
  const Snapshot snapshot = m.model->run(input);
  AttributionOptions options;
  options.method = method;
  options.batch = batch;
  options.target.classIndex = snapshot.top(1).at(0).index;
  for (int i = 0; i < 2; ++i) {  // warm-up: the graph executor profiles its first runs
    m.model->plainForward(input);
    attribute(*m.model, input, snapshot, options);
  }
  const double before = residentMiB();
  double plain = 0, attributed = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(m.model->plainForward(input));
    auto t1 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(attribute(*m.model, input, snapshot, options));
    auto t2 = std::chrono::steady_clock::now();
    plain += std::chrono::duration<double, std::milli>(t1 - t0).count();
    attributed += std::chrono::duration<double, std::milli>(t2 - t1).count();
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["plain_ms"] = plain / n;
  state.counters["attribution_ms"] = attributed / n;
  state.counters["ratio"] = attributed / plain;
  state.counters["rss_growth_MiB"] = residentMiB() - before;  // ~0 when the gradients are released
}

BENCHMARK_CAPTURE(attributionCost, gradcam_tiny_vgg, std::string("tiny-vgg"), AttributionMethod::GradCam, 16)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK_CAPTURE(attributionCost, gradcam_resnet18_224, std::string("resnet18"), AttributionMethod::GradCam, 16)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);
BENCHMARK_CAPTURE(attributionCost, saliency_resnet18_224, std::string("resnet18"), AttributionMethod::Saliency, 16)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);
BENCHMARK_CAPTURE(attributionCost, ig50_tiny_vgg, std::string("tiny-vgg"), AttributionMethod::IntegratedGradients,
                  16)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
// Integrated Gradients' batch size: samples per gradient pass (the default is 16).
BENCHMARK_CAPTURE(attributionCost, ig50_resnet18_224_batch1, std::string("resnet18"),
                  AttributionMethod::IntegratedGradients, 1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(attributionCost, ig50_resnet18_224_batch8, std::string("resnet18"),
                  AttributionMethod::IntegratedGradients, 8)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(attributionCost, ig50_resnet18_224_batch16, std::string("resnet18"),
                  AttributionMethod::IntegratedGradients, 16)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(attributionCost, ig50_resnet18_224_batch25, std::string("resnet18"),
                  AttributionMethod::IntegratedGradients, 25)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(attributionCost, occlusion_resnet18_224, std::string("resnet18"), AttributionMethod::Occlusion, 16)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace convoscope::bench
