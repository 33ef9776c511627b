// SceneRenderer's instance buffers: one box per slab, and per slab one tile per channel plus a far-view
// image (the channel mean, or the input in colour) that shows through as the tiles fade out.
#include <epoxy/gl.h>

#include <algorithm>
#include <optional>

#include "renderer/ActivationTextures.h"
#include "renderer/GlBuffer.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"
#include "renderer/TileKind.h"

namespace convoscope {

namespace colours = scene_detail::colours;
using scene_detail::lutRowFor;
using scene_detail::SlabInstance;
using scene_detail::TileInstance;

namespace {

// What one slab's tiles share.
struct SlabTiles {
  const Slab& slab;
  float index;  // the slab's index, as the shader reads it
  int layer;    // the display layer
  bool input;   // the input image: RGB channels tinted, its far view in colour
  float z;      // just in front of the slab's front face
  ValueRange range;
  int lutRow;
};

// One tile per channel; with `litChannel`, the other channels are dimmed.
void appendChannelTiles(std::vector<TileInstance>& tiles, const ActivationTextures& activations,
                        const SlabTiles& part, std::optional<int> litChannel) {
  static const glm::vec3 rgbTint[3] = {{1.0f, 0.32f, 0.30f}, {0.35f, 1.0f, 0.42f}, {0.38f, 0.55f, 1.0f}};
  const TileGrid& g = part.slab.grid;
  for (int c = 0; c < g.channels; ++c) {
    const TextureBlock b = activations.channel(part.layer, c);
    const FaceRect r = tileRect(part.slab, c);
    TileKind kind = TileKind::HeatMap;
    glm::vec3 tint(1.0f);
    if (part.input) {
      kind = g.channels == 3 ? TileKind::TintedChannel : TileKind::Grey;
      if (g.channels == 3) tint = rgbTint[c];
    }
    float brightness = 1.0f;
    if (litChannel && *litChannel != c) brightness = 0.45f;
    tiles.push_back({{r.min, r.max},
                     {part.z, part.index, tileKindValue(kind), float(part.lutRow)},
                     {float(b.x), float(b.y), float(b.page), 0.0f},
                     {float(b.cols), float(b.rows), part.range.lo, part.range.hi},
                     {tint, brightness}});
  }
}

// The far view: an RGB input in colour, any other layer as its channel mean.
void appendFarView(std::vector<TileInstance>& tiles, const ActivationTextures& activations,
                   const SlabTiles& part, ColourMapChoice colourMap) {
  const FaceRect r = farViewRect(part.slab);
  if (part.input && part.slab.grid.channels == 3) {
    const TextureBlock b = activations.channel(part.layer, 0);
    tiles.push_back({{r.min, r.max},
                     {part.z - 0.001f, part.index, tileKindValue(TileKind::RgbComposite), 0.0f},
                     {float(b.x), float(b.y), float(b.page), float(b.channelStride)},
                     {float(b.cols), float(b.rows), part.range.lo, part.range.hi},
                     {1, 1, 1, 1}});
  } else {
    const TextureBlock b = activations.mean(part.layer);
    const ValueRange mr = activations.meanRange(part.layer);
    tiles.push_back(
        {{r.min, r.max},
         {part.z - 0.001f, part.index, tileKindValue(TileKind::MeanHeatMap), float(lutRowFor(colourMap, mr))},
         {float(b.x), float(b.y), float(b.page), 0.0f},
         {float(b.cols), float(b.rows), mr.lo, mr.hi},
         {1, 1, 1, 1}});
  }
}

}  // namespace

void SceneRenderer::rebuildTiles(const Snapshot& snapshot, const SceneLayout& layout,
                                 const Selection& selection, const ViewOptions& options,
                                 const std::vector<bool>& cut) {
  std::vector<TileInstance> tiles;
  std::vector<SlabInstance> boxes;
  const int selectedSlab = selection.layer ? layout.slabForLayer(*selection.layer) : -1;
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const Slab& slab = layout.slabs[s];
    const bool selected = static_cast<int>(s) == selectedSlab;
    if (cut[s]) continue;
    boxes.push_back(
        {slab.centre, slab.size, glm::vec4(selected ? colours::slabSelected : colours::slab, 1.0f)});
    const int l = slab.displayLayer;
    if (!activations_->has(l)) continue;
    const Layer& layer = snapshot.layers[l];
    const bool input = layer.kind == LayerKind::Input;
    // The input image spans its own min..max; other layers take the range mode's range.
    const ValueRange range =
        input ? ValueRange{layer.stats.min, std::max(layer.stats.max, layer.stats.min + 1e-6f)} : ranges_[l];
    const SlabTiles part{
        slab, float(s), l, input, frontFaceZ(slab) + 0.002f, range, lutRowFor(options.colourMap, range)};
    appendChannelTiles(tiles, *activations_, part, selected ? selection.channel : std::nullopt);
    if (hasFarView(slab))
      appendFarView(tiles, *activations_, part, options.colourMap);
  }
  // Far-view images first so the tiles blend over them (both lie on their slab's opaque face); the RGB ones
  // before the others, as drawTiles draws them with their own program.
  const auto drawOrder = [](const TileInstance& t) {
    return t.meta.z == tileKindValue(TileKind::RgbComposite) ? 0 : isFarView(t.meta.z) ? 1 : 2;
  };
  std::stable_sort(tiles.begin(), tiles.end(),
                   [&](const TileInstance& a, const TileInstance& b) { return drawOrder(a) < drawOrder(b); });
  rgbFarViewSlabs_.clear();
  for (const TileInstance& t : tiles)
    if (drawOrder(t) == 0) rgbFarViewSlabs_.push_back(static_cast<int>(t.meta.y));
  glBindVertexArray(0);
  uploadTiles(tiles);
  slabInstances_->upload(boxes.data(), boxes.size() * sizeof(SlabInstance));
  tileCount_ = static_cast<int>(tiles.size());
  slabCount_ = static_cast<int>(boxes.size());
}

}  // namespace convoscope
