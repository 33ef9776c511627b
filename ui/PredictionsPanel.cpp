#include "ui/PredictionsPanel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {

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
  for (size_t i = 0; i < top.size(); ++i) {
    const ClassScore& c = top[i];
    const bool winner = i == 0;
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
  }
}

}  // namespace convoscope
