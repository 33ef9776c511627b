#include "ui/Theme.h"

#include <imgui.h>

#include <filesystem>

namespace convoscope {

namespace {
UiFonts gFonts;
constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

ImFont* addFont(const char* file, float pixels) {
  const std::string path = std::string(kFontDir) + file;
  if (!std::filesystem::exists(path)) return nullptr;
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 2;
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2190, 0x21FF, 0x2200,
                                   0x22FF, 0x2022, 0x2026, 0x25A0, 0x25FF, 0};
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), pixels, &config, ranges);
}
}  // namespace

const UiFonts& uiFonts() { return gFonts; }

UiFonts setUpTheme(float scale, UiTheme theme) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float base = 16.0f * scale;
  gFonts.regular = addFont("DejaVuSans.ttf", base);
  if (!gFonts.regular) gFonts.regular = io.Fonts->AddFontDefault();
  gFonts.bold = addFont("DejaVuSans-Bold.ttf", base);
  gFonts.mono = addFont("DejaVuSansMono.ttf", base * 0.94f);
  gFonts.large = addFont("DejaVuSans-Bold.ttf", base * 1.3f);
  if (!gFonts.bold) gFonts.bold = gFonts.regular;
  if (!gFonts.mono) gFonts.mono = gFonts.regular;
  if (!gFonts.large) gFonts.large = gFonts.bold;
  io.FontDefault = gFonts.regular;

  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0.0f;
  style.ChildRounding = 6.0f;
  style.FrameRounding = 5.0f;
  style.PopupRounding = 6.0f;
  style.GrabRounding = 5.0f;
  style.TabRounding = 5.0f;
  style.ScrollbarRounding = 6.0f;
  style.WindowBorderSize = 0.0f;
  style.FrameBorderSize = 0.0f;
  style.PopupBorderSize = 1.0f;
  style.WindowPadding = ImVec2(14, 12);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 7);
  style.ItemInnerSpacing = ImVec2(6, 5);
  style.IndentSpacing = 14.0f;
  style.ScrollbarSize = 12.0f;
  style.GrabMinSize = 10.0f;

  ImVec4* c = style.Colors;
  const ImVec4 panel(0.075f, 0.085f, 0.11f, 1.00f);
  const ImVec4 frame(0.13f, 0.15f, 0.19f, 1.00f);
  const ImVec4 accent(0.35f, 0.72f, 1.00f, 1.00f);
  c[ImGuiCol_Text] = ImVec4(0.90f, 0.92f, 0.96f, 1.00f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.50f, 0.55f, 0.63f, 1.00f);
  c[ImGuiCol_WindowBg] = panel;
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = ImVec4(0.09f, 0.10f, 0.13f, 0.97f);
  c[ImGuiCol_Border] = ImVec4(0.22f, 0.25f, 0.32f, 0.60f);
  c[ImGuiCol_FrameBg] = frame;
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.17f, 0.20f, 0.26f, 1.00f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.20f, 0.24f, 0.31f, 1.00f);
  c[ImGuiCol_TitleBg] = panel;
  c[ImGuiCol_TitleBgActive] = panel;
  c[ImGuiCol_MenuBarBg] = panel;
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = ImVec4(0.22f, 0.25f, 0.31f, 1.00f);
  c[ImGuiCol_ScrollbarGrabHovered] = ImVec4(0.28f, 0.32f, 0.40f, 1.00f);
  c[ImGuiCol_ScrollbarGrabActive] = ImVec4(0.32f, 0.37f, 0.46f, 1.00f);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = ImVec4(0.35f, 0.62f, 0.90f, 1.00f);
  c[ImGuiCol_SliderGrabActive] = accent;
  c[ImGuiCol_Button] = frame;
  c[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.27f, 0.37f, 1.00f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.22f, 0.36f, 0.52f, 1.00f);
  c[ImGuiCol_Header] = ImVec4(0.16f, 0.25f, 0.36f, 1.00f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.18f, 0.28f, 0.40f, 1.00f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.21f, 0.34f, 0.50f, 1.00f);
  c[ImGuiCol_Separator] = ImVec4(0.20f, 0.23f, 0.29f, 1.00f);
  c[ImGuiCol_Tab] = frame;
  c[ImGuiCol_TabHovered] = ImVec4(0.20f, 0.30f, 0.42f, 1.00f);
  c[ImGuiCol_TabActive] = ImVec4(0.18f, 0.28f, 0.40f, 1.00f);
  c[ImGuiCol_PlotHistogram] = ImVec4(0.35f, 0.62f, 0.90f, 1.00f);
  c[ImGuiCol_PlotHistogramHovered] = accent;
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.11f, 0.13f, 0.17f, 1.00f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(1.0f, 1.0f, 1.0f, 0.025f);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.45f);
  if (theme == UiTheme::LightHighContrast) {
    // Black on white with firm outlines: survives a projector's washed-out blacks and low contrast.
    ImGui::StyleColorsLight(&style);
    const ImVec4 ink(0.0f, 0.0f, 0.0f, 1.0f), deep(0.0f, 0.25f, 0.65f, 1.0f);
    c[ImGuiCol_Text] = ink;
    c[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.28f, 1.0f);
    c[ImGuiCol_WindowBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.98f);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.55f);
    c[ImGuiCol_FrameBg] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.86f, 0.88f, 0.92f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.72f, 0.82f, 0.96f, 1.0f);
    c[ImGuiCol_CheckMark] = deep;
    c[ImGuiCol_SliderGrab] = deep;
    c[ImGuiCol_Header] = ImVec4(0.70f, 0.80f, 0.95f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.86f, 0.88f, 0.92f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.70f, 0.80f, 0.95f, 1.0f);
    c[ImGuiCol_PlotHistogram] = deep;
    style.FrameBorderSize = 1.0f;
  }
  style.ScaleAllSizes(scale);
  return gFonts;
}

}  // namespace convoscope
