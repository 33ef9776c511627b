#include "ui/InputPanel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "renderer/ThumbnailTextures.h"
#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {

namespace {

// A sample as a thumbnail button ("?" when it cannot be read or no thumbnail service is attached).
bool imageButton(ViewerState& state, const std::string& path, float side, bool current) {
  const Thumbnail t = state.thumbnails ? state.thumbnails->get(path) : Thumbnail{};
  ImGui::PushID(path.c_str());
  bool clicked = false;
  if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.35f, 0.72f, 1.0f, 1.0f));
  if (t.failed()) {
    clicked = ImGui::Button("?", ImVec2(side, side));
  } else {
    const float aspect = t.height > 0 ? float(t.width) / float(t.height) : 1.0f;
    const ImVec2 size = aspect >= 1 ? ImVec2(side, side / aspect) : ImVec2(side * aspect, side);
    clicked = ImGui::ImageButton(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(t.texture)), size,
                                 ImVec2(0, 0), ImVec2(1, 1), 2);
  }
  if (current) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", fileName(path).c_str());
  ImGui::PopID();
  return clicked;
}

}  // namespace

void focusOpenPathField(ViewerState& state) { state.panels.input.focusPathField = true; }

void drawInputPanel(ViewerState& state) {
  const float scale = ImGui::GetFontSize() / 16.0f;
  if (!state.imagePath.empty()) {
    const float side = 64.0f * scale;
    imageButton(state, state.imagePath, side, false);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushFont(uiFonts().bold);
    ImGui::TextUnformatted(fileName(state.imagePath).c_str());
    ImGui::PopFont();
    if (state.snapshot) mutedText("resized to %s", shapeText(state.snapshot->inputShape, "×", "-").c_str());
    ImGui::EndGroup();
  }

  if (!state.samplePaths.empty()) {
    ImGui::Spacing();
    mutedText("Samples: click to run");
    const float side = 38.0f * scale;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const int perRow = std::max(1, static_cast<int>((avail + spacing) / (side + 4 + spacing)));
    for (size_t i = 0; i < state.samplePaths.size(); ++i) {
      if (i % perRow != 0) ImGui::SameLine();
      const std::string& path = state.samplePaths[i];
      if (imageButton(state, path, side, path == state.imagePath))
        requestLoad(state, LoadRequest{"", path, std::nullopt});
    }
  }

  ImGui::Spacing();
  mutedText("Open a file, or drop one on the window:");
  InputPanelMemory& memory = state.panels.input;
  if (memory.focusPathField) {
    ImGui::SetKeyboardFocusHere();
    memory.focusPathField = false;
  }
  const float buttonWidth = ImGui::CalcTextSize("Open").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - buttonWidth - ImGui::GetStyle().ItemSpacing.x);
  const bool entered = ImGui::InputTextWithHint("##path", "/path/to/image.png or model.pt", &memory.pathField,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || entered) && !memory.pathField.empty()) {
    openPath(state, memory.pathField);
    memory.pathField.clear();
  }
}

}  // namespace convoscope
