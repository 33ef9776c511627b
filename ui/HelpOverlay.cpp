#include "ui/HelpOverlay.h"

#include <imgui.h>

#include <cstring>

#include "ui/InputMapping.h"
#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {

void drawHelpOverlay(ViewerState& state) {
  if (!state.showHelp) return;
  const ImVec2 centre(state.sceneOrigin.x + state.sceneSize.x * 0.5f,
                      state.sceneOrigin.y + state.sceneSize.y * 0.5f);
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.97f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 10.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(22, 18));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove;
  if (ImGui::Begin("##help", &state.showHelp, flags)) {
    ImGui::PushFont(uiFonts().large);
    ImGui::TextUnformatted("Keys and mouse");
    ImGui::PopFont();
    const char* group = nullptr;
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
      for (const Binding& b : bindings()) {
        if (!group || std::strcmp(group, b.group) != 0) {
          group = b.group;
          ImGui::TableNextRow();
          ImGui::TableSetColumnIndex(0);
          ImGui::Dummy(ImVec2(0, 4));
          ImGui::PushFont(uiFonts().bold);
          ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(uiColours::kAccent));
          ImGui::TextUnformatted(group);
          ImGui::PopStyleColor();
          ImGui::PopFont();
        }
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushFont(uiFonts().mono);
        ImGui::TextUnformatted(b.keys);
        ImGui::PopFont();
        ImGui::TableSetColumnIndex(1);
        ImGui::Dummy(ImVec2(12, 0));
        ImGui::SameLine();
        ImGui::TextUnformatted(b.action);
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
    mutedText("Esc or F1 closes this.");
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

}  // namespace convoscope
