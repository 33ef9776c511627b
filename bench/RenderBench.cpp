// 2. Image switch latency and 3. frame time + draw calls, headless at 1920x1080 (EGL; llvmpipe on the
// development machine), for Tiny VGG, ResNet-18 and ResNet-50 at the overview and a close-up pose.
#include <benchmark/benchmark.h>
#include <epoxy/gl.h>

#include <memory>

#include "BenchModels.h"
#include "renderer/Framebuffer.h"
#include "renderer/HeadlessContext.h"
#include "renderer/SceneRenderer.h"
#include "renderer/ShotFraming.h"
#include "scene/SlabLayout.h"

namespace convoscope::bench {
namespace {

constexpr int kWidth = 1920, kHeight = 1080;

// One GL context, render target and renderer for the whole process, as in the app. Members are built in
// declaration order: the context must be current before the others.
struct RenderRig {
  std::unique_ptr<HeadlessContext> context;
  std::unique_ptr<Framebuffer> framebuffer;
  std::unique_ptr<SceneRenderer> renderer;
};

RenderRig& rig() {
  static RenderRig instance = [] {
    RenderRig r;
    r.context = std::make_unique<HeadlessContext>();
    r.context->makeCurrent();
    r.framebuffer = std::make_unique<Framebuffer>(kWidth, kHeight, 4);
    r.renderer = std::make_unique<SceneRenderer>();
    return r;
  }();
  instance.framebuffer->bind();
  return instance;
}

FrameStats drawFrame(const Snapshot& snapshot, const SceneLayout& layout, const OrbitCamera& camera) {
  const FrameStats stats =
      rig().renderer->render(snapshot, layout, camera, Selection{}, ViewOptions{}, {kWidth, kHeight});
  glFinish();  // the frame is done only when the GPU (here: llvmpipe threads) is
  return stats;
}

enum class Pose { Overview, CloseUp };

void frameTime(benchmark::State& state, const std::string& name, Pose pose) {
  BenchModel& m = benchModel(name);
  const Snapshot snapshot = m.model->runImage(m.imageA);
  const SceneLayout layout = layoutSlabs(snapshot, LayoutOptions{});
  OrbitCamera camera;
  const float aspect = static_cast<float>(kWidth) / kHeight;
  applyShotCamera(camera, layout, aspect);
  if (pose == Pose::CloseUp) {
    // The first tile of the middle slab, filling the view: the cell-numbers level of detail.
    const Slab& slab = layout.slabs[layout.slabs.size() / 2];
    const FaceRect tile = tileRect(slab, 0);
    const float z = frontFaceZ(slab);
    camera.frame(Bounds::fromCentreSize({tile.centre(), z}, {tile.size(), 0.01f}), aspect);
  }
  FrameStats stats = drawFrame(snapshot, layout, camera);  // uploads once
  for (auto _ : state) stats = drawFrame(snapshot, layout, camera);
  state.counters["draw_calls"] = stats.drawCalls;
  state.counters["tiles"] = stats.tileInstances;
  state.counters["slabs"] = static_cast<double>(layout.slabs.size());
  state.counters["fps"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// From "new image chosen" to the first frame showing it: decode + preprocess + forward with capture + layout +
// texture upload + one frame.
void imageSwitch(benchmark::State& state, const std::string& name) {
  BenchModel& m = benchModel(name);
  OrbitCamera camera;
  const float aspect = static_cast<float>(kWidth) / kHeight;
  {
    const Snapshot first = m.model->runImage(m.imageB);
    const SceneLayout layout = layoutSlabs(first, LayoutOptions{});
    applyShotCamera(camera, layout, aspect);
    drawFrame(first, layout, camera);
  }
  bool flip = false;
  for (auto _ : state) {
    const Snapshot snapshot = m.model->runImage(flip ? m.imageB : m.imageA);
    const SceneLayout layout = layoutSlabs(snapshot, LayoutOptions{});
    drawFrame(snapshot, layout, camera);
    flip = !flip;
  }
}

BENCHMARK_CAPTURE(imageSwitch, tiny_vgg, std::string("tiny-vgg"))->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK_CAPTURE(imageSwitch, resnet18_224, std::string("resnet18"))->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();
BENCHMARK_CAPTURE(frameTime, tiny_vgg_overview, std::string("tiny-vgg"), Pose::Overview)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK_CAPTURE(frameTime, tiny_vgg_closeup, std::string("tiny-vgg"), Pose::CloseUp)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK_CAPTURE(frameTime, resnet18_overview, std::string("resnet18"), Pose::Overview)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK_CAPTURE(frameTime, resnet18_closeup, std::string("resnet18"), Pose::CloseUp)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK_CAPTURE(frameTime, resnet50_overview, std::string("resnet50"), Pose::Overview)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();
BENCHMARK_CAPTURE(frameTime, resnet50_closeup, std::string("resnet50"), Pose::CloseUp)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();

}  // namespace
}  // namespace convoscope::bench
