#pragma once
// The attribution methods as the CLI, tours and the panel name them, in the panel's order, with their display
// titles. Its own file: the tour parser needs it without the rest of the heat-map code (fuzz_tour links it).
#include <string>
#include <vector>

namespace convoscope {

struct AttributionMethodName {
  const char* name;   // "gradcam"
  const char* title;  // "Grad-CAM"
};
const std::vector<AttributionMethodName>& attributionMethodNames();
// The title for a name ("ig" → "Integrated Gradients"); the name itself when unknown.
std::string attributionMethodTitle(const std::string& name);

}  // namespace convoscope
