#pragma once
// Flat surfaces with writing on them (the math view's card, the playground's plates) drawn in 3 calls:
// the quads write depth, pushed back a little, so that the lines and text on them never z-fight with them
// and what lies behind them is hidden; then lines and text, depth-tested but not written. Premultiplied
// blending throughout. The caller sets the viewport (and clears, if it owns the frame).
#include <glm/glm.hpp>

namespace convoscope {

class LineBatch;
class QuadBatch;
class TextBatch;

int drawWrittenSurfaces(QuadBatch& quads, LineBatch& lines, TextBatch& text, const glm::mat4& viewProjection,
                        const glm::vec2& viewportPixels);

}  // namespace convoscope
