#include "renderer/SceneFrameReuse.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <functional>
#include <string>

#include "renderer/SceneRendererDetail.h"

namespace convoscope {

using scene_detail::hashMix;
using scene_detail::hashMixFloat;

namespace {

uint64_t mixVec(uint64_t h, const float* v, int n) {
  for (int i = 0; i < n; ++i) h = hashMixFloat(h, v[i]);
  return h;
}
uint64_t mixString(uint64_t h, const std::string& s) { return hashMix(h, std::hash<std::string>{}(s)); }

// A new ViewOptions field changes its size: extend this hash with it, then the assertion.
static_assert(sizeof(ViewOptions) == 68, "ViewOptions changed: add the new field to viewOptionsKey");
uint64_t viewOptionsKey(uint64_t h, const ViewOptions& o) {
  h = hashMix(hashMix(h, static_cast<uint64_t>(o.rangeMode)), static_cast<uint64_t>(o.colourMap));
  const bool flags[] = {o.showLabels, o.showLegend, o.showHeader, o.showArcs, o.showFlowLines, o.cutAwayInFront};
  for (bool f : flags) h = hashMix(h, f ? 1 : 2);
  h = hashMixFloat(h, o.uiScale);
  h = mixVec(mixVec(h, &o.backgroundTop.x, 3), &o.backgroundBottom.x, 3);
  const SemanticZoomThresholds& z = o.zoom;
  const float zoom[] = {z.tilesFrom, z.tilesFull, z.numbersFrom, z.numbersFull, z.computationFrom, z.computationFull};
  return mixVec(h, zoom, 6);
}

// Beyond the slabs' geometry (layoutKeyOf): the connections, stages and prediction panel drawn with them.
uint64_t layoutExtrasKey(uint64_t h, const SceneLayout& layout) {
  h = hashMix(hashMix(hashMix(h, layout.edges.size()), layout.arcs.size()), layout.laneLinks.size());
  h = hashMix(h, static_cast<uint64_t>(layout.laneCount));
  h = mixVec(mixVec(h, &layout.bounds.min.x, 3), &layout.bounds.max.x, 3);
  for (const SlabStage& stage : layout.stages) h = mixString(hashMix(h, stage.firstSlab), stage.label);
  const ProbabilityPanel& panel = layout.probabilities;
  h = mixVec(hashMix(h, panel.visible ? 1 : 2), &panel.centre.x, 3);
  for (const ProbabilityBar& bar : panel.bars) h = mixString(hashMixFloat(h, bar.probability), bar.label);
  return h;
}

}  // namespace

std::optional<uint64_t> sceneFrameKey(const Snapshot& snapshot, const SceneLayout& layout,
                                      const OrbitCamera& camera, const Selection& selection,
                                      const ViewOptions& options, const glm::ivec2& viewport,
                                      const SlabOverlays& overlays) {
  if (overlays.features || overlays.heat || overlays.gallery || overlays.divergence || overlays.timeline)
    return std::nullopt;
  uint64_t h = hashMix(scene_detail::snapshotKeyOf(snapshot), scene_detail::layoutKeyOf(layout));
  h = layoutExtrasKey(h, layout);
  const glm::mat4 view = camera.view();
  const glm::mat4 projection = camera.projection(static_cast<float>(viewport.x) / std::max(viewport.y, 1));
  h = mixVec(mixVec(h, &view[0][0], 16), &projection[0][0], 16);
  h = hashMixFloat(h, camera.fovY);
  h = scene_detail::hashMixSelection(h, selection);
  h = viewOptionsKey(h, options);
  h = hashMix(hashMix(h, static_cast<uint64_t>(viewport.x)), static_cast<uint64_t>(viewport.y));
  return hashMix(mixString(h, overlays.legendNote), overlays.legendMayMove ? 1 : 2);
}

SceneFrameReuse::~SceneFrameReuse() { forget(); }

void SceneFrameReuse::forget() {
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  GLuint buffers[] = {colour_, depth_};
  if (colour_) glDeleteRenderbuffers(2, buffers);
  fbo_ = colour_ = depth_ = 0;
  cachedKey_.reset();
  previousKey_.reset();
  size_ = {0, 0};
}

// Only a single-sampled RGBA8 + depth 24 / stencil 8 framebuffer object (as renderer/Framebuffer.h makes)
// is copied: a blit needs the same formats on both sides.
bool SceneFrameReuse::targetCompatible() const {
  GLint bound = 0, samples = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &bound);
  glGetIntegerv(GL_SAMPLES, &samples);
  if (bound == 0 || samples > 1) return false;
  const auto attachment = [](GLenum point, GLenum property) {
    GLint value = 0;
    glGetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, point, property, &value);
    return value;
  };
  if (attachment(GL_COLOR_ATTACHMENT0, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE) == GL_NONE ||
      attachment(GL_DEPTH_ATTACHMENT, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE) == GL_NONE ||
      attachment(GL_STENCIL_ATTACHMENT, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE) == GL_NONE)
    return false;
  return attachment(GL_COLOR_ATTACHMENT0, GL_FRAMEBUFFER_ATTACHMENT_RED_SIZE) == 8 &&
         attachment(GL_COLOR_ATTACHMENT0, GL_FRAMEBUFFER_ATTACHMENT_ALPHA_SIZE) == 8 &&
         attachment(GL_COLOR_ATTACHMENT0, GL_FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE) == GL_UNSIGNED_NORMALIZED &&
         attachment(GL_DEPTH_ATTACHMENT, GL_FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE) == 24 &&
         attachment(GL_STENCIL_ATTACHMENT, GL_FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE) == 8;
}

void SceneFrameReuse::allocate(const glm::ivec2& size) {
  forget();
  glGenRenderbuffers(1, &colour_);
  glBindRenderbuffer(GL_RENDERBUFFER, colour_);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, size.x, size.y);
  glGenRenderbuffers(1, &depth_);
  glBindRenderbuffer(GL_RENDERBUFFER, depth_);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, size.x, size.y);
  glBindRenderbuffer(GL_RENDERBUFFER, 0);
  GLint bound = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &bound);
  glGenFramebuffers(1, &fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_);
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(bound));
  size_ = size;
}

namespace {

// Colour, depth and stencil from `from` to `to`, whole frames; the caller's bindings and scissor come back.
void blitFrame(GLuint from, GLuint to, const glm::ivec2& size) {
  GLint read = 0, draw = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &read);
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &draw);
  const GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
  glDisable(GL_SCISSOR_TEST);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, from);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, to);
  glBlitFramebuffer(0, 0, size.x, size.y, 0, 0, size.x, size.y,
                    GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(read));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(draw));
  if (scissor) glEnable(GL_SCISSOR_TEST);
}

GLuint boundDrawFramebuffer() {
  GLint draw = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &draw);
  return static_cast<GLuint>(draw);
}

}  // namespace

bool SceneFrameReuse::reuse(uint64_t key, const glm::ivec2& size) {
  if (!cachedKey_ || *cachedKey_ != key || size != size_ || !targetCompatible()) return false;
  blitFrame(fbo_, boundDrawFramebuffer(), size);
  previousKey_ = key;
  return true;
}

bool SceneFrameReuse::offer(uint64_t key, const glm::ivec2& size) {
  const bool twice = previousKey_ && *previousKey_ == key;
  previousKey_ = key;
  if (!twice || (cachedKey_ && *cachedKey_ == key && size == size_) || !targetCompatible()) return false;
  if (size != size_ || !fbo_) allocate(size);
  const GLuint target = boundDrawFramebuffer();
  blitFrame(target, fbo_, size);
  cachedKey_ = key;
  previousKey_ = key;  // allocate() forgot it
  return true;
}

}  // namespace convoscope
