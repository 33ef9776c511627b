#include "engine/ModelCacheKey.h"

#include <sstream>

#include "core/ResultCache.h"

namespace convoscope {

std::string modelCacheKey(const CaptureModel& model, uint64_t modelHash) {
  std::ostringstream key;
  key << "model " << hexText(modelHash) << "|input";
  for (int64_t d : model.metadata().inputShape) key << ' ' << d;
  key << "|mean";
  for (float v : model.metadata().normalization.mean) key << ' ' << v;
  key << "|std";
  for (float v : model.metadata().normalization.std) key << ' ' << v;
  return key.str();
}

}  // namespace convoscope
