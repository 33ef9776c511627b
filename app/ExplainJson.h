#pragma once
// The JSON contract of `explain --json` (DESIGN.md): every term, however large the fan-in.
#include <nlohmann/json.hpp>

#include "engine/Explain.h"

namespace convoscope {

nlohmann::json explainJson(const Explanation& explanation);

}  // namespace convoscope
