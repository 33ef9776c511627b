// SceneRenderer's divergence curve (compare view): a fence above the network whose height is how far input B's
// activations are from input A's at each slab, the threshold as a faint line along it, and a marker from the
// first slab past the threshold up to the curve, labelled. Lines and text join the frame's batches: no
// extra draw call.
#include <cstdio>
#include <string>

#include "core/TextFormat.h"
#include "renderer/LineBatch.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"
#include "renderer/TextBatch.h"

namespace convoscope {

namespace {
const glm::vec4 kCurve(1.0f, 0.55f, 0.25f, 1.0f);
const glm::vec4 kPost(1.0f, 0.55f, 0.25f, 0.35f);
const glm::vec4 kThreshold(1.0f, 0.85f, 0.45f, 0.45f);
}  // namespace

void SceneRenderer::addDivergenceCurve(const Frame& frame) {
  const DivergenceCurve& curve = *frame.overlays.divergence;
  if (curve.empty()) return;
  const float ui = frame.ui;
  for (size_t lane = 0; lane < curve.laneStarts.size(); ++lane) {  // one fence per lane
    const size_t begin = static_cast<size_t>(curve.laneStarts[lane]);
    const size_t end =
        lane + 1 < curve.laneStarts.size() ? static_cast<size_t>(curve.laneStarts[lane + 1]) : curve.points.size();
    auto piece = [&](const std::vector<glm::vec3>& line) {
      return std::vector<glm::vec3>(line.begin() + begin, line.begin() + end);
    };
    lines_->addPolyline(piece(curve.baseline), floatingDetail_ * glm::vec4(1, 1, 1, 0.45f), 1.2f * ui);
    lines_->addPolyline(piece(curve.threshold), kThreshold, 1.2f * ui);
    lines_->addPolyline(piece(curve.points), kCurve, 3.0f * ui);
  }
  for (size_t i = 0; i < curve.points.size(); ++i) lines_->add(curve.baseline[i], curve.points[i], kPost, 1.5f * ui);
  TextStyle style;
  style.size = 15.0f * ui;
  style.colour = floatingDetail_;
  style.halo = floatingHalo_;
  style.halign = HAlign::Left;
  style.valign = VAlign::Bottom;
  text_->addBillboard("distance of B from A, |a \xE2\x88\x92 b| / |a|", curve.points.front(), style,
                      glm::vec2(0.0f, -10.0f * ui));
  if (curve.firstSlab < 0) return;
  lines_->add(curve.markerBottom, curve.markerTop, kCurve, 2.5f * ui);
  style.colour = floatingTitle_;
  style.halign = HAlign::Centre;
  style.valign = VAlign::Bottom;
  style.size = 17.0f * ui;
  const std::string name = frame.snapshot.layers[frame.layout.slabs[curve.firstSlab].layer].name;
  const std::string marker = "paths part here: " + name + " (" + compactNumber(curve.distanceAtFirst) + ")";
  // Centred over the marker, unless that would run off the frame (a lane's first slab sits at its edge).
  const glm::vec4 clip = frame.viewProjection * glm::vec4(curve.markerTop, 1.0f);
  if (clip.w > 0.0f) {
    const float x = scene_detail::toScreen(clip, frame.viewport).x, half = 0.5f * text_->measure(marker, style.size).width;
    if (x - half < 0.0f) style.halign = HAlign::Left;
    if (x + half > frame.viewport.x) style.halign = HAlign::Right;
  }
  text_->addBillboard(marker, curve.markerTop, style, glm::vec2(0.0f, -10.0f * ui));
}

}  // namespace convoscope
