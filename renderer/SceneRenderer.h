#pragma once
// Draws one frame of the network — backdrop, slab boxes, channel tiles, flow lines, residual arcs, selection
// outlines, probability bars, floating labels, colour legend and header — into the bound framebuffer.
//
// Draw calls per frame are constant (at most 11), whatever the number of layers or channels:
//   backdrop · slab boxes (instanced) · every tile of every slab (one draw; one more for the RGB inputs' far
//   views while they show) · cell numbers · feature pictures over the
//   tiles (instanced, only in features mode) · a gallery of top examples (instanced, with a selected channel) · attribution heat maps over the tiles (instanced, only with a
//   HeatOverlay) · lines (instanced) · quads (bars, legend) · text (one batch).
// Activations are uploaded once per snapshot (ActivationTextures); per frame only per-slab fade values,
// lines, quads and text are sent.
#include <chrono>
#include <cstdint>
#include <functional>
#include <glm/glm.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Snapshot.h"
#include "scene/ColorMap.h"
#include "scene/DivergenceCurve.h"
#include "scene/FeatureOverlay.h"
#include "scene/HeatOverlay.h"
#include "scene/OrbitCamera.h"
#include "scene/Selection.h"
#include "scene/SemanticZoom.h"
#include "scene/TimelineMark.h"
#include "scene/SlabLayout.h"
#include "scene/ValueRange.h"
#include "scene/ViewOptions.h"

namespace convoscope {

class ActivationTextures;
class FontAtlas;
class FeatureOverlayView;
class GlBuffer;
class HeatOverlayView;
struct LabelPlacer;
class LineBatch;
class QuadBatch;
class SceneFrameReuse;
class ShaderProgram;
class TextBatch;
struct TextStyle;

namespace scene_detail {
struct Frame;         // what every pass of one frame reads (SceneRendererDetail.h)
struct TileInstance;  // one tile's data for tiles.vert (SceneRendererDetail.h)
}  // namespace scene_detail

// Pictures laid over the slabs' tiles, each optional: features mode's pictures first, attribution over them.
struct SlabOverlays {
  const FeatureOverlay* features = nullptr;  // what each channel looks for (scene/FeatureOverlay.h)
  const HeatOverlay* heat = nullptr;         // "why this class?" (scene/HeatOverlay.h)
  const FeatureOverlay* gallery = nullptr;   // the selected channel's top examples beside its slab
  const DivergenceCurve* divergence = nullptr;  // compare view: where inputs A and B part ways
  const TimelineMark* timeline = nullptr;       // a training timeline: its card in the top-right corner
  std::string legendNote;  // what the tiles show when it is not input A's activation ("A − B", "input B")
  // The legend may move to the bottom-right corner where the overview leaves that corner clearly freer; not
  // while a caption reserves the bottom left for it, nor while a computation card is open.
  bool legendMayMove = true;
};

// A floating label as drawn: its text and pixel rectangle (x0, y0, x1, y1; origin top-left).
struct ScreenLabel {
  std::string text;
  glm::vec4 rect{0.0f};
};

struct FrameStats {
  int drawCalls = 0;
  int tileInstances = 0;  // tiles + far-view images drawn (tile texture entries)
  int heatInstances = 0;     // attribution maps laid over tiles and far views (0 without a HeatOverlay)
  int featureInstances = 0;  // feature pictures laid over tiles (0 outside features mode)
  int galleryInstances = 0;  // top-example pictures beside the selected tile
  int glyphs = 0;
  int lineSegments = 0;
  int labelsShown = 0, labelsHidden = 0;  // floating labels kept / dropped to avoid overlap
  // Every floating label drawn: slab names (with their detail line), the prediction panel's title, class
  // names and percentages (`shot --layout-report`).
  std::vector<ScreenLabel> labels;
  std::optional<glm::vec4> headerRect, legendRect, timelineRect;  // the header, legend and timeline cards, when drawn
  uint64_t activationUploads = 0;         // cumulative ActivationTextures uploads (changes only on new data)
  bool instancesRebuilt = false;  // tile data rebuilt this frame (data/layout/range/selection)
  bool reused = false;  // the frame before was copied, not drawn: the same inputs (renderer/SceneFrameReuse.h)
  double cpuMilliseconds = 0;
  // Filled only with SceneRenderer::setPassTiming(true) (glFinish after each pass; for profiling):
  // backdrop, slab boxes, tiles, lines and cell numbers, quads, text.
  double passMilliseconds[6] = {0, 0, 0, 0, 0, 0};
};

// Context for the cell-number hook: called for every slab whose `numbers` fade is above zero.
struct CellNumberContext {
  const Snapshot& snapshot;
  const SceneLayout& layout;
  int slab;
  float fade;  // 0..1
  glm::mat4 viewProjection;
  glm::vec2 viewport;
  TextBatch& text;   // add in-plane text here (TextBatch::addInPlane); drawn after the lines, under the panels
  ValueRange range;  // the slab's colour range and map, to pick legible digit colours
  ColorMapKind colourMap;
};
using CellNumberHook = std::function<void(const CellNumberContext&)>;
// The default hook: each on-screen cell's value, white on a dark halo, lying on the tile (at most 2500).
void writeCellNumbers(const CellNumberContext& context);

class SceneRenderer {
 public:
  // Needs a current GL 3.3 core context; compiles shaders, and bakes the font unless given one already baked
  // (the window bakes it on a worker while its window opens).
  SceneRenderer();
  explicit SceneRenderer(std::unique_ptr<FontAtlas> font);
  ~SceneRenderer();
  SceneRenderer(const SceneRenderer&) = delete;
  SceneRenderer& operator=(const SceneRenderer&) = delete;

  // Renders into the bound framebuffer (viewport set to `viewport`). A snapshot is uploaded the first time it
  // is seen (identified by its activation buffers; call invalidate() after editing one in place).
  // `overlays`: feature pictures and attribution maps laid over the tiles, each optional.
  FrameStats render(const Snapshot& snapshot, const SceneLayout& layout, const OrbitCamera& camera,
                    const Selection& selection, const ViewOptions& options, const glm::ivec2& viewport,
                    const SlabOverlays& overlays = {});

  void invalidate();
  // Replaces writeCellNumbers() (e.g. to show the selected cell's computation instead).
  void setCellNumberHook(CellNumberHook hook);
  // Profiling: finish the GL queue after each pass and time it into FrameStats::passMilliseconds.
  void setPassTiming(bool on) { passTiming_ = on; }
  // On by default: a frame with the same inputs as the one cached is copied, not drawn (SceneFrameReuse.h).
  // The frame benchmarks turn it off to measure drawing.
  void setFrameReuse(bool on);

  const ActivationTextures& activations() const { return *activations_; }
  const FontAtlas& font() const { return *font_; }

 private:
  using Frame = scene_detail::Frame;

  // Construction: the slab boxes' vertex arrays, the tiles' data texture (SceneGeometry.cpp) and the colour
  // textures.
  void createSlabGeometry();
  void createTileGeometry();
  void uploadTiles(const std::vector<scene_detail::TileInstance>& tiles);  // into tileTexture_
  void createColourTextures();

  // Data that changes rarely, re-uploaded only when what it depends on changes (SceneCache.cpp).
  void refreshActivations(const Snapshot& snapshot, const SceneLayout& layout);
  bool refreshTiles(const Snapshot& snapshot, const SceneLayout& layout, const Selection& selection,
                    const ViewOptions& options, const std::vector<bool>& cut);
  // Fills the slab-box and tile instance buffers (SceneTiles.cpp).
  void rebuildTiles(const Snapshot& snapshot, const SceneLayout& layout, const Selection& selection,
                    const ViewOptions& options, const std::vector<bool>& cut);

  // Per-frame state.
  FrameStats reusedFrame(const glm::ivec2& viewport, std::chrono::steady_clock::time_point start);
  void chooseFloatingColours(const ViewOptions& options);
  std::vector<SemanticZoomFades> uploadFades(const Frame& frame);

  // Per-frame batches, in the order render() fills them.
  void addSlabOutlines(const Frame& frame);  // SceneLines.cpp
  void addFlowLines(const Frame& frame);
  void addArcs(const Frame& frame);
  void addSelectionOutlines(const Frame& frame);
  // Both place through one LabelPlacer per frame, the prediction first: no slab name lands on a class name.
  void addLabels(const Frame& frame, LabelPlacer& placer, FrameStats& stats);  // SceneLabels.cpp
  void addStageLabels(const Frame& frame, LabelPlacer& placer, FrameStats& stats);  // SceneStages.cpp
  void addProbabilities(const Frame& frame, LabelPlacer& placer, FrameStats& stats);  // SceneProbabilities.cpp
  // SceneOverlays.cpp: the header and legend cards, whose rectangles no floating label may cover.
  void addOverlays(const Frame& frame, LabelPlacer& placer, FrameStats& stats);
  glm::vec4 addHeader(const Frame& frame);
  glm::vec4 addLegend(const Frame& frame);
  glm::vec2 legendCorner(const Frame& frame, const glm::vec2& size, float margin);
  glm::vec4 addTimeline(const Frame& frame);  // SceneTimeline.cpp
  void addCellNumbers(const Frame& frame, const std::vector<SemanticZoomFades>& slabFades);
  void addGalleryCaptions(const Frame& frame);  // SceneOverlays.cpp
  void addDivergenceCurve(const Frame& frame);  // SceneDivergence.cpp

  // Draw passes; slab boxes and tiles return the draw calls they made (backdrop: SceneBackdrop.cpp).
  void drawPasses(const Frame& frame, const glm::ivec2& viewport, FrameStats& stats);
  void drawBackdrop(const glm::ivec2& viewport, const glm::vec3& top, const glm::vec3& bottom);
  int drawSlabBoxes(const Frame& frame);
  int drawTiles(const Frame& frame);
  void setTileUniforms(ShaderProgram& program, const Frame& frame);
  int drawHeat(const Frame& frame, FrameStats& stats);
  int drawFeatures(const Frame& frame, FrameStats& stats);

  std::unique_ptr<FontAtlas> font_;
  std::unique_ptr<TextBatch> text_;
  std::unique_ptr<TextBatch> cellText_;  // the cell numbers, made when first written: drawn before the panels
  std::unique_ptr<LineBatch> lines_;
  std::unique_ptr<QuadBatch> quads_;
  std::unique_ptr<ActivationTextures> activations_;
  std::unique_ptr<HeatOverlayView> heat_;          // made when a frame first has a HeatOverlay
  std::unique_ptr<FeatureOverlayView> features_;  // made when a frame first has a FeatureOverlay
  std::unique_ptr<FeatureOverlayView> gallery_;   // made when a frame first has a gallery
  std::unique_ptr<ShaderProgram> background_, slabs_, tiles_;
  std::unique_ptr<ShaderProgram> rgbTiles_;  // tiles.frag built for the RGB inputs' far views, when first drawn
  std::unique_ptr<SceneFrameReuse> frameReuse_;
  bool frameReuseOn_ = true;
  FrameStats cachedFrameStats_;  // the stats of the frame frameReuse_ holds
  std::unique_ptr<GlBuffer> slabInstances_;
  unsigned emptyVao_ = 0, slabVao_ = 0, tileVao_ = 0, cubeBuffer_ = 0;
  // Every tile's data (scene_detail::TileInstance: 5 RGBA32F texels), rows of kTileTextureWidth texels,
  // read by tiles.vert from gl_VertexID: one plain draw of 6 vertices a tile (see SceneGeometry.cpp).
  static constexpr int kTileTextureWidth = 4096;  // a power of two: tiles.vert divides by shifting
  unsigned tileTexture_ = 0;
  int tileTextureRows_ = 0;
  unsigned lutTexture_ = 0, fadeTexture_ = 0;
  // The backdrop depends only on the viewport size and its colours: rendered once into this target, then
  // copied each frame.
  unsigned backdropFbo_ = 0, backdropColour_ = 0;
  glm::ivec2 backdropSize_{0, 0};
  glm::vec3 backdropTop_{-1.0f}, backdropBottom_{-1.0f};
  int fadeTextureWidth_ = 0;
  int lutRows_ = 2;
  int slabCount_ = 0, tileCount_ = 0;
  // The RGB inputs' far views come first in the tile texture (one per slab listed here) and draw with
  // rgbTiles_ while any is shown.
  std::vector<int> rgbFarViewSlabs_;
  bool rgbFarViewShown_ = false;  // this frame: some RGB far view is not fully hidden by its tiles
  uint64_t snapshotKey_ = 0, layoutKey_ = 0, tilesKey_ = 0;
  std::vector<ValueRange> ranges_;
  CellNumberHook cellNumbers_;
  glm::vec4 floatingTitle_{1.0f}, floatingDetail_{1.0f};  // label colours for this frame's background
  glm::vec4 floatingWinner_{1.0f};
  glm::vec4 floatingTrack_{1.0f};  // the bars' empty track: light on the light theme, so the shares read on it  // the predicted class's name and share: orange, darkened on a light background
  float floatingHalo_ = 0.0f;
  // Which bottom corner the legend card takes, decided against the overview (not the current camera) once per
  // layout, frame and card size, so that it never jumps while the camera orbits.
  struct LegendPlace {
    uint64_t layoutKey = 0;
    glm::vec2 viewport{0.0f}, card{0.0f};
    bool right = false;
  } legendPlace_;
  bool passTiming_ = false;
};

}  // namespace convoscope
