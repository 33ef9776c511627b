#include "scene/AttributionMethods.h"

namespace convoscope {

const std::vector<AttributionMethodName>& attributionMethodNames() {
  static const std::vector<AttributionMethodName> names = {{"gradcam", "Grad-CAM"},
                                                           {"saliency", "Saliency"},
                                                           {"smoothgrad", "SmoothGrad"},
                                                           {"ig", "Integrated Gradients"},
                                                           {"occlusion", "Occlusion"}};
  return names;
}

std::string attributionMethodTitle(const std::string& name) {
  for (const AttributionMethodName& m : attributionMethodNames())
    if (name == m.name) return m.title;
  return name;
}

}  // namespace convoscope
