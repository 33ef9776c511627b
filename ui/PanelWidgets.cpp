#include "ui/PanelWidgets.h"

#include <imgui.h>

#include <cstdarg>
#include <cstdio>
#include <filesystem>

#include "ui/Theme.h"

namespace convoscope {

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

std::string shapeText(const std::vector<int64_t>& shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "\xC3\x97" : "") + std::to_string(shape[i]);
  return s.empty() ? "-" : s;
}

std::string countText(int64_t n) {
  char buffer[32];
  if (n >= 10'000'000)
    std::snprintf(buffer, sizeof buffer, "%.1f M", n / 1e6);
  else if (n >= 10'000)
    std::snprintf(buffer, sizeof buffer, "%.1f k", n / 1e3);
  else
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(n));
  return buffer;
}

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace convoscope
