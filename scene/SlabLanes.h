#pragma once
// Long networks wrap into lanes, like lines of text: every lane starts at z = 0 and flows along +Z, and each
// lane sits below the one before it (in -Y), far enough that the two never overlap in the overview's
// three-quarter view. A lane ends only after a depth level holding one slab, and no connection passes over
// that break but from that slab: the link to the next lane is a single line (a carriage return under the
// lane), and a skip connection from the slab (a ResNet block's identity) rides along it and enters the next
// lane as an arc over the slabs it skips there.
#include <functional>
#include <vector>

#include "scene/SlabLayout.h"

namespace convoscope {

// A connection between two depth levels (from < to): an edge when they are adjacent, an arc otherwise.
struct LevelLink {
  int from = 0, to = 0;
};

// How far past a lane's last slab, and before its first, the way between lanes turns.
float laneEntryReach(const LayoutOptions& options);

// breaks[L]: a lane may end after level L (one slab there; every connection leaving a level <= L for one
// > L leaves from L). The last level is never a break.
std::vector<bool> cleanBreaks(const std::vector<int>& slabsPerLevel, const std::vector<LevelLink>& links);

// The first level of each of `lanes` lanes, chosen among the breaks so that the longest lane is as short as
// possible. `stepAfter[L]` is the Z distance from level L to level L + 1; `tail` is what the last lane
// carries past its last level (the prediction panel). Returns fewer lanes when there are not enough breaks;
// {0} for one lane.
std::vector<int> balanceLanes(const std::vector<float>& stepAfter, const std::vector<bool>& breaks, int lanes,
                              float tail = 0.0f);

// Improves lane starts by moving one at a time to a neighbouring allowed start (`allowed`: the levels a lane
// may start at, ascending) while `score` rises; a few rounds at most. Keeps the lane count.
std::vector<int> nudgeLaneStarts(std::vector<int> starts, const std::vector<int>& allowed,
                                 const std::function<float(const std::vector<int>&)>& score);

// Moves lane k (its slabs, labels and arcs — an arc belongs to the lane it ends in —, laid out lane-local
// around y = 0) down below lane k - 1, by as
// little as keeps the two apart on screen in the overview's view direction, and routes the links between
// lanes (SceneLayout::laneLinks). Slabs must carry their lane.
void stackLanes(SceneLayout& layout, const LayoutOptions& options);

}  // namespace convoscope
