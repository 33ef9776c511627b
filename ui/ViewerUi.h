#pragma once
// The viewer's whole ImGui frame: a left column (model, input), a right column (predictions, inspector, view
// settings), the help, status overlay and hover tooltip. It decides the 3D view's rectangle between the
// columns.
#include "ui/ViewerState.h"

namespace convoscope {

// Call between ImGui::NewFrame() and ImGui::Render(). `windowSize` in window pixels.
void drawViewerUi(ViewerState& state, const glm::vec2& windowSize, double now);
// The 3D view's rectangle for a window size (sets state.sceneOrigin/sceneSize); drawViewerUi calls it too.
void placeScene(ViewerState& state, const glm::vec2& windowSize);

}  // namespace convoscope
