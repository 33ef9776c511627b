#include "renderer/SceneRenderer.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <chrono>

#include "renderer/ActivationTextures.h"
#include "renderer/FontAtlas.h"
#include "renderer/LabelPlacer.h"
#include "renderer/GlBuffer.h"
#include "renderer/FeatureOverlayView.h"
#include "renderer/HeatOverlayView.h"
#include "renderer/LineBatch.h"
#include "renderer/QuadBatch.h"
#include "renderer/SceneFrameReuse.h"
#include "renderer/SceneRendererDetail.h"
#include "renderer/ShaderProgram.h"
#include "renderer/TextBatch.h"
#include "scene/CutAway.h"
#include "scene/LayoutClipPlanes.h"

namespace convoscope {

namespace colours = scene_detail::colours;

namespace {

// Profiling (SceneRenderer::setPassTiming): finishing the GL queue after each pass puts its GPU time on the
// CPU clock.
class PassTimer {
 public:
  PassTimer(bool on, double* milliseconds) : on_(on), milliseconds_(milliseconds) {
    if (!on_) return;
    glFinish();
    passStart_ = std::chrono::steady_clock::now();
  }
  void endPass(int pass) {
    if (!on_) return;
    glFinish();
    const auto now = std::chrono::steady_clock::now();
    milliseconds_[pass] = std::chrono::duration<double, std::milli>(now - passStart_).count();
    passStart_ = now;
  }

 private:
  bool on_;
  double* milliseconds_;
  std::chrono::steady_clock::time_point passStart_;
};

}  // namespace

SceneRenderer::SceneRenderer() : SceneRenderer(std::make_unique<FontAtlas>()) {}

SceneRenderer::SceneRenderer(std::unique_ptr<FontAtlas> font)
    : font_(std::move(font)),
      activations_(std::make_unique<ActivationTextures>()),
      slabInstances_(std::make_unique<GlBuffer>()),
      frameReuse_(std::make_unique<SceneFrameReuse>()) {
  font_->upload();
  text_ = std::make_unique<TextBatch>(*font_);
  lines_ = std::make_unique<LineBatch>();
  quads_ = std::make_unique<QuadBatch>();
  background_ = std::make_unique<ShaderProgram>("background.vert", "background.frag");
  slabs_ = std::make_unique<ShaderProgram>("slabs.vert", "slabs.frag");
  tiles_ = std::make_unique<ShaderProgram>("tiles.vert", "tiles.frag");
  glGenVertexArrays(1, &emptyVao_);
  createSlabGeometry();
  createTileGeometry();
  glBindVertexArray(0);
  createColourTextures();
}

SceneRenderer::~SceneRenderer() {
  GLuint vaos[] = {emptyVao_, slabVao_, tileVao_};
  glDeleteVertexArrays(3, vaos);
  glDeleteBuffers(1, &cubeBuffer_);
  GLuint textures[] = {lutTexture_, fadeTexture_, tileTexture_};
  glDeleteTextures(3, textures);
  glDeleteFramebuffers(1, &backdropFbo_);
  glDeleteRenderbuffers(1, &backdropColour_);
}

// The colour-map lookup table (one 256-entry row per ColorMapKind) and the per-slab fade texture.
void SceneRenderer::createColourTextures() {
  const std::vector<uint8_t> lut = bakeLookupTableAtlas(256);
  lutRows_ = static_cast<int>(lut.size() / (256 * 4));
  glGenTextures(1, &lutTexture_);
  glBindTexture(GL_TEXTURE_2D, lutTexture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, lutRows_, 0, GL_RGBA, GL_UNSIGNED_BYTE, lut.data());
  // Nearest, not linear: neighbouring entries of 256 differ by a level or two, and llvmpipe's bilinear fetch
  // cost the tile pass ~2.5 ms at 1080p.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

  glGenTextures(1, &fadeTexture_);
  glBindTexture(GL_TEXTURE_2D, fadeTexture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindTexture(GL_TEXTURE_2D, 0);
}

FrameStats SceneRenderer::render(const Snapshot& snapshot, const SceneLayout& layout,
                                 const OrbitCamera& camera, const Selection& selection,
                                 const ViewOptions& options, const glm::ivec2& viewportSize,
                                 const SlabOverlays& overlays) {
  const auto start = std::chrono::steady_clock::now();
  const std::optional<uint64_t> reuseKey =
      frameReuseOn_ && !passTiming_
          ? sceneFrameKey(snapshot, layout, camera, selection, options, viewportSize, overlays)
          : std::nullopt;
  if (reuseKey && frameReuse_->reuse(*reuseKey, viewportSize)) return reusedFrame(viewportSize, start);
  FrameStats stats;
  const glm::vec2 viewport(viewportSize);
  const float ui = options.uiScale > 0 ? options.uiScale : std::max(0.75f, viewport.y / 1080.0f);
  chooseFloatingColours(options);

  // Data that changes rarely: activations (per snapshot), tile instances (layout, ranges, selection).
  refreshActivations(snapshot, layout);
  // Slabs cut away in front of the selection (scene/CutAway.h: picking asks the same function).
  const glm::vec3 eye = camera.position();
  const std::vector<bool> cut = cutAwaySlabs(layout, selection, eye, options.cutAwayInFront);
  stats.instancesRebuilt = refreshTiles(snapshot, layout, selection, options, cut);

  // Clip planes that hug the layout keep depth precision where the slabs are.
  const OrbitCamera clipped = withLayoutClipPlanes(camera, layout.bounds);
  const glm::mat4 viewProjection = clipped.projection(viewport.x / viewport.y) * camera.view();
  const int selectedSlab = selection.layer ? layout.slabForLayer(*selection.layer) : -1;
  const Frame frame{snapshot, layout, camera, selection,      options,     viewport,
                    ui,       cut,    eye,    viewProjection, selectedSlab, overlays};
  const std::vector<SemanticZoomFades> slabFades = uploadFades(frame);

  // Per-frame batches.
  lines_->clear();
  quads_->clear();
  text_->clear();
  if (cellText_) cellText_->clear();
  addSlabOutlines(frame);
  if (options.showFlowLines) addFlowLines(frame);
  if (options.showArcs) addArcs(frame);
  addSelectionOutlines(frame);
  // The cards first, then the prediction's labels: a slab name gives way to both.
  LabelPlacer placer;
  addOverlays(frame, placer, stats);
  if (layout.probabilities.visible) addProbabilities(frame, placer, stats);
  if (options.showLabels) {
    addStageLabels(frame, placer, stats);  // a stage's name before its slabs' names
    addLabels(frame, placer, stats);
  }
  addCellNumbers(frame, slabFades);
  if (overlays.gallery) addGalleryCaptions(frame);
  if (overlays.divergence) addDivergenceCurve(frame);

  drawPasses(frame, viewportSize, stats);
  stats.tileInstances = tileCount_;
  stats.activationUploads = activations_->uploadCount();
  stats.cpuMilliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (reuseKey && frameReuse_->offer(*reuseKey, viewportSize)) cachedFrameStats_ = stats;
  return stats;
}

// The cached frame was copied into the target: leave the GL state as drawPasses() does.
FrameStats SceneRenderer::reusedFrame(const glm::ivec2& viewport,
                                      std::chrono::steady_clock::time_point start) {
  glViewport(0, 0, viewport.x, viewport.y);
  glDisable(GL_CULL_FACE);
  glDisable(GL_BLEND);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_TRUE);
  glBindVertexArray(0);
  FrameStats stats = cachedFrameStats_;
  stats.reused = true;
  stats.instancesRebuilt = false;  // drawCalls stays the drawn frame's: what the picture is made of
  stats.cpuMilliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

void SceneRenderer::setFrameReuse(bool on) {
  frameReuseOn_ = on;
  if (!on) frameReuse_->forget();
}

void SceneRenderer::setCellNumberHook(CellNumberHook hook) {
  cellNumbers_ = std::move(hook);
  frameReuse_->forget();  // the numbers it writes may differ
}

// Labels that float over the background (slab names, the prediction bars) follow its brightness: dark
// without a halo on the light high-contrast theme, light with a dark halo otherwise.
void SceneRenderer::chooseFloatingColours(const ViewOptions& options) {
  const bool lightBackground =
      relativeLuminance((options.backgroundTop + options.backgroundBottom) * 0.5f) > 0.5f;
  floatingTitle_ = lightBackground ? glm::vec4(0.05f, 0.06f, 0.09f, 1.0f) : colours::title;
  floatingDetail_ = lightBackground ? glm::vec4(0.22f, 0.26f, 0.33f, 1.0f) : colours::detail;
  // A light outline on the light theme: a dark label keeps its contrast where it crosses a slab or a line.
  floatingHalo_ = lightBackground ? -TextStyle().halo : TextStyle().halo;
  floatingTrack_ = lightBackground ? glm::vec4(0.80f, 0.83f, 0.88f, 1.0f) : colours::barTrack;
  // The bar's orange reads 2:1 on white; this darker orange keeps 4.5:1 on the light theme's background.
  floatingWinner_ = lightBackground ? glm::vec4(0.62f, 0.28f, 0.0f, 1.0f) : colours::winner;
}

// Per-slab level-of-detail fades (the only per-frame texture update; a few bytes per slab).
std::vector<SemanticZoomFades> SceneRenderer::uploadFades(const Frame& frame) {
  const SceneLayout& layout = frame.layout;
  const size_t width = std::max<size_t>(layout.slabs.size(), 1);
  // Row 0: the fades. Row 1: the slab's front and back face z, which tiles.vert reads to print the tiles on
  // the face the eye sees (a slab seen from behind is not empty glass).
  std::vector<glm::vec4> fades(2 * width, glm::vec4(1, 1, 0, 0));
  std::vector<SemanticZoomFades> slabFades(layout.slabs.size());
  const std::vector<bool> pictured = frame.overlays.features ? slabsWithPictures(layout, *frame.overlays.features)
                                                             : std::vector<bool>(layout.slabs.size(), false);
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const Slab& slab = layout.slabs[s];
    const float level =
        semanticZoomLevel(distanceToSlab(frame.eye, slab), slab, frame.camera.fovY, frame.options.zoom);
    slabFades[s] = semanticZoomFades(level);
    const bool farView = hasFarView(slab) && !pictured[s];  // features mode keeps the pictures at any distance
    fades[s] = {slabFades[s].overview, farView ? slabFades[s].tiles : 1.0f, slabFades[s].numbers,
                slabFades[s].computation};
    fades[width + s] = {frontFaceZ(slab), frontFaceZ(slab) - slab.size.z, 0.0f, 0.0f};
  }
  // tiles.vert gives a far view the alpha 1 - tiles fade and skips it under 0.002.
  rgbFarViewShown_ = std::any_of(rgbFarViewSlabs_.begin(), rgbFarViewSlabs_.end(),
                                 [&](int s) { return 1.0f - fades[s].y >= 0.002f; });
  glBindTexture(GL_TEXTURE_2D, fadeTexture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (static_cast<int>(width) > fadeTextureWidth_) {
    fadeTextureWidth_ = static_cast<int>(width);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, fadeTextureWidth_, 2, 0, GL_RGBA, GL_FLOAT, nullptr);
  }
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, static_cast<GLsizei>(width), 2, GL_RGBA, GL_FLOAT, fades.data());
  return slabFades;
}

// backdrop · slab boxes · tiles · lines · cell numbers · quads · text: one draw call each at most.
void SceneRenderer::drawPasses(const Frame& frame, const glm::ivec2& viewport, FrameStats& stats) {
  PassTimer timer(passTiming_, stats.passMilliseconds);
  glViewport(0, 0, viewport.x, viewport.y);
  glDisable(GL_CULL_FACE);
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDepthMask(GL_FALSE);
  drawBackdrop(viewport, frame.options.backgroundTop, frame.options.backgroundBottom);
  ++stats.drawCalls;
  timer.endPass(0);

  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_TRUE);
  glClear(GL_DEPTH_BUFFER_BIT);
  stats.drawCalls += drawSlabBoxes(frame);
  timer.endPass(1);

  // Everything after the opaque boxes blends and leaves depth alone.
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // every shader writes premultiplied colour
  glDepthMask(GL_FALSE);
  stats.drawCalls += drawTiles(frame);
  stats.drawCalls += drawFeatures(frame, stats);
  stats.drawCalls += drawHeat(frame, stats);
  timer.endPass(2);
  stats.lineSegments = static_cast<int>(lines_->size());
  stats.drawCalls += lines_->draw(frame.viewProjection, frame.viewport);
  // The cell numbers belong to the tiles: drawn before the panels, so the legend and header hide them.
  if (cellText_) stats.drawCalls += cellText_->draw(frame.viewProjection, frame.viewport);
  timer.endPass(3);
  stats.drawCalls += quads_->draw(frame.viewProjection, frame.viewport, lutTexture_, lutRows_);
  timer.endPass(4);
  stats.glyphs = static_cast<int>(text_->glyphCount() + (cellText_ ? cellText_->glyphCount() : 0));
  glActiveTexture(GL_TEXTURE0);
  stats.drawCalls += text_->draw(frame.viewProjection, frame.viewport);
  timer.endPass(5);

  glBindVertexArray(0);
  glDisable(GL_BLEND);
  glDepthMask(GL_TRUE);
}

int SceneRenderer::drawSlabBoxes(const Frame& frame) {
  if (slabCount_ <= 0) return 0;
  slabs_->use();
  slabs_->set("uViewProjection", frame.viewProjection);
  slabs_->set("uEye", frame.eye);
  slabs_->set("uLightDirection", glm::normalize(glm::vec3(-0.35f, 0.85f, 0.55f)));
  glBindVertexArray(slabVao_);
  glEnable(GL_CULL_FACE);  // closed opaque boxes: their back faces are never seen
  glDrawArraysInstanced(GL_TRIANGLES, 0, 36, slabCount_);
  glDisable(GL_CULL_FACE);
  return 1;
}

// Attribution maps: over the tiles, under the lines and the cell numbers, fading with the tiles.
int SceneRenderer::drawHeat(const Frame& frame, FrameStats& stats) {
  const HeatOverlay* heat = frame.overlays.heat;
  if (!heat || heat->maps.empty()) return 0;
  if (!heat_) heat_ = std::make_unique<HeatOverlayView>();
  const int calls = heat_->draw(*heat, frame.layout, frame.cut, frame.viewProjection, fadeTexture_);
  stats.heatInstances = heat_->instanceCount();
  return calls;
}

// Features mode: each channel's picture over its tile, under any attribution map; the selected channel's top
// examples beside its slab.
int SceneRenderer::drawFeatures(const Frame& frame, FrameStats& stats) {
  int calls = 0;
  const FeatureOverlay* features = frame.overlays.features;
  if (features && !features->pictures.empty()) {
    if (!features_) features_ = std::make_unique<FeatureOverlayView>();
    calls += features_->draw(*features, placeFeaturePictures(frame.layout, *features, frame.cut), frame.layout,
                             frame.viewProjection, fadeTexture_, true);
    stats.featureInstances = features_->instanceCount();
  }
  const FeatureOverlay* gallery = frame.overlays.gallery;
  if (gallery && !gallery->pictures.empty()) {
    if (!gallery_) gallery_ = std::make_unique<FeatureOverlayView>();
    calls += gallery_->draw(*gallery, placeGallery(frame.layout, *gallery, frame.cut), frame.layout,
                            frame.viewProjection, fadeTexture_, false);
    stats.galleryInstances = gallery_->instanceCount();
  }
  return calls;
}

// Two programs over one tile texture: the RGB inputs' far views (its first rgbFarViews tiles) while any
// shows, then every other tile. Order matters: far views lie under the tiles and blend first.
int SceneRenderer::drawTiles(const Frame& frame) {
  if (tileCount_ <= 0 || !activations_->texture()) return 0;
  glEnable(GL_POLYGON_OFFSET_FILL);
  glPolygonOffset(-1.0f, -4.0f);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, fadeTexture_);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D_ARRAY, activations_->texture());
  glActiveTexture(GL_TEXTURE2);
  glBindTexture(GL_TEXTURE_2D, lutTexture_);
  glActiveTexture(GL_TEXTURE3);
  glBindTexture(GL_TEXTURE_2D, tileTexture_);
  glBindVertexArray(tileVao_);
  const int rgbFarViews = static_cast<int>(rgbFarViewSlabs_.size());
  int calls = 0;
  if (rgbFarViews > 0 && rgbFarViewShown_) {
    // Built when first needed: a greyscale model never compiles it (llvmpipe compiles on the first frame's path).
    if (!rgbTiles_)
      rgbTiles_ = std::make_unique<ShaderProgram>("tiles.vert", "tiles.frag", "#define RGB_COMPOSITE_TILES\n");
    setTileUniforms(*rgbTiles_, frame);
    glDrawArrays(GL_TRIANGLES, 0, 6 * rgbFarViews);
    ++calls;
  }
  if (tileCount_ > rgbFarViews) {
    setTileUniforms(*tiles_, frame);
    glDrawArrays(GL_TRIANGLES, 6 * rgbFarViews, 6 * (tileCount_ - rgbFarViews));
    ++calls;
  }
  glActiveTexture(GL_TEXTURE0);
  glDisable(GL_POLYGON_OFFSET_FILL);
  return calls;
}

void SceneRenderer::setTileUniforms(ShaderProgram& program, const Frame& frame) {
  program.use();
  program.set("uViewProjection", frame.viewProjection);
  program.set("uEye", frame.eye);
  program.set("uFades", 0);
  program.set("uValues", 1);
  program.set("uLut", 2);
  program.set("uTiles", 3);
  program.set("uLutRows", static_cast<float>(lutRows_));
  program.set("uEmpty", colours::emptyCell);
  GLint samples = 0;
  glGetIntegerv(GL_SAMPLES, &samples);
  program.set("uSmoothEdges", samples > 1 ? 0.0f : 1.0f);
}

}  // namespace convoscope
