#include "renderer/TileKind.h"

namespace convoscope {

std::string tileKindGlsl() {
  const std::pair<const char*, TileKind> kinds[] = {{"TILE_HEAT_MAP", TileKind::HeatMap},
                                                    {"TILE_MEAN_HEAT_MAP", TileKind::MeanHeatMap},
                                                    {"TILE_RGB_COMPOSITE", TileKind::RgbComposite},
                                                    {"TILE_TINTED_CHANNEL", TileKind::TintedChannel},
                                                    {"TILE_GREY", TileKind::Grey}};
  std::string text;
  for (const auto& [name, kind] : kinds)
    text += std::string("const int ") + name + " = " + std::to_string(static_cast<int>(kind)) + ";\n";
  return text;
}

}  // namespace convoscope
