// SceneRenderer's world-space lines: slab outlines, flow lines between adjacent slabs, residual and concat
// arcs, and the selection outlines on the selected slab's face.
#include <vector>

#include "renderer/LineBatch.h"
#include "renderer/SceneRenderer.h"
#include "renderer/SceneRendererDetail.h"

namespace convoscope {

namespace colours = scene_detail::colours;

// Every slab's box edges; cut-away slabs stay as faint outlines.
void SceneRenderer::addSlabOutlines(const Frame& frame) {
  const SceneLayout& layout = frame.layout;
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const Slab& slab = layout.slabs[s];
    const Bounds b = slabBounds(slab);
    const bool selected = static_cast<int>(s) == frame.selectedSlab;
    const glm::vec4 edge = selected       ? colours::selection
                           : frame.cut[s] ? colours::slabEdge * glm::vec4(1, 1, 1, 0.35f)
                                          : colours::slabEdge;
    const float width = (selected ? 2.0f : 1.0f) * frame.ui;
    lines_->addRect({b.min.x, b.min.y}, {b.max.x, b.max.y}, b.max.z, edge, width);
    lines_->addRect({b.min.x, b.min.y}, {b.max.x, b.max.y}, b.min.z, edge * glm::vec4(1, 1, 1, 0.6f), width);
    for (int i = 0; i < 4; ++i) {
      const float x = (i & 1) ? b.max.x : b.min.x, y = (i & 2) ? b.max.y : b.min.y;
      lines_->add({x, y, b.min.z}, {x, y, b.max.z}, edge * glm::vec4(1, 1, 1, 0.8f), width);
    }
  }
}

// Corner to corner, from the front face of one slab to the back face of the next; between the lanes of a
// wrapped network, the lane link with an arrowhead into the next lane.
void SceneRenderer::addFlowLines(const Frame& frame) {
  const SceneLayout& layout = frame.layout;
  for (const LaneLink& link : layout.laneLinks) {
    lines_->addPolyline(link.points, colours::laneLink, 1.5f * frame.ui);
    const glm::vec3 tip = link.points.back();
    const glm::vec3 back = glm::normalize(link.points[link.points.size() - 2] - tip);
    const glm::vec3 side = glm::normalize(glm::cross(back, glm::vec3(0.0f, 0.0f, 1.0f)));
    for (float s : {-1.0f, 1.0f})
      lines_->add(tip, tip + 0.6f * back + 0.25f * s * side, colours::laneLink, 1.5f * frame.ui);
  }
  for (const SlabEdge& e : layout.edges) {
    if (layout.slabs[e.fromSlab].lane != layout.slabs[e.toSlab].lane) continue;
    const Bounds a = slabBounds(layout.slabs[e.fromSlab]), b = slabBounds(layout.slabs[e.toSlab]);
    for (int i = 0; i < 4; ++i) {
      const bool right = i & 1, top = i & 2;
      lines_->add({right ? a.max.x : a.min.x, top ? a.max.y : a.min.y, a.max.z},
                  {right ? b.max.x : b.min.x, top ? b.max.y : b.min.y, b.min.z}, colours::flow,
                  1.0f * frame.ui);
    }
  }
}

void SceneRenderer::addArcs(const Frame& frame) {
  for (const Arc& arc : frame.layout.arcs) {
    std::vector<glm::vec3> points;
    for (int i = 0; i <= 40; ++i) points.push_back(arcPoint(arc, i / 40.0f));
    lines_->addPolyline(points, arc.residual ? colours::residualArc : colours::concatArc, 2.2f * frame.ui);
  }
}

// Selection outlines: the channel's tile and the cell.
void SceneRenderer::addSelectionOutlines(const Frame& frame) {
  if (frame.selectedSlab < 0) return;
  const Selection& selection = frame.selection;
  const Slab& slab = frame.layout.slabs[frame.selectedSlab];
  const float z = frontFaceZ(slab) + 0.004f;
  const float ui = frame.ui;
  if (!selection.channel || *selection.channel < 0 || *selection.channel >= slab.grid.channels) return;
  const FaceRect r = tileRect(slab, *selection.channel);
  const float pad = slab.grid.gap * 0.25f;
  lines_->addRect(r.min - pad, r.max + pad, z, colours::selection, 2.5f * ui);
  if (selection.hasCell()) {
    const FaceRect c = cellRect(slab, *selection.channel, *selection.y, *selection.x);
    lines_->addRect(c.min, c.max, z, glm::vec4(0.0f, 0.0f, 0.0f, 0.8f), 5.0f * ui);
    lines_->addRect(c.min, c.max, z + 0.001f, colours::cellSelection, 2.5f * ui);
  }
}

}  // namespace convoscope
