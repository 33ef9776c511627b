#pragma once
// Writes a whole file so that it is either all there or not changed: a hidden temporary beside it, every
// write checked, fsync, then a rename into place. A reader never sees half a file, a full disk never leaves a
// truncated one under the final name, and an existing file keeps its permissions.
#include <cstddef>
#include <string>

namespace convoscope {

// Throws std::runtime_error "PATH: cannot write WHAT (reason)"; the old file, if any, is left as it was.
void writeFileAtomically(const std::string& path, const void* data, size_t size, const std::string& what);
inline void writeFileAtomically(const std::string& path, const std::string& bytes, const std::string& what) {
  writeFileAtomically(path, bytes.data(), bytes.size(), what);
}

}  // namespace convoscope
