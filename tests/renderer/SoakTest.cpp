// Soak: 1,000 image switches on the bundled model (CaptureModel::runImage → layoutSlabs → SceneRenderer) with
// seeded random camera moves, selections and zoom levels, headless at 320x180. After a warm-up of 100
// switches resident memory must grow by less than 5 %, and the GL debug callback must count no errors.
// Figures are printed ("soak: ...") and recorded in docs/PERFORMANCE.md ("Soak").
#include <epoxy/gl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "RenderTestSupport.h"
#include "engine/CaptureModel.h"
#include "renderer/GlDebug.h"
#include "scene/ShotFraming.h"

#if defined(__SANITIZE_ADDRESS__)
#define CONVOSCOPE_SOAK_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CONVOSCOPE_SOAK_UNDER_ASAN 1
#endif
#endif

namespace convoscope {
namespace {

double residentMiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

std::vector<std::string> sampleImages() {
  std::vector<std::string> images;
  for (const auto& entry : std::filesystem::directory_iterator(assetsDirectory() + "/samples"))
    if (entry.path().extension() == ".png") images.push_back(entry.path().string());
  std::sort(images.begin(), images.end());
  return images;
}

// A random layer, channel and cell of `snapshot` (or nothing), as the inspector and the F key select them.
Selection randomSelection(const Snapshot& snapshot, std::mt19937& rng) {
  std::uniform_int_distribution<int> kind(0, 3), layerPick(0, static_cast<int>(snapshot.layers.size()) - 1);
  const int what = kind(rng);
  if (what == 0) return {};
  const int layer = layerPick(rng);
  const auto& shape = snapshot.layers[layer].output.shape;
  if (what == 1 || shape.size() != 3) return Selection::ofLayer(layer);
  const int channel = std::uniform_int_distribution<int>(0, static_cast<int>(shape[0]) - 1)(rng);
  if (what == 2) return Selection::ofChannel(layer, channel);
  return Selection::ofCell(layer, channel,
                           std::uniform_int_distribution<int>(0, static_cast<int>(shape[1]) - 1)(rng),
                           std::uniform_int_distribution<int>(0, static_cast<int>(shape[2]) - 1)(rng));
}

TEST(Soak, ThousandImageSwitchesKeepMemoryFlatAndGlClean) {
  rendertest::sharedContext();
#ifdef CONVOSCOPE_SOAK_UNDER_ASAN
  // ASan's quarantine holds freed memory back (up to 256 MB), so resident size says nothing here; a shorter
  // run still checks every switch for memory errors and GL errors.
  const int switches = 120, warmUp = 100;
#else
  const int switches = 1000, warmUp = 100;
#endif
  constexpr int kWidth = 320, kHeight = 180;
  const float aspect = static_cast<float>(kWidth) / kHeight;
  LoadOptions options;
  options.modelPath = bundledModelPath();
  const auto model = CaptureModel::load(options);
  const auto images = sampleImages();
  ASSERT_GE(images.size(), 2u);

  Framebuffer framebuffer(kWidth, kHeight, 4);
  SceneRenderer renderer;
  OrbitCamera camera;
  std::mt19937 rng(20240611);  // seeded: the same walk every run
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  const uint64_t errorsBefore = glDebugErrorCount();
  double residentAtWarmUp = 0, residentPeak = 0;
  long long drawCalls = 0;
  const auto start = std::chrono::steady_clock::now();
  auto warmUpTime = start;
  std::string trend;  // resident MiB every 100 switches: a leak shows as a steady climb
  for (int i = 0; i < switches; ++i) {
    const Snapshot snapshot = model->runImage(images[static_cast<size_t>(i) % images.size()]);
    const SceneLayout layout = layoutSlabs(snapshot);
    applyShotCamera(camera, layout, aspect);
    // A few frames per image: orbit, dolly through the semantic-zoom levels, re-select.
    for (int frame = 0; frame < 3; ++frame) {
      const Selection selection = randomSelection(snapshot, rng);
      CameraPose pose = camera.pose;
      pose.yaw += (unit(rng) - 0.5f) * 2.0f;
      pose.pitch = (unit(rng) - 0.5f) * 1.2f;
      if (selection.hasChannel() && layout.slabForLayer(*selection.layer) >= 0) {
        const Slab& slab = layout.slabs[layout.slabForLayer(*selection.layer)];
        const FaceRect tile = tileRect(slab, *selection.channel);
        pose.target = glm::vec3(tile.centre(), frontFaceZ(slab));
        // From the whole tile down to a few cells: levels 1 (tiles) to 3 (the computation).
        pose.distance = std::max(0.02f, tile.size().y * (0.1f + 2.0f * unit(rng)));
      } else {
        pose.distance *= 0.2f + 1.3f * unit(rng);
      }
      camera.pose = pose;
      ViewOptions view;
      view.showLabels = unit(rng) > 0.2f;
      view.rangeMode = unit(rng) > 0.5f ? RangeMode::Unit : RangeMode::Global;
      framebuffer.bind();
      drawCalls += renderer.render(snapshot, layout, camera, selection, view, {kWidth, kHeight}).drawCalls;
    }
    glFinish();
    if (i + 1 == warmUp) {
      residentAtWarmUp = residentMiB();
      warmUpTime = std::chrono::steady_clock::now();
    }
    if (i + 1 >= warmUp) residentPeak = std::max(residentPeak, residentMiB());
    if ((i + 1) % 100 == 0) trend += " " + std::to_string(static_cast<int>(residentMiB() + 0.5));
  }
  const double residentEnd = residentMiB();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - warmUpTime).count();
  const double growth = (residentEnd - residentAtWarmUp) / residentAtWarmUp;
  std::printf(
      "soak: %d switches x 3 frames at %dx%d; resident after %d: %.1f MiB, at the end: %.1f MiB "
      "(%+.2f %%), peak %.1f MiB; %.2f ms per switch after warm-up; %lld draw calls; %llu GL errors\n",
      switches, kWidth, kHeight, warmUp, residentAtWarmUp, residentEnd, growth * 100.0, residentPeak,
      1000.0 * seconds / std::max(1, switches - warmUp), drawCalls,
      static_cast<unsigned long long>(glDebugErrorCount() - errorsBefore));
  std::printf("soak: resident MiB every 100 switches:%s\n", trend.c_str());
  EXPECT_EQ(glDebugErrorCount(), errorsBefore) << lastGlDebugError();
#ifndef CONVOSCOPE_SOAK_UNDER_ASAN
  EXPECT_LT(growth, 0.05) << "resident memory grew from " << residentAtWarmUp << " MiB to " << residentEnd;
#endif
}

}  // namespace
}  // namespace convoscope
