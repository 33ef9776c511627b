#pragma once
// The attribution methods by name (engine/Attribution.h computes them): plain C++, so the command line and the
// viewer can name and parse a method without opening the engine.
#include <string>

namespace convoscope {

enum class AttributionMethod { GradCam, Saliency, SmoothGrad, IntegratedGradients, Occlusion };

// "gradcam", "saliency", "smoothgrad", "ig", "occlusion".
const char* attributionMethodName(AttributionMethod method);
// Throws InputError listing the methods for an unknown name.
AttributionMethod parseAttributionMethod(const std::string& name);

}  // namespace convoscope
