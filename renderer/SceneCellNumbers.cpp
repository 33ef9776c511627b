// Cell numbers at close range: SceneRenderer calls the cell-number hook for every slab whose `numbers` fade
// is up; the default hook, writeCellNumbers(), writes each on-screen cell's value on its tile.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/TextFormat.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"
#include "renderer/TextBatch.h"
#include "scene/SemanticZoom.h"

namespace convoscope {

using scene_detail::lutRowFor;

void writeCellNumbers(const CellNumberContext& context) {
  const Slab& slab = context.layout.slabs[context.slab];
  const TileGrid& g = slab.grid;
  if (slab.displayLayer < 0 || slab.displayLayer >= static_cast<int>(context.snapshot.layers.size())) return;
  const std::vector<float>& data = context.snapshot.layers[slab.displayLayer].output.data;
  const float z = frontFaceZ(slab) + 0.004f;
  auto clipOf = [&](const glm::vec3& q) { return context.viewProjection * glm::vec4(q, 1.0f); };
  auto onScreenClip = [](const glm::vec4& clip, float slack) {
    if (clip.w <= 1e-4f) return false;
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return std::fabs(ndc.x) <= 1.0f + slack && std::fabs(ndc.y) <= 1.0f + slack;
  };
  auto onScreen = [&](const glm::vec3& q, float slack) { return onScreenClip(clipOf(q), slack); };
  // Screen pixels from a point (its clip position) `length` along `direction`; unbounded when either end is
  // behind the eye, so that nothing is dropped for a span that cannot be measured.
  auto pixelsAlong = [&](const glm::vec4& from, const glm::vec3& point, const glm::vec3& direction,
                         float length) {
    const glm::vec4 to = clipOf(point + direction * length);
    if (from.w <= 1e-4f || to.w <= 1e-4f) return std::numeric_limits<float>::infinity();
    return glm::length((glm::vec2(to) / to.w - glm::vec2(from) / from.w) * 0.5f * context.viewport);
  };
  constexpr int kMaxNumbers = 2500;  // a full 4K screen of readable cells
  // A number's size in its cell (at most this share of the cell's height, and of its width for the whole
  // number), and a digit's height per unit of text size (DejaVu's figures).
  constexpr float kTextPerCellHeight = 0.34f, kTextPerCellWidth = 0.84f, kDigitHeight = 0.73f;
  constexpr float kLeastLegiblePixels = 3.5f, kLegiblePixels = 6.0f;  // digit height (or its width, scaled:)
  constexpr float kDigitHeightPerWidth = 1.6f;
  int written = 0;
  TextStyle style;
  style.halign = HAlign::Centre;
  style.valign = VAlign::Middle;
  for (int c = 0; c < g.channels && written < kMaxNumbers; ++c) {
    const FaceRect tile = tileRect(slab, c);
    const glm::vec3 centre(tile.centre(), z);
    const float reach = glm::length(tile.size()) * 0.5f;
    // Skip tiles whose whole disc is off screen (cheap test on the centre with a generous slack).
    if (!onScreen(centre, 0.0f)) {
      bool any = false;
      for (int k = 0; k < 4 && !any; ++k)
        any = onScreen(centre + glm::vec3((k & 1 ? 1 : -1) * reach, (k & 2 ? 1 : -1) * reach, 0), 0.0f);
      if (!any) continue;
    }
    // A tile whose nearest cell is too small to read writes nothing: over its plane the scale on screen is
    // largest at a corner, so the corners bound every cell's digits (a cheaper test than each cell's).
    const glm::vec2 cellSize(tile.size().x / g.cellCols, tile.size().y / g.cellRows);
    float bestHigh = 0.0f, bestWide = 0.0f;
    for (int k = 0; k < 4; ++k) {
      const glm::vec3 corner(k & 1 ? tile.max.x : tile.min.x, k & 2 ? tile.max.y : tile.min.y, z);
      const glm::vec4 at = clipOf(corner);
      bestHigh = std::max(bestHigh, pixelsAlong(at, corner, {0, 1, 0}, cellSize.y));
      bestWide = std::max(bestWide, pixelsAlong(at, corner, {1, 0, 0}, cellSize.x));
    }
    const float bestDigit = std::min(kDigitHeight * kTextPerCellHeight * bestHigh,
                                     kDigitHeightPerWidth * kTextPerCellWidth * bestWide);
    if (bestDigit < kLeastLegiblePixels) continue;
    for (int y = 0; y < g.cellRows && written < kMaxNumbers; ++y)
      for (int x = 0; x < g.cellCols && written < kMaxNumbers; ++x) {
        const long long index = valueIndex(g, c, y, x);
        if (index < 0 || index >= static_cast<long long>(data.size())) continue;
        const FaceRect cell = cellRect(slab, c, y, x);
        const glm::vec3 p(cell.centre(), z);
        const glm::vec4 at = clipOf(p);
        if (!onScreenClip(at, 0.02f)) continue;
        const std::string text = compactNumber(data[index]);
        const float unitWidth = context.text.measure(text, 1.0f).width;
        style.size = std::min(cell.size().y * kTextPerCellHeight,
                              cell.size().x * kTextPerCellWidth / std::max(unitWidth, 1e-3f));
        // Digits too small on screen to read (far cells, a tile seen edge-on) fade out rather than cost glyphs:
        // a software rasteriser pays ~1 µs a glyph whatever its size.
        const float digitHigh = kDigitHeight * pixelsAlong(at, p, {0, 1, 0}, style.size);
        const float digitWide =
            pixelsAlong(at, p, {1, 0, 0}, style.size * unitWidth) / std::max<size_t>(text.size(), 1);
        const float legible =
            smoothstep(kLeastLegiblePixels, kLegiblePixels, std::min(digitHigh, kDigitHeightPerWidth * digitWide));
        if (legible < 0.02f) continue;
        // Dark digits on light cells, light digits on dark ones.
        const glm::vec3 under =
            sampleColorMap(context.colourMap, normalizedValue(data[index], context.range));
        const bool light = relativeLuminance(under) > 0.45f;
        const float alpha = context.fade * legible;
        style.colour = light ? glm::vec4(0.05f, 0.06f, 0.08f, alpha) : glm::vec4(1.0f, 1.0f, 1.0f, alpha);
        style.halo = light ? 0.0f : 0.6f * alpha;
        context.text.addInPlane(text, p, {1, 0, 0}, {0, 1, 0}, style);
        ++written;
      }
  }
}

// The hook (writeCellNumbers() unless replaced) for every slab close enough to read and not cut away.
void SceneRenderer::addCellNumbers(const Frame& frame, const std::vector<SemanticZoomFades>& slabFades) {
  const SceneLayout& layout = frame.layout;
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const bool readable = slabFades[s].numbers > 0.01f;
    if (!readable || frame.cut[s]) continue;
    if (!cellText_) cellText_ = std::make_unique<TextBatch>(*font_);  // when first close enough to read
    const int display = layout.slabs[s].displayLayer;
    const ValueRange range =
        display >= 0 && display < static_cast<int>(ranges_.size()) ? ranges_[display] : ValueRange{};
    const CellNumberContext context{frame.snapshot,
                                    layout,
                                    static_cast<int>(s),
                                    slabFades[s].numbers,
                                    frame.viewProjection,
                                    frame.viewport,
                                    *cellText_,
                                    range,
                                    static_cast<ColorMapKind>(lutRowFor(frame.options.colourMap, range))};
    if (cellNumbers_)
      cellNumbers_(context);
    else
      writeCellNumbers(context);
  }
}

}  // namespace convoscope
