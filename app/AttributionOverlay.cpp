#include "app/AttributionOverlay.h"


#include "app/AttributionImage.h"
#include "core/Errors.h"
#include "scene/SlabLayout.h"

namespace convoscope {
namespace {

HeatMap heatMapOf(const Attribution& a, int layer) {
  HeatMap map;
  map.layer = layer;
  map.rows = static_cast<int>(a.shape[a.shape.size() - 2]);
  map.cols = static_cast<int>(a.shape.back());
  map.values = heatPlane(a);
  return map;
}

void checkClass(const Snapshot& snapshot, int index, const std::string& modelPath) {
  const int classes = static_cast<int>(snapshot.logits.size());
  if (index < 0 || index >= classes)
    throw InputError(modelPath + ": class " + std::to_string(index) + " is out of range (the model has " +
                     std::to_string(classes) + " classes, 0.." + std::to_string(classes - 1) + ")");
}

// Layers whose slab shows a C×H×W output with H, W > 1 (not the input): where Grad-CAM can be drawn.
std::vector<int> spatialSlabLayers(const Snapshot& snapshot, const SceneLayout& layout) {
  std::vector<int> layers;
  for (const Slab& slab : layout.slabs) {
    const std::vector<int64_t>& shape = snapshot.layers[slab.displayLayer].output.shape;
    if (slab.displayLayer == 0 || shape.size() != 3 || shape[1] * shape[2] <= 1) continue;
    layers.push_back(slab.displayLayer);
  }
  return layers;
}

std::string overlayTitle(const Attribution& a, const Snapshot& snapshot) {
  std::string title = attributionMethodTitle(attributionMethodName(a.method)) + " · " + classNameOf(snapshot, a.target.classIndex);
  if (a.target.contrast) title += " − " + classNameOf(snapshot, *a.target.contrast);
  return title;
}

}  // namespace

std::string classNameOf(const Snapshot& snapshot, int index) {
  return index >= 0 && index < static_cast<int>(snapshot.classNames.size())
             ? snapshot.classNames[index]
             : "class " + std::to_string(index);
}

AttributionOptions attributionOptionsFor(const AttributionRequest& request, const Snapshot& snapshot,
                                         const std::string& modelPath) {
  AttributionOptions options;
  options.method = parseAttributionMethod(request.method);
  const std::vector<ClassScore> top = snapshot.top(1);
  options.target.classIndex = request.classIndex ? *request.classIndex : (top.empty() ? 0 : top[0].index);
  checkClass(snapshot, options.target.classIndex, modelPath);
  if (request.contrast) {
    checkClass(snapshot, *request.contrast, modelPath);
    options.target.contrast = *request.contrast;
  }
  if (!request.layer.empty()) {
    options.layer = snapshot.findLayer(request.layer);
    if (options.layer < 0)
      throw InputError(modelPath + ": no layer named '" + request.layer + "' (`convoscope inspect` lists them)");
  }
  return options;
}

AttributionOutcome computeAttributionOverlay(const CaptureModel& model, const Snapshot& snapshot,
                                             const AttributionRequest& request,
                                             const std::function<void(float)>& progress) {
  AttributionOptions options = attributionOptionsFor(request, snapshot, model.path());
  const bool gradCam = options.method == AttributionMethod::GradCam;
  const SceneLayout layout = layoutSlabs(snapshot);
  std::vector<int> extra;
  if (gradCam && request.everyLayer) extra = spatialSlabLayers(snapshot, layout);
  const float parts = 1.0f + static_cast<float>(extra.size());
  if (progress) options.progress = [&](float done) { progress(done / parts); };

  const std::vector<float>& input = snapshot.layers.at(0).output.data;
  AttributionOutcome out;
  out.attribution = attribute(model, input, snapshot, options);
  // The input slab always shows the map (Grad-CAM's is upsampled over the image, as in the paper).
  out.overlay.maps.push_back(heatMapOf(out.attribution, 0));
  // A Grad-CAM map also lies on its own layer's slab, unless every slab gets its own map anyway.
  const int ownSlab = gradCam ? layout.slabForLayer(out.attribution.layer) : -1;
  bool ownSlabCovered = false;
  for (int layer : extra) ownSlabCovered = ownSlabCovered || layout.slabForLayer(layer) == ownSlab;
  if (ownSlab >= 0 && !ownSlabCovered) out.overlay.maps.push_back(heatMapOf(out.attribution, out.attribution.layer));
  for (size_t i = 0; i < extra.size(); ++i) {
    AttributionOptions at = options;
    at.layer = extra[i];
    at.progress = progress ? [&, i](float done) { progress((1.0f + i + done) / parts); }
                           : std::function<void(float)>();
    out.layerMaps.push_back(attribute(model, input, snapshot, at));
    out.overlay.maps.push_back(heatMapOf(out.layerMaps.back(), extra[i]));
  }
  out.overlay.id = newHeatOverlayId();
  out.overlay.title = overlayTitle(out.attribution, snapshot);
  if (progress) progress(1.0f);
  return out;
}

}  // namespace convoscope
