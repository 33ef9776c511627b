#include "renderer/PlaygroundView.h"

#include <epoxy/gl.h>

#include "renderer/FontAtlas.h"
#include "renderer/LineBatch.h"
#include "renderer/QuadBatch.h"
#include "renderer/TextBatch.h"
#include "renderer/WrittenSurfaces.h"
#include "scene/LayoutClipPlanes.h"

namespace convoscope {

namespace {

struct Palette {
  glm::vec3 background, inputLow, inputHigh, padding, empty, text, grid;
};
const Palette kDark{{0.03f, 0.035f, 0.05f}, {0.10f, 0.16f, 0.28f}, {0.45f, 0.66f, 0.96f},
                    {0.22f, 0.24f, 0.29f},  {0.16f, 0.17f, 0.21f}, {0.92f, 0.95f, 1.0f},
                    {0.55f, 0.60f, 0.70f}};
const Palette kLight{{0.95f, 0.955f, 0.965f}, {0.62f, 0.74f, 0.92f}, {0.12f, 0.30f, 0.62f},
                     {0.80f, 0.81f, 0.84f},   {0.86f, 0.87f, 0.90f}, {0.06f, 0.07f, 0.10f},
                     {0.40f, 0.43f, 0.50f}};
const glm::vec4 kWindow(1.0f, 0.76f, 0.22f, 1.0f);
const glm::vec4 kFilled(0.30f, 0.68f, 0.46f, 1.0f);
const glm::vec4 kInvalid(0.95f, 0.30f, 0.28f, 1.0f);

}  // namespace

PlaygroundView::PlaygroundView() {
  font_ = std::make_unique<FontAtlas>();
  font_->upload();
  text_ = std::make_unique<TextBatch>(*font_);
  lines_ = std::make_unique<LineBatch>();
  quads_ = std::make_unique<QuadBatch>();
}

PlaygroundView::~PlaygroundView() = default;

void PlaygroundView::build(const PlaygroundScene& s, bool lightTheme) {
  const Palette& p = lightTheme ? kLight : kDark;
  background_ = p.background;
  quads_->clear();
  lines_->clear();
  text_->clear();
  bounds_ = s.bounds;

  TextStyle zero;
  zero.size = 0.42f;
  zero.colour = glm::vec4(p.grid, 0.9f);
  zero.halign = HAlign::Centre;
  zero.valign = VAlign::Middle;
  zero.halo = 0.0f;
  for (const PlaygroundCell& c : s.input) {
    if (c.kind == PlaygroundCellKind::Padding) {
      quads_->addWorldRect(c.min, c.max, c.z, glm::vec4(p.padding, 0.55f));
      lines_->addRect(c.min, c.max, c.z + 0.002f, glm::vec4(p.grid, 0.45f), 1.0f);
      text_->addInPlane("0", glm::vec3((c.min + c.max) * 0.5f, c.z + 0.004f), {1, 0, 0}, {0, 1, 0}, zero);
    } else {
      quads_->addWorldRect(c.min, c.max, c.z, glm::vec4(glm::mix(p.inputLow, p.inputHigh, c.shade), 1.0f));
    }
    if (c.sampled)  // the kernel's weight sits over this cell: tinted, lifted a little off the plate
      quads_->addWorldRect(c.min + 0.08f, c.max - 0.08f, c.z + 0.01f,
                           glm::vec4(kWindow.r, kWindow.g, kWindow.b, 0.55f));
  }
  const glm::vec4 frame = s.windowFits && s.check.valid ? kWindow : kInvalid;
  lines_->addRect(s.windowMin, s.windowMax, 0.03f, frame, 3.5f);

  for (const PlaygroundCell& c : s.output) {
    glm::vec4 colour(p.empty, 1.0f);
    if (c.kind == PlaygroundCellKind::Filled) colour = kFilled;
    if (c.kind == PlaygroundCellKind::Current) colour = kWindow;
    quads_->addWorldRect(c.min, c.max, c.z, colour);
    lines_->addRect(c.min, c.max, c.z + 0.002f, glm::vec4(p.grid, 0.35f), 1.0f);
  }
  if (!s.check.valid) {  // a red cross where the output would be
    const glm::vec3 centre(s.bounds.max.x - 1.0f, 0.0f, kPlaygroundOutputDepth);
    lines_->add(centre + glm::vec3(-1, -1, 0), centre + glm::vec3(1, 1, 0), kInvalid, 4.0f);
    lines_->add(centre + glm::vec3(-1, 1, 0), centre + glm::vec3(1, -1, 0), kInvalid, 4.0f);
  }
  for (const auto& [from, to] : s.beam)
    lines_->add(from + glm::vec3(0, 0, 0.03f), to, glm::vec4(kWindow.r, kWindow.g, kWindow.b, 0.7f), 1.6f);

  for (const PlaygroundLabel& l : s.labels) {
    TextStyle style;
    style.size = l.size;
    style.colour = l.warning ? kInvalid : glm::vec4(p.text, 1.0f);
    style.halign = HAlign::Centre;
    style.valign = VAlign::Baseline;
    style.halo = lightTheme ? 0.0f : 0.4f;
    text_->addInPlane(l.text, l.at, {1, 0, 0}, {0, 1, 0}, style);
  }
}

int PlaygroundView::draw(const OrbitCamera& camera, const glm::ivec2& viewportSize) {
  const glm::vec2 viewport(viewportSize);
  glViewport(0, 0, viewportSize.x, viewportSize.y);
  glClearColor(background_.r, background_.g, background_.b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  const OrbitCamera clipped = withLayoutClipPlanes(camera, bounds_);
  const glm::mat4 viewProjection = clipped.projection(viewport.x / viewport.y) * camera.view();
  return drawWrittenSurfaces(*quads_, *lines_, *text_, viewProjection, viewport, true);
}

}  // namespace convoscope
