#pragma once
// Checks a tour against the model it is shown on: every focus names a displayed layer, and its channel and
// cell exist. Mistakes become one InputError naming the step and listing the closest valid names.
#include <string>
#include <vector>

#include "core/Snapshot.h"
#include "scene/SlabLayout.h"
#include "scene/Tour.h"

namespace convoscope {

// Throws InputError: "tour.json: step 4: no layer named 'conv_1_3'; did you mean conv_1_1, conv_1_2,
// conv_2_1?"
void validateTour(const Tour& tour, const Snapshot& snapshot, const SceneLayout& layout,
                  const std::string& sourceName = "tour");

// Every checkpoint step's index is one of the series' `checkpointCount`. Throws InputError: "tour.json: step 27:
// checkpoint 20 is past the series' last (15)".
void validateTourSeries(const Tour& tour, int checkpointCount, const std::string& sourceName = "tour");

// Up to `count` candidates closest to `name` by edit distance (case-insensitive), closest first.
std::vector<std::string> closestNames(const std::string& name, const std::vector<std::string>& candidates,
                                      size_t count = 3);

}  // namespace convoscope
