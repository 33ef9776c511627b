#pragma once
// A scene frame drawn again with exactly the same inputs is copied, not redrawn: the animated computation
// view redraws the card every frame over a scene that holds still, and on llvmpipe the scene's passes cost
// ~7 ms at 1080p where copying its colour and depth costs ~1 ms.
//
// The frame is copied into the cache only when two frames in a row had the same key, so a moving camera
// pays nothing; a key that differs in anything the scene draws from (sceneFrameKey) never reuses.
#include <cstdint>
#include <glm/glm.hpp>
#include <optional>

#include "renderer/SceneRenderer.h"

namespace convoscope {

// Everything SceneRenderer::render draws from, hashed; nullopt when the frame must always be drawn (any
// overlay: its pictures can change behind an unchanged pointer).
std::optional<uint64_t> sceneFrameKey(const Snapshot& snapshot, const SceneLayout& layout,
                                      const OrbitCamera& camera, const Selection& selection,
                                      const ViewOptions& options, const glm::ivec2& viewport,
                                      const SlabOverlays& overlays);

class SceneFrameReuse {
 public:
  SceneFrameReuse() = default;
  ~SceneFrameReuse();
  SceneFrameReuse(const SceneFrameReuse&) = delete;
  SceneFrameReuse& operator=(const SceneFrameReuse&) = delete;

  // Copies the cached frame into the bound framebuffer when it holds `key` at this size; false otherwise.
  bool reuse(uint64_t key, const glm::ivec2& size);
  // After drawing a frame: caches it when the frame before had the same key. True when it was cached.
  bool offer(uint64_t key, const glm::ivec2& size);
  void forget();

 private:
  bool targetCompatible() const;
  void allocate(const glm::ivec2& size);

  std::optional<uint64_t> cachedKey_, previousKey_;
  glm::ivec2 size_{0, 0};
  unsigned fbo_ = 0, colour_ = 0, depth_ = 0;
};

}  // namespace convoscope
