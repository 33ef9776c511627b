#include "app/LayoutReport.h"

#include "core/AtomicFile.h"
#include "scene/ScreenRects.h"

namespace convoscope {
namespace {

nlohmann::json rectJson(const glm::vec4& r) { return {r.x, r.y, r.z, r.w}; }

}  // namespace

ReportedCards cardsOf(FrameComposer& composer, const FrameContent& content, const ComposedFrame& composed,
                      const glm::ivec2& frame) {
  ReportedCards cards;
  cards.computation = composed.computationBounds;
  if (cards.computation)
    cards.computationNumberPixels = composer.computationNumberPixels(content.camera, static_cast<float>(frame.y));
  if (content.caption) cards.caption = composer.captionRect(*content.caption, frame, content.view.showLegend);
  return cards;
}

nlohmann::json layoutReport(const Snapshot& snapshot, const SceneLayout& layout, const OrbitCamera& camera,
                            const glm::ivec2& frame, const FrameStats& stats, const ReportedCards& cards) {
  const glm::vec2 viewport(frame);
  const glm::mat4 viewProjection = camera.projection(viewport.x / viewport.y) * camera.view();
  nlohmann::json report;
  report["frame"] = {frame.x, frame.y};
  auto& slabs = report["slabs"] = nlohmann::json::array();
  glm::vec4 box = kEmptyRect;  // around every slab: its share of the frame is the network's
  for (const Slab& slab : layout.slabs) {
    const std::optional<glm::vec4> rect = slabScreenRect(slab, viewProjection, viewport);
    slabs.push_back({{"name", snapshot.layers[slab.layer].name},
                     {"lane", slab.lane},
                     {"rect", rect ? rectJson(*rect) : nlohmann::json(nullptr)}});
    if (rect) box = unionRect(box, *rect);
  }
  report["fill"] = viewportShare(box, viewport);
  report["lanes"] = layout.laneCount;
  auto& stages = report["stages"] = nlohmann::json::array();
  for (const SlabStage& stage : layout.stages) stages.push_back({{"label", stage.label}, {"lane", stage.lane}});
  auto& labels = report["labels"] = nlohmann::json::array();
  for (const ScreenLabel& label : stats.labels) labels.push_back({{"text", label.text}, {"rect", rectJson(label.rect)}});
  report["labels_hidden"] = stats.labelsHidden;
  const std::optional<glm::vec4> card =
      cards.computation ? boundsScreenRect(*cards.computation, viewProjection, viewport) : std::nullopt;
  report["computation"] = card ? rectJson(*card) : nlohmann::json(nullptr);
  report["computation_number_px"] = card ? nlohmann::json(cards.computationNumberPixels) : nlohmann::json(nullptr);
  report["caption"] = cards.caption ? rectJson(*cards.caption) : nlohmann::json(nullptr);
  report["header"] = stats.headerRect ? rectJson(*stats.headerRect) : nlohmann::json(nullptr);
  report["legend"] = stats.legendRect ? rectJson(*stats.legendRect) : nlohmann::json(nullptr);
  report["timeline"] = stats.timelineRect ? rectJson(*stats.timelineRect) : nlohmann::json(nullptr);
  const std::optional<glm::vec4> panel = panelScreenRect(layout.probabilities, camera.pose.yaw, viewProjection, viewport);
  report["prediction"] = panel ? rectJson(*panel) : nlohmann::json(nullptr);
  return report;
}

void writeLayoutReport(const nlohmann::json& report, const std::string& path) {
  writeFileAtomically(path, report.dump(1) + "\n", "the layout report");
}

}  // namespace convoscope
