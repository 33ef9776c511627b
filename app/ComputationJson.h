#pragma once
// The JSON contract of `explain --json` (DESIGN.md): every term, however large the fan-in.
#include <nlohmann/json.hpp>

#include "core/Computation.h"

namespace convoscope {

nlohmann::json computationJson(const Computation& explanation);

}  // namespace convoscope
