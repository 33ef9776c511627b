#include "ui/InputPanel.h"

#include <epoxy/gl.h>
#include <imgui.h>
#include <imgui_stdlib.h>
#include <stb_image.h>

#include <algorithm>
#include <map>

#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {

namespace {

// Small GL textures for the sample thumbnails, decoded once per path. (Panel-local: these are UI widgets, not
// scene data, so they stay out of the renderer.)
struct Thumbnail {
  unsigned texture = 0;
  int width = 0, height = 0;
  bool failed = false;
};
std::map<std::string, Thumbnail>& thumbnails() {
  static std::map<std::string, Thumbnail> cache;
  return cache;
}

const Thumbnail& thumbnailFor(const std::string& path) {
  auto& cache = thumbnails();
  auto it = cache.find(path);
  if (it != cache.end()) return it->second;
  Thumbnail t;
  int channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &t.width, &t.height, &channels, 4);
  if (!pixels) {
    t.failed = true;
  } else {
    glGenTextures(1, &t.texture);
    glBindTexture(GL_TEXTURE_2D, t.texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, t.width, t.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    // Nearest: these are tiny images (28x28 digits) and look right as crisp pixels.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    stbi_image_free(pixels);
  }
  return cache.emplace(path, t).first->second;
}

bool focusPathField = false;
std::string pathField;

bool imageButton(const std::string& path, float side, bool current) {
  const Thumbnail& t = thumbnailFor(path);
  ImGui::PushID(path.c_str());
  bool clicked = false;
  if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.35f, 0.72f, 1.0f, 1.0f));
  if (t.failed) {
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

void focusOpenPathField() { focusPathField = true; }

void releaseInputPanelTextures() {
  for (auto& entry : thumbnails())
    if (entry.second.texture) glDeleteTextures(1, &entry.second.texture);
  thumbnails().clear();
}

void drawInputPanel(ViewerState& state) {
  const float scale = ImGui::GetFontSize() / 16.0f;
  if (!state.imagePath.empty()) {
    const float side = 64.0f * scale;
    imageButton(state.imagePath, side, false);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushFont(uiFonts().bold);
    ImGui::TextUnformatted(fileName(state.imagePath).c_str());
    ImGui::PopFont();
    if (state.snapshot) mutedText("resized to %s", shapeText(state.snapshot->inputShape).c_str());
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
      if (imageButton(path, side, path == state.imagePath))
        requestLoad(state, LoadRequest{"", path, std::nullopt});
    }
  }

  ImGui::Spacing();
  mutedText("Open a file, or drop one on the window:");
  if (focusPathField) {
    ImGui::SetKeyboardFocusHere();
    focusPathField = false;
  }
  const float buttonWidth = ImGui::CalcTextSize("Open").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - buttonWidth - ImGui::GetStyle().ItemSpacing.x);
  const bool entered = ImGui::InputTextWithHint("##path", "/path/to/image.png or model.pt", &pathField,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || entered) && !pathField.empty()) {
    openPath(state, pathField);
    pathField.clear();
  }
}

}  // namespace convoscope
