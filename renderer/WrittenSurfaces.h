#pragma once
// Flat surfaces with writing on them (the computation view's card, the playground's plates) drawn in 3 calls:
// quads, then lines and text on them, all depth-tested against what is already drawn, premultiplied blending.
// With `quadsWriteDepth` the quads also write depth (pushed back a little so the writing on them never
// z-fights with them), hiding lines that pass behind them — right for the playground's plates, which stand
// apart; wrong for the computation view, whose cells lie a hair above its card at any scale (they would
// fight). `linesUnder`, when given, is drawn first, so that the quads cover the parts of it they stand in
// front of. The caller sets the viewport (and clears, if it owns the frame).
#include <glm/glm.hpp>

namespace convoscope {

class LineBatch;
class QuadBatch;
class TextBatch;

int drawWrittenSurfaces(QuadBatch& quads, LineBatch& lines, TextBatch& text, const glm::mat4& viewProjection,
                        const glm::vec2& viewportPixels, bool quadsWriteDepth,
                        LineBatch* linesUnder = nullptr);

}  // namespace convoscope
