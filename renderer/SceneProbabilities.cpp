// SceneRenderer's prediction panel: a bar per class, turned to face the camera, with its label and
// percentage (labels that would overlap are dropped, the winner's never).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "renderer/LabelPlacer.h"
#include "renderer/QuadBatch.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"
#include "renderer/TextBatch.h"
#include "scene/PanelTurn.h"

namespace convoscope {

namespace colours = scene_detail::colours;
using scene_detail::toScreen;

namespace {

float highestProbability(const ProbabilityPanel& panel) {
  float best = -1;
  for (const ProbabilityBar& bar : panel.bars) best = std::max(best, bar.probability);
  return best;
}

// Each bar over its full-length track; the winner in its own colour.
void addBars(QuadBatch& quads, const ProbabilityPanel& panel, float yaw, float best, const glm::vec4& track) {
  const glm::mat3 rotation = panelTurn(yaw);
  const glm::vec3 along = rotation * glm::vec3(1.0f, 0.0f, 0.0f);
  for (const ProbabilityBar& bar : panel.bars) {
    const bool winner = bar.probability == best;
    const glm::vec3 o = turnedPanelPoint(panel, yaw, bar.origin);
    const glm::vec3 up(0.0f, bar.fullSize.y, 0.0f);
    const glm::vec3 lift = rotation * glm::vec3(0.0f, 0.0f, 0.003f);
    quads.addWorldQuad(o, along * bar.fullSize.x, up, track);
    if (bar.length > 0)
      quads.addWorldQuad(o + lift, along * bar.length, up, winner ? colours::winner : colours::bar);
  }
}

}  // namespace

void SceneRenderer::addProbabilities(const Frame& frame, LabelPlacer& placer, FrameStats& stats) {
  const ProbabilityPanel& panel = frame.layout.probabilities;
  if (panel.bars.empty()) return;
  const float ui = frame.ui;
  const float yaw = frame.camera.pose.yaw;
  auto place = [&](const glm::vec3& p) { return turnedPanelPoint(panel, yaw, p); };
  const float best = highestProbability(panel);
  addBars(*quads_, panel, yaw, best, floatingTrack_);

  // Labels: sized from the bar pitch on screen; dropped where they would overlap.
  const glm::vec4 clip = frame.viewProjection * glm::vec4(panel.centre, 1.0f);
  if (clip.w <= 1e-4f) return;
  const float focal = frame.viewport.y / (2.0f * std::tan(frame.camera.fovY * 0.5f));
  const float barPixels = panel.bars[0].fullSize.y * focal / clip.w;
  const float size = std::clamp(barPixels * 0.8f, 13.0f * ui, 20.0f * ui);  // 13: read from the back row
  TextStyle titleStyle;
  titleStyle.size = size * 1.15f;
  titleStyle.colour = floatingTitle_;
  titleStyle.halign = HAlign::Centre;
  titleStyle.halo = floatingHalo_;
  // Lifted with its size too: on a far, small panel a fixed lift would let it touch the first class name.
  const glm::vec2 titleLift(0, -4.0f * ui - 0.4f * size);
  text_->addBillboard("Prediction", place(panel.titleAnchor), titleStyle, titleLift);
  const glm::vec4 titleClip = frame.viewProjection * glm::vec4(place(panel.titleAnchor), 1.0f);
  if (titleClip.w > 1e-4f) {
    const glm::vec2 at = toScreen(titleClip, frame.viewport) + titleLift;
    const float half = text_->measure("Prediction", titleStyle.size).width * 0.5f;
    const glm::vec4 rect(at.x - half, at.y - titleStyle.size * 0.8f, at.x + half, at.y + titleStyle.size * 0.25f);
    placer.taken.push_back(rect);  // the title always shows
    stats.labels.push_back({"Prediction", rect});
  }
  for (const ProbabilityBar& bar : panel.bars) {
    const bool winner = bar.probability == best;
    const glm::vec4 c = frame.viewProjection * glm::vec4(place(bar.labelAnchor), 1.0f);
    if (c.w <= 1e-4f) continue;
    const glm::vec2 pixel = toScreen(c, frame.viewport);
    const float labelWidth = text_->measure(bar.label, size).width;
    const glm::vec4 rect(pixel.x - 6.0f * ui - labelWidth, pixel.y - size * 0.55f, pixel.x - 6.0f * ui,
                         pixel.y + size * 0.55f);
    if (!placer.place(rect)) {
      if (!winner) continue;
      placer.taken.push_back(rect);  // the prediction itself always shows
    }
    TextStyle label;
    label.size = size;
    label.colour = winner ? floatingWinner_ : floatingTitle_;
    label.halo = floatingHalo_;
    label.halign = HAlign::Right;
    label.valign = VAlign::Middle;
    text_->addBillboard(bar.label, place(bar.labelAnchor), label, glm::vec2(-6.0f * ui, 0));
    stats.labels.push_back({bar.label, rect});
    TextStyle value = label;
    value.halign = HAlign::Left;
    value.size = size * 0.85f;
    value.colour = winner ? floatingWinner_ : floatingDetail_;
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f%%", bar.probability * 100.0f);
    text_->addBillboard(percent, place(bar.valueAnchor), value, glm::vec2(6.0f * ui, 0));
    const glm::vec4 valueClip = frame.viewProjection * glm::vec4(place(bar.valueAnchor), 1.0f);
    if (valueClip.w > 1e-4f) {
      const glm::vec2 at = toScreen(valueClip, frame.viewport) + glm::vec2(6.0f * ui, 0);
      const glm::vec4 valueRect(at.x, at.y - value.size * 0.55f, at.x + text_->measure(percent, value.size).width,
                                at.y + value.size * 0.55f);
      placer.taken.push_back(valueRect);  // beside its own bar: slab names keep clear of it
      stats.labels.push_back({percent, valueRect});
    }
  }
}

}  // namespace convoscope
