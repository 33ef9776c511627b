#include "ui/PredictionsPanel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {
namespace {

// The class the heat maps on screen explain, if any.
std::optional<int> explainedClass(const ViewerState& state) {
  const AttributionState& a = state.attribution;
  if (!visibleHeat(state)) return std::nullopt;
  if (a.shownRequest.classIndex) return a.shownRequest.classIndex;
  const std::vector<ClassScore> top = state.snapshot->top(1);
  return top.empty() ? std::nullopt : std::optional<int>(top[0].index);
}

// Input B's probability for the same class, under A's bar (compare view).
void compareBar(const CompareResult& compared, int classIndex, float width, float barHeight) {
  const std::vector<float>& p = compared.b->probabilities;
  const float probability = classIndex < static_cast<int>(p.size()) ? p[classIndex] : 0.0f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  char percent[24];
  std::snprintf(percent, sizeof percent, "B %5.1f%%", 100.0f * probability);
  const float textWidth = ImGui::CalcTextSize(percent).x + ImGui::GetStyle().ItemSpacing.x;
  const float track = width - textWidth;
  draw->AddRectFilled(at, ImVec2(at.x + track, at.y + barHeight), IM_COL32(40, 47, 62, 255), barHeight * 0.5f);
  draw->AddRectFilled(at, ImVec2(at.x + std::max(barHeight, track * std::clamp(probability, 0.0f, 1.0f)), at.y + barHeight),
                      IM_COL32(255, 140, 64, 255), barHeight * 0.5f);
  draw->AddText(ImVec2(at.x + width - textWidth + ImGui::GetStyle().ItemSpacing.x,
                       at.y + barHeight * 0.5f - ImGui::GetTextLineHeight() * 0.5f),
                ImGui::GetColorU32(ImGuiCol_Text), percent);
  ImGui::Dummy(ImVec2(width, std::max(barHeight, ImGui::GetTextLineHeight()) + 2.0f));
}

}  // namespace

void drawPredictionsPanel(ViewerState& state, int k) {
  if (!state.snapshot || state.snapshot->probabilities.empty()) {
    mutedText("No class scores.");
    return;
  }
  const std::vector<ClassScore> top = state.snapshot->top(k);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  const float lineHeight = ImGui::GetTextLineHeight();
  const float barHeight = lineHeight * 0.45f;
  const std::optional<int> explained = explainedClass(state);
  const CompareResult* compared = visibleCompare(state);
  for (size_t i = 0; i < top.size(); ++i) {
    const ClassScore& c = top[i];
    const bool winner = i == 0;
    // The whole row is a button: "why this class?" (the heat maps show on the slabs).
    const ImVec2 rowStart = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable("##why", explained == c.index, ImGuiSelectableFlags_AllowItemOverlap,
                          ImVec2(width, lineHeight + barHeight + 2.0f)))
      askWhy(state, c.index);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Why %s? Show where the network found it", c.label.c_str());
    ImGui::PopID();
    ImGui::SetCursorScreenPos(rowStart);
    char percent[16];
    std::snprintf(percent, sizeof percent, "%5.1f%%", 100.0f * c.probability);
    if (winner) ImGui::PushFont(uiFonts().bold);
    ImGui::PushStyleColor(ImGuiCol_Text, winner ? ImGui::ColorConvertU32ToFloat4(uiColours::kWinner)
                                                : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::TextUnformatted(c.label.c_str());
    ImGui::PopStyleColor();
    const float percentWidth = ImGui::CalcTextSize(percent).x;
    ImGui::SameLine(width - percentWidth);
    ImGui::TextUnformatted(percent);
    if (winner) ImGui::PopFont();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw->AddRectFilled(p, ImVec2(p.x + width, p.y + barHeight), IM_COL32(40, 47, 62, 255), barHeight * 0.5f);
    const float filled = std::max(barHeight, width * std::clamp(c.probability, 0.0f, 1.0f));
    draw->AddRectFilled(p, ImVec2(p.x + filled, p.y + barHeight),
                        winner ? uiColours::kWinner : IM_COL32(107, 140, 199, 255), barHeight * 0.5f);
    ImGui::Dummy(ImVec2(width, barHeight + 2.0f));
    if (compared) compareBar(*compared, c.index, width, barHeight);
  }
  if (compared) mutedText("upper bars: A, lower bars: B");
}

}  // namespace convoscope
