#pragma once
// The engine, opened at run time. The convoscope binary links no torch: libtorch's load and static operator
// registration cost ~0.7 s and ~160 MiB before main(), which no window, --help or tour check should wait for.
// libconvoscope-engine.so (beside the executable) is opened the first time a model is needed — by a command,
// or by the viewer's worker thread once the window is up — and the engine functions the binary calls are
// forwarded to it (app/EngineForwarders.cpp).
#include <string>

#include "engine/EngineEntryPoints.h"

namespace convoscope {

// Opens the engine on the first call (thread-safe) and returns its table. Throws std::runtime_error naming the
// module and the reason when it cannot be opened or was built from other sources (and again on later calls),
// and when CONVOSCOPE_NO_ENGINE=1 (what the start-up cache can show without it: tests, diagnosis).
const EngineEntryPoints& engineEntryPoints();

// The module's path: $CONVOSCOPE_ENGINE_LIBRARY, else libconvoscope-engine.so beside the executable.
std::string engineLibraryPath();

}  // namespace convoscope
