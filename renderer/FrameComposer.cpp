#include "renderer/FrameComposer.h"

#include "renderer/CaptionOverlay.h"
#include "renderer/PlaygroundView.h"
#include "renderer/SpotlightVeil.h"

namespace convoscope {

FrameComposer::FrameComposer() : scene_(std::make_unique<SceneRenderer>()) {}

FrameComposer::~FrameComposer() = default;

ComputationView& FrameComposer::computationView() {
  if (!computation_) computation_ = std::make_unique<ComputationView>();
  return *computation_;
}

std::optional<Bounds> FrameComposer::computationBounds(const Snapshot& snapshot, const SceneLayout& layout,
                                                       const Selection& selection,
                                                       const ComputationViewOptions& options) {
  if (!selection.hasCell()) return std::nullopt;
  ComputationView& view = computationView();
  if (!view.build(snapshot, layout, selection, options)) return std::nullopt;
  return view.bounds();
}

ComposedFrame FrameComposer::compose(const FrameContent& content, const glm::ivec2& size) {
  ComposedFrame frame;
  if (content.playground) {
    if (!playground_) playground_ = std::make_unique<PlaygroundView>();
    playground_->build(content.playground->scene, content.playground->lightTheme);
    frame.drawCalls += playground_->draw(content.playground->camera, size);
  } else if (content.snapshot && content.layout) {
    frame.scene = scene_->render(*content.snapshot, *content.layout, content.camera, content.selection,
                                 content.view, size, SlabOverlays{content.features, content.heat, content.gallery, content.divergence, content.legendNote});
    frame.drawCalls += frame.scene.drawCalls;
    if (content.computation) {
      frame.computationBounds =
          computationBounds(*content.snapshot, *content.layout, content.selection, *content.computation);
      if (frame.computationBounds)
        frame.drawCalls += computation_->draw(*content.layout, content.camera, size);
    }
  }
  if (content.spotlight) {
    if (!spotlight_) spotlight_ = std::make_unique<SpotlightVeil>();
    spotlight_->draw(size, content.spotlight->centre, content.spotlight->radius);
    ++frame.drawCalls;
  }
  if (content.caption) {
    if (!captions_) captions_ = std::make_unique<CaptionOverlay>();
    const glm::vec2 frameSize(size);
    captions_->draw(*content.caption, frameSize, captionLeftReserve(frameSize, content.view.showLegend));
    frame.drawCalls += 2;
  }
  return frame;
}

}  // namespace convoscope
