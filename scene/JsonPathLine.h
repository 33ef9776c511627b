#pragma once
// Finds where a value sits in JSON text, for error messages: nlohmann::json keeps no line numbers, so the
// (already valid) text is scanned again along the path.
#include <string>
#include <vector>

namespace convoscope {

// The line (1-based) of the value at `path` (object keys and array indices as text, outermost first), or of
// its key inside an object; 0 when the path is not in the text. An empty path is the root value.
int jsonPathLine(const std::string& text, const std::vector<std::string>& path);

}  // namespace convoscope
