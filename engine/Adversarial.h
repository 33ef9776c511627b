#pragma once
// Breaking the model on purpose: adversarial inputs made with libtorch autograd, in pixel space (the [0,1]
// picture before normalization, core/ImageInput.h), each result clipped to [0,1] and rounded to 8-bit levels
// so that a PNG of it is exactly what the model sees.
//   FGSM  x' = x + ε · sign(∇ₓ L(x, y))      untargeted: y is the clean prediction, the loss goes up
//         x' = x − ε · sign(∇ₓ L(x, t))      targeted:   t is the target class, its loss goes down
//   PGD   the same step of size α, N times, each projected back onto the L∞ ball of radius ε around x;
//         optionally from a seeded random start inside the ball
// L is the cross-entropy of the model's output (CaptureModel::lossGradients). Rounding keeps every pixel
// within ε of x: a pixel moves by at most floor(ε·255) levels.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/AttackOptions.h"
#include "core/ImageInput.h"
#include "engine/CaptureModel.h"

namespace convoscope {


// `pixels`: the clean input in pixel space (imageToPixels at the model's input shape); `predicted`: the
// class the model gives it (an untargeted attack moves away from it). Returns the adversarial pixels, on 8-bit
// levels. Throws InputError for a model without usable gradients.
std::vector<float> attack(const CaptureModel& model, const std::vector<float>& pixels, int predicted,
                          const AttackOptions& options);

// The model's class for each of `pixelBatch`'s inputs (pixel space, laid end to end).
std::vector<int> classesOf(const CaptureModel& model, const std::vector<float>& pixelBatch, int count);

// FGSM's gradient does not depend on ε: one gradient, then one forward per ε. The smallest ε on the 8-bit
// grid (k/255, k = 1..⌈maxEpsilon·255⌉) whose FGSM input the model classifies differently from `predicted`
// (or as the target); none when no ε up to maxEpsilon does.
std::optional<float> smallestFlippingEpsilon(const CaptureModel& model, const std::vector<float>& pixels,
                                             int predicted, const AttackOptions& options, float maxEpsilon);

// The direction an attack steps in at `pixels`: sign(∇ₓ L) away from `predicted`, or −sign(∇ₓ L) towards
// the target. (Normalization divides by a positive σ, so the sign is the same in pixel and input space.)
std::vector<float> attackDirection(const CaptureModel& model, const std::vector<float>& pixels, int predicted,
                                   const AttackOptions& options);
// FGSM from a direction already computed: clean + ε·direction, clipped and rounded (the ε search reuses one
// direction for every ε).
std::vector<float> fgsmFromDirection(const std::vector<float>& clean, const std::vector<float>& direction,
                                     float epsilon);

}  // namespace convoscope
