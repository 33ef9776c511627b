#include "ui/PanelWidgets.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdarg>
#include <cstdio>
#include <filesystem>

#include "scene/FormulaRuns.h"
#include "ui/Theme.h"

namespace convoscope {

void formulaText(const std::string& formula) {
  struct Piece {
    std::string text;
    bool subscript;
  };
  // Words (split at spaces) made of pieces, so that a subscript stays with its symbol when wrapping.
  std::vector<std::vector<Piece>> words(1);
  for (const FormulaRun& run : formulaRuns(formula))
    for (size_t at = 0; at <= run.text.size();) {
      const size_t space = run.text.find(' ', at);
      const size_t end = space == std::string::npos ? run.text.size() : space;
      if (end > at) words.back().push_back({run.text.substr(at, end - at), run.subscript});
      if (space == std::string::npos) break;
      if (!words.back().empty()) words.emplace_back();
      at = space + 1;
    }
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize(), subSize = size * 0.72f, lineHeight = size * 1.3f;
  const float wrap = std::max(ImGui::GetContentRegionAvail().x, size * 4.0f);
  const float spaceWidth = font->CalcTextSizeA(size, FLT_MAX, 0.0f, " ").x;
  auto widthOf = [&](const Piece& p) {
    return font->CalcTextSizeA(p.subscript ? subSize : size, FLT_MAX, 0.0f, p.text.c_str()).x;
  };
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
  float x = 0.0f, y = 0.0f;
  for (const auto& word : words) {
    if (word.empty()) continue;
    float width = 0.0f;
    for (const Piece& p : word) width += widthOf(p);
    if (x > 0.0f && x + width > wrap) x = 0.0f, y += lineHeight;
    for (const Piece& p : word) {
      const ImVec2 at(origin.x + x, origin.y + y + (p.subscript ? size * 0.42f : 0.0f));
      draw->AddText(font, p.subscript ? subSize : size, at, colour, p.text.c_str());
      x += widthOf(p);
    }
    x += spaceWidth;
  }
  ImGui::Dummy(ImVec2(wrap, y + lineHeight));
}

void sectionHeading(const char* text) {
  ImGui::PushFont(uiFonts().bold);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y - 3),
                                      ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y - 3),
                                      ImGui::GetColorU32(ImGuiCol_Separator));
  ImGui::Dummy(ImVec2(0, 1));
}

void mutedText(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrappedV(fmt, args);
  ImGui::PopStyleColor();
  va_end(args);
}

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace convoscope
