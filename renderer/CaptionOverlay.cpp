#include "renderer/CaptionOverlay.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <sstream>

#include "renderer/FontAtlas.h"
#include "renderer/QuadBatch.h"
#include "renderer/TextBatch.h"

namespace convoscope {
namespace {

// Caption typography, in pixels at 1080p.
constexpr float kTitleSize = 44.0f;
constexpr float kTextSize = 31.0f;
constexpr float kLineGap = 1.32f;  // line pitch as a multiple of the text size
constexpr float kPadding = 30.0f;
constexpr float kBottomMargin = 44.0f;
constexpr float kSideMargin = 28.0f;
constexpr float kCounterSize = 22.0f;

const glm::vec4 kCard(0.035f, 0.045f, 0.065f, 0.86f);
const glm::vec4 kAccent(0.35f, 0.80f, 1.0f, 1.0f);  // the renderer's selection colour: ties text to highlight
const glm::vec4 kTitle(0.97f, 0.98f, 1.0f, 1.0f);
const glm::vec4 kText(0.86f, 0.89f, 0.94f, 1.0f);
const glm::vec4 kCounter(0.55f, 0.62f, 0.72f, 1.0f);

std::vector<uint32_t> captionCodepoints() {
  std::vector<uint32_t> points = FontAtlas::defaultCodepoints();
  // Typographic punctuation and a little maths that captions use: – — ‘ ’ “ ” ∑ ƒ ∂ ∈ ≠ ² ³ é
  for (uint32_t c : {0x2013u, 0x2014u, 0x2018u, 0x2019u, 0x201Cu, 0x201Du, 0x2211u, 0x0192u, 0x2202u, 0x2208u,
                     0x2260u, 0x00B2u, 0x00B3u, 0x00E9u, 0x2032u})
    if (std::find(points.begin(), points.end(), c) == points.end()) points.push_back(c);
  return points;
}

// Greedy word wrap to `width` pixels at `size`.
std::vector<std::string> wrap(const TextBatch& text, const std::string& line, float size, float width) {
  std::vector<std::string> out;
  std::istringstream words(line);
  std::string word, current;
  while (words >> word) {
    const std::string candidate = current.empty() ? word : current + " " + word;
    if (!current.empty() && text.measure(candidate, size).width > width) {
      out.push_back(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  out.push_back(current);  // an empty line stays as a blank line
  return out;
}

}  // namespace

CaptionFonts bakeCaptionFonts() {
  return {std::make_unique<FontAtlas>(FontAtlas::defaultFontPath(), captionCodepoints()),
          std::make_unique<FontAtlas>(std::string(CONVOSCOPE_FONT_DIR) + "/DejaVuSans-Bold.ttf", captionCodepoints())};
}

CaptionOverlay::CaptionOverlay() : CaptionOverlay(bakeCaptionFonts()) {}

CaptionOverlay::CaptionOverlay(CaptionFonts fonts) : regular_(std::move(fonts.regular)), bold_(std::move(fonts.bold)) {
  regular_->upload();
  bold_->upload();
  text_ = std::make_unique<TextBatch>(*regular_);
  titles_ = std::make_unique<TextBatch>(*bold_);
  quads_ = std::make_unique<QuadBatch>();
}

CaptionOverlay::~CaptionOverlay() = default;

CaptionLayout CaptionOverlay::layout(const Caption& caption, const glm::vec2& viewport,
                                     float leftReserve) const {
  CaptionLayout l;
  l.scale = std::max(0.5f, viewport.y / 1080.0f) * std::clamp(caption.scale, 0.5f, 2.5f);
  const float s = l.scale;
  const float sideMargin = kSideMargin * s;
  const float maxWidth = std::max(viewport.x - leftReserve - sideMargin, 0.4f * viewport.x);
  const float innerMax = maxWidth - 2.0f * kPadding * s;
  const float counterWidth =
      caption.counter.empty() ? 0.0f : text_->measure(caption.counter, kCounterSize * s).width + 40.0f * s;
  l.titleSize = kTitleSize * s;
  const float titleWidth = titles_->measure(caption.title, l.titleSize).width;
  if (titleWidth > 0.0f && titleWidth + counterWidth > innerMax)
    l.titleSize *= std::max(0.6f, (innerMax - counterWidth) / titleWidth);
  float inner = titles_->measure(caption.title, l.titleSize).width + counterWidth;
  inner = std::min(inner, innerMax);
  for (const std::string& line : caption.lines)
    for (const std::string& w : wrap(*text_, line, kTextSize * s, innerMax)) {
      l.wrapped.push_back(w);
      inner = std::max(inner, std::min(innerMax, text_->measure(w, kTextSize * s).width));
    }
  const float width = inner + 2.0f * kPadding * s;
  float height = 2.0f * kPadding * s + kTitleSize * s;
  if (!l.wrapped.empty())
    height += 0.45f * kTitleSize * s + kTextSize * s * kLineGap * l.wrapped.size() - 0.3f * kTextSize * s;
  const float left =
      std::max(0.5f * (viewport.x - width), std::min(leftReserve, viewport.x - sideMargin - width));
  l.cardMin = glm::vec2(left, viewport.y - kBottomMargin * s - height);
  l.cardMax = glm::vec2(left + width, viewport.y - kBottomMargin * s);
  return l;
}

void CaptionOverlay::draw(const Caption& caption, const glm::vec2& viewport, float leftReserve) {
  if (caption.alpha <= 0.0f || (caption.title.empty() && caption.lines.empty())) return;
  const CaptionLayout l = layout(caption, viewport, leftReserve);
  const float s = l.scale, a = std::clamp(caption.alpha, 0.0f, 1.0f);
  auto faded = [a](glm::vec4 c) { return glm::vec4(glm::vec3(c), c.a * a); };

  quads_->clear();
  text_->clear();
  titles_->clear();
  quads_->addScreenRect(l.cardMin, l.cardMax, faded(kCard), 14.0f * s);
  // An accent bar down the left edge, inset to the card's rounded corners.
  quads_->addScreenRect(l.cardMin + glm::vec2(0.0f, 14.0f * s),
                        glm::vec2(l.cardMin.x + 6.0f * s, l.cardMax.y - 14.0f * s), faded(kAccent), 3.0f * s);

  TextStyle title;
  title.size = l.titleSize;
  title.colour = faded(kTitle);
  title.valign = VAlign::Top;
  title.halo = 0.0f;
  const glm::vec2 origin = l.cardMin + glm::vec2(kPadding * s, kPadding * s);
  titles_->addScreen(caption.title, origin, title);
  if (!caption.counter.empty()) {
    TextStyle counter;
    counter.size = kCounterSize * s;
    counter.colour = faded(kCounter);
    counter.halign = HAlign::Right;
    counter.valign = VAlign::Top;
    counter.halo = 0.0f;
    titles_->addScreen(caption.counter,
                       glm::vec2(l.cardMax.x - kPadding * s, origin.y + 0.3f * kTitleSize * s), counter);
  }
  TextStyle body;
  body.size = kTextSize * s;
  body.colour = faded(kText);
  body.valign = VAlign::Top;
  body.halo = 0.0f;
  float y = origin.y + kTitleSize * s * 1.45f;
  for (const std::string& line : l.wrapped) {
    text_->addScreen(line, glm::vec2(origin.x, y), body);
    y += kTextSize * s * kLineGap;
  }

  const GLboolean depth = glIsEnabled(GL_DEPTH_TEST), blend = glIsEnabled(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // the renderer's shaders write premultiplied colour
  glDepthMask(GL_FALSE);
  const glm::mat4 identity(1.0f);
  quads_->draw(identity, viewport, 0, 1);
  text_->draw(identity, viewport);
  titles_->draw(identity, viewport);
  glDepthMask(GL_TRUE);
  if (depth) glEnable(GL_DEPTH_TEST);
  if (!blend) glDisable(GL_BLEND);
}

}  // namespace convoscope
