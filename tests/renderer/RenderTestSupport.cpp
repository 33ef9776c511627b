#include "RenderTestSupport.h"

#include <cstdlib>

#include "scene/ShotFraming.h"

namespace convoscope::rendertest {

HeadlessContext& sharedContext() {
  static std::unique_ptr<HeadlessContext> context = [] {
    setenv("CONVOSCOPE_GL_DEBUG", "1", 1);
    return std::make_unique<HeadlessContext>();
  }();
  context->makeCurrent();
  return *context;
}

RenderedFrame renderSnapshot(SceneRenderer& renderer, const Snapshot& snapshot, int width, int height,
                             const Selection& selection, const ViewOptions& options, const CameraPose* pose,
                             float fovY) {
  const SceneLayout layout = layoutSlabs(snapshot);
  OrbitCamera camera;
  const float aspect = static_cast<float>(width) / height;
  applyShotCamera(camera, layout, aspect);
  if (fovY > 0) camera.fovY = fovY;
  if (pose) camera.pose = *pose;
  Framebuffer framebuffer(width, height, 4);
  framebuffer.bind();
  RenderedFrame frame;
  frame.stats = renderer.render(snapshot, layout, camera, selection, options, {width, height});
  frame.image = framebuffer.read();
  return frame;
}

Composed compose(FrameComposer& composer, const FrameContent& content, int width, int height) {
  Framebuffer target(width, height, kInteractiveSamples);
  target.bind();
  Composed out;
  out.frame = composer.compose(content, {width, height});
  out.image = target.read();
  return out;
}

}  // namespace convoscope::rendertest
