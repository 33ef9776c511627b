// 2. Image switch latency and 3. frame time + draw calls, headless at 1920x1080 (EGL; llvmpipe on the
// development machine), for Tiny VGG, ResNet-18 and ResNet-50 at the overview and a close-up pose.
#include <benchmark/benchmark.h>
#include <epoxy/gl.h>
#include <sys/resource.h>
#include <valgrind/callgrind.h>

#include <chrono>
#include <cmath>
#include <map>
#include <memory>

#include "BenchModels.h"
#include "core/ImageInput.h"
#include "core/SnapshotBlend.h"
#include "core/SnapshotDifference.h"
#include "engine/SeriesModels.h"
#include "renderer/ActivationTextures.h"
#include "renderer/ComputationView.h"
#include "renderer/Framebuffer.h"
#include "renderer/HeadlessContext.h"
#include "renderer/SceneRenderer.h"
#include "scene/KernelPictures.h"
#include "scene/ShotFraming.h"
#include "scene/SlabLayout.h"

namespace convoscope::bench {
namespace {

constexpr int kWidth = 1920, kHeight = 1080;

// One GL context and renderer for the whole process, as in the app, and one render target per MSAA sample
// count. Members are built in declaration order: the context must be current before the others.
struct RenderRig {
  std::unique_ptr<HeadlessContext> context;
  std::unique_ptr<SceneRenderer> renderer;
  std::map<int, std::unique_ptr<Framebuffer>> framebuffers;
};

RenderRig& rig(int samples = kInteractiveSamples) {
  static RenderRig instance = [] {
    RenderRig r;
    r.context = std::make_unique<HeadlessContext>();
    r.context->makeCurrent();
    r.renderer = std::make_unique<SceneRenderer>();
    r.renderer->setFrameReuse(false);  // the frame figures measure drawing; animatedMathView turns it on
    return r;
  }();
  auto& fb = instance.framebuffers[samples];
  if (!fb) fb = std::make_unique<Framebuffer>(kWidth, kHeight, samples);
  fb->bind();
  return instance;
}

FrameStats drawFrame(const Snapshot& snapshot, const SceneLayout& layout, const OrbitCamera& camera,
                     int samples = kInteractiveSamples, const SlabOverlays& overlays = {}) {
  const FrameStats stats = rig(samples).renderer->render(snapshot, layout, camera, Selection{}, ViewOptions{},
                                                         {kWidth, kHeight}, overlays);
  glFinish();  // the frame is done only when the GPU (here: llvmpipe threads) is
  return stats;
}

enum class Pose { Overview, CloseUp };

OrbitCamera poseCamera(const SceneLayout& layout, Pose pose) {
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
  return camera;
}

void frameTime(benchmark::State& state, const std::string& name, Pose pose) {
  BenchModel& m = benchModel(name);
  const Snapshot snapshot = m.model->runImage(m.imageA);
  const SceneLayout layout = layoutSlabs(snapshot, LayoutOptions{});
  const OrbitCamera camera = poseCamera(layout, pose);
  const uint64_t uploadedBefore = rig().renderer->activations().bytesUploaded();
  FrameStats stats = drawFrame(snapshot, layout, camera);  // uploads once
  const uint64_t textureBytes = rig().renderer->activations().bytesUploaded() - uploadedBefore;
  for (auto _ : state) stats = drawFrame(snapshot, layout, camera);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["texture_MiB"] =
      textureBytes / double(1 << 20);  // 0 when the texture was refreshed in place
  state.counters["process_peak_rss_MiB"] = usage.ru_maxrss / 1024.0;  // this bench process, all models so far
  state.counters["draw_calls"] = stats.drawCalls;
  state.counters["tiles"] = stats.tileInstances;
  state.counters["slabs"] = static_cast<double>(layout.slabs.size());
  state.counters["fps"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// 5b. Attribution heat maps on every spatial slab (Grad-CAM "on every conv slab" and the input): the frame
// with them against the frame without, alternating; the maps add one draw call whatever the channel count.
void heatFrameTime(benchmark::State& state, const std::string& name) {
  BenchModel& m = benchModel(name);
  const Snapshot snapshot = m.model->runImage(m.imageA);
  const SceneLayout layout = layoutSlabs(snapshot, LayoutOptions{});
  const OrbitCamera camera = poseCamera(layout, Pose::Overview);
  HeatOverlay heat;
  heat.id = newHeatOverlayId();
  for (const Slab& slab : layout.slabs) {
    const Layer& layer = snapshot.layers[slab.displayLayer];
    if (layer.output.shape.size() != 3) continue;
    const int rows = static_cast<int>(layer.output.shape[1]), cols = static_cast<int>(layer.output.shape[2]);
    HeatMap map{slab.displayLayer, rows, cols, std::vector<float>(static_cast<size_t>(rows) * cols)};
    for (size_t i = 0; i < map.values.size(); ++i) map.values[i] = static_cast<float>(i % 17) / 16.0f;
    heat.maps.push_back(std::move(map));
  }
  drawFrame(snapshot, layout, camera, kInteractiveSamples, SlabOverlays{nullptr, &heat});  // uploads once
  double plain = 0, withHeat = 0;
  FrameStats plainStats, heatStats;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    plainStats = drawFrame(snapshot, layout, camera);
    auto t1 = std::chrono::steady_clock::now();
    heatStats = drawFrame(snapshot, layout, camera, kInteractiveSamples, SlabOverlays{nullptr, &heat});
    auto t2 = std::chrono::steady_clock::now();
    plain += std::chrono::duration<double, std::milli>(t1 - t0).count();
    withHeat += std::chrono::duration<double, std::milli>(t2 - t1).count();
  }
  const double n = static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["plain_ms"] = plain / n;
  state.counters["heat_ms"] = withHeat / n;
  state.counters["maps"] = static_cast<double>(heat.maps.size());
  state.counters["heat_instances"] = heatStats.heatInstances;
  state.counters["draw_calls_plain"] = plainStats.drawCalls;
  state.counters["draw_calls_heat"] = heatStats.drawCalls;
}

// 6b. Features mode: every conv channel's picture (64×64, as the window keeps them) over its tile, close up on
// the network, against the frame without, alternating; one draw call whatever the channel count. The pictures
// are synthetic: this measures drawing them, not making them (FeatureBench does that).
void featuresFrameTime(benchmark::State& state, const std::string& name) {
  BenchModel& m = benchModel(name);
  const Snapshot snapshot = m.model->runImage(m.imageA);
  const SceneLayout layout = layoutSlabs(snapshot, LayoutOptions{});
  const OrbitCamera camera = poseCamera(layout, Pose::CloseUp);
  FeatureOverlay features;
  features.id = newFeatureOverlayId();
  for (int layer : featureLayers(snapshot, layout))
    for (int c = 0; c < snapshot.layers[layer].output.shape[0]; ++c) {
      FeaturePicture p{layer, c, kFeaturePictureSide, kFeaturePictureSide, {}};
      p.rgba.resize(static_cast<size_t>(kFeaturePictureSide) * kFeaturePictureSide * 4);
      for (size_t i = 0; i < p.rgba.size(); ++i) p.rgba[i] = static_cast<uint8_t>((i * 7 + c * 13) & 0xff);
      features.pictures.push_back(std::move(p));
    }
  drawFrame(snapshot, layout, camera, kInteractiveSamples, SlabOverlays{&features});  // uploads once
  double plain = 0, withFeatures = 0;
  FrameStats plainStats, featureStats;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    plainStats = drawFrame(snapshot, layout, camera);
    auto t1 = std::chrono::steady_clock::now();
    featureStats = drawFrame(snapshot, layout, camera, kInteractiveSamples, SlabOverlays{&features});
    auto t2 = std::chrono::steady_clock::now();
    plain += std::chrono::duration<double, std::milli>(t1 - t0).count();
    withFeatures += std::chrono::duration<double, std::milli>(t2 - t1).count();
  }
  const double n = static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["plain_ms"] = plain / n;
  state.counters["features_ms"] = withFeatures / n;
  state.counters["pictures"] = static_cast<double>(features.pictures.size());
  state.counters["feature_instances"] = featureStats.featureInstances;
  state.counters["draw_calls_plain"] = plainStats.drawCalls;
  state.counters["draw_calls_features"] = featureStats.drawCalls;
}

// 9b. The compare view: switching what the slabs show (A → B → A − B) on every frame, against a steady frame.
// No forward pass: B and A − B were captured once; a switch re-uploads the activations of the shown snapshot.
void compareSwitchFrameTime(benchmark::State& state, const std::string& name) {
  BenchModel& m = benchModel(name);
  const Snapshot a = m.model->runImage(m.imageA);
  const auto inputB = imageToInput(loadImage(m.imageB), m.model->metadata().inputShape,
                                   m.model->metadata().normalization);
  const Snapshot b = m.model->runAgainst(inputB, a).snapshot;
  const Snapshot difference = differenceSnapshot(a, b);
  const SceneLayout layout = layoutSlabs(a, LayoutOptions{});
  const OrbitCamera camera = poseCamera(layout, Pose::Overview);
  const Snapshot* views[] = {&a, &b, &difference};
  double steady = 0, switched = 0;
  int frame = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    drawFrame(*views[frame % 3], layout, camera);  // same snapshot as the last frame
    auto t1 = std::chrono::steady_clock::now();
    drawFrame(*views[++frame % 3], layout, camera);  // the next view
    auto t2 = std::chrono::steady_clock::now();
    steady += std::chrono::duration<double, std::milli>(t1 - t0).count();
    switched += std::chrono::duration<double, std::milli>(t2 - t1).count();
  }
  const double n = static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["steady_ms"] = steady / n;
  state.counters["switch_ms"] = switched / n;  // one frame: no forward pass
}

// 7. The animated computation view: the bundled model's conv_1_2 cell computation with the kernel slide
// running, at 1920x1080 (scene + computation view per frame, as the window draws it).
// The kernel slides one cell per frame with the camera held (as a lecturer plays it), or orbiting a little
// each frame: held, the scene behind the card is copied from the frame before (SceneFrameReuse.h).
void animatedMathView(benchmark::State& state, bool orbiting) {
  BenchModel& m = benchModel("tiny-vgg");
  const Snapshot snapshot = m.model->runImage(m.imageA);
  const SceneLayout layout = layoutSlabs(snapshot, LayoutOptions{});
  const Selection selection = Selection::ofCell(snapshot.findLayer("conv_1_2"), 3, 10, 12);
  rig();  // the GL context must be current before the computation view bakes its font
  rig().renderer->setFrameReuse(true);  // as in the app
  ComputationView math;
  OrbitCamera camera = poseCamera(layout, Pose::Overview);
  ComputationViewOptions options;
  options.animate = true;
  options.slidePosition = 0.0f;
  math.build(snapshot, layout, selection, options);
  frameComputation(camera, math.bounds(), static_cast<float>(kWidth) / kHeight);
  int drawCalls = 0, reused = 0;
  float yaw = 0.0f;
  for (auto _ : state) {
    options.slidePosition = std::fmod(options.slidePosition + 1.0f / 784.0f, 1.0f);  // one cell per frame
    if (orbiting) {
      yaw = yaw > 0.0f ? -0.002f : 0.002f;  // a small sway, so the card stays in view
      camera.orbit(yaw, 0.0f);
    }
    reused += rig().renderer->render(snapshot, layout, camera, selection, ViewOptions{}, {kWidth, kHeight}).reused;
    math.build(snapshot, layout, selection, options);
    drawCalls = math.draw(layout, camera, {kWidth, kHeight});
    glFinish();
  }
  rig().renderer->setFrameReuse(false);
  state.counters["math_draw_calls"] = drawCalls;
  state.counters["scene_reused"] = static_cast<double>(reused) / std::max<int64_t>(1, state.iterations());
  state.counters["fps"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// Where a frame's time goes: each pass finished and timed on its own (glFinish between passes, so the sum is
// a little above frameTime), at 1 and 4 samples per pixel.
void framePasses(benchmark::State& state, const std::string& name, Pose pose) {
  const int samples = static_cast<int>(state.range(0));
  BenchModel& m = benchModel(name);
  const Snapshot snapshot = m.model->runImage(m.imageA);
  const SceneLayout layout = layoutSlabs(snapshot, LayoutOptions{});
  const OrbitCamera camera = poseCamera(layout, pose);
  SceneRenderer& renderer = *rig(samples).renderer;
  drawFrame(snapshot, layout, camera, samples);
  renderer.setPassTiming(true);
  double sum[6] = {0, 0, 0, 0, 0, 0};
  FrameStats stats;
  for (auto _ : state) {
    stats = drawFrame(snapshot, layout, camera, samples);
    for (int i = 0; i < 6; ++i) sum[i] += stats.passMilliseconds[i];
  }
  renderer.setPassTiming(false);
  const char* names[6] = {"ms_backdrop", "ms_slabs", "ms_tiles", "ms_lines_numbers", "ms_quads", "ms_text"};
  for (int i = 0; i < 6; ++i) state.counters[names[i]] = sum[i] / std::max<int64_t>(1, state.iterations());
  state.counters["ms_cpu"] = stats.cpuMilliseconds;
  state.counters["glyphs"] = stats.glyphs;
}

// Repeatable cost for A/B work on a shared machine: run one case alone under
//   valgrind --tool=callgrind --instr-atstart=no build/convoscope-bench
//   --benchmark_filter=frameInstructions/...
// and callgrind counts the instructions of exactly 3 frames (llvmpipe's threads and JIT code included).
void frameInstructions(benchmark::State& state, const std::string& name, Pose pose) {
  const int samples = static_cast<int>(state.range(0));
  BenchModel& m = benchModel(name);
  const Snapshot snapshot = m.model->runImage(m.imageA);
  const SceneLayout layout = layoutSlabs(snapshot, LayoutOptions{});
  const OrbitCamera camera = poseCamera(layout, pose);
  drawFrame(snapshot, layout, camera, samples);
  drawFrame(snapshot, layout, camera, samples);
  for (auto _ : state) {
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < 3; ++i) drawFrame(snapshot, layout, camera, samples);
    CALLGRIND_STOP_INSTRUMENTATION;
  }
}

// From "new image chosen" to the first frame showing it: decode + preprocess + forward with capture + layout
// + texture upload + one frame.
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
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  double forward = 0, layoutTime = 0, frame = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    const Snapshot snapshot = m.model->runImage(flip ? m.imageB : m.imageA);
    const auto t1 = Clock::now();
    const SceneLayout layout = layoutSlabs(snapshot, LayoutOptions{});
    const auto t2 = Clock::now();
    drawFrame(snapshot, layout, camera);
    const auto t3 = Clock::now();
    forward += ms(t0, t1);
    layoutTime += ms(t1, t2);
    frame += ms(t2, t3);
    flip = !flip;
  }
  // Where the time goes: image decode + forward with capture, layout, upload + the first frame.
  const double n = static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["ms_forward"] = forward / n;
  state.counters["ms_layout"] = layoutTime / n;
  state.counters["ms_upload_frame"] = frame / n;
}

// 10. The training timeline (issue 15): opening the bundled series (every checkpoint loaded, the image run through
// each), then one scrubber step — the next checkpoint's snapshot, its layout, the upload and the frame (target
// ≤ 30 ms) — and one playback frame between two checkpoints (blend + layout + frame), with weights mode on.
void timelineScrub(benchmark::State& state) {
  using Clock = std::chrono::steady_clock;
  const std::string image = std::string(CONVOSCOPE_SOURCE_DIR) + "/assets/samples/default.png";
  const auto open0 = Clock::now();
  const SeriesModels models = loadSeriesModels(std::string(CONVOSCOPE_SOURCE_DIR) + "/models/tiny-vgg-training", {});
  const CheckpointSnapshots snapshots = runSeries(models, image);
  const double openMs = std::chrono::duration<double, std::milli>(Clock::now() - open0).count();
  OrbitCamera camera = poseCamera(layoutSlabs(*snapshots.back(), LayoutOptions{}), Pose::Overview);
  KernelOverlayCache kernels;
  auto show = [&](double position) {
    const std::shared_ptr<const Snapshot> s = snapshotAtPosition(snapshots, position, true);
    const SceneLayout layout = layoutSlabs(*s, LayoutOptions{});
    SlabOverlays overlays;
    overlays.features = &kernels.overlayFor(*s, layout);
    drawFrame(*s, layout, camera, kInteractiveSamples, overlays);
  };
  double step = 0, blended = 0;
  int k = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    show(k = (k + 1) % static_cast<int>(snapshots.size()));
    const auto t1 = Clock::now();
    show(k + 0.5 < snapshots.size() - 1 ? k + 0.5 : 0.5);
    const auto t2 = Clock::now();
    step += std::chrono::duration<double, std::milli>(t1 - t0).count();
    blended += std::chrono::duration<double, std::milli>(t2 - t1).count();
  }
  const double n = static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["open_ms"] = openMs;   // once: 16 checkpoints loaded, the image through each
  state.counters["step_ms"] = step / n;  // target ≤ 30
  state.counters["blend_frame_ms"] = blended / n;
}

BENCHMARK(timelineScrub)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK_CAPTURE(heatFrameTime, tiny_vgg, std::string("tiny-vgg"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(heatFrameTime, resnet50_224, std::string("resnet50"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(compareSwitchFrameTime, tiny_vgg, std::string("tiny-vgg"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(compareSwitchFrameTime, resnet18_224, std::string("resnet18"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(featuresFrameTime, tiny_vgg, std::string("tiny-vgg"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(featuresFrameTime, resnet18_224, std::string("resnet18"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(animatedMathView, held, false)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK_CAPTURE(animatedMathView, orbiting, true)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK_CAPTURE(imageSwitch, tiny_vgg, std::string("tiny-vgg"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(imageSwitch, resnet18_224, std::string("resnet18"))
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(frameInstructions, tiny_vgg_overview, std::string("tiny-vgg"), Pose::Overview)
    ->Arg(1)
    ->Arg(4)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(frameInstructions, tiny_vgg_closeup, std::string("tiny-vgg"), Pose::CloseUp)
    ->Arg(1)
    ->Arg(4)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(frameInstructions, resnet50_overview, std::string("resnet50"), Pose::Overview)
    ->Arg(1)
    ->Arg(4)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(framePasses, tiny_vgg_overview, std::string("tiny-vgg"), Pose::Overview)
    ->Arg(1)
    ->Arg(4)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(framePasses, tiny_vgg_closeup, std::string("tiny-vgg"), Pose::CloseUp)
    ->Arg(1)
    ->Arg(4)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(framePasses, resnet50_overview, std::string("resnet50"), Pose::Overview)
    ->Arg(1)
    ->Arg(4)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(framePasses, resnet50_closeup, std::string("resnet50"), Pose::CloseUp)
    ->Arg(1)
    ->Arg(4)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(frameTime, tiny_vgg_overview, std::string("tiny-vgg"), Pose::Overview)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(frameTime, tiny_vgg_closeup, std::string("tiny-vgg"), Pose::CloseUp)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(frameTime, resnet18_overview, std::string("resnet18"), Pose::Overview)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(frameTime, resnet18_closeup, std::string("resnet18"), Pose::CloseUp)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(frameTime, resnet50_overview, std::string("resnet50"), Pose::Overview)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(frameTime, resnet50_closeup, std::string("resnet50"), Pose::CloseUp)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();

}  // namespace
}  // namespace convoscope::bench
