#pragma once
// "Why this class?": attribution maps for one input and one class score (the logit; minus another class's in
// contrast mode), computed with libtorch autograd on the captured graph (engine/CaptureGradients.cpp):
//   Grad-CAM      ReLU(Σ_k w_k A_k) at a layer's own H×W, w_k = mean_{h,w} ∂y/∂A_k
//   saliency      max over input channels of |∂y/∂x|, H×W
//   SmoothGrad    mean saliency over N noisy copies (σ = noise × (max − min) of x, seeded)
//   Integrated    x ⊙ mean_i ∂y/∂x(α_i x), α_i = (i + 0.5)/N (zero baseline), C×H×W, with the completeness
//   Gradients     check delta = Σ attribution − (y(x) − y(0))
//   occlusion     the drop in y when a patch is filled with the baseline (0), averaged over the patches
//                 covering each pixel, H×W; needs no gradient, so it works on any model
// Plain C++ over CaptureModel: the CLI, the viewer's worker thread and the benchmark share it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/AttributionMethod.h"
#include "core/Snapshot.h"
#include "engine/CaptureModel.h"

namespace convoscope {

struct AttributionOptions {
  AttributionMethod method = AttributionMethod::GradCam;
  ClassTarget target;
  int layer = -1;       // Grad-CAM: the layer (index into Snapshot::layers); -1: defaultGradCamLayer
  int steps = 50;       // Integrated Gradients
  int samples = 25;     // SmoothGrad
  float noise = 0.15f;  // SmoothGrad: σ as a fraction of the input's (max − min)
  uint64_t seed = 0;    // SmoothGrad
  int patch = 0;        // occlusion: side in pixels (0: 1/8 of the input side)
  int stride = 0;       // occlusion: step in pixels (0: half a patch)
  int batch = 16;       // inputs per gradient pass (IG steps, SmoothGrad samples, occlusion patches)
  std::function<void(float)> progress;  // 0..1, from the computing thread
};

struct Attribution {
  AttributionMethod method = AttributionMethod::GradCam;
  ClassTarget target;
  int layer = -1;  // Grad-CAM: the layer the map is at; -1 otherwise (the input)
  std::string layerName;
  std::vector<int64_t> shape;  // [H, W], or [C, H, W] for Integrated Gradients
  std::vector<float> values;   // row-major, not normalized
  float score = 0;             // y(x)
  std::optional<float> delta;  // Integrated Gradients: Σ values − (y(x) − y(0))
};

// The last convolution whose output is spatial (H, W > 1); -1 when the model has none.
int defaultGradCamLayer(const Snapshot& snapshot);

// `input` is what the model receives (after normalization), `snapshot` its capture (for layer shapes).
// Throws InputError for a bad layer, class, step count or a model without gradients (see CaptureModel).
Attribution attribute(const CaptureModel& model, const std::vector<float>& input, const Snapshot& snapshot,
                      const AttributionOptions& options);

}  // namespace convoscope
