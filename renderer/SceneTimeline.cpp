// SceneRenderer's timeline card (a training series open): in the top-right corner, one line saying which
// checkpoint is shown and a strip with every checkpoint's test accuracy as a bar — lit up to the position, dim
// after it — and a marker at the position, which glides while the timeline plays. Quads and text join the
// frame's batches: no extra draw call.
#include <algorithm>
#include <cmath>

#include "renderer/QuadBatch.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"
#include "renderer/TextBatch.h"

namespace convoscope {

namespace colours = scene_detail::colours;
using scene_detail::kMargin;

namespace {
const glm::vec4 kPast = colours::selection;
const glm::vec4 kFuture(0.42f, 0.50f, 0.63f, 0.45f);
const glm::vec4 kMissing(0.85f, 0.35f, 0.35f, 0.6f);
const glm::vec4 kMarker(1.0f, 1.0f, 1.0f, 0.95f);
}  // namespace

glm::vec4 SceneRenderer::addTimeline(const Frame& frame) {
  const TimelineMark& mark = *frame.overlays.timeline;
  const float ui = frame.ui, margin = kMargin * ui;
  TextStyle line;
  line.size = 15.0f * ui;
  line.colour = colours::title;
  line.valign = VAlign::Top;
  const std::string text = "training \xC2\xB7 " + mark.line;
  const float width = std::max(text_->measure(text, line.size).width, 240.0f * ui);
  const glm::vec2 pad(14.0f * ui, 10.0f * ui);
  const float left = frame.viewport.x - margin - width, top = margin;
  const float stripTop = top + 24.0f * ui, stripBottom = stripTop + 34.0f * ui;
  const glm::vec2 cardMin(left - pad.x, top - pad.y), cardMax(left + width + pad.x, stripBottom + pad.y);
  quads_->addScreenRect(cardMin, cardMax, colours::card, 10.0f * ui);
  text_->addScreen(text, {left, top}, line);
  const size_t n = mark.accuracy.size();
  if (n == 0) return {cardMin, cardMax};
  const float slot = width / static_cast<float>(n), barWidth = std::max(2.0f * ui, 0.62f * slot);
  quads_->addScreenRect({left, stripBottom}, {left + width, stripBottom + 1.0f * ui}, colours::barTrack);
  for (size_t k = 0; k < n; ++k) {
    const float centre = left + slot * (k + 0.5f);
    const float height = std::max(2.0f * ui, std::clamp(mark.accuracy[k], 0.0f, 1.0f) * (stripBottom - stripTop));
    const glm::vec4 colour = !mark.loaded[k] ? kMissing : k <= mark.position + 1e-6 ? kPast : kFuture;
    quads_->addScreenRect({centre - 0.5f * barWidth, stripBottom - height}, {centre + 0.5f * barWidth, stripBottom},
                          colour);
  }
  const float marker = left + slot * (static_cast<float>(std::clamp(mark.position, 0.0, n - 1.0)) + 0.5f);
  quads_->addScreenRect({marker - 1.0f * ui, stripTop - 4.0f * ui}, {marker + 1.0f * ui, stripBottom + 4.0f * ui},
                        kMarker);
  return {cardMin, cardMax};
}

}  // namespace convoscope
