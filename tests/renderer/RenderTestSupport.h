#pragma once
// Shared pieces of the GL tests: one headless context per test binary, the default camera, and rendering a
// snapshot to an image.
#include <memory>

#include "renderer/FrameComposer.h"
#include "renderer/Framebuffer.h"
#include "renderer/HeadlessContext.h"
#include "renderer/SceneRenderer.h"
#include "scene/OrbitCamera.h"
#include "scene/SlabLayout.h"

namespace convoscope::rendertest {

// Created on first use; tests that need GL call this first (it sets CONVOSCOPE_GL_DEBUG so errors are
// counted).
HeadlessContext& sharedContext();

struct RenderedFrame {
  RgbaImage image;
  FrameStats stats;
};

// Lays out `snapshot`, frames it with the shot camera (or `pose`/`fovY` when given) and renders.
RenderedFrame renderSnapshot(SceneRenderer& renderer, const Snapshot& snapshot, int width, int height,
                             const Selection& selection = {}, const ViewOptions& options = {},
                             const CameraPose* pose = nullptr, float fovY = 0.0f);

// One composed frame read back: what FrameComposer drew and its counts.
struct Composed {
  RgbaImage image;
  ComposedFrame frame;
};
Composed compose(FrameComposer& composer, const FrameContent& content, int width, int height);

}  // namespace convoscope::rendertest
