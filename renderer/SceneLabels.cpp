// SceneRenderer's floating slab labels: name and kinds · shape above each slab, billboarded, dropped where
// they would overlap a nearer label or float over a slab that hides their own.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/TextFormat.h"
#include "renderer/LabelPlacer.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"
#include "renderer/TextBatch.h"

namespace convoscope {

namespace colours = scene_detail::colours;
using scene_detail::toScreen;

namespace {

// True when the segment from `eye` to `target` passes through a slab's box other than `skip`.
bool segmentBlocked(const SceneLayout& layout, int skip, const glm::vec3& eye, const glm::vec3& target,
                    const std::vector<bool>& cut) {
  const glm::vec3 d = target - eye;
  for (size_t i = 0; i < layout.slabs.size(); ++i) {
    if (static_cast<int>(i) == skip || cut[i]) continue;
    const Bounds b = slabBounds(layout.slabs[i]);
    float t0 = 0.0f, t1 = 0.999f;
    bool miss = false;
    for (int a = 0; a < 3 && !miss; ++a) {
      if (std::fabs(d[a]) < 1e-9f) {
        miss = eye[a] < b.min[a] || eye[a] > b.max[a];
        continue;
      }
      float ta = (b.min[a] - eye[a]) / d[a], tb = (b.max[a] - eye[a]) / d[a];
      if (ta > tb) std::swap(ta, tb);
      t0 = std::max(t0, ta);
      t1 = std::min(t1, tb);
      miss = t0 > t1;
    }
    if (!miss) return true;
  }
  return false;
}

// A label is hidden when its slab's whole top edge (left, centre and right) is behind other slabs: it would
// float over a slab that hides its own.
bool labelHidden(const SceneLayout& layout, int slabIndex, const glm::vec3& eye,
                 const std::vector<bool>& cut) {
  const Slab& own = layout.slabs[slabIndex];
  for (float f : {-0.45f, 0.0f, 0.45f}) {
    const glm::vec3 target(own.centre.x + f * own.size.x, own.centre.y + own.size.y * 0.5f, frontFaceZ(own));
    if (!segmentBlocked(layout, slabIndex, eye, target, cut)) return false;
  }
  return true;
}

// The kinds of the layers a slab shows, joined by arrows.
std::string kindsOf(const Snapshot& snapshot, const Slab& slab) {
  std::string text;
  for (int m : slab.members) {
    if (m < 0 || m >= static_cast<int>(snapshot.layers.size())) continue;
    if (!text.empty()) text += " \xE2\x86\x92 ";  // →
    text += layerKindName(snapshot.layers[m].kind);
  }
  return text;
}

// A slab whose label may be shown, at its anchor's pixel.
struct LabelCandidate {
  int slab;
  glm::vec2 pixel;
  float depth, nameSize;
  bool selected;
};

// The labels in view and not hidden behind other slabs: the selected slab's first, then nearest first.
std::vector<LabelCandidate> labelCandidates(const scene_detail::Frame& frame, FrameStats& stats) {
  const SceneLayout& layout = frame.layout;
  const glm::vec2& viewport = frame.viewport;
  const float focal = viewport.y / (2.0f * std::tan(frame.camera.fovY * 0.5f));
  std::vector<LabelCandidate> candidates;
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const Slab& slab = layout.slabs[s];
    const glm::vec4 clip = frame.viewProjection * glm::vec4(slab.labelAnchor, 1.0f);
    if (clip.w <= 1e-4f || frame.cut[s]) continue;
    const glm::vec2 pixel = toScreen(clip, viewport);
    if (pixel.x < -200 || pixel.x > viewport.x + 200 || pixel.y < -50 || pixel.y > viewport.y + 100) continue;
    const bool selected = static_cast<int>(s) == frame.selectedSlab;
    if (!selected && labelHidden(layout, static_cast<int>(s), frame.eye, frame.cut)) {
      ++stats.labelsHidden;
      continue;
    }
    const float slabPixels = slab.size.x * focal / clip.w;
    const float nameSize = std::clamp(slabPixels * 0.11f, 14.0f * frame.ui, 22.0f * frame.ui);
    candidates.push_back({static_cast<int>(s), pixel, clip.w, nameSize, selected});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const LabelCandidate& a, const LabelCandidate& b) {
                     if (a.selected != b.selected) return a.selected;
                     return a.depth < b.depth;
                   });
  return candidates;
}

// Where a label's two lines go, and the screen rectangles it needs with both lines or with the name alone
// (which then takes the detail line's place).
struct LabelBoxes {
  float detailBaseline, nameBaseline;
  glm::vec4 both, nameOnly;
};

LabelBoxes labelBoxes(const LabelCandidate& c, float nameWidth, float detailWidth, float detailSize,
                      float ui) {
  const float pad = 3.0f * ui;
  LabelBoxes boxes;
  boxes.detailBaseline = c.pixel.y - 2.0f * ui;
  boxes.nameBaseline = boxes.detailBaseline - detailSize * 1.25f;
  boxes.both = glm::vec4(c.pixel.x - std::max(nameWidth, detailWidth) * 0.5f - pad,
                         boxes.nameBaseline - c.nameSize * 0.8f - pad,
                         c.pixel.x + std::max(nameWidth, detailWidth) * 0.5f + pad,
                         boxes.detailBaseline + detailSize * 0.3f + pad);
  boxes.nameOnly =
      glm::vec4(c.pixel.x - nameWidth * 0.5f - pad, boxes.detailBaseline - c.nameSize * 0.8f - pad,
                c.pixel.x + nameWidth * 0.5f + pad, boxes.detailBaseline + c.nameSize * 0.25f + pad);
  return boxes;
}

}  // namespace

void SceneRenderer::addLabels(const Frame& frame, LabelPlacer& placer, FrameStats& stats) {
  const Snapshot& snapshot = frame.snapshot;
  const float ui = frame.ui;
  for (const LabelCandidate& c : labelCandidates(frame, stats)) {
    const Slab& slab = frame.layout.slabs[c.slab];
    const std::string name = snapshot.layers[slab.layer].name;
    const std::string detail =
        kindsOf(snapshot, slab) + "  " + shapeText(snapshot.layers[slab.displayLayer].output.shape);
    const float detailSize = std::max(c.nameSize * 0.72f, 11.5f * ui);
    const float nameWidth = text_->measure(name, c.nameSize).width;
    const float detailWidth = text_->measure(detail, detailSize).width;
    const LabelBoxes boxes = labelBoxes(c, nameWidth, detailWidth, detailSize, ui);
    TextStyle nameStyle;
    nameStyle.size = c.nameSize;
    nameStyle.colour = c.selected ? colours::selection : floatingTitle_;
    nameStyle.halign = HAlign::Centre;
    nameStyle.halo = floatingHalo_;
    TextStyle detailStyle = nameStyle;
    detailStyle.size = detailSize;
    detailStyle.colour = floatingDetail_;
    const glm::vec2 offset =
        c.pixel - toScreen(frame.viewProjection * glm::vec4(slab.labelAnchor, 1.0f), frame.viewport);
    auto inside = [&](const glm::vec4& r) { return r.x >= 0.0f && r.y >= 0.0f && r.z <= frame.viewport.x; };
    if (inside(boxes.both) && placer.place(boxes.both)) {
      stats.labels.push_back({name + "\n" + detail, boxes.both});
      text_->addBillboard(name, slab.labelAnchor, nameStyle,
                          offset + glm::vec2(0, boxes.nameBaseline - c.pixel.y));
      text_->addBillboard(detail, slab.labelAnchor, detailStyle,
                          offset + glm::vec2(0, boxes.detailBaseline - c.pixel.y));
      ++stats.labelsShown;
    } else if (inside(boxes.nameOnly) && placer.place(boxes.nameOnly)) {
      stats.labels.push_back({name, boxes.nameOnly});
      text_->addBillboard(name, slab.labelAnchor, nameStyle,
                          offset + glm::vec2(0, boxes.detailBaseline - c.pixel.y));
      ++stats.labelsShown;
    } else {
      ++stats.labelsHidden;
    }
  }
}

}  // namespace convoscope
