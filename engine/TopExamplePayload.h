#pragma once
// How one layer's top examples are stored in the disk cache (engine/TopExampleCache.h): text, one
// "channel count" line per channel and one "index label value y x" line per example. Apart from the cache so
// the fuzzer (fuzz/fuzz_result_cache.cpp) can reach the parser without torch.
#include <optional>
#include <string>

#include "engine/TopExamples.h"

namespace convoscope {

std::string encodeTopExamples(const LayerExamples& examples);
// nullopt for anything malformed (a stale or corrupt cache file is then recomputed).
std::optional<LayerExamples> decodeTopExamples(const std::string& text, int layer);

}  // namespace convoscope
