// SceneRenderer's screen-space cards: the header (model name, input shape, prediction) at the top left and
// the colour legend (a ramp per colour map in use, with its range) at the bottom left.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/TextFormat.h"
#include "renderer/LabelPlacer.h"
#include "renderer/QuadBatch.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"
#include "renderer/TextBatch.h"
#include "scene/Caption.h"
#include "scene/ShotFraming.h"

namespace convoscope {

namespace colours = scene_detail::colours;
using scene_detail::kMargin;
using scene_detail::lutRowFor;

namespace {

// The header's second line: input shape, slab and layer counts, and the top prediction.
std::string headerLine(const Snapshot& snapshot, const SceneLayout& layout) {
  std::string line = "input " + shapeText(snapshot.inputShape) + "  \xC2\xB7  " +
                     std::to_string(layout.slabs.size()) + " slabs, " +
                     std::to_string(snapshot.layers.size()) + " layers";
  const std::vector<ClassScore> top = snapshot.top(1);
  if (!top.empty()) {
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f%%", top[0].probability * 100.0f);
    line += "  \xC2\xB7  predicts \"" + top[0].label + "\" " + percent;
  }
  return line;
}

// The legend's heading, and the one range it can number: the selected layer's, or the whole model's in
// Global mode.
struct LegendScale {
  std::optional<ValueRange> shown;
  std::string heading;
};

LegendScale legendScale(const scene_detail::Frame& frame, const std::vector<ValueRange>& ranges) {
  const ViewOptions& options = frame.options;
  const int selectedLayer = frame.selection.layer.value_or(-1);
  const char* modeName = options.rangeMode == RangeMode::Unit     ? "each layer scaled to its own range"
                         : options.rangeMode == RangeMode::Module ? "layers scaled per block"
                                                                  : "one range for the whole model";
  LegendScale scale;
  if (selectedLayer >= 0 && selectedLayer < static_cast<int>(ranges.size())) {
    const int slab = frame.layout.slabForLayer(selectedLayer);
    const int display = slab >= 0 ? frame.layout.slabs[slab].displayLayer : selectedLayer;
    scale.shown = ranges[display];
    scale.heading = frame.snapshot.layers[display].name + "  \xC2\xB7  " + modeName;
  } else if (options.rangeMode == RangeMode::Global && ranges.size() > 1) {
    scale.shown = ranges.back();
    scale.heading = std::string("activation  \xC2\xB7  ") + modeName;
  } else {
    scale.heading = std::string("activation  \xC2\xB7  ") + modeName;
  }
  return scale;
}

// The colour maps (lookup-table rows) the legend shows: the shown range's, else every map the layers use.
std::vector<int> legendRows(const scene_detail::Frame& frame, const std::vector<ValueRange>& ranges,
                            const std::optional<ValueRange>& shown) {
  const ViewOptions& options = frame.options;
  std::vector<int> rows;
  if (shown) {
    rows.push_back(lutRowFor(options.colourMap, *shown));
    return rows;
  }
  bool signedSeen = false, unsignedSeen = false;
  for (const Slab& slab : frame.layout.slabs) {
    if (slab.displayLayer < 0 || slab.displayLayer >= static_cast<int>(ranges.size())) continue;
    if (frame.snapshot.layers[slab.displayLayer].kind == LayerKind::Input) continue;
    (ranges[slab.displayLayer].isSigned() ? signedSeen : unsignedSeen) = true;
  }
  if (options.colourMap == ColourMapChoice::Automatic) {
    if (signedSeen) rows.push_back(static_cast<int>(ColorMapKind::Diverging));
    if (unsignedSeen) rows.push_back(static_cast<int>(ColorMapKind::Sequential));
  } else {
    rows.push_back(lutRowFor(options.colourMap, ValueRange{}));
  }
  if (rows.empty()) rows.push_back(static_cast<int>(ColorMapKind::Sequential));
  return rows;
}

struct LegendMetrics {
  explicit LegendMetrics(float ui)
      : rampWidth(240.0f * ui),
        rampHeight(12.0f * ui),
        rowPitch(44.0f * ui),
        headingSize(13.0f * ui),
        tickSize(12.0f * ui) {}
  float rampWidth, rampHeight, rowPitch, headingSize, tickSize;
};

// One legend row: the ramp, its end (and zero) ticks below it, and whether it is signed beside it.
void addLegendRow(QuadBatch& quads, TextBatch& text, const glm::vec2& rampMin, int lutRow,
                  const std::optional<ValueRange>& shown, const LegendMetrics& m, float ui) {
  quads.addScreenRamp(rampMin, rampMin + glm::vec2(m.rampWidth, m.rampHeight), lutRow);
  const bool diverging = lutRow == static_cast<int>(ColorMapKind::Diverging);
  std::string lo, mid, hi;
  if (shown) {
    lo = compactNumber(shown->lo);
    hi = compactNumber(shown->hi);
    if (shown->isSigned()) mid = "0";
  } else {
    lo = diverging ? "\xE2\x88\x92max" : "0";
    hi = diverging ? "+max" : "max";
    if (diverging) mid = "0";
  }
  TextStyle tick;
  tick.size = m.tickSize;
  tick.halo = 0.0f;  // on the card: a halo would only darken the neighbouring glyph (see addLegend)
  tick.colour = colours::title * glm::vec4(0.9f, 0.9f, 0.9f, 1.0f);
  tick.valign = VAlign::Top;
  const float ty = rampMin.y + m.rampHeight + 5.0f * ui;
  tick.halign = HAlign::Left;
  text.addScreen(lo, {rampMin.x, ty}, tick);
  tick.halign = HAlign::Right;
  text.addScreen(hi, {rampMin.x + m.rampWidth, ty}, tick);
  if (!mid.empty()) {
    tick.halign = HAlign::Centre;
    text.addScreen(mid, {rampMin.x + m.rampWidth * 0.5f, ty}, tick);
  }
  TextStyle caption;
  caption.size = m.tickSize;
  caption.halo = 0.0f;
  caption.colour = colours::detail;
  caption.valign = VAlign::Middle;
  text.addScreen(diverging ? "signed" : "non-negative",
                 {rampMin.x + m.rampWidth + 12.0f * ui, rampMin.y + m.rampHeight * 0.5f}, caption);
}

}  // namespace

// The legend's top-left corner: bottom left, or bottom right when the overview leaves that corner clearly
// freer (a wrapped network's last lane starts at the bottom left) and no caption holds the place.
glm::vec2 SceneRenderer::legendCorner(const Frame& frame, const glm::vec2& size, float margin) {
  const glm::vec2 left(margin, frame.viewport.y - margin - size.y);
  if (!frame.overlays.legendMayMove) return left;
  LegendPlace& place = legendPlace_;
  if (place.layoutKey != layoutKey_ || place.viewport != frame.viewport || place.card != size) {
    const OverviewCorners corners = overviewCorners(frame.layout, glm::ivec2(frame.viewport), size, margin);
    place = {layoutKey_, frame.viewport, size, corners.bottomRight < 0.5f * corners.bottomLeft};
  }
  return place.right ? glm::vec2(frame.viewport.x - margin - size.x, left.y) : left;
}

void SceneRenderer::addOverlays(const Frame& frame, LabelPlacer& placer, FrameStats& stats) {
  if (frame.options.showHeader) placer.taken.push_back(*(stats.headerRect = addHeader(frame)));
  if (frame.options.showLegend) placer.taken.push_back(*(stats.legendRect = addLegend(frame)));
  if (frame.overlays.timeline) placer.taken.push_back(*(stats.timelineRect = addTimeline(frame)));
}

// Each top example's label and value under its picture, lying in the gallery's plane.
void SceneRenderer::addGalleryCaptions(const Frame& frame) {
  const FeatureOverlay& gallery = *frame.overlays.gallery;
  for (const FeaturePlacement& p : placeGallery(frame.layout, gallery, frame.cut)) {
    const std::string& caption = gallery.pictures[p.picture].caption;
    if (caption.empty()) continue;
    TextStyle style;
    style.size = 0.13f * p.rect.size().y;
    style.colour = floatingTitle_;
    style.halign = HAlign::Centre;
    style.valign = VAlign::Top;
    style.halo = floatingHalo_;
    const glm::vec3 at(p.rect.centre().x, p.rect.min.y - 0.03f * p.rect.size().y, frontFaceZ(frame.layout.slabs[p.slab]) + 0.004f);
    text_->addInPlane(caption, at, {1, 0, 0}, {0, 1, 0}, style);
  }
}

glm::vec4 SceneRenderer::addHeader(const Frame& frame) {
  const float ui = frame.ui;
  const float margin = kMargin * ui;
  TextStyle title;
  title.size = 24.0f * ui;
  title.halo = 0.0f;  // on the card (see addLegend)
  title.colour = colours::title;
  title.valign = VAlign::Top;
  const std::string name = frame.snapshot.modelName.empty() ? "model" : frame.snapshot.modelName;
  const std::string line = headerLine(frame.snapshot, frame.layout);
  TextStyle sub = title;
  sub.size = 14.0f * ui;
  sub.colour = colours::detail;
  const float width = std::max(text_->measure(name, title.size).width, text_->measure(line, sub.size).width);
  const glm::vec2 pad(16.0f * ui, 12.0f * ui);
  const glm::vec2 cardMin = glm::vec2(margin) - pad, cardMax(margin + width + pad.x, headerBottom(ui));
  quads_->addScreenRect(cardMin, cardMax, colours::card, 10.0f * ui);
  text_->addScreen(name, {margin, margin}, title);
  text_->addScreen(line, {margin, margin + 34.0f * ui}, sub);
  return {cardMin, cardMax};
}

// Legend: one ramp per colour map in use, numbers where one range applies (selection or Global mode).
glm::vec4 SceneRenderer::addLegend(const Frame& frame) {
  const float ui = frame.ui;
  const float margin = kMargin * ui;
  const LegendScale scale = legendScale(frame, ranges_);
  const std::vector<int> rows = legendRows(frame, ranges_, scale.shown);
  const LegendMetrics m(ui);
  // Features mode: the conv tiles no longer show activations, so the card says what they show instead.
  // So does the compare view: the tiles show input B, or A − B.
  const bool features = frame.overlays.features && !frame.overlays.features->pictures.empty();
  const std::string note = !features ? frame.overlays.legendNote
                           : frame.overlays.features->legendNote.empty()
                               ? "conv tiles: what each channel looks for (features mode)"
                               : frame.overlays.features->legendNote;
  const bool noted = !note.empty();
  const float headingWidth = std::max(text_->measure(scale.heading, m.headingSize).width,
                                      noted ? text_->measure(note, m.headingSize).width : 0.0f);
  const float cardWidth = std::max(m.rampWidth + 150.0f * ui, headingWidth + 32.0f * ui);
  const float cardHeight = 40.0f * ui + m.rowPitch * rows.size() + (noted ? 22.0f * ui : 0.0f);
  const glm::vec2 cardSize(cardWidth, cardHeight);
  const glm::vec2 cardMin = legendCorner(frame, cardSize, margin);
  quads_->addScreenRect(cardMin, cardMin + cardSize, colours::card, 10.0f * ui);
  // Text on the cards has no halo: the card gives it its contrast, and at 11-14 px one glyph's halo fell over
  // its neighbour's thin stem (the 'l' of "scaled" all but vanished under the 'e' drawn after it).
  TextStyle h;
  h.size = m.headingSize;
  h.halo = 0.0f;
  h.colour = colours::detail;
  text_->addScreen(scale.heading, cardMin + glm::vec2(16.0f * ui, 26.0f * ui), h);
  for (size_t i = 0; i < rows.size(); ++i) {
    const glm::vec2 rampMin = cardMin + glm::vec2(16.0f * ui, 40.0f * ui + m.rowPitch * i);
    addLegendRow(*quads_, *text_, rampMin, rows[i], scale.shown, m, ui);
  }
  if (noted) {
    h.colour = colours::title;
    text_->addScreen(note, cardMin + glm::vec2(16.0f * ui, cardHeight - 14.0f * ui), h);
  }
  return {cardMin, cardMin + cardSize};
}

}  // namespace convoscope
