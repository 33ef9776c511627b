#include "ui/ComputationPanel.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>

#include "core/Computation.h"
#include "scene/ComputationFraming.h"
#include "ui/PanelWidgets.h"
#include "ui/TourSession.h"
#include "ui/ViewerState.h"

namespace convoscope {

bool moveSelectedCell(ViewerState& state, int dy, int dx) {
  const Selection& s = state.selection;
  if (!s.hasCell()) return false;
  const int slab = state.layout.slabForLayer(*s.layer);
  if (slab < 0) return false;
  const TileGrid& g = state.layout.slabs[slab].grid;
  int y = std::clamp(*s.y + dy, 0, g.cellRows - 1), x = std::clamp(*s.x + dx, 0, g.cellCols - 1);
  while (valueIndex(g, *s.channel, y, x) < 0 && (y > 0 || x > 0)) x > 0 ? --x : (--y, x = g.cellCols - 1);
  select(state, Selection::ofCell(*s.layer, *s.channel, y, x));
  state.computation.animate = false;
  return true;
}

bool handleComputationKey(ViewerState& state, int key, int mods) {
  ComputationState& c = state.computation;
  const bool ctrl = (mods & GLFW_MOD_CONTROL) != 0;
  const int stride = (mods & GLFW_MOD_SHIFT) ? 4 : 1;
  if (ctrl) return false;
  bool used = true;
  switch (key) {
    case GLFW_KEY_M:
      c.open = !c.open;
      break;
    case GLFW_KEY_P:
      if (!state.selection.hasCell()) return false;
      c.open = true;
      c.animate = true;
      c.slide.togglePlay();
      break;
    case GLFW_KEY_PERIOD:
    case GLFW_KEY_COMMA:
      if (!state.selection.hasCell()) return false;
      if (!c.animate) c.slide.setPosition(0.0f);
      c.open = c.animate = true;
      key == GLFW_KEY_PERIOD ? c.slide.stepForward() : c.slide.stepBack();
      break;
    case GLFW_KEY_RIGHT_BRACKET:
      c.slide.faster();
      break;
    case GLFW_KEY_LEFT_BRACKET:
      c.slide.slower();
      break;
    case GLFW_KEY_LEFT:
      return moveSelectedCell(state, 0, -stride);
    case GLFW_KEY_RIGHT:
      return moveSelectedCell(state, 0, stride);
    case GLFW_KEY_UP:
      return moveSelectedCell(state, -stride, 0);
    case GLFW_KEY_DOWN:
      return moveSelectedCell(state, stride, 0);
    default:
      used = false;
  }
  if (used) state.touch();
  return used;
}

void advanceComputation(ViewerState& state, float dtSeconds) {
  ComputationState& c = state.computation;
  const glm::ivec2 grid = slideGridFor(state.layout, state.selection);
  if (grid != glm::ivec2(c.slide.rows(), c.slide.cols())) c.slide.setSize(grid.x, grid.y);
  if (c.slide.playing()) {
    c.slide.advance(dtSeconds);
    state.touch();
  }
}

bool computationPanelAtTop(const ViewerState& state) { return presenting(state); }

float computationPanelHeight() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return 2.0f * ImGui::GetFrameHeightWithSpacing() + 2.0f * style.WindowPadding.y;
}

void drawComputationPanel(ViewerState& state) {
  if (!state.selection.hasCell()) return;
  ComputationState& c = state.computation;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  // At the bottom of the 3D view; at its top while a tour presents (its caption holds the bottom).
  const bool top = computationPanelAtTop(state);
  ImGui::SetNextWindowPos(ImVec2(state.sceneOrigin.x + state.sceneSize.x * 0.5f,
                                 top ? state.sceneOrigin.y + 12.0f : state.sceneOrigin.y + state.sceneSize.y - 12.0f),
                          ImGuiCond_Always, ImVec2(0.5f, top ? 0.0f : 1.0f));
  ImGui::SetNextWindowBgAlpha(0.85f);
  (void)vp;
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav;
  if (ImGui::Begin("Computation", nullptr, flags)) {
    if (ImGui::Checkbox("Computation (M)", &c.open)) state.touch();
    ImGui::SameLine();
    if (ImGui::Button("|<")) c.slide.setPosition(0.0f), c.animate = true, c.open = true;
    ImGui::SameLine();
    if (ImGui::Button("< (,)")) c.slide.stepBack(), c.animate = c.open = true;
    ImGui::SameLine();
    if (ImGui::Button(c.slide.playing() ? "Pause (P)" : "Play (P)"))
      c.slide.togglePlay(), c.animate = c.open = true;
    ImGui::SameLine();
    if (ImGui::Button("(.) >")) c.slide.stepForward(), c.animate = c.open = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(220.0f);
    float position = c.slide.position();
    if (ImGui::SliderFloat("##slide", &position, 0.0f, 1.0f, "")) {
      c.slide.setPosition(position);
      c.animate = c.open = true;
    }
    ImGui::SameLine();
    const glm::ivec2 cell = c.slide.currentCell();
    ImGui::Text("cell %d,%d  %.1f cells/s ([ ])", cell.x, cell.y, c.slide.speed());
    if (c.animate) {
      ImGui::SameLine();
      if (ImGui::SmallButton("x")) c.animate = false, c.slide.pause();
    }
    // A classifier's logit: the card can instead show the softmax that turns every logit into the prediction.
    const Snapshot* snapshot = state.snapshot.get();
    if (snapshot && *state.selection.layer + 1 == static_cast<int>(snapshot->layers.size()) &&
        predictionAppliesSoftmax(*snapshot) && ImGui::Checkbox("The prediction's softmax", &c.prediction)) {
      c.open = true;
      state.touch();
    }
    // The selected cell's gradient beside its arithmetic: how much this output moves the class score.
    const std::string gradient = cellGradientText(state);
    if (!gradient.empty()) mutedText("selected cell: %s", gradient.c_str());
    if (ImGui::IsWindowHovered() || ImGui::IsAnyItemActive()) state.touch();
  }
  ImGui::End();
}

}  // namespace convoscope
