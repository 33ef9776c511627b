// SceneRenderer's stage labels for a wrapped network ("layer2 · 512×8×8"): one above the start of each stage,
// above its first slab's own label, in the winner's warm colour so it reads as a heading, not a layer.
#include <algorithm>

#include "renderer/LabelPlacer.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"
#include "renderer/TextBatch.h"

namespace convoscope {

using scene_detail::toScreen;

void SceneRenderer::addStageLabels(const Frame& frame, LabelPlacer& placer, FrameStats& stats) {
  const float ui = frame.ui;
  TextStyle style;
  style.size = 18.0f * ui;
  style.colour = floatingWinner_;
  style.halo = floatingHalo_;
  style.halign = HAlign::Left;
  // Above the first slab's name and detail lines (SceneLabels: at most 22 + 16 px, and a gap); where that is
  // taken (the header card, a class name), below the slab.
  const glm::vec2 lift(0.0f, -52.0f * ui), drop(0.0f, 8.0f * ui + style.size);
  const float pad = 3.0f * ui;
  for (const SlabStage& stage : frame.layout.stages) {
    const Slab& first = frame.layout.slabs[stage.firstSlab];
    if (frame.cut[stage.firstSlab]) continue;
    const float left = first.centre.x - 0.5f * first.size.x;
    const glm::vec3 above(left, first.labelAnchor.y, first.labelAnchor.z);
    const glm::vec3 below(left, first.centre.y - 0.5f * first.size.y, first.labelAnchor.z);
    const float width = text_->measure(stage.label, style.size).width;
    bool placed = false;
    for (const auto& [anchor, offset] : {std::pair{above, lift}, std::pair{below, drop}}) {
      const glm::vec4 clip = frame.viewProjection * glm::vec4(anchor, 1.0f);
      if (clip.w <= 1e-4f) continue;
      glm::vec2 at = toScreen(clip, frame.viewport) + offset;
      const float overhang = at.x + width + pad - frame.viewport.x;  // keep it inside the frame
      if (overhang > 0.0f) at.x -= overhang;
      const glm::vec4 rect(at.x - pad, at.y - style.size * 0.8f - pad, at.x + width + pad,
                           at.y + style.size * 0.25f + pad);
      if (!placer.place(rect)) continue;
      text_->addBillboard(stage.label, anchor, style, offset - glm::vec2(std::max(overhang, 0.0f), 0.0f));
      stats.labels.push_back({stage.label, rect});
      ++stats.labelsShown;
      placed = true;
      break;
    }
    if (!placed) ++stats.labelsHidden;
  }
}

}  // namespace convoscope
