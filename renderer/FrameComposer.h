#pragma once
// One frame of the 3D view, whole: the network with any feature pictures and attribution heat maps over its
// slabs (or the hyperparameter playground instead of it), the selected cell's computation card, the lecture
// spotlight and the tour caption, drawn in that order into the bound framebuffer. The window, `shot`, `record` and the
// benchmark all describe a frame as FrameContent and call compose(), so a new overlay is written once and
// every path shows it the same.
#include <future>
#include <glm/glm.hpp>
#include <memory>
#include <optional>

#include "core/Snapshot.h"
#include "renderer/CaptionOverlay.h"
#include "renderer/ComputationView.h"
#include "renderer/SceneRenderer.h"
#include "scene/Caption.h"
#include "scene/RegionFraming.h"
#include "scene/OrbitCamera.h"
#include "scene/PlaygroundScene.h"
#include "scene/Selection.h"
#include "scene/SlabLayout.h"
#include "scene/ViewOptions.h"

namespace convoscope {

class CaptionOverlay;
class PlaygroundView;
class SpotlightVeil;

// The playground's small world, drawn instead of the network.
struct PlaygroundFrame {
  PlaygroundScene scene;
  OrbitCamera camera;
  bool lightTheme = false;
};

// The pointer spotlight: pixels of the frame, origin top-left.
struct SpotlightFrame {
  glm::vec2 centre{0.0f};
  float radius = 0.0f;
};

struct FrameContent {
  const Snapshot* snapshot = nullptr;  // the network; may be null only with a playground
  const SceneLayout* layout = nullptr;
  OrbitCamera camera;
  Selection selection;
  ViewOptions view;
  const HeatOverlay* heat = nullptr;                  // "why this class?": attribution maps over the slabs
  const FeatureOverlay* features = nullptr;           // features mode: what each channel looks for
  const FeatureOverlay* gallery = nullptr;            // the selected channel's top examples beside its slab
  const DivergenceCurve* divergence = nullptr;        // compare view: where inputs A and B part ways
  const TimelineMark* timeline = nullptr;             // a training timeline's card (scene/TimelineMark.h)
  std::string legendNote;                             // what the tiles show when not A's activations
  std::optional<ComputationViewOptions> computation;  // the selected cell's computation card
  std::optional<PlaygroundFrame> playground;          // drawn instead of the network (and its card)
  std::optional<SpotlightFrame> spotlight;
  std::optional<Caption> caption;  // placed right of the colour legend when the legend shows
};

struct ComposedFrame {
  FrameStats scene;                         // the network's pass (empty with a playground)
  std::optional<Bounds> computationBounds;  // where the computation card was drawn (for framing it)
  int drawCalls = 0;                        // every pass together
};

class FrameComposer {
 public:
  // Needs a current GL context. The network renderer is made at once; the computation view, playground,
  // spotlight and captions when a frame first needs them (each bakes a font or compiles shaders).
  FrameComposer();
  explicit FrameComposer(std::unique_ptr<FontAtlas> sceneFont);  // already baked (see SceneRenderer)
  // Also the captions' fonts, being baked on a worker (renderer/CaptionOverlay.h): taken when first needed.
  FrameComposer(std::unique_ptr<FontAtlas> sceneFont, std::future<CaptionFonts> captionFonts);
  ~FrameComposer();
  FrameComposer(const FrameComposer&) = delete;
  FrameComposer& operator=(const FrameComposer&) = delete;

  // Draws `content` into the bound framebuffer of `size` pixels.
  ComposedFrame compose(const FrameContent& content, const glm::ivec2& size);
  // Builds the selected cell's computation without drawing it: the card's bounds, to frame it before the
  // frame that shows it; nullopt for no cell or a layer whose computation cannot be broken down.
  std::optional<Bounds> computationBounds(const Snapshot& snapshot, const SceneLayout& layout,
                                          const Selection& selection,
                                          const ComputationViewOptions& options = {});
  // The card last built: its smallest number's height in pixels seen by `camera` (0: it writes none).
  float computationNumberPixels(const OrbitCamera& camera, float viewportHeight) const;

  // The part of a `size` frame that `view`'s header card and `caption`'s card leave free: where a tour step's
  // computation card is framed so neither hides its numbers.
  FrameRegion freeRegion(const std::optional<Caption>& caption, const glm::ivec2& size, const ViewOptions& view);
  // The caption card's rectangle in pixels (x0, y0, x1, y1; origin top-left), as compose() would draw it.
  glm::vec4 captionRect(const Caption& caption, const glm::ivec2& size, bool legendShown);

  SceneRenderer& scene() { return *scene_; }
  // The computation view as last built (nullptr before the first card); tests read its chain.
  const ComputationView* computation() const { return computation_.get(); }

 private:
  ComputationView& computationView();
  CaptionOverlay& captions();
  std::unique_ptr<SceneRenderer> scene_;
  std::unique_ptr<ComputationView> computation_;
  std::unique_ptr<PlaygroundView> playground_;
  std::unique_ptr<SpotlightVeil> spotlight_;
  std::unique_ptr<CaptionOverlay> captions_;
  std::future<CaptionFonts> captionFonts_;  // valid until the captions are made, when they were prebaked
};

}  // namespace convoscope
