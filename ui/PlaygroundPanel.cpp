#include "ui/PlaygroundPanel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "scene/KernelSlide.h"
#include "ui/PanelWidgets.h"
#include "ui/Theme.h"
#include "ui/ViewerState.h"

namespace convoscope {

namespace {

struct Playground {
  ConvGeometry geometry{5, 3, 1, 0, 1};
  KernelSlide slide{3, 3};
  bool started = false;
};

Playground& pg() {
  static Playground p;
  return p;
}

const ImU32 kInputFill = IM_COL32(70, 110, 170, 255);
const ImU32 kPadFill = IM_COL32(90, 90, 100, 70);
const ImU32 kGridLine = IM_COL32(200, 200, 210, 110);
const ImU32 kWindow = IM_COL32(255, 200, 60, 255);
const ImU32 kWindowCell = IM_COL32(255, 200, 60, 90);
const ImU32 kOutFilled = IM_COL32(90, 170, 110, 255);
const ImU32 kOutCurrent = IM_COL32(255, 200, 60, 200);
const ImU32 kOutEmpty = IM_COL32(60, 60, 70, 120);
const ImU32 kInvalid = IM_COL32(230, 70, 70, 255);

void sliderInt(const char* label, int* value, int lo, int hi) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  ImGui::SliderInt(label, value, lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp);
}

}  // namespace

void togglePlayground(ViewerState& state) {
  state.showPlayground = !state.showPlayground;
  state.touch();
}

void setPlaygroundGeometry(const ConvGeometry& geometry) {
  pg().geometry = geometry;
  pg().slide.setStep(0);
}

const ConvGeometry& playgroundGeometry() { return pg().geometry; }

void drawPlaygroundPanel(ViewerState& state, float dtSeconds) {
  if (!state.showPlayground) return;
  Playground& p = pg();
  if (!p.started) {
    p.slide.setSpeed(2.0f);
    p.slide.play();
    p.started = true;
  }
  ConvGeometry& g = p.geometry;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(state.sceneOrigin.x + state.sceneSize.x * 0.5f, state.sceneOrigin.y + em),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(em * 40.0f, em * 34.0f), ImGuiCond_Appearing);
  bool open = true;
  if (ImGui::Begin("Hyperparameter playground###playground", &open, ImGuiWindowFlags_NoSavedSettings)) {
    const ConvGeometry before = g;
    ImGui::BeginGroup();
    sliderInt("input size", &g.inputSize, 3, 12);
    sliderInt("kernel", &g.kernel, 1, 7);
    sliderInt("stride", &g.stride, 1, 4);
    ImGui::EndGroup();
    ImGui::SameLine(0, em * 2);
    ImGui::BeginGroup();
    sliderInt("padding", &g.padding, 0, 3);
    sliderInt("dilation", &g.dilation, 1, 3);
    if (ImGui::Button(p.slide.playing() ? "Pause" : "Play")) p.slide.togglePlay();
    ImGui::SameLine();
    if (ImGui::ArrowButton("##back", ImGuiDir_Left)) p.slide.stepBack();
    ImGui::SameLine();
    if (ImGui::ArrowButton("##fwd", ImGuiDir_Right)) p.slide.stepForward();
    ImGui::EndGroup();
    if (ImGui::SmallButton("5/3/1/0")) g = ConvGeometry{5, 3, 1, 0, 1};
    ImGui::SameLine();
    if (ImGui::SmallButton("7/3/2/1")) g = ConvGeometry{7, 3, 2, 1, 1};
    ImGui::SameLine();
    if (ImGui::SmallButton("6/3/2/0")) g = ConvGeometry{6, 3, 2, 0, 1};
    ImGui::SameLine();
    if (ImGui::SmallButton("9/3/1/2 dil 2")) g = ConvGeometry{9, 3, 1, 2, 2};
    ImGui::SameLine();
    mutedText("(input/kernel/stride/padding)");
    if (before.inputSize != g.inputSize || before.kernel != g.kernel || before.stride != g.stride ||
        before.padding != g.padding || before.dilation != g.dilation)
      p.slide.setStep(0);

    const ConvCheck check = checkConv(g);
    ImGui::Separator();
    ImGui::PushFont(uiFonts().mono);
    ImGui::TextUnformatted(
        "output = (W + 2P \xE2\x88\x92 D\xC2\xB7(K\xE2\x88\x92"
        "1) \xE2\x88\x92 1)/S + 1");
    if (!check.formula.empty()) {
      if (check.valid)
        ImGui::Text("       = %s  \xE2\x86\x92 %d\xC3\x97%d output", check.formula.c_str(), check.outputSize,
                    check.outputSize);
      else
        ImGui::TextColored(ImColor(kInvalid), "       = %s", check.formula.c_str());
    }
    ImGui::PopFont();
    if (!check.valid) {
      ImGui::PushStyleColor(ImGuiCol_Text, kInvalid);
      ImGui::TextWrapped("Invalid: %s.", check.reason.c_str());
      ImGui::PopStyleColor();
    } else {
      mutedText("Valid: every window fits; %d\xC3\x97%d = %d output cells.", check.outputSize,
                check.outputSize, check.outputSize * check.outputSize);
    }

    // The grids.
    const int padded = g.inputSize + 2 * std::max(g.padding, 0);
    const int out = check.valid ? check.outputSize : 0;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = em * 2.0f;
    const float cell = std::max(4.0f, std::min((avail.x - gap) / float(padded + std::max(out, 1)),
                                               (avail.y - em * 1.5f) / float(padded)));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 inAt(origin.x, origin.y + em * 1.3f);
    dl->AddText(origin, ImGui::GetColorU32(ImGuiCol_Text), "input (padding ghosted)");

    if (check.valid) {
      p.slide.setSize(out, out);
      if (!ImGui::GetIO().WantTextInput) p.slide.advance(dtSeconds);
      if (p.slide.playing()) state.touch(2);
      if (p.slide.finished() && p.slide.playing()) p.slide.play();
    }
    const glm::ivec2 cur = check.valid ? p.slide.currentCell() : glm::ivec2(0);
    const int wy = cur.x * g.stride, wx = cur.y * g.stride;  // window start (padded coordinates)

    for (int y = 0; y < padded; ++y)
      for (int x = 0; x < padded; ++x) {
        const bool pad =
            y < g.padding || x < g.padding || y >= g.padding + g.inputSize || x >= g.padding + g.inputSize;
        const ImVec2 a(inAt.x + x * cell, inAt.y + y * cell), b(a.x + cell - 1, a.y + cell - 1);
        dl->AddRectFilled(a, b, pad ? kPadFill : kInputFill);
        dl->AddRect(a, b, kGridLine);
        if (pad && cell > em)
          dl->AddText(ImVec2(a.x + cell * 0.35f, a.y + cell * 0.2f), IM_COL32(200, 200, 200, 90), "0");
      }
    // The kernel window: its K×K sampled cells (spread by dilation) and the outline of its extent.
    const int keff = effectiveKernel(g);
    if (check.valid || keff <= padded) {
      for (int i = 0; i < g.kernel; ++i)
        for (int j = 0; j < g.kernel; ++j) {
          const int y = wy + i * g.dilation, x = wx + j * g.dilation;
          if (y >= padded || x >= padded) continue;
          const ImVec2 a(inAt.x + x * cell, inAt.y + y * cell);
          dl->AddRectFilled(a, ImVec2(a.x + cell - 1, a.y + cell - 1), kWindowCell);
        }
      const ImVec2 a(inAt.x + wx * cell, inAt.y + wy * cell);
      dl->AddRect(a, ImVec2(a.x + keff * cell - 1, a.y + keff * cell - 1), check.valid ? kWindow : kInvalid,
                  0, 0, 2.5f);
    }
    if (!check.valid && keff <= padded) {
      // Show where the last window of the first row would land: past the edge.
      const int lastStart = ((padded - keff) / g.stride + 1) * g.stride;
      const ImVec2 a(inAt.x + lastStart * cell, inAt.y);
      dl->AddRect(a, ImVec2(a.x + keff * cell - 1, a.y + keff * cell - 1), kInvalid, 0, 0, 2.0f);
    }

    const ImVec2 outAt(inAt.x + padded * cell + gap, inAt.y);
    dl->AddText(ImVec2(outAt.x, origin.y), ImGui::GetColorU32(ImGuiCol_Text),
                check.valid ? "output" : "output: none");
    for (int y = 0; y < out; ++y)
      for (int x = 0; x < out; ++x) {
        const ImVec2 a(outAt.x + x * cell, outAt.y + y * cell), b(a.x + cell - 1, a.y + cell - 1);
        const bool current = y == cur.x && x == cur.y;
        dl->AddRectFilled(a, b, current ? kOutCurrent : p.slide.filled(y, x) ? kOutFilled : kOutEmpty);
        dl->AddRect(a, b, kGridLine);
      }
    if (!check.valid) {
      const ImVec2 a(outAt.x, outAt.y), b(outAt.x + cell * 2, outAt.y + cell * 2);
      dl->AddLine(a, b, kInvalid, 3.0f);
      dl->AddLine(ImVec2(b.x, a.y), ImVec2(a.x, b.y), kInvalid, 3.0f);
    }
    ImGui::Dummy(ImVec2(padded * cell + gap + std::max(out, 2) * cell, padded * cell + em * 1.3f));
  }
  ImGui::End();
  if (!open) {
    state.showPlayground = false;
    state.touch();
  }
}

}  // namespace convoscope
