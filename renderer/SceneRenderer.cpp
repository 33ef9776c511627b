#include "renderer/SceneRenderer.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "renderer/ActivationTextures.h"
#include "renderer/FontAtlas.h"
#include "renderer/GlBuffer.h"
#include "renderer/LayoutClipPlanes.h"
#include "renderer/LineBatch.h"
#include "renderer/QuadBatch.h"
#include "renderer/ShaderProgram.h"
#include "renderer/TextBatch.h"

namespace convoscope {

// Palette (linear-ish sRGB as written to an 8-bit target).
namespace colours {
const glm::vec3 backgroundTop(0.085f, 0.10f, 0.13f);
const glm::vec3 backgroundBottom(0.03f, 0.035f, 0.05f);
const glm::vec3 slab(0.15f, 0.175f, 0.22f);
const glm::vec3 slabSelected(0.20f, 0.25f, 0.34f);
const glm::vec3 emptyCell(0.11f, 0.13f, 0.16f);
const glm::vec4 slabEdge(0.42f, 0.50f, 0.63f, 0.55f);
const glm::vec4 flow(0.45f, 0.55f, 0.72f, 0.16f);
const glm::vec4 residualArc(0.72f, 0.58f, 1.0f, 0.85f);
const glm::vec4 concatArc(0.35f, 0.85f, 0.80f, 0.85f);
const glm::vec4 selection(0.35f, 0.80f, 1.0f, 1.0f);
const glm::vec4 cellSelection(0.35f, 0.80f, 1.0f, 1.0f);
const glm::vec4 title(0.93f, 0.95f, 0.98f, 1.0f);
const glm::vec4 detail(0.60f, 0.66f, 0.76f, 1.0f);
const glm::vec4 winner(1.0f, 0.72f, 0.28f, 1.0f);
const glm::vec4 bar(0.42f, 0.55f, 0.78f, 1.0f);
const glm::vec4 barTrack(0.16f, 0.19f, 0.25f, 1.0f);
const glm::vec4 card(0.06f, 0.075f, 0.10f, 0.82f);
}  // namespace colours

namespace {

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h;
}
uint64_t mixFloat(uint64_t h, float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  return mix(h, bits);
}

uint64_t snapshotKeyOf(const Snapshot& s) {
  uint64_t h = mix(0, s.layers.size());
  for (const Layer& l : s.layers) {
    h = mix(h, reinterpret_cast<uintptr_t>(l.output.data.data()));
    h = mix(h, l.output.data.size());
  }
  return h;
}

uint64_t layoutKeyOf(const SceneLayout& layout) {
  uint64_t h = mix(1, layout.slabs.size());
  for (const Slab& s : layout.slabs) {
    h = mix(h, static_cast<uint64_t>(s.displayLayer));
    for (int i = 0; i < 3; ++i) h = mixFloat(mixFloat(h, s.centre[i]), s.size[i]);
    h = mix(mix(mix(h, s.grid.channels), s.grid.cellRows), s.grid.cellCols);
    h = mixFloat(mixFloat(mixFloat(h, s.grid.tileSize.x), s.grid.gridTopLeft.x), s.grid.gridTopLeft.y);
  }
  return h;
}

const float kCube[] = {
    // position, normal — 6 faces, 2 triangles each
    -0.5f, -0.5f, 0.5f,  0,  0,  1,  0.5f,  -0.5f, 0.5f,  0,  0,  1,  0.5f,  0.5f,  0.5f,  0,  0,  1,
    -0.5f, -0.5f, 0.5f,  0,  0,  1,  0.5f,  0.5f,  0.5f,  0,  0,  1,  -0.5f, 0.5f,  0.5f,  0,  0,  1,
    0.5f,  -0.5f, -0.5f, 0,  0,  -1, -0.5f, -0.5f, -0.5f, 0,  0,  -1, -0.5f, 0.5f,  -0.5f, 0,  0,  -1,
    0.5f,  -0.5f, -0.5f, 0,  0,  -1, -0.5f, 0.5f,  -0.5f, 0,  0,  -1, 0.5f,  0.5f,  -0.5f, 0,  0,  -1,
    0.5f,  -0.5f, 0.5f,  1,  0,  0,  0.5f,  -0.5f, -0.5f, 1,  0,  0,  0.5f,  0.5f,  -0.5f, 1,  0,  0,
    0.5f,  -0.5f, 0.5f,  1,  0,  0,  0.5f,  0.5f,  -0.5f, 1,  0,  0,  0.5f,  0.5f,  0.5f,  1,  0,  0,
    -0.5f, -0.5f, -0.5f, -1, 0,  0,  -0.5f, -0.5f, 0.5f,  -1, 0,  0,  -0.5f, 0.5f,  0.5f,  -1, 0,  0,
    -0.5f, -0.5f, -0.5f, -1, 0,  0,  -0.5f, 0.5f,  0.5f,  -1, 0,  0,  -0.5f, 0.5f,  -0.5f, -1, 0,  0,
    -0.5f, 0.5f,  0.5f,  0,  1,  0,  0.5f,  0.5f,  0.5f,  0,  1,  0,  0.5f,  0.5f,  -0.5f, 0,  1,  0,
    -0.5f, 0.5f,  0.5f,  0,  1,  0,  0.5f,  0.5f,  -0.5f, 0,  1,  0,  -0.5f, 0.5f,  -0.5f, 0,  1,  0,
    -0.5f, -0.5f, -0.5f, 0,  -1, 0,  0.5f,  -0.5f, -0.5f, 0,  -1, 0,  0.5f,  -0.5f, 0.5f,  0,  -1, 0,
    -0.5f, -0.5f, -0.5f, 0,  -1, 0,  0.5f,  -0.5f, 0.5f,  0,  -1, 0,  -0.5f, -0.5f, 0.5f,  0,  -1, 0,
};

struct SlabInstance {
  glm::vec3 centre, size;
  glm::vec4 colour;
};

// The aspect-preserving rectangle of a W x H image centred in the slab's tile-grid area.
FaceRect farViewRect(const Slab& slab) {
  const TileGrid& g = slab.grid;
  FaceRect area;
  const float width = g.cols * g.tileSize.x + (g.cols - 1) * g.gap;
  const float height = g.rows * g.tileSize.y + (g.rows - 1) * g.gap;
  area.min = {g.gridTopLeft.x, g.gridTopLeft.y - height};
  area.max = {g.gridTopLeft.x + width, g.gridTopLeft.y};
  const float aspect = static_cast<float>(g.cellCols) / static_cast<float>(std::max(g.cellRows, 1));
  glm::vec2 size(width, width / aspect);
  if (size.y > height) size = {height * aspect, height};
  const glm::vec2 c = area.centre();
  return {c - size * 0.5f, c + size * 0.5f};
}

glm::vec2 toScreen(const glm::vec4& clip, const glm::vec2& viewport) {
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  return {(ndc.x * 0.5f + 0.5f) * viewport.x, (0.5f - ndc.y * 0.5f) * viewport.y};
}

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

// Greedy non-overlapping placement of screen rectangles.
struct LabelPlacer {
  std::vector<glm::vec4> taken;  // min x, min y, max x, max y
  bool free(const glm::vec4& r) const {
    for (const glm::vec4& t : taken)
      if (r.x < t.z && t.x < r.z && r.y < t.w && t.y < r.w) return false;
    return true;
  }
  bool place(const glm::vec4& r) {
    if (!free(r)) return false;
    taken.push_back(r);
    return true;
  }
};

int lutRowFor(ColourMapChoice choice, const ValueRange& range) {
  switch (choice) {
    case ColourMapChoice::Diverging:
      return static_cast<int>(ColorMapKind::Diverging);
    case ColourMapChoice::Sequential:
      return static_cast<int>(ColorMapKind::Sequential);
    default:
      return static_cast<int>(colorMapFor(range));
  }
}

std::string kindsOf(const Snapshot& snapshot, const Slab& slab) {
  std::string text;
  for (int m : slab.members) {
    if (m < 0 || m >= static_cast<int>(snapshot.layers.size())) continue;
    if (!text.empty()) text += " \xE2\x86\x92 ";  // →
    text += layerKindName(snapshot.layers[m].kind);
  }
  return text;
}

}  // namespace

void writeCellNumbers(const CellNumberContext& context) {
  const Slab& slab = context.layout.slabs[context.slab];
  const TileGrid& g = slab.grid;
  if (slab.displayLayer < 0 || slab.displayLayer >= static_cast<int>(context.snapshot.layers.size())) return;
  const std::vector<float>& data = context.snapshot.layers[slab.displayLayer].output.data;
  const float z = frontFaceZ(slab) + 0.004f;
  auto onScreen = [&](const glm::vec3& p, float slack) {
    const glm::vec4 clip = context.viewProjection * glm::vec4(p, 1.0f);
    if (clip.w <= 1e-4f) return false;
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return std::fabs(ndc.x) <= 1.0f + slack && std::fabs(ndc.y) <= 1.0f + slack;
  };
  constexpr int kMaxNumbers = 2500;  // a full 4K screen of readable cells
  int written = 0;
  TextStyle style;
  style.halign = HAlign::Centre;
  style.valign = VAlign::Middle;
  for (int c = 0; c < g.channels && written < kMaxNumbers; ++c) {
    const FaceRect tile = tileRect(slab, c);
    const glm::vec3 centre(tile.centre(), z);
    const float reach = glm::length(tile.size()) * 0.5f;
    // Skip tiles whose whole disc is off screen (cheap test on the centre with a generous slack).
    if (!onScreen(centre, 0.0f)) {
      bool any = false;
      for (int k = 0; k < 4 && !any; ++k)
        any = onScreen(centre + glm::vec3((k & 1 ? 1 : -1) * reach, (k & 2 ? 1 : -1) * reach, 0), 0.0f);
      if (!any) continue;
    }
    for (int y = 0; y < g.cellRows && written < kMaxNumbers; ++y)
      for (int x = 0; x < g.cellCols && written < kMaxNumbers; ++x) {
        const long long index = valueIndex(g, c, y, x);
        if (index < 0 || index >= static_cast<long long>(data.size())) continue;
        const FaceRect cell = cellRect(slab, c, y, x);
        const glm::vec3 p(cell.centre(), z);
        if (!onScreen(p, 0.02f)) continue;
        const std::string text = formatValue(data[index]);
        const float unitWidth = context.text.measure(text, 1.0f).width;
        style.size = std::min(cell.size().y * 0.34f, cell.size().x * 0.84f / std::max(unitWidth, 1e-3f));
        // Dark digits on light cells, light digits on dark ones.
        const glm::vec3 under =
            sampleColorMap(context.colourMap, normalizedValue(data[index], context.range));
        const bool light = relativeLuminance(under) > 0.45f;
        style.colour =
            light ? glm::vec4(0.05f, 0.06f, 0.08f, context.fade) : glm::vec4(1.0f, 1.0f, 1.0f, context.fade);
        style.halo = light ? 0.0f : 0.6f * context.fade;
        context.text.addInPlane(text, p, {1, 0, 0}, {0, 1, 0}, style);
        ++written;
      }
  }
}

glm::mat3 panelTurn(float yaw) {
  return glm::mat3(glm::vec3(std::cos(yaw), 0.0f, -std::sin(yaw)), glm::vec3(0.0f, 1.0f, 0.0f),
                   glm::vec3(std::sin(yaw), 0.0f, std::cos(yaw)));
}

glm::vec3 turnedPanelPoint(const ProbabilityPanel& panel, float yaw, const glm::vec3& p) {
  return panel.centre + panelTurn(yaw) * (p - panel.centre);
}

std::string formatShape(const std::vector<int64_t>& shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) text += "\xC3\x97";  // ×
    text += std::to_string(shape[i]);
  }
  return text;
}

std::string formatValue(float value) {
  char buffer[32];
  const float a = std::fabs(value);
  if (value == 0.0f)
    return "0";
  else if (a >= 1000.0f || a < 0.001f)
    std::snprintf(buffer, sizeof buffer, "%.1e", value);
  else if (a >= 100.0f)
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else if (a >= 10.0f)
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
  else if (a >= 1.0f)
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
  std::string text = buffer;
  if (!text.empty() && text[0] == '-') text.replace(0, 1, "\xE2\x88\x92");  // − (a real minus sign)
  return text;
}

struct SceneRenderer::TileInstance {
  glm::vec4 rect;   // x0, y0, x1, y1
  glm::vec4 meta;   // z, slab, kind, LUT row
  glm::vec4 block;  // texel x, y, page, channel stride
  glm::vec4 cells;  // cols, rows, lo, hi
  glm::vec4 tint;   // rgb, brightness
};

SceneRenderer::SceneRenderer()
    : font_(std::make_unique<FontAtlas>()),
      activations_(std::make_unique<ActivationTextures>()),
      slabInstances_(std::make_unique<GlBuffer>()),
      tileInstances_(std::make_unique<GlBuffer>()) {
  font_->upload();
  text_ = std::make_unique<TextBatch>(*font_);
  lines_ = std::make_unique<LineBatch>();
  quads_ = std::make_unique<QuadBatch>();
  background_ = std::make_unique<ShaderProgram>("background.vert", "background.frag");
  slabs_ = std::make_unique<ShaderProgram>("slabs.vert", "slabs.frag");
  tiles_ = std::make_unique<ShaderProgram>("tiles.vert", "tiles.frag");
  glGenVertexArrays(1, &emptyVao_);

  // Slab boxes: a cube per instance.
  glGenVertexArrays(1, &slabVao_);
  glBindVertexArray(slabVao_);
  glGenBuffers(1, &cubeBuffer_);
  glBindBuffer(GL_ARRAY_BUFFER, cubeBuffer_);
  glBufferData(GL_ARRAY_BUFFER, sizeof kCube, kCube, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 6 * sizeof(float), nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, 6 * sizeof(float),
                        reinterpret_cast<void*>(3 * sizeof(float)));
  slabInstances_->upload(nullptr, 0);
  glBindBuffer(GL_ARRAY_BUFFER, slabInstances_->id());
  auto instanced = [](GLuint index, GLint size, GLsizei stride, size_t offset) {
    glEnableVertexAttribArray(index);
    glVertexAttribPointer(index, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offset));
    glVertexAttribDivisor(index, 1);
  };
  instanced(2, 3, sizeof(SlabInstance), offsetof(SlabInstance, centre));
  instanced(3, 3, sizeof(SlabInstance), offsetof(SlabInstance, size));
  instanced(4, 4, sizeof(SlabInstance), offsetof(SlabInstance, colour));

  // Tiles: a unit quad per instance.
  const float quad[] = {0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1};
  glGenVertexArrays(1, &tileVao_);
  glBindVertexArray(tileVao_);
  glGenBuffers(1, &quadBuffer_);
  glBindBuffer(GL_ARRAY_BUFFER, quadBuffer_);
  glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  tileInstances_->upload(nullptr, 0);
  glBindBuffer(GL_ARRAY_BUFFER, tileInstances_->id());
  for (int i = 0; i < 5; ++i) instanced(1 + i, 4, sizeof(TileInstance), i * sizeof(glm::vec4));
  glBindVertexArray(0);

  // Colour maps: one 256-entry row per ColorMapKind.
  const std::vector<uint8_t> lut = bakeLookupTableAtlas(256);
  lutRows_ = static_cast<int>(lut.size() / (256 * 4));
  glGenTextures(1, &lutTexture_);
  glBindTexture(GL_TEXTURE_2D, lutTexture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, lutRows_, 0, GL_RGBA, GL_UNSIGNED_BYTE, lut.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

  glGenTextures(1, &fadeTexture_);
  glBindTexture(GL_TEXTURE_2D, fadeTexture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindTexture(GL_TEXTURE_2D, 0);
}

SceneRenderer::~SceneRenderer() {
  GLuint vaos[] = {emptyVao_, slabVao_, tileVao_};
  glDeleteVertexArrays(3, vaos);
  GLuint buffers[] = {cubeBuffer_, quadBuffer_};
  glDeleteBuffers(2, buffers);
  GLuint textures[] = {lutTexture_, fadeTexture_};
  glDeleteTextures(2, textures);
  glDeleteFramebuffers(1, &backdropFbo_);
  glDeleteRenderbuffers(1, &backdropColour_);
}

// Into a single-sampled target the cached backdrop is copied (a memcpy on llvmpipe, where the gradient shader
// over every pixel cost more than the rest of a Tiny VGG frame); a multisampled target (shots) draws it.
void SceneRenderer::drawBackdrop(const glm::ivec2& viewport, const glm::vec3& top, const glm::vec3& bottom) {
  auto drawGradient = [&] {
    background_->use();
    background_->set("uTop", top);
    background_->set("uBottom", bottom);
    glBindVertexArray(emptyVao_);
    glDrawArrays(GL_TRIANGLES, 0, 3);
  };
  GLint samples = 0, drawTarget = 0, readTarget = 0;
  glGetIntegerv(GL_SAMPLES, &samples);
  if (samples > 1) {
    drawGradient();
    return;
  }
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &drawTarget);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &readTarget);
  if (backdropSize_ != viewport || backdropTop_ != top || backdropBottom_ != bottom) {
    if (!backdropFbo_) {
      glGenFramebuffers(1, &backdropFbo_);
      glGenRenderbuffers(1, &backdropColour_);
    }
    if (backdropSize_ != viewport) {
      glBindRenderbuffer(GL_RENDERBUFFER, backdropColour_);
      glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, viewport.x, viewport.y);
      glBindRenderbuffer(GL_RENDERBUFFER, 0);
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, backdropFbo_);
    glFramebufferRenderbuffer(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, backdropColour_);
    drawGradient();
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(drawTarget));
    backdropSize_ = viewport;
    backdropTop_ = top;
    backdropBottom_ = bottom;
  }
  glBindFramebuffer(GL_READ_FRAMEBUFFER, backdropFbo_);
  glBlitFramebuffer(0, 0, viewport.x, viewport.y, 0, 0, viewport.x, viewport.y, GL_COLOR_BUFFER_BIT,
                    GL_NEAREST);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(readTarget));
}

void SceneRenderer::invalidate() { snapshotKey_ = layoutKey_ = tilesKey_ = 0; }

void SceneRenderer::rebuildTiles(const Snapshot& snapshot, const SceneLayout& layout,
                                 const Selection& selection, const ViewOptions& options,
                                 const std::vector<bool>& cut) {
  std::vector<TileInstance> tiles;
  std::vector<SlabInstance> boxes;
  const int selectedSlab = selection.layer ? layout.slabForLayer(*selection.layer) : -1;
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const Slab& slab = layout.slabs[s];
    const bool selected = static_cast<int>(s) == selectedSlab;
    if (cut[s]) continue;
    boxes.push_back(
        {slab.centre, slab.size, glm::vec4(selected ? colours::slabSelected : colours::slab, 1.0f)});
    const int l = slab.displayLayer;
    if (!activations_->has(l)) continue;
    const Layer& layer = snapshot.layers[l];
    const TileGrid& g = slab.grid;
    const float z = frontFaceZ(slab) + 0.002f;
    const bool input = layer.kind == LayerKind::Input;
    const ValueRange range =
        input ? ValueRange{layer.stats.min, std::max(layer.stats.max, layer.stats.min + 1e-6f)} : ranges_[l];
    const int lutRow = lutRowFor(options.colourMap, range);
    static const glm::vec3 rgbTint[3] = {{1.0f, 0.32f, 0.30f}, {0.35f, 1.0f, 0.42f}, {0.38f, 0.55f, 1.0f}};
    for (int c = 0; c < g.channels; ++c) {
      const TextureBlock b = activations_->channel(l, c);
      const FaceRect r = tileRect(slab, c);
      float kind = 0.0f;
      glm::vec3 tint(1.0f);
      if (input) {
        kind = g.channels == 3 ? 3.0f : 4.0f;
        if (g.channels == 3) tint = rgbTint[c];
      }
      float brightness = 1.0f;
      if (selected && selection.channel && *selection.channel != c) brightness = 0.45f;
      tiles.push_back({{r.min, r.max},
                       {z, float(s), kind, float(lutRow)},
                       {float(b.x), float(b.y), float(b.page), 0.0f},
                       {float(b.cols), float(b.rows), range.lo, range.hi},
                       {tint, brightness}});
    }
    if (g.channels > 1 && !g.flat) {
      const FaceRect r = farViewRect(slab);
      if (input && g.channels == 3) {
        const TextureBlock b = activations_->channel(l, 0);
        tiles.push_back({{r.min, r.max},
                         {z - 0.001f, float(s), 2.0f, 0.0f},
                         {float(b.x), float(b.y), float(b.page), float(b.channelStride)},
                         {float(b.cols), float(b.rows), range.lo, range.hi},
                         {1, 1, 1, 1}});
      } else {
        const TextureBlock b = activations_->mean(l);
        const ValueRange mr = activations_->meanRange(l);
        tiles.push_back({{r.min, r.max},
                         {z - 0.001f, float(s), 1.0f, float(lutRowFor(options.colourMap, mr))},
                         {float(b.x), float(b.y), float(b.page), 0.0f},
                         {float(b.cols), float(b.rows), mr.lo, mr.hi},
                         {1, 1, 1, 1}});
      }
    }
  }
  // Far-view images first so the tiles blend over them (both lie on their slab's opaque face).
  std::stable_sort(tiles.begin(), tiles.end(), [](const TileInstance& a, const TileInstance& b) {
    auto far = [](const TileInstance& t) { return t.meta.z == 1.0f || t.meta.z == 2.0f; };
    return far(a) && !far(b);
  });
  glBindVertexArray(0);
  tileInstances_->upload(tiles.data(), tiles.size() * sizeof(TileInstance));
  slabInstances_->upload(boxes.data(), boxes.size() * sizeof(SlabInstance));
  tileCount_ = static_cast<int>(tiles.size());
  slabCount_ = static_cast<int>(boxes.size());
}

FrameStats SceneRenderer::render(const Snapshot& snapshot, const SceneLayout& layout,
                                 const OrbitCamera& camera, const Selection& selection,
                                 const ViewOptions& options, const glm::ivec2& viewportSize) {
  const auto start = std::chrono::steady_clock::now();
  FrameStats stats;
  const glm::vec2 viewport(viewportSize);
  const float ui = options.uiScale > 0 ? options.uiScale : std::max(0.75f, viewport.y / 1080.0f);
  // Labels that float over the background (slab names, the prediction bars) follow its brightness: dark
  // without a halo on the light high-contrast theme, light with a dark halo otherwise.
  const bool lightBackground =
      relativeLuminance((options.backgroundTop + options.backgroundBottom) * 0.5f) > 0.5f;
  floatingTitle_ = lightBackground ? glm::vec4(0.05f, 0.06f, 0.09f, 1.0f) : colours::title;
  floatingDetail_ = lightBackground ? glm::vec4(0.22f, 0.26f, 0.33f, 1.0f) : colours::detail;
  floatingHalo_ = lightBackground ? 0.0f : TextStyle().halo;

  // Data that changes rarely: activations (per snapshot), tile instances (layout, ranges, selection).
  const uint64_t snapshotKey = snapshotKeyOf(snapshot);
  const uint64_t layoutKey = layoutKeyOf(layout);
  if (snapshotKey != snapshotKey_ || layoutKey != layoutKey_) {
    activations_->upload(snapshot, layout);
    snapshotKey_ = snapshotKey;
    layoutKey_ = layoutKey;
    tilesKey_ = 0;
    ranges_.clear();
  }
  // Slabs cut away in front of the selection (see ViewOptions::cutAwayInFront).
  const glm::vec3 eye = camera.position();
  std::vector<bool> cut(layout.slabs.size(), false);
  const int selected = selection.layer ? layout.slabForLayer(*selection.layer) : -1;
  uint64_t cutKey = 0;
  if (options.cutAwayInFront && selected >= 0) {
    const float face = frontFaceZ(layout.slabs[selected]);
    if (eye.z > face)
      for (size_t s = 0; s < layout.slabs.size(); ++s)
        if (slabBounds(layout.slabs[s]).min.z > face) {
          cut[s] = true;
          cutKey = mix(cutKey, s + 1);
        }
  }
  uint64_t tilesKey =
      mix(mix(mix(snapshotKey, layoutKey), cutKey),
          static_cast<uint64_t>(options.rangeMode) * 7 + static_cast<uint64_t>(options.colourMap));
  tilesKey = mix(mix(mix(mix(tilesKey, selection.layer.value_or(-2)), selection.channel.value_or(-2)),
                     selection.y.value_or(-2)),
                 selection.x.value_or(-2));
  if (tilesKey != tilesKey_) {
    ranges_ = rangesFor(snapshot, options.rangeMode);
    rebuildTiles(snapshot, layout, selection, options, cut);
    tilesKey_ = tilesKey;
    stats.instancesRebuilt = true;
  }

  // Clip planes that hug the layout keep depth precision where the slabs are.
  const OrbitCamera clipped = withLayoutClipPlanes(camera, layout.bounds);
  const glm::mat4 viewProjection = clipped.projection(viewport.x / viewport.y) * camera.view();

  // Per-slab level-of-detail fades (the only per-frame texture update; a few bytes per slab).
  std::vector<glm::vec4> fades(std::max<size_t>(layout.slabs.size(), 1), glm::vec4(1, 1, 0, 0));
  std::vector<SemanticZoomFades> slabFades(layout.slabs.size());
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const Slab& slab = layout.slabs[s];
    const float level = semanticZoomLevel(distanceToSlab(eye, slab), slab, camera.fovY, options.zoom);
    slabFades[s] = semanticZoomFades(level);
    const bool hasFarView = slab.grid.channels > 1 && !slab.grid.flat;
    fades[s] = {slabFades[s].overview, hasFarView ? slabFades[s].tiles : 1.0f, slabFades[s].numbers,
                slabFades[s].computation};
  }
  glBindTexture(GL_TEXTURE_2D, fadeTexture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (static_cast<int>(fades.size()) > fadeTextureWidth_) {
    fadeTextureWidth_ = static_cast<int>(fades.size());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, fadeTextureWidth_, 1, 0, GL_RGBA, GL_FLOAT, nullptr);
  }
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, static_cast<GLsizei>(fades.size()), 1, GL_RGBA, GL_FLOAT,
                  fades.data());

  // Per-frame batches.
  lines_->clear();
  quads_->clear();
  text_->clear();
  const int selectedSlab = selection.layer ? layout.slabForLayer(*selection.layer) : -1;
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const Slab& slab = layout.slabs[s];
    const Bounds b = slabBounds(slab);
    const bool selected = static_cast<int>(s) == selectedSlab;
    const glm::vec4 edge = selected ? colours::selection
                           : cut[s] ? colours::slabEdge * glm::vec4(1, 1, 1, 0.35f)
                                    : colours::slabEdge;
    const float width = (selected ? 2.0f : 1.0f) * ui;
    lines_->addRect({b.min.x, b.min.y}, {b.max.x, b.max.y}, b.max.z, edge, width);
    lines_->addRect({b.min.x, b.min.y}, {b.max.x, b.max.y}, b.min.z, edge * glm::vec4(1, 1, 1, 0.6f), width);
    for (int i = 0; i < 4; ++i) {
      const float x = (i & 1) ? b.max.x : b.min.x, y = (i & 2) ? b.max.y : b.min.y;
      lines_->add({x, y, b.min.z}, {x, y, b.max.z}, edge * glm::vec4(1, 1, 1, 0.8f), width);
    }
  }
  if (options.showFlowLines) {
    for (const SlabEdge& e : layout.edges) {
      const Bounds a = slabBounds(layout.slabs[e.fromSlab]), b = slabBounds(layout.slabs[e.toSlab]);
      for (int i = 0; i < 4; ++i) {
        const bool right = i & 1, top = i & 2;
        lines_->add({right ? a.max.x : a.min.x, top ? a.max.y : a.min.y, a.max.z},
                    {right ? b.max.x : b.min.x, top ? b.max.y : b.min.y, b.min.z}, colours::flow, 1.0f * ui);
      }
    }
  }
  if (options.showArcs) {
    for (const Arc& arc : layout.arcs) {
      std::vector<glm::vec3> points;
      for (int i = 0; i <= 40; ++i) points.push_back(arcPoint(arc, i / 40.0f));
      lines_->addPolyline(points, arc.residual ? colours::residualArc : colours::concatArc, 2.2f * ui);
    }
  }
  // Selection outlines: the channel's tile and the cell.
  if (selectedSlab >= 0) {
    const Slab& slab = layout.slabs[selectedSlab];
    const float z = frontFaceZ(slab) + 0.004f;
    if (selection.channel && *selection.channel >= 0 && *selection.channel < slab.grid.channels) {
      const FaceRect r = tileRect(slab, *selection.channel);
      const float pad = slab.grid.gap * 0.25f;
      lines_->addRect(r.min - pad, r.max + pad, z, colours::selection, 2.5f * ui);
      if (selection.hasCell()) {
        const FaceRect c = cellRect(slab, *selection.channel, *selection.y, *selection.x);
        lines_->addRect(c.min, c.max, z, glm::vec4(0.0f, 0.0f, 0.0f, 0.8f), 5.0f * ui);
        lines_->addRect(c.min, c.max, z + 0.001f, colours::cellSelection, 2.5f * ui);
      }
    }
  }

  if (options.showLabels)
    addLabels(snapshot, layout, camera, selection, viewProjection, viewport, ui, cut, stats);
  if (layout.probabilities.visible) addProbabilities(layout, camera, viewProjection, viewport, ui);
  addOverlays(snapshot, layout, selection, options, viewport, ui);

  // Cell numbers at close range (the hook; the default writes values into large-enough cells).
  for (size_t s = 0; s < layout.slabs.size(); ++s)
    if (slabFades[s].numbers > 0.01f && !cut[s]) {
      const int display = layout.slabs[s].displayLayer;
      const ValueRange range =
          display >= 0 && display < static_cast<int>(ranges_.size()) ? ranges_[display] : ValueRange{};
      const CellNumberContext context{snapshot,
                                      layout,
                                      static_cast<int>(s),
                                      slabFades[s].numbers,
                                      viewProjection,
                                      viewport,
                                      *text_,
                                      range,
                                      static_cast<ColorMapKind>(lutRowFor(options.colourMap, range))};
      if (cellNumbers_)
        cellNumbers_(context);
      else
        writeCellNumbers(context);
    }

  // Draw.
  auto passStart = std::chrono::steady_clock::now();
  auto endPass = [&](int pass) {
    if (!passTiming_) return;
    glFinish();
    const auto now = std::chrono::steady_clock::now();
    stats.passMilliseconds[pass] = std::chrono::duration<double, std::milli>(now - passStart).count();
    passStart = now;
  };
  if (passTiming_) {
    glFinish();
    passStart = std::chrono::steady_clock::now();
  }
  glViewport(0, 0, viewportSize.x, viewportSize.y);
  glDisable(GL_CULL_FACE);
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDepthMask(GL_FALSE);
  drawBackdrop(viewportSize, options.backgroundTop, options.backgroundBottom);
  ++stats.drawCalls;
  endPass(0);

  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_TRUE);
  glClear(GL_DEPTH_BUFFER_BIT);
  if (slabCount_ > 0) {
    slabs_->use();
    slabs_->set("uViewProjection", viewProjection);
    slabs_->set("uEye", eye);
    slabs_->set("uLightDirection", glm::normalize(glm::vec3(-0.35f, 0.85f, 0.55f)));
    glBindVertexArray(slabVao_);
    glEnable(GL_CULL_FACE);  // closed opaque boxes: their back faces are never seen
    glDrawArraysInstanced(GL_TRIANGLES, 0, 36, slabCount_);
    glDisable(GL_CULL_FACE);
    ++stats.drawCalls;
  }
  endPass(1);

  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // every shader writes premultiplied colour
  glDepthMask(GL_FALSE);
  if (tileCount_ > 0 && activations_->texture()) {
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(-1.0f, -4.0f);
    tiles_->use();
    tiles_->set("uViewProjection", viewProjection);
    tiles_->set("uFades", 0);
    tiles_->set("uValues", 1);
    tiles_->set("uLut", 2);
    tiles_->set("uLutRows", static_cast<float>(lutRows_));
    tiles_->set("uEmpty", colours::emptyCell);
    GLint samples = 0;
    glGetIntegerv(GL_SAMPLES, &samples);
    tiles_->set("uSmoothEdges", samples > 1 ? 0.0f : 1.0f);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, fadeTexture_);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D_ARRAY, activations_->texture());
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_2D, lutTexture_);
    glBindVertexArray(tileVao_);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 6, tileCount_);
    ++stats.drawCalls;
    glDisable(GL_POLYGON_OFFSET_FILL);
  }
  endPass(2);
  stats.lineSegments = static_cast<int>(lines_->size());
  stats.drawCalls += lines_->draw(viewProjection, viewport);
  endPass(3);
  stats.drawCalls += quads_->draw(viewProjection, viewport, lutTexture_, lutRows_);
  endPass(4);
  stats.glyphs = static_cast<int>(text_->glyphCount());
  glActiveTexture(GL_TEXTURE0);
  stats.drawCalls += text_->draw(viewProjection, viewport);
  endPass(5);

  glBindVertexArray(0);
  glDisable(GL_BLEND);
  glDepthMask(GL_TRUE);
  stats.tileInstances = tileCount_;
  stats.activationUploads = activations_->uploadCount();
  stats.cpuMilliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

void SceneRenderer::addLabels(const Snapshot& snapshot, const SceneLayout& layout, const OrbitCamera& camera,
                              const Selection& selection, const glm::mat4& viewProjection,
                              const glm::vec2& viewport, float ui, const std::vector<bool>& cut,
                              FrameStats& stats) {
  struct Candidate {
    int slab;
    glm::vec2 pixel;
    float depth, nameSize;
    bool selected;
  };
  const float focal = viewport.y / (2.0f * std::tan(camera.fovY * 0.5f));
  const int selectedSlab = selection.layer ? layout.slabForLayer(*selection.layer) : -1;
  std::vector<Candidate> candidates;
  for (size_t s = 0; s < layout.slabs.size(); ++s) {
    const Slab& slab = layout.slabs[s];
    const glm::vec4 clip = viewProjection * glm::vec4(slab.labelAnchor, 1.0f);
    if (clip.w <= 1e-4f || cut[s]) continue;
    const glm::vec2 pixel = toScreen(clip, viewport);
    if (pixel.x < -200 || pixel.x > viewport.x + 200 || pixel.y < -50 || pixel.y > viewport.y + 100) continue;
    if (static_cast<int>(s) != selectedSlab &&
        labelHidden(layout, static_cast<int>(s), camera.position(), cut)) {
      ++stats.labelsHidden;
      continue;
    }
    const float slabPixels = slab.size.x * focal / clip.w;
    const float nameSize = std::clamp(slabPixels * 0.11f, 14.0f * ui, 22.0f * ui);
    candidates.push_back({static_cast<int>(s), pixel, clip.w, nameSize, static_cast<int>(s) == selectedSlab});
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.selected != b.selected) return a.selected;
    return a.depth < b.depth;
  });
  LabelPlacer placer;
  for (const Candidate& c : candidates) {
    const Slab& slab = layout.slabs[c.slab];
    const std::string name = snapshot.layers[slab.layer].name;
    const std::string detail =
        kindsOf(snapshot, slab) + "  " + formatShape(snapshot.layers[slab.displayLayer].output.shape);
    const float detailSize = std::max(c.nameSize * 0.72f, 11.5f * ui);
    const float nameWidth = text_->measure(name, c.nameSize).width;
    const float detailWidth = text_->measure(detail, detailSize).width;
    const float pad = 3.0f * ui;
    const float detailBaseline = c.pixel.y - 2.0f * ui;
    const float nameBaseline = detailBaseline - detailSize * 1.25f;
    const glm::vec4 both(
        c.pixel.x - std::max(nameWidth, detailWidth) * 0.5f - pad, nameBaseline - c.nameSize * 0.8f - pad,
        c.pixel.x + std::max(nameWidth, detailWidth) * 0.5f + pad, detailBaseline + detailSize * 0.3f + pad);
    const glm::vec4 nameOnly(c.pixel.x - nameWidth * 0.5f - pad, detailBaseline - c.nameSize * 0.8f - pad,
                             c.pixel.x + nameWidth * 0.5f + pad, detailBaseline + c.nameSize * 0.25f + pad);
    TextStyle nameStyle;
    nameStyle.size = c.nameSize;
    nameStyle.colour = c.selected ? colours::selection : floatingTitle_;
    nameStyle.halign = HAlign::Centre;
    nameStyle.halo = floatingHalo_;
    TextStyle detailStyle = nameStyle;
    detailStyle.size = detailSize;
    detailStyle.colour = floatingDetail_;
    const glm::vec2 offset = c.pixel - toScreen(viewProjection * glm::vec4(slab.labelAnchor, 1.0f), viewport);
    if (placer.place(both)) {
      text_->addBillboard(name, slab.labelAnchor, nameStyle, offset + glm::vec2(0, nameBaseline - c.pixel.y));
      text_->addBillboard(detail, slab.labelAnchor, detailStyle,
                          offset + glm::vec2(0, detailBaseline - c.pixel.y));
      ++stats.labelsShown;
    } else if (placer.place(nameOnly)) {
      text_->addBillboard(name, slab.labelAnchor, nameStyle,
                          offset + glm::vec2(0, detailBaseline - c.pixel.y));
      ++stats.labelsShown;
    } else {
      ++stats.labelsHidden;
    }
  }
}

void SceneRenderer::addProbabilities(const SceneLayout& layout, const OrbitCamera& camera,
                                     const glm::mat4& viewProjection, const glm::vec2& viewport, float ui) {
  const ProbabilityPanel& panel = layout.probabilities;
  if (panel.bars.empty()) return;
  const float focal = viewport.y / (2.0f * std::tan(camera.fovY * 0.5f));
  const glm::mat3 rotation = panelTurn(camera.pose.yaw);
  auto place = [&](const glm::vec3& p) { return turnedPanelPoint(panel, camera.pose.yaw, p); };
  const glm::vec3 along = rotation * glm::vec3(1.0f, 0.0f, 0.0f);
  float best = -1;
  for (const ProbabilityBar& bar : panel.bars) best = std::max(best, bar.probability);
  for (const ProbabilityBar& bar : panel.bars) {
    const bool winner = bar.probability == best;
    const glm::vec3 o = place(bar.origin);
    const glm::vec3 up(0.0f, bar.fullSize.y, 0.0f);
    const glm::vec3 lift = rotation * glm::vec3(0.0f, 0.0f, 0.003f);
    quads_->addWorldQuad(o, along * bar.fullSize.x, up, colours::barTrack);
    if (bar.length > 0)
      quads_->addWorldQuad(o + lift, along * bar.length, up, winner ? colours::winner : colours::bar);
  }
  // Labels: sized from the bar pitch on screen; dropped where they would overlap.
  const glm::vec4 clip = viewProjection * glm::vec4(panel.centre, 1.0f);
  if (clip.w <= 1e-4f) return;
  const float barPixels = panel.bars[0].fullSize.y * focal / clip.w;
  const float size = std::clamp(barPixels * 0.8f, 10.0f * ui, 20.0f * ui);
  LabelPlacer placer;
  TextStyle titleStyle;
  titleStyle.size = size * 1.15f;
  titleStyle.colour = floatingTitle_;
  titleStyle.halign = HAlign::Centre;
  titleStyle.halo = floatingHalo_;
  text_->addBillboard("Prediction", place(panel.titleAnchor), titleStyle, glm::vec2(0, -4.0f * ui));
  for (const ProbabilityBar& bar : panel.bars) {
    const bool winner = bar.probability == best;
    const glm::vec4 c = viewProjection * glm::vec4(place(bar.labelAnchor), 1.0f);
    if (c.w <= 1e-4f) continue;
    const glm::vec2 pixel = toScreen(c, viewport);
    const glm::vec4 rect(pixel.x - 200.0f * ui, pixel.y - size * 0.55f, pixel.x, pixel.y + size * 0.55f);
    if (!placer.place(rect) && !winner) continue;
    TextStyle label;
    label.size = size;
    label.colour = winner ? colours::winner : floatingTitle_;
    label.halo = floatingHalo_;
    label.halign = HAlign::Right;
    label.valign = VAlign::Middle;
    text_->addBillboard(bar.label, place(bar.labelAnchor), label, glm::vec2(-6.0f * ui, 0));
    TextStyle value = label;
    value.halign = HAlign::Left;
    value.size = size * 0.85f;
    value.colour = winner ? colours::winner : floatingDetail_;
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f%%", bar.probability * 100.0f);
    text_->addBillboard(percent, place(bar.valueAnchor), value, glm::vec2(6.0f * ui, 0));
  }
}

void SceneRenderer::addOverlays(const Snapshot& snapshot, const SceneLayout& layout,
                                const Selection& selection, const ViewOptions& options,
                                const glm::vec2& viewport, float ui) {
  const float margin = 28.0f * ui;
  if (options.showHeader) {
    TextStyle title;
    title.size = 24.0f * ui;
    title.colour = colours::title;
    title.valign = VAlign::Top;
    const std::string name = snapshot.modelName.empty() ? "model" : snapshot.modelName;
    std::string line = "input " + formatShape(snapshot.inputShape) + "  \xC2\xB7  " +
                       std::to_string(layout.slabs.size()) + " slabs, " +
                       std::to_string(snapshot.layers.size()) + " layers";
    const std::vector<ClassScore> top = snapshot.top(1);
    if (!top.empty()) {
      char percent[32];
      std::snprintf(percent, sizeof percent, "%.1f%%", top[0].probability * 100.0f);
      line += "  \xC2\xB7  predicts \"" + top[0].label + "\" " + percent;
    }
    TextStyle sub = title;
    sub.size = 14.0f * ui;
    sub.colour = colours::detail;
    const float width =
        std::max(text_->measure(name, title.size).width, text_->measure(line, sub.size).width);
    const glm::vec2 pad(16.0f * ui, 12.0f * ui);
    quads_->addScreenRect(glm::vec2(margin) - pad, glm::vec2(margin + width, margin + 54.0f * ui) + pad,
                          colours::card, 10.0f * ui);
    text_->addScreen(name, {margin, margin}, title);
    text_->addScreen(line, {margin, margin + 34.0f * ui}, sub);
  }
  if (!options.showLegend) return;

  // Legend: one ramp per colour map in use, numbers where one range applies (selection or Global mode).
  std::optional<ValueRange> shown;
  std::string heading;
  const int selectedLayer = selection.layer.value_or(-1);
  const char* modeName = options.rangeMode == RangeMode::Unit     ? "each layer scaled to its own range"
                         : options.rangeMode == RangeMode::Module ? "layers scaled per block"
                                                                  : "one range for the whole model";
  if (selectedLayer >= 0 && selectedLayer < static_cast<int>(ranges_.size())) {
    const int slab = layout.slabForLayer(selectedLayer);
    const int display = slab >= 0 ? layout.slabs[slab].displayLayer : selectedLayer;
    shown = ranges_[display];
    heading = snapshot.layers[display].name + "  \xC2\xB7  " + modeName;
  } else if (options.rangeMode == RangeMode::Global && ranges_.size() > 1) {
    shown = ranges_.back();
    heading = std::string("activation  \xC2\xB7  ") + modeName;
  } else {
    heading = std::string("activation  \xC2\xB7  ") + modeName;
  }
  std::vector<int> rows;
  if (shown) {
    rows.push_back(lutRowFor(options.colourMap, *shown));
  } else {
    bool signedSeen = false, unsignedSeen = false;
    for (const Slab& slab : layout.slabs) {
      if (slab.displayLayer < 0 || slab.displayLayer >= static_cast<int>(ranges_.size())) continue;
      if (snapshot.layers[slab.displayLayer].kind == LayerKind::Input) continue;
      (ranges_[slab.displayLayer].isSigned() ? signedSeen : unsignedSeen) = true;
    }
    if (options.colourMap == ColourMapChoice::Automatic) {
      if (signedSeen) rows.push_back(static_cast<int>(ColorMapKind::Diverging));
      if (unsignedSeen) rows.push_back(static_cast<int>(ColorMapKind::Sequential));
    } else {
      rows.push_back(lutRowFor(options.colourMap, ValueRange{}));
    }
    if (rows.empty()) rows.push_back(static_cast<int>(ColorMapKind::Sequential));
  }

  const float rampWidth = 240.0f * ui, rampHeight = 12.0f * ui, rowPitch = 44.0f * ui;
  const float headingSize = 13.0f * ui, tickSize = 12.0f * ui;
  const float headingWidth = text_->measure(heading, headingSize).width;
  const float cardWidth = std::max(rampWidth + 150.0f * ui, headingWidth + 32.0f * ui);
  const float cardHeight = 40.0f * ui + rowPitch * rows.size();
  const glm::vec2 cardMin(margin, viewport.y - margin - cardHeight);
  quads_->addScreenRect(cardMin, cardMin + glm::vec2(cardWidth, cardHeight), colours::card, 10.0f * ui);
  TextStyle h;
  h.size = headingSize;
  h.colour = colours::detail;
  text_->addScreen(heading, cardMin + glm::vec2(16.0f * ui, 26.0f * ui), h);
  for (size_t i = 0; i < rows.size(); ++i) {
    const glm::vec2 rampMin = cardMin + glm::vec2(16.0f * ui, 40.0f * ui + rowPitch * i);
    quads_->addScreenRamp(rampMin, rampMin + glm::vec2(rampWidth, rampHeight), rows[i]);
    const bool diverging = rows[i] == static_cast<int>(ColorMapKind::Diverging);
    std::string lo, mid, hi;
    if (shown) {
      lo = formatValue(shown->lo);
      hi = formatValue(shown->hi);
      if (shown->isSigned()) mid = "0";
    } else {
      lo = diverging ? "\xE2\x88\x92max" : "0";
      hi = diverging ? "+max" : "max";
      if (diverging) mid = "0";
    }
    TextStyle tick;
    tick.size = tickSize;
    tick.colour = colours::title * glm::vec4(0.9f, 0.9f, 0.9f, 1.0f);
    tick.valign = VAlign::Top;
    const float ty = rampMin.y + rampHeight + 5.0f * ui;
    tick.halign = HAlign::Left;
    text_->addScreen(lo, {rampMin.x, ty}, tick);
    tick.halign = HAlign::Right;
    text_->addScreen(hi, {rampMin.x + rampWidth, ty}, tick);
    if (!mid.empty()) {
      tick.halign = HAlign::Centre;
      text_->addScreen(mid, {rampMin.x + rampWidth * 0.5f, ty}, tick);
    }
    TextStyle caption;
    caption.size = tickSize;
    caption.colour = colours::detail;
    caption.valign = VAlign::Middle;
    text_->addScreen(diverging ? "signed" : "non-negative",
                     {rampMin.x + rampWidth + 12.0f * ui, rampMin.y + rampHeight * 0.5f}, caption);
  }
}

}  // namespace convoscope
