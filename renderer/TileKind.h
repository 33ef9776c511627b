#pragma once
// What one tile instance shows. The tile shaders branch on it: the GLSL constants (TILE_HEAT_MAP, ...) are
// written from this one enum into every shader's preamble (renderer/ShaderProgram.cpp), so C++ and GLSL
// cannot drift apart.
#include <string>

namespace convoscope {

enum class TileKind : int {
  HeatMap = 0,        // a channel, colour-mapped through the LUT
  MeanHeatMap = 1,    // the far view: the channels' mean, colour-mapped
  RgbComposite = 2,   // the far view of an RGB input: three channels as one colour image
  TintedChannel = 3,  // one channel of an RGB input, tinted red, green or blue
  Grey = 4,           // one channel of a non-RGB input, in grey
};

// The value a tile instance's meta.z carries (the instance buffer holds floats).
inline float tileKindValue(TileKind kind) { return static_cast<float>(static_cast<int>(kind)); }
// Far-view images lie under the tiles and are drawn first.
inline bool isFarView(float kindValue) {
  return kindValue == tileKindValue(TileKind::MeanHeatMap) ||
         kindValue == tileKindValue(TileKind::RgbComposite);
}
// "const int TILE_HEAT_MAP = 0;\n..." for the shaders' preamble.
std::string tileKindGlsl();

}  // namespace convoscope
