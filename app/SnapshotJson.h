#pragma once
// The JSON contracts of the CLI (DESIGN.md): `inspect --json`.
#include <nlohmann/json.hpp>

#include "core/Snapshot.h"

namespace convoscope {

nlohmann::json inspectJson(const Snapshot& snapshot);

}  // namespace convoscope
