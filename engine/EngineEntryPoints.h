#pragma once
// The engine as the convoscope binary reaches it. The binary links no torch: it opens libconvoscope-engine.so
// at run time (app/EngineLibrary.h), when a command or the viewer's worker first needs a model, and asks it
// for this table, the module's only exported symbol. Everything else the binary uses of the engine is either
// plain C++ in core/ or a virtual method of CaptureModel. Plain C++ header: no torch.
#include <cstdint>

#include "engine/Adversarial.h"
#include "engine/Attribution.h"
#include "engine/CaptureModel.h"
#include "engine/Evaluation.h"
#include "engine/FeatureCache.h"
#include "engine/SeriesModels.h"
#include "engine/TinyVggTrainer.h"
#include "engine/TopExampleCache.h"

namespace convoscope {

// Bumped with any change to the table below; a module built from other sources is refused by name.
constexpr uint32_t kEngineEntryPointsVersion = 1;

struct EngineEntryPoints {
  uint32_t version;
  uint32_t size;  // sizeof(EngineEntryPoints) in the module: a stale build cannot be misread
  decltype(&convoscope::drawSnapshotIdsFrom) drawSnapshotIdsFrom;
  decltype(&CaptureModel::load) loadModel;
  decltype(&convoscope::setModelLoaderProbe) setModelLoaderProbe;
  decltype(&convoscope::probeModelLoad) probeModelLoad;
  decltype(&convoscope::attack) attack;
  decltype(&convoscope::smallestFlippingEpsilon) smallestFlippingEpsilon;
  decltype(&convoscope::attribute) attribute;
  decltype(&convoscope::evaluateModel) evaluateModel;
  decltype(&convoscope::visualizeFeaturesCached) visualizeFeaturesCached;
  decltype(&convoscope::loadSeriesModels) loadSeriesModels;
  decltype(&convoscope::runSeries) runSeries;
  decltype(&convoscope::trainTinyVgg) trainTinyVgg;
  decltype(&convoscope::topExamplesCached) topExamplesCached;
};

}  // namespace convoscope

// The module's one export (engine/EngineModule.map).
extern "C" const convoscope::EngineEntryPoints* convoscope_engine_entry_points();
