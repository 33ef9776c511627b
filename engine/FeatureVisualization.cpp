#include "engine/FeatureVisualization.h"

#include <torch/csrc/autograd/autograd.h>

#include <cmath>
#include <random>

#include "engine/CaptureModelImpl.h"

namespace convoscope {
namespace {

using ModelState = CaptureModelAccess::State;

// The square root of ImageNet's colour covariance (its SVD), as Lucid publishes it: optimizing in these
// decorrelated colours keeps the colours natural. Columns scaled so the largest has norm 1.
const float kColourCorrelation[3][3] = {{0.26f, 0.09f, 0.02f}, {0.27f, 0.00f, -0.05f}, {0.27f, -0.09f, 0.03f}};

struct Geometry {
  int64_t channels = 1, height = 1, width = 1;
  int64_t size() const { return channels * height * width; }
};

Geometry geometryOf(const ModelMetadata& metadata) {
  const std::vector<int64_t>& s = metadata.inputShape;
  if (s.size() != 3) throw InputError("feature visualization needs an image model (a C×H×W input)");
  return {s[0], s[1], s[2]};
}

at::Tensor colourMatrix() {
  at::Tensor m = at::empty({3, 3}, at::kFloat);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) m[i][j] = kColourCorrelation[i][j];
  const at::Tensor norms = m.pow(2).sum(0).sqrt();
  return m / norms.max();
}

// 1 / |frequency| over the rfft2 layout (low frequencies dominate, as in natural images).
at::Tensor frequencyScale(const Geometry& g) {
  const at::Tensor fy = at::fft_fftfreq(g.height, 1.0, at::TensorOptions().dtype(at::kFloat)).unsqueeze(1);
  const at::Tensor fx = at::fft_rfftfreq(g.width, 1.0, at::TensorOptions().dtype(at::kFloat)).unsqueeze(0);
  const at::Tensor f = (fx * fx + fy * fy).sqrt();
  return 1.0 / f.clamp_min(1.0 / static_cast<double>(std::max(g.height, g.width)));
}

// The Fourier parametrization: spectrum [B, C, H, W/2+1, 2] → image [B, C, H, W] in [0, 1].
at::Tensor imageOf(const at::Tensor& spectrum, const at::Tensor& scale, const Geometry& g) {
  const at::Tensor complex = at::view_as_complex(spectrum) * scale;
  at::Tensor image = at::fft_irfft2(complex, std::vector<int64_t>{g.height, g.width}, {-2, -1}, "ortho") / 4.0;
  if (g.channels == 3) image = at::einsum("ij,bjhw->bihw", {colourMatrix(), image});
  return at::sigmoid(image);
}

// What the model receives: the model's normalization of a pixel-space batch.
at::Tensor normalised(const at::Tensor& pixels, const Normalization& n, int64_t channels) {
  if (n.isIdentity()) return pixels;
  auto perChannel = [&](const std::vector<float>& v) {
    at::Tensor t = at::empty({channels}, at::kFloat);
    for (int64_t c = 0; c < channels; ++c) t[c] = v.size() == 1 ? v[0] : v.at(c);
    return t.view({1, channels, 1, 1});
  };
  return (pixels - perChannel(n.mean)) / perChannel(n.std);
}

// Random jitter (±1/28 of the side), scale (±5 %) and rotation (±5°) for each image of the batch, each drawn
// from its own channel's random stream (so a channel's picture does not depend on which others share its
// batch): the picture must excite the channel under small changes, which keeps it free of adversarial speckle.
at::Tensor transformed(const at::Tensor& images, std::vector<std::mt19937_64>& randoms) {
  const int64_t batch = images.size(0), height = images.size(2), width = images.size(3);
  const double jitter = static_cast<double>(std::max<int64_t>(1, std::max(height, width) / 28));
  std::uniform_real_distribution<double> shift(-jitter, jitter), scale(0.95, 1.05), angle(-0.0873, 0.0873);
  at::Tensor theta = at::zeros({batch, 2, 3}, at::kFloat);
  for (int64_t b = 0; b < batch; ++b) {
    std::mt19937_64& random = randoms[static_cast<size_t>(b)];
    const double s = scale(random), a = angle(random);
    theta[b][0][0] = s * std::cos(a);
    theta[b][0][1] = -s * std::sin(a);
    theta[b][0][2] = 2.0 * std::round(shift(random)) / static_cast<double>(width);
    theta[b][1][0] = s * std::sin(a);
    theta[b][1][1] = s * std::cos(a);
    theta[b][1][2] = 2.0 * std::round(shift(random)) / static_cast<double>(height);
  }
  const at::Tensor grid = at::affine_grid_generator(theta, images.sizes(), false);
  return at::grid_sampler(images, grid, /*bilinear*/ 0, /*reflection*/ 2, false);
}

// The objective of each batch item: channel `channels[b]`'s mean activation (or one cell).
at::Tensor objectives(const at::Tensor& activation, const std::vector<int>& channels, std::optional<int> y,
                      std::optional<int> x) {
  std::vector<at::Tensor> values;
  for (size_t b = 0; b < channels.size(); ++b) {
    const at::Tensor map = activation[static_cast<int64_t>(b)][channels[b]];
    values.push_back(y && x ? map[*y][*x] : map.mean());
  }
  return at::stack(values);
}

// The layer's activation for a pixel-space batch; checks the layer, channels and cell on the way.
at::Tensor activationFor(const ModelState& m, const at::Tensor& pixels, int layer,
                         const std::vector<int>& channels, std::optional<int> y, std::optional<int> x) {
  const at::Tensor input = normalised(pixels, m.metadata.normalization, pixels.size(1));
  const c10::ivalue::TupleElements outputs = m.runCaptureGraph(input);
  const at::Tensor activation = m.layerOutput(outputs, input, layer).to(at::kFloat);
  const std::string& name = m.layerTemplates.at(layer).name;
  if (activation.dim() != 4)
    throw InputError(m.path + ": " + name + " has no channels to visualize (its output is not C×H×W)");
  for (int c : channels)
    if (c < 0 || c >= activation.size(1))
      throw InputError(m.path + ": " + name + " has channels 0.." + std::to_string(activation.size(1) - 1) +
                       ", not " + std::to_string(c));
  if (y && x && (*y < 0 || *x < 0 || *y >= activation.size(2) || *x >= activation.size(3)))
    throw InputError(m.path + ": cell (y " + std::to_string(*y) + ", x " + std::to_string(*x) +
                     ") is outside " + name + "'s " + std::to_string(activation.size(2)) + "×" +
                     std::to_string(activation.size(3)) + " map");
  return activation;
}

// Plain Adam on one tensor (the C++ optimizer classes are more than this needs).
struct Adam {
  at::Tensor m, v;
  int step = 0;
  void update(at::Tensor& parameter, const at::Tensor& gradient, double lr) {
    constexpr double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    if (!m.defined()) m = at::zeros_like(parameter), v = at::zeros_like(parameter);
    ++step;
    m.mul_(b1).add_(gradient, 1 - b1);
    v.mul_(b2).addcmul_(gradient, gradient, 1 - b2);
    const double correction1 = 1 - std::pow(b1, step), correction2 = 1 - std::pow(b2, step);
    parameter.sub_(lr / correction1 * m / ((v / correction2).sqrt() + eps));
  }
};

std::vector<FeatureImage> optimiseBatch(const ModelState& m, const FeatureOptions& o,
                                        const std::vector<int>& channels, float doneBefore, float share) {
  const Geometry g = geometryOf(m.metadata);
  const int64_t batch = static_cast<int64_t>(channels.size());
  // Each channel's own random streams (start and transforms), from the seed and the channel.
  std::vector<std::mt19937_64> randoms;
  std::vector<at::Tensor> starts;
  for (int c : channels) {
    const uint64_t stream = o.seed * 1000003ull + static_cast<uint64_t>(c);
    randoms.emplace_back(stream);
    at::Generator generator = at::detail::createCPUGenerator(stream);
    starts.push_back(at::randn({1, g.channels, g.height, g.width / 2 + 1, 2}, generator) * 0.01);
  }
  at::Tensor spectrum = at::cat(starts);
  const at::Tensor scale = frequencyScale(g);
  Adam adam;
  for (int step = 0; step < o.steps; ++step) {
    torch::AutoGradMode gradients(true);
    spectrum.requires_grad_(true);
    const at::Tensor pixels = transformed(imageOf(spectrum, scale, g), randoms);
    const at::Tensor loss = -objectives(activationFor(m, pixels, o.layer, channels, o.y, o.x), channels, o.y, o.x).sum();
    const at::Tensor gradient = torch::autograd::grad({loss}, {spectrum})[0];
    torch::NoGradGuard frozen;
    spectrum = spectrum.detach();
    adam.update(spectrum, gradient, o.learningRate);
    if (o.progress) o.progress(doneBefore + share * static_cast<float>(step + 1) / o.steps);
  }
  torch::NoGradGuard frozen;
  const at::Tensor images = imageOf(spectrum, scale, g).contiguous();
  const at::Tensor reached = objectives(activationFor(m, images, o.layer, channels, o.y, o.x), channels, o.y, o.x);
  std::vector<FeatureImage> out;
  for (int64_t b = 0; b < batch; ++b) {
    const float* data = images[b].data_ptr<float>();
    out.push_back({channels[b], {g.channels, g.height, g.width}, std::vector<float>(data, data + g.size()),
                   reached[b].item<float>()});
  }
  return out;
}

}  // namespace

std::vector<FeatureImage> visualizeFeatures(const CaptureModel& model, const FeatureOptions& options) {
  const ModelState& m = CaptureModelAccess::of(model);
  if (options.steps < 1) throw InputError("--steps must be at least 1");
  if (options.channels.empty()) throw InputError("no channel to visualize");
  if (options.y.has_value() != options.x.has_value()) throw InputError("a cell needs both y and x");
  {  // check the layer, channels and cell once, before minutes of work
    torch::NoGradGuard frozen;
    const Geometry g = geometryOf(m.metadata);
    activationFor(m, at::full({1, g.channels, g.height, g.width}, 0.5f), options.layer, options.channels,
                  options.y, options.x);
  }
  const int batch = std::max(1, options.batch);
  const float batches = static_cast<float>((options.channels.size() + batch - 1) / batch);
  std::vector<FeatureImage> out;
  for (size_t first = 0; first < options.channels.size(); first += batch) {
    const std::vector<int> channels(options.channels.begin() + first,
                                    options.channels.begin() + std::min(options.channels.size(), first + batch));
    const float done = static_cast<float>(first / batch) / batches;
    for (FeatureImage& image : optimiseBatch(m, options, channels, done, 1.0f / batches)) out.push_back(std::move(image));
  }
  return out;
}

std::vector<float> channelObjective(const CaptureModel& model, int layer, const std::vector<int>& channels,
                                    const std::vector<float>& pixels, std::optional<int> y, std::optional<int> x) {
  const ModelState& m = CaptureModelAccess::of(model);
  const Geometry g = geometryOf(m.metadata);
  const int64_t count = static_cast<int64_t>(channels.size());
  if (static_cast<int64_t>(pixels.size()) != count * g.size())
    throw InputError("channelObjective: " + std::to_string(pixels.size()) + " values for " +
                     std::to_string(count) + " images");
  torch::NoGradGuard frozen;
  std::vector<float> out;
  constexpr int64_t kChunk = 64;
  for (int64_t first = 0; first < count; first += kChunk) {
    const int64_t n = std::min(kChunk, count - first);
    const at::Tensor batch =
        torch::from_blob(const_cast<float*>(pixels.data()) + first * g.size(), {n, g.channels, g.height, g.width},
                         at::kFloat);
    const std::vector<int> part(channels.begin() + first, channels.begin() + first + n);
    const at::Tensor values = objectives(activationFor(m, batch, layer, part, y, x), part, y, x).contiguous();
    out.insert(out.end(), values.data_ptr<float>(), values.data_ptr<float>() + n);
  }
  return out;
}

}  // namespace convoscope
