#pragma once
// The JSON contracts of the CLI (DESIGN.md): `inspect --json`, and the prediction object other commands share.
#include <nlohmann/json.hpp>

#include "core/Snapshot.h"

namespace convoscope {

nlohmann::json inspectJson(const Snapshot& snapshot);
// The top prediction: {"class": index, "label": name, "probability": p} (compare, attack).
nlohmann::json predictionJson(const Snapshot& snapshot);

}  // namespace convoscope
