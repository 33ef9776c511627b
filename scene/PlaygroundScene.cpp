#include "scene/PlaygroundScene.h"

#include <algorithm>
#include <cmath>
#include <tuple>

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

}  // namespace

PlaygroundScene layoutPlayground(const ConvGeometry& g, const KernelSlide& slide) {
  PlaygroundScene s;
  s.check = checkConv(g);
  const int pad = std::max(g.padding, 0);
  s.padded = std::max(g.inputSize, 0) + 2 * pad;
  const int n = s.padded;
  const float gap = 0.06f;  // between cells

  // Input plate centred on x = 0, rows going down (y decreases), at z = 0.
  const glm::vec2 inOrigin(-n * 0.5f, n * 0.5f);  // top-left corner
  auto inCell = [&](int row, int col) {
    return std::pair<glm::vec2, glm::vec2>{{inOrigin.x + col + gap, inOrigin.y - row - 1 + gap},
                                           {inOrigin.x + col + 1 - gap, inOrigin.y - row - gap}};
  };
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      PlaygroundCell c;
      std::tie(c.min, c.max) = inCell(y, x);
      c.row = y;
      c.col = x;
      const bool padding = y < pad || x < pad || y >= pad + g.inputSize || x >= pad + g.inputSize;
      c.kind = padding ? PlaygroundCellKind::Padding : PlaygroundCellKind::Input;
      c.shade = padding ? 0.0f : shadeAt(y - pad, x - pad, std::max(g.inputSize, 1));
      s.input.push_back(c);
    }

  // Where the window is: on the slide's current output cell when valid; when invalid, one stride past the
  // last position that fits, to show it overhanging the edge.
  const int keff = effectiveKernel(g);
  glm::ivec2 start(0);
  if (s.check.valid) {
    s.currentCell = slide.currentCell();
    s.currentCell = glm::clamp(s.currentCell, glm::ivec2(0), glm::ivec2(s.check.outputSize - 1));
    start = s.currentCell * std::max(g.stride, 1);
  } else if (keff <= n && g.stride > 0) {
    start = glm::ivec2(0, ((n - keff) / g.stride + 1) * g.stride);
  }
  s.windowFits = start.x + keff <= n && start.y + keff <= n;
  s.windowMin = glm::vec2(inOrigin.x + start.y, inOrigin.y - start.x - keff);
  s.windowMax = glm::vec2(inOrigin.x + start.y + keff, inOrigin.y - start.x);
  for (int i = 0; i < g.kernel; ++i)
    for (int j = 0; j < g.kernel; ++j) {
      const int y = start.x + i * g.dilation, x = start.y + j * g.dilation;
      if (y >= 0 && y < n && x >= 0 && x < n) s.input[static_cast<size_t>(y * n + x)].sampled = true;
    }

  const float labelSize = std::max(0.45f, n * 0.06f);
  const float plateTop = inOrigin.y;
  s.labels.push_back({"input " + times(g.inputSize, g.inputSize) +
                          (pad ? "  +  padding " + std::to_string(pad) + " = " + times(n, n) : std::string()),
                      {0.0f, plateTop + 0.5f, 0.0f},
                      labelSize,
                      false});
  std::string kernel =
      "kernel " + times(g.kernel, g.kernel) + "  \xC2\xB7  stride " + std::to_string(g.stride);
  if (g.dilation > 1)
    kernel += "  \xC2\xB7  dilation " + std::to_string(g.dilation) + " (spans " + times(keff, keff) + ")";
  s.labels.push_back({kernel, {0.0f, -plateTop - 0.5f - labelSize, 0.0f}, labelSize, !s.check.valid});

  // Output plate: right of the input, pushed back; same cell size so the shrinking is visible.
  const int out = s.check.valid ? s.check.outputSize : 0;
  const float outLeft = n * 0.5f + std::max(2.5f, n * 0.35f);
  const int plate = std::max(out, 2);
  const glm::vec2 outOrigin(outLeft, plate * 0.5f);
  const float z = kPlaygroundOutputDepth;
  for (int y = 0; y < out; ++y)
    for (int x = 0; x < out; ++x) {
      PlaygroundCell c;
      c.min = {outOrigin.x + x + gap, outOrigin.y - y - 1 + gap};
      c.max = {outOrigin.x + x + 1 - gap, outOrigin.y - y - gap};
      c.z = z;
      c.row = y;
      c.col = x;
      const bool current = glm::ivec2(y, x) == s.currentCell;
      c.kind = current              ? PlaygroundCellKind::Current
               : slide.filled(y, x) ? PlaygroundCellKind::Filled
                                    : PlaygroundCellKind::Empty;
      s.output.push_back(c);
    }
  const float outCentreX = outOrigin.x + plate * 0.5f;
  // The output-size arithmetic under the output plate, so a recording or a projector shows it too.
  s.labels.push_back({"size: " + s.check.formula,
                      {outCentreX, outOrigin.y - plate - 0.5f - labelSize * 0.8f, z},
                      labelSize * 0.8f,
                      !s.check.valid});
  if (s.check.valid) {
    s.labels.push_back({"output " + times(out, out), {outCentreX, outOrigin.y + 0.5f, z}, labelSize, false});
    const PlaygroundCell& target = s.output[static_cast<size_t>(s.currentCell.x * out + s.currentCell.y)];
    const glm::vec3 w[4] = {{s.windowMin.x, s.windowMin.y, 0.0f},
                            {s.windowMax.x, s.windowMin.y, 0.0f},
                            {s.windowMax.x, s.windowMax.y, 0.0f},
                            {s.windowMin.x, s.windowMax.y, 0.0f}};
    const glm::vec3 o[4] = {{target.min.x, target.min.y, z},
                            {target.max.x, target.min.y, z},
                            {target.max.x, target.max.y, z},
                            {target.min.x, target.max.y, z}};
    for (int k = 0; k < 4; ++k) s.beam.emplace_back(w[k], o[k]);
  } else {
    s.labels.push_back({"no output", {outCentreX, outOrigin.y + 0.5f, z}, labelSize, true});
    // The panel gives the full reason; in 3D a short one that fits under the plate.
    const int overhang = std::max(start.y + keff - n, 0);
    const std::string shortReason = overhang > 0 ? "invalid: this window hangs " + std::to_string(overhang) +
                                                       " cell" + (overhang == 1 ? "" : "s") + " past the edge"
                                                 : "invalid: the kernel is larger than the padded input";
    s.labels.push_back(
        {shortReason, {0.0f, -plateTop - 1.0f - 2.6f * labelSize, 0.0f}, labelSize * 0.8f, true});
  }

  for (const PlaygroundCell& c : s.input) {
    s.bounds.include(glm::vec3(c.min, c.z));
    s.bounds.include(glm::vec3(c.max, c.z));
  }
  s.bounds.include(glm::vec3(s.windowMin, 0.0f));
  s.bounds.include(glm::vec3(s.windowMax, 0.0f));
  s.bounds.include(glm::vec3(outOrigin.x, outOrigin.y, z));
  s.bounds.include(glm::vec3(outOrigin.x + plate, outOrigin.y - plate, z));
  for (const PlaygroundLabel& l : s.labels) s.bounds.include(l.at);
  return s;
}

}  // namespace convoscope
