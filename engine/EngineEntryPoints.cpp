#include "engine/EngineEntryPoints.h"

// Compiled into both engine libraries; only libconvoscope-engine.so exports it (engine/EngineModule.map).
extern "C" const convoscope::EngineEntryPoints* convoscope_engine_entry_points() {
  using namespace convoscope;
  static const EngineEntryPoints table{kEngineEntryPointsVersion,
                                       static_cast<uint32_t>(sizeof(EngineEntryPoints)),
                                       &drawSnapshotIdsFrom,
                                       &CaptureModel::load,
                                       &setModelLoaderProbe,
                                       &probeModelLoad,
                                       &attack,
                                       &smallestFlippingEpsilon,
                                       &attribute,
                                       &evaluateModel,
                                       &visualizeFeaturesCached,
                                       &loadSeriesModels,
                                       &runSeries,
                                       &trainTinyVgg,
                                       &topExamplesCached};
  return &table;
}
