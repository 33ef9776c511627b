#include "ui/StatusOverlay.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/ModelMetadata.h"
#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {

namespace {
constexpr double kToastSeconds = 7.0;
constexpr double kInfoToastSeconds = 3.0;

void spinner(float radius, double now) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 c(p.x + radius, p.y + radius);
  const float start = static_cast<float>(now * 6.0);
  draw->PathArcTo(c, radius, start, start + 4.2f, 24);
  draw->PathStroke(uiColours::kAccent, false, radius * 0.3f);
  ImGui::Dummy(ImVec2(radius * 2, radius * 2));
}

const ImGuiWindowFlags kOverlayFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;

void shapePrompt(ViewerState& state) {
  int* chw = state.panels.shapePrompt.chw;
  std::string& forPath = state.panels.shapePrompt.forPath;
  if (state.shapePromptFor && forPath != *state.shapePromptFor) {
    forPath = *state.shapePromptFor;
    ImGui::OpenPopup("Input shape");
  }
  const ImVec2 centre(state.sceneOrigin.x + state.sceneSize.x * 0.5f,
                      state.sceneOrigin.y + state.sceneSize.y * 0.5f);
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("Input shape", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (!state.shapePromptFor) {  // answered elsewhere (a script) or superseded
      forPath.clear();
      ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
      return;
    }
    ImGui::PushFont(uiFonts().bold);
    ImGui::TextUnformatted(fileName(forPath).c_str());
    ImGui::PopFont();
    mutedText("This model carries no metadata. What input does it take?");
    ImGui::Spacing();
    const float field = ImGui::GetFontSize() * 4.5f;
    const char* names[3] = {"C", "H", "W"};
    for (int i = 0; i < 3; ++i) {
      if (i) ImGui::SameLine();
      ImGui::SetNextItemWidth(field);
      ImGui::InputInt(names[i], &chw[i], 0, 0);
      chw[i] = std::max(1, std::min(chw[i], 8192));
    }
    mutedText("Common: 3,224,224 (ImageNet) · 1,28,28 (MNIST) · 3,32,32 (CIFAR)");
    ImGui::Spacing();
    const bool ok = ImGui::Button("Load", ImVec2(field * 1.6f, 0)) ||
                    ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter));
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel", ImVec2(field * 1.6f, 0));
    if (ok) submitInputShape(state, {chw[0], chw[1], chw[2]});
    if (cancel) state.shapePromptFor.reset();
    if (ok || cancel) {
      forPath.clear();
      ImGui::CloseCurrentPopup();
      state.touch();
    }
    ImGui::EndPopup();
  }
}

}  // namespace

bool statusOverlayAnimating(const ViewerState& state, double now) {
  if (state.loading) return true;
  for (const Toast& t : state.toasts)
    if (t.shownAt < 0 || now - t.shownAt < (t.error ? kToastSeconds : kInfoToastSeconds) + 0.5) return true;
  return false;
}

void drawStatusOverlay(ViewerState& state, double now) {
  const float pad = ImGui::GetFontSize();
  // Loading indicator: top centre of the scene, the old picture stays visible underneath.
  if (state.loading) {
    ImGui::SetNextWindowPos(ImVec2(state.sceneOrigin.x + state.sceneSize.x * 0.5f, state.sceneOrigin.y + pad),
                            ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.9f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f);
    if (ImGui::Begin("##loading", nullptr, kOverlayFlags | ImGuiWindowFlags_NoInputs)) {
      spinner(ImGui::GetFontSize() * 0.5f, now);
      ImGui::SameLine();
      ImGui::TextUnformatted(state.loadingWhat.empty() ? "Loading..." : state.loadingWhat.c_str());
    }
    ImGui::End();
    ImGui::PopStyleVar();
  }

  // Toasts: bottom right of the scene, newest at the bottom; errors stay longer.
  for (Toast& t : state.toasts)
    if (t.shownAt < 0) t.shownAt = now;
  state.toasts.erase(std::remove_if(state.toasts.begin(), state.toasts.end(),
                                    [&](const Toast& t) {
                                      return now - t.shownAt > (t.error ? kToastSeconds : kInfoToastSeconds);
                                    }),
                     state.toasts.end());
  float y = state.sceneOrigin.y + state.sceneSize.y - pad;
  const float maxWidth = std::min(state.sceneSize.x * 0.6f, ImGui::GetFontSize() * 34.0f);
  for (int i = static_cast<int>(state.toasts.size()) - 1; i >= 0; --i) {
    Toast& t = state.toasts[i];
    const double age = now - t.shownAt;
    const double life = t.error ? kToastSeconds : kInfoToastSeconds;
    const float alpha = static_cast<float>(std::clamp((life - age) / 0.5, 0.0, 1.0));
    ImGui::SetNextWindowPos(ImVec2(state.sceneOrigin.x + state.sceneSize.x - pad, y), ImGuiCond_Always,
                            ImVec2(1, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(maxWidth, 1e6f));
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg,
                          t.error ? ImVec4(0.25f, 0.08f, 0.09f, 0.95f) : ImVec4(0.08f, 0.14f, 0.22f, 0.95f));
    ImGui::PushStyleColor(ImGuiCol_Border,
                          t.error ? ImVec4(0.9f, 0.35f, 0.35f, 0.8f) : ImVec4(0.35f, 0.72f, 1.0f, 0.6f));
    char id[32];
    std::snprintf(id, sizeof id, "##toast%d", i);
    if (ImGui::Begin(id, nullptr, kOverlayFlags)) {
      ImGui::PushTextWrapPos(maxWidth - ImGui::GetStyle().WindowPadding.x * 2);
      if (t.error) {
        ImGui::PushFont(uiFonts().bold);
        ImGui::TextUnformatted("Could not load");
        ImGui::PopFont();
      }
      ImGui::TextUnformatted(t.text.c_str());
      ImGui::PopTextWrapPos();
      if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0)) t.shownAt = now - life;  // click dismisses
      y -= ImGui::GetWindowHeight() + pad * 0.5f;
    }
    ImGui::End();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(3);
  }

  shapePrompt(state);
}

void drawHoverTooltip(const ViewerState& state) {
  if (!state.hover || !state.snapshot || state.flyMode || state.showHelp) return;
  const PickHit& hit = *state.hover;
  if (hit.layer < 0 || hit.layer >= static_cast<int>(state.snapshot->layers.size())) return;
  const Layer& layer = state.snapshot->layers[hit.layer];
  const float offset = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(state.hoverPixel.x + offset, state.hoverPixel.y + offset));
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 8));
  if (ImGui::Begin("##hover", nullptr,
                   kOverlayFlags | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_Tooltip)) {
    ImGui::PushFont(uiFonts().bold);
    ImGui::TextUnformatted(layer.name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", layerKindName(layer.kind));
    if (hit.cell.onTile()) {
      const Slab& slab = state.layout.slabs[hit.slab];
      if (slab.grid.flat)
        ImGui::Text("element %lld", valueIndex(slab.grid, hit.cell.channel, hit.cell.y, hit.cell.x));
      else
        ImGui::Text("channel %d   cell (y %d, x %d)", hit.cell.channel, hit.cell.y, hit.cell.x);
      const float v = valueAt(state, hit);
      if (!std::isnan(v)) {
        ImGui::PushFont(uiFonts().mono);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(uiColours::kWinner));
        ImGui::Text("value %.5g", v);
        ImGui::PopStyleColor();
        ImGui::PopFont();
      }
    } else {
      mutedText("%s", shapeText(layer.output.shape, "×", "-").c_str());
    }
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

}  // namespace convoscope
