#pragma once
// The cut-away: with a slab selected, the slabs between it and the eye are drawn as faint outlines only, so
// later layers never hide the selection (ViewOptions::cutAwayInFront; the viewer's F key and `shot --focus`
// rely on it). Drawing and picking both ask this one function, so a click through a ghost reaches what is
// visible behind it.
#include <glm/glm.hpp>
#include <vector>

#include "scene/Selection.h"
#include "scene/SlabLayout.h"

namespace convoscope {

// One flag per slab of `layout`: true when it is cut away (ghosted) for a camera at `eye`. All false when
// `enabled` is false, nothing is selected, or the eye is behind the selected slab's front face.
std::vector<bool> cutAwaySlabs(const SceneLayout& layout, const Selection& selection, const glm::vec3& eye,
                               bool enabled);

}  // namespace convoscope
