#include "scene/PlaygroundScene.h"

#include <algorithm>
#include <cmath>

namespace convoscope {

namespace {

std::string times(int a, int b) { return std::to_string(a) + "\xC3\x97" + std::to_string(b); }

// A smooth fixed pattern (a blurred diagonal stroke) so the input plate looks like an image, not noise.
float shadeAt(int y, int x, int size) {
  const float u = (x + 0.5f) / float(size), v = (y + 0.5f) / float(size);
  const float stroke = std::exp(-std::pow((u - v) * 3.2f, 2.0f));
  const float ring = 0.5f + 0.5f * std::cos(6.0f * std::hypot(u - 0.5f, v - 0.5f));
  return std::clamp(0.65f * stroke + 0.35f * ring, 0.0f, 1.0f);
}

constexpr float kCellGap = 0.06f;  // between cells

// What the layout steps share about the input plate.
struct InputPlate {
  int pad = 0;             // padding cells on each side
  int n = 0;               // padded side, in cells
  int keff = 0;            // the kernel's span on the plate (dilation included)
  glm::vec2 origin{0.0f};  // top-left corner; the plate is centred on x = 0, rows going down, at z = 0
  float labelSize = 0;
};

// The output plate: right of the input, pushed back; same cell size so the shrinking is visible.
struct OutputPlate {
  int out = 0;             // output cells per side (0 when invalid)
  int plate = 0;           // drawn side, at least 2 so "no output" still has a place
  glm::vec2 origin{0.0f};  // top-left corner
  float z = kPlaygroundOutputDepth;
  float centreX() const { return origin.x + plate * 0.5f; }
};

InputPlate inputPlateFor(const ConvGeometry& g, int padded) {
  InputPlate in;
  in.pad = std::max(g.padding, 0);
  in.n = padded;
  in.keff = effectiveKernel(g);
  in.origin = glm::vec2(-in.n * 0.5f, in.n * 0.5f);
  in.labelSize = std::max(0.45f, in.n * 0.06f);
  return in;
}

OutputPlate outputPlateFor(const ConvCheck& check, const InputPlate& in) {
  OutputPlate o;
  o.out = check.valid ? check.outputSize : 0;
  const float outLeft = in.n * 0.5f + std::max(2.5f, in.n * 0.35f);
  o.plate = std::max(o.out, 2);
  o.origin = glm::vec2(outLeft, o.plate * 0.5f);
  return o;
}

void addInputCells(const ConvGeometry& g, const InputPlate& in, PlaygroundScene& s) {
  for (int y = 0; y < in.n; ++y)
    for (int x = 0; x < in.n; ++x) {
      PlaygroundCell c;
      c.min = {in.origin.x + x + kCellGap, in.origin.y - y - 1 + kCellGap};
      c.max = {in.origin.x + x + 1 - kCellGap, in.origin.y - y - kCellGap};
      c.row = y;
      c.col = x;
      const bool padding = y < in.pad || x < in.pad || y >= in.pad + g.inputSize || x >= in.pad + g.inputSize;
      c.kind = padding ? PlaygroundCellKind::Padding : PlaygroundCellKind::Input;
      c.shade = padding ? 0.0f : shadeAt(y - in.pad, x - in.pad, std::max(g.inputSize, 1));
      s.input.push_back(c);
    }
}

// Where the window is: on the slide's current output cell when valid; when invalid, one stride past the
// last position that fits, to show it overhanging the edge. Returns its top-left cell (row, col).
glm::ivec2 windowStart(const ConvGeometry& g, const KernelSlide& slide, const InputPlate& in,
                       PlaygroundScene& s) {
  glm::ivec2 start(0);
  if (s.check.valid) {
    s.currentCell = slide.currentCell();
    s.currentCell = glm::clamp(s.currentCell, glm::ivec2(0), glm::ivec2(s.check.outputSize - 1));
    start = s.currentCell * std::max(g.stride, 1);
  } else if (in.keff <= in.n && g.stride > 0) {
    start = glm::ivec2(0, ((in.n - in.keff) / g.stride + 1) * g.stride);
  }
  return start;
}

// The window's extent, and the K×K input cells it samples (spread by dilation).
void placeWindow(const ConvGeometry& g, const InputPlate& in, const glm::ivec2& start, PlaygroundScene& s) {
  const int n = in.n;
  s.windowFits = start.x + in.keff <= n && start.y + in.keff <= n;
  s.windowMin = glm::vec2(in.origin.x + start.y, in.origin.y - start.x - in.keff);
  s.windowMax = glm::vec2(in.origin.x + start.y + in.keff, in.origin.y - start.x);
  for (int i = 0; i < g.kernel; ++i)
    for (int j = 0; j < g.kernel; ++j) {
      const int y = start.x + i * g.dilation, x = start.y + j * g.dilation;
      if (y >= 0 && y < n && x >= 0 && x < n) s.input[static_cast<size_t>(y * n + x)].sampled = true;
    }
}

// The input's size above the plate and the kernel's hyperparameters below it.
void addInputLabels(const ConvGeometry& g, const InputPlate& in, PlaygroundScene& s) {
  const float plateTop = in.origin.y;
  s.labels.push_back(
      {"input " + times(g.inputSize, g.inputSize) +
           (in.pad ? "  +  padding " + std::to_string(in.pad) + " = " + times(in.n, in.n) : std::string()),
       {0.0f, plateTop + 0.5f, 0.0f},
       in.labelSize,
       false});
  std::string kernel =
      "kernel " + times(g.kernel, g.kernel) + "  \xC2\xB7  stride " + std::to_string(g.stride);
  if (g.dilation > 1)
    kernel +=
        "  \xC2\xB7  dilation " + std::to_string(g.dilation) + " (spans " + times(in.keff, in.keff) + ")";
  s.labels.push_back({kernel, {0.0f, -plateTop - 0.5f - in.labelSize, 0.0f}, in.labelSize, !s.check.valid});
}

void addOutputCells(const KernelSlide& slide, const OutputPlate& o, PlaygroundScene& s) {
  for (int y = 0; y < o.out; ++y)
    for (int x = 0; x < o.out; ++x) {
      PlaygroundCell c;
      c.min = {o.origin.x + x + kCellGap, o.origin.y - y - 1 + kCellGap};
      c.max = {o.origin.x + x + 1 - kCellGap, o.origin.y - y - kCellGap};
      c.z = o.z;
      c.row = y;
      c.col = x;
      const bool current = glm::ivec2(y, x) == s.currentCell;
      c.kind = current              ? PlaygroundCellKind::Current
               : slide.filled(y, x) ? PlaygroundCellKind::Filled
                                    : PlaygroundCellKind::Empty;
      s.output.push_back(c);
    }
}

// Four lines from the window's corners to the corners of the output cell it computes.
void addBeam(const OutputPlate& o, PlaygroundScene& s) {
  const PlaygroundCell& target = s.output[static_cast<size_t>(s.currentCell.x * o.out + s.currentCell.y)];
  const float z = o.z;
  const glm::vec3 w[4] = {{s.windowMin.x, s.windowMin.y, 0.0f},
                          {s.windowMax.x, s.windowMin.y, 0.0f},
                          {s.windowMax.x, s.windowMax.y, 0.0f},
                          {s.windowMin.x, s.windowMax.y, 0.0f}};
  const glm::vec3 t[4] = {{target.min.x, target.min.y, z},
                          {target.max.x, target.min.y, z},
                          {target.max.x, target.max.y, z},
                          {target.min.x, target.max.y, z}};
  for (int k = 0; k < 4; ++k) s.beam.emplace_back(w[k], t[k]);
}

// The panel gives the full reason; in 3D a short one that fits under the plate.
std::string shortInvalidReason(const InputPlate& in, const glm::ivec2& start) {
  const int overhang = std::max(start.y + in.keff - in.n, 0);
  return overhang > 0 ? "invalid: this window hangs " + std::to_string(overhang) + " cell" +
                            (overhang == 1 ? "" : "s") + " past the edge"
                      : "invalid: the kernel is larger than the padded input";
}

// The output-size arithmetic under the output plate, so a recording or a projector shows it too; the
// output's size (and the beam) when valid, else why there is no output.
void addOutputLabels(const InputPlate& in, const OutputPlate& o, const glm::ivec2& start,
                     PlaygroundScene& s) {
  const float labelSize = in.labelSize;
  s.labels.push_back({"size: " + s.check.formula,
                      {o.centreX(), o.origin.y - o.plate - 0.5f - labelSize * 0.8f, o.z},
                      labelSize * 0.8f,
                      !s.check.valid});
  if (s.check.valid) {
    s.labels.push_back(
        {"output " + times(o.out, o.out), {o.centreX(), o.origin.y + 0.5f, o.z}, labelSize, false});
    addBeam(o, s);
  } else {
    s.labels.push_back({"no output", {o.centreX(), o.origin.y + 0.5f, o.z}, labelSize, true});
    s.labels.push_back({shortInvalidReason(in, start),
                        {0.0f, -in.origin.y - 1.0f - 2.6f * labelSize, 0.0f},
                        labelSize * 0.8f,
                        true});
  }
}

Bounds playgroundBounds(const PlaygroundScene& s, const OutputPlate& o) {
  Bounds bounds;
  for (const PlaygroundCell& c : s.input) {
    bounds.include(glm::vec3(c.min, c.z));
    bounds.include(glm::vec3(c.max, c.z));
  }
  bounds.include(glm::vec3(s.windowMin, 0.0f));
  bounds.include(glm::vec3(s.windowMax, 0.0f));
  bounds.include(glm::vec3(o.origin.x, o.origin.y, o.z));
  bounds.include(glm::vec3(o.origin.x + o.plate, o.origin.y - o.plate, o.z));
  for (const PlaygroundLabel& l : s.labels) bounds.include(l.at);
  return bounds;
}

}  // namespace

PlaygroundScene layoutPlayground(const ConvGeometry& g, const KernelSlide& slide) {
  PlaygroundScene s;
  s.check = checkConv(g);
  s.padded = std::max(g.inputSize, 0) + 2 * std::max(g.padding, 0);
  const InputPlate in = inputPlateFor(g, s.padded);
  addInputCells(g, in, s);
  const glm::ivec2 start = windowStart(g, slide, in, s);
  placeWindow(g, in, start, s);
  addInputLabels(g, in, s);
  const OutputPlate out = outputPlateFor(s.check, in);
  addOutputCells(slide, out, s);
  addOutputLabels(in, out, start, s);
  s.bounds = playgroundBounds(s, out);
  return s;
}

}  // namespace convoscope
