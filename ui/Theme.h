#pragma once
// The viewer's ImGui look: a dark theme matching the renderer's backdrop, and DejaVu fonts sized for the
// display's content scale (crisp on a 4K projector as on a laptop).
struct ImFont;

#include "ui/LectureSettings.h"

namespace convoscope {

struct UiFonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* mono = nullptr;   // numbers in tables
  ImFont* large = nullptr;  // headings
};

// Loads the fonts into ImGui's atlas (before the renderer backend builds it) and styles every widget.
// `scale` is the monitor's content scale (1 on a 96-dpi display).
// The light high-contrast theme (for washed-out projectors) uses black text on white panels. Call again (with
// the renderer backend's font texture rebuilt after) to change the theme or the scale.
UiFonts setUpTheme(float scale, UiTheme theme = UiTheme::Dark);
const UiFonts& uiFonts();

// Palette shared by the panels.
namespace uiColours {
constexpr unsigned kAccent = 0xFFFFB85A;  // ABGR: the selection blue of the renderer (#5AB8FF)
constexpr unsigned kWinner = 0xFF47B8FF;  // ABGR: orange (#FFB847), the winning class
constexpr unsigned kMuted = 0xFFA8988A;   // ABGR: secondary text
constexpr unsigned kError = 0xFF6B6BFF;   // ABGR: red
}  // namespace uiColours

}  // namespace convoscope
