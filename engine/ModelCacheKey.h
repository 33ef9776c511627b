#pragma once
// The part of a disk-cache key (core/ResultCache.h) that names the model: its file's content hash, its input
// shape and normalization. Feature visualizations and top dataset examples both start their keys with it.
#include <cstdint>
#include <string>

#include "engine/CaptureModel.h"

namespace convoscope {

std::string modelCacheKey(const CaptureModel& model, uint64_t modelHash);

}  // namespace convoscope
