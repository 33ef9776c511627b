#pragma once
// GL debug output (KHR_debug): counts errors so tests can assert a frame produced none.
#include <cstdint>
#include <string>

namespace convoscope {

// Installs the debug-output callback on the current context (no-op where KHR_debug is missing).
// Errors are counted and the first few are printed to stderr; other messages are ignored.
void enableGlDebugOutput();
uint64_t glDebugErrorCount();
std::string lastGlDebugError();
// True in debug builds, or when CONVOSCOPE_GL_DEBUG=1 is set (tests set it).
bool debugOutputRequested();

}  // namespace convoscope
