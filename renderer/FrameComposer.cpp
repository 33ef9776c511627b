#include "renderer/FrameComposer.h"

#include <algorithm>

#include "renderer/CaptionOverlay.h"
#include "renderer/FontAtlas.h"
#include "renderer/PlaygroundView.h"
#include "renderer/SpotlightVeil.h"

namespace convoscope {

namespace {

SlabOverlays overlaysOf(const FrameContent& content) {
  SlabOverlays overlays{content.features, content.heat,     content.gallery,
                        content.divergence, content.timeline, content.legendNote};
  // The caption keeps the bottom left free for the legend; a computation card, framed by its own rule, may
  // take the bottom right.
  overlays.legendMayMove = !content.caption && !(content.computation && content.selection.hasCell());
  return overlays;
}

}  // namespace

FrameComposer::FrameComposer() : scene_(std::make_unique<SceneRenderer>()) {}

FrameComposer::FrameComposer(std::unique_ptr<FontAtlas> sceneFont)
    : scene_(std::make_unique<SceneRenderer>(std::move(sceneFont))) {}

FrameComposer::FrameComposer(std::unique_ptr<FontAtlas> sceneFont, std::future<CaptionFonts> captionFonts)
    : scene_(std::make_unique<SceneRenderer>(std::move(sceneFont))), captionFonts_(std::move(captionFonts)) {}

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

float FrameComposer::computationNumberPixels(const OrbitCamera& camera, float viewportHeight) const {
  return computation_ ? computation_->smallestNumberPixels(camera, viewportHeight) : 0.0f;
}

ComposedFrame FrameComposer::compose(const FrameContent& content, const glm::ivec2& size) {
  ComposedFrame frame;
  if (content.playground) {
    if (!playground_) playground_ = std::make_unique<PlaygroundView>();
    playground_->build(content.playground->scene, content.playground->lightTheme);
    frame.drawCalls += playground_->draw(content.playground->camera, size);
  } else if (content.snapshot && content.layout) {
    frame.scene = scene_->render(*content.snapshot, *content.layout, content.camera, content.selection,
                                 content.view, size, overlaysOf(content));
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
    const glm::vec2 frameSize(size);
    captions().draw(*content.caption, frameSize, captionLeftReserve(frameSize, content.view.showLegend));
    frame.drawCalls += 2;
  }
  return frame;
}

CaptionOverlay& FrameComposer::captions() {
  if (!captions_)
    captions_ = captionFonts_.valid() ? std::make_unique<CaptionOverlay>(captionFonts_.get())
                                      : std::make_unique<CaptionOverlay>();
  return *captions_;
}

glm::vec4 FrameComposer::captionRect(const Caption& caption, const glm::ivec2& size, bool legendShown) {
  const glm::vec2 frameSize(size);
  const CaptionLayout card = captions().layout(caption, frameSize, captionLeftReserve(frameSize, legendShown));
  return {card.cardMin, card.cardMax};
}

FrameRegion FrameComposer::freeRegion(const std::optional<Caption>& caption, const glm::ivec2& size,
                                      const ViewOptions& view) {
  FrameRegion region;
  const float height = static_cast<float>(std::max(size.y, 1));
  const float gap = 0.015f * height;  // a breath between the card's numbers and the other cards
  if (caption) region = regionAbove(glm::vec2(size), captionRect(*caption, size, view.showLegend).y, gap);
  if (view.showHeader) {
    const float ui = view.uiScale > 0 ? view.uiScale : std::max(0.75f, height / 1080.0f);
    region.min.y = std::min(region.max.y, (headerBottom(ui) + gap) / height);
  }
  return region;
}

}  // namespace convoscope
