#include "engine/Adversarial.h"

#include <algorithm>
#include <cmath>

#include "core/Errors.h"
#include "core/TextFormat.h"

namespace convoscope {
namespace {

// Each pixel's level in 0..255 (clean pixels come from 8-bit images, so they sit on levels).
int levelOf(float v) { return static_cast<int>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); }

// x rounded to 8-bit levels, each within floor(ε·255) levels of the clean pixel: the L∞ ball survives rounding.
std::vector<float> roundWithinBall(const std::vector<float>& clean, const std::vector<float>& x, float epsilon) {
  const int reach = static_cast<int>(std::floor(epsilon * 255.f + 1e-3f));
  std::vector<float> out(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    const int l0 = levelOf(clean[i]);
    out[i] = static_cast<float>(std::clamp(levelOf(x[i]), std::max(0, l0 - reach), std::min(255, l0 + reach))) /
             255.f;
  }
  return out;
}

// current + step·direction, projected onto the ε ball around clean and onto [0,1].
std::vector<float> projectedStep(const std::vector<float>& clean, const std::vector<float>& current,
                                 const std::vector<float>& direction, float step, float epsilon) {
  std::vector<float> out(current.size());
  for (size_t i = 0; i < current.size(); ++i) {
    const float moved = std::clamp(current[i] + step * direction[i], clean[i] - epsilon, clean[i] + epsilon);
    out[i] = std::clamp(moved, 0.f, 1.f);
  }
  return out;
}

std::vector<float> modelInputs(const CaptureModel& model, const std::vector<float>& pixelBatch, int count) {
  const PixelGeometry g = pixelGeometryOf(model.metadata().inputShape);
  if (pixelBatch.size() != g.values() * static_cast<size_t>(count))
    throw InputError(model.path() + ": the attack's input does not match the model's input shape");
  std::vector<float> inputs;
  inputs.reserve(pixelBatch.size());
  for (int i = 0; i < count; ++i) {
    const auto begin = pixelBatch.begin() + static_cast<std::ptrdiff_t>(g.values() * i);
    const std::vector<float> one =
        normalizePixels(std::vector<float>(begin, begin + static_cast<std::ptrdiff_t>(g.values())), g,
                        model.metadata().normalization);
    inputs.insert(inputs.end(), one.begin(), one.end());
  }
  return inputs;
}

// A reproducible uniform number in [-1, 1) from (seed, index): splitmix64, the same on every platform.
float uniformNoise(uint64_t seed, uint64_t index) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ull * (index + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<float>((z >> 40) * (1.0 / 16777216.0)) * 2.f - 1.f;
}

void report(const AttackOptions& options, float done) {
  if (options.progress) options.progress(done);
}

bool flipped(int cls, int predicted, const AttackOptions& options) {
  return options.target ? cls == *options.target : cls != predicted;
}

std::vector<float> pgd(const CaptureModel& model, const std::vector<float>& clean, int predicted,
                       const AttackOptions& options) {
  const float alpha = options.alpha > 0 ? options.alpha : 2.5f * options.epsilon / options.steps;
  std::vector<float> x = clean;
  if (options.randomStart) {
    std::vector<float> noise(clean.size());
    for (size_t i = 0; i < noise.size(); ++i) noise[i] = uniformNoise(options.seed, i);
    x = projectedStep(clean, clean, noise, options.epsilon, options.epsilon);
  }
  for (int step = 0; step < options.steps; ++step) {
    x = projectedStep(clean, x, attackDirection(model, x, predicted, options), alpha, options.epsilon);
    report(options, static_cast<float>(step + 1) / options.steps);
  }
  return roundWithinBall(clean, x, options.epsilon);
}

}  // namespace

std::vector<float> attackDirection(const CaptureModel& model, const std::vector<float>& pixels, int predicted,
                                   const AttackOptions& options) {
  const int label = options.target ? *options.target : predicted;
  const InputGradients g = model.lossGradients(modelInputs(model, pixels, 1), 1, {label});
  const float towards = options.target ? -1.f : 1.f;  // targeted: lower the target's loss
  std::vector<float> direction(g.gradients.size());
  for (size_t i = 0; i < direction.size(); ++i)
    direction[i] = towards * static_cast<float>((g.gradients[i] > 0) - (g.gradients[i] < 0));
  return direction;
}

std::vector<float> fgsmFromDirection(const std::vector<float>& clean, const std::vector<float>& direction,
                                     float epsilon) {
  return roundWithinBall(clean, projectedStep(clean, clean, direction, epsilon, epsilon), epsilon);
}

std::vector<float> attack(const CaptureModel& model, const std::vector<float>& pixels, int predicted,
                          const AttackOptions& options) {
  if (options.method == AttackMethod::Pgd) return pgd(model, pixels, predicted, options);
  const std::vector<float> out =
      fgsmFromDirection(pixels, attackDirection(model, pixels, predicted, options), options.epsilon);
  report(options, 1.f);
  return out;
}

std::vector<int> classesOf(const CaptureModel& model, const std::vector<float>& pixelBatch, int count) {
  const std::vector<float> outputs = model.plainForward(modelInputs(model, pixelBatch, count), count);
  const size_t classes = outputs.size() / static_cast<size_t>(count);
  std::vector<int> out(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    const auto row = outputs.begin() + static_cast<std::ptrdiff_t>(classes * i);
    out[static_cast<size_t>(i)] =
        static_cast<int>(std::max_element(row, row + static_cast<std::ptrdiff_t>(classes)) - row);
  }
  return out;
}

std::optional<float> smallestFlippingEpsilon(const CaptureModel& model, const std::vector<float>& pixels,
                                             int predicted, const AttackOptions& options, float maxEpsilon) {
  const std::vector<float> direction = attackDirection(model, pixels, predicted, options);
  const int levels = static_cast<int>(std::ceil(std::clamp(maxEpsilon, 0.f, 1.f) * 255.f - 1e-3f));
  constexpr int kBatch = 16;
  for (int first = 1; first <= levels; first += kBatch) {
    const int count = std::min(kBatch, levels - first + 1);
    std::vector<float> batch;
    for (int k = first; k < first + count; ++k) {
      const std::vector<float> x = fgsmFromDirection(pixels, direction, k / 255.f);
      batch.insert(batch.end(), x.begin(), x.end());
    }
    const std::vector<int> classes = classesOf(model, batch, count);
    for (int i = 0; i < count; ++i)
      if (flipped(classes[static_cast<size_t>(i)], predicted, options)) return (first + i) / 255.f;
    report(options, static_cast<float>(first + count - 1) / levels);
  }
  return std::nullopt;
}

}  // namespace convoscope
