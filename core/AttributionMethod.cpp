#include "core/AttributionMethod.h"

#include "core/Errors.h"

namespace convoscope {
namespace {

struct MethodName {
  AttributionMethod method;
  const char* name;
};
const MethodName kMethods[] = {{AttributionMethod::GradCam, "gradcam"},
                               {AttributionMethod::Saliency, "saliency"},
                               {AttributionMethod::SmoothGrad, "smoothgrad"},
                               {AttributionMethod::IntegratedGradients, "ig"},
                               {AttributionMethod::Occlusion, "occlusion"}};

}  // namespace

const char* attributionMethodName(AttributionMethod method) {
  for (const MethodName& m : kMethods)
    if (m.method == method) return m.name;
  return "?";
}

AttributionMethod parseAttributionMethod(const std::string& name) {
  for (const MethodName& m : kMethods)
    if (name == m.name) return m.method;
  throw InputError("--method " + name + ": unknown; one of gradcam, saliency, smoothgrad, ig, occlusion");
}

}  // namespace convoscope
