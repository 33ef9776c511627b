#include "ui/LayerGuides.h"

#include <algorithm>
#include <cstdio>

#include "core/TextFormat.h"

namespace convoscope {

namespace {

const LayerGuide kInput{
    "Input", "x = the image, as a C×H×W grid of numbers",
    "The picture the network looks at, turned into numbers: one grid per colour channel (3 for RGB, 1 for "
    "grey), each cell a pixel's brightness, usually scaled and normalised (e.g. to [0, 1] or by the training "
    "set's mean and spread).",
    "Everything after this is arithmetic on these numbers; the network never sees the image any other way.",
    "Its size (channels, height, width) fixes the shapes of every layer after it. The model was trained on "
    "one size and normalisation, so the input is resized and normalised the same way."};

const LayerGuide kConv{
    "Convolution (conv2d)",
    "out[f, y, x] = b[f] + Σ_{c,i,j} w[f, c, i, j] · in[c, y·S + i·D − P, x·S + j·D − P]",
    "Each filter is a small stack of weights (K×K per input channel). It slides over the input; at every "
    "position it multiplies the patch under it by its weights element by element, adds everything up across "
    "all input channels, adds its bias, and writes that one number into its output tile. One filter gives "
    "one output channel.",
    "A filter is a learned pattern detector (an edge, a colour blob, later a texture or a wheel). Sharing "
    "the same weights at every position makes it find the pattern anywhere in the image with few "
    "parameters. Stacking convolutions lets later layers combine simple patterns into complex ones.",
    "Kernel size K: how big a patch each output looks at. Stride S: how far the window moves each step (2 "
    "halves the output). Padding P: zeros added round the border so the edges get full windows (P = (K−1)/2 "
    "keeps the size). Dilation D: gaps between kernel cells, a wider view for the same weights. Filters: "
    "how many output channels. Groups: split channels into independent groups (depthwise when groups = "
    "channels). Output size = (W + 2P − D·(K−1) − 1)/S + 1."};

const LayerGuide kBatchNorm{
    "Batch normalisation", "y = (x − μ) / √(σ² + ε) · γ + β",
    "For each channel it subtracts the mean μ and divides by the standard deviation √(σ² + ε) that it "
    "measured on the training data, then scales by γ and shifts by β, both learned. In evaluation (as here) "
    "μ and σ² are the stored running averages, so it is a fixed per-channel scale and shift.",
    "It keeps every channel's values in a steady range while the layers before it change during training, "
    "which makes deep networks train faster and more reliably.",
    "ε (epsilon) is a tiny number that avoids dividing by zero. γ and β are learned per channel; μ and σ² "
    "are running statistics, not trained by gradient descent."};

const LayerGuide kReLU{
    "ReLU (rectified linear unit)", "y = max(0, x)",
    "Element by element: a negative value becomes 0, a positive one passes unchanged. The shape does not "
    "change.",
    "Without a nonlinearity, a stack of convolutions would collapse into one big linear function. ReLU "
    "is the simplest nonlinearity that works well: cheap, and its gradient does not fade for positive "
    "values. It also reads nicely: a cell is 'on' only where its pattern was found.",
    "None: ReLU has no settings or weights."};

const LayerGuide kLeakyReLU{
    "Leaky ReLU", "y = x if x > 0, else α · x",
    "Like ReLU, but negative values are multiplied by a small slope α (often 0.01) instead of being set to "
    "0. Element by element; the shape does not change.",
    "A plain ReLU unit that only ever sees negative inputs outputs 0 and gets no gradient, so it can 'die'. "
    "The small slope keeps a little signal and gradient flowing.",
    "Negative slope α: how much of a negative value leaks through (0 gives ReLU, 1 gives the identity)."};

const LayerGuide kReLU6{
    "ReLU6", "y = min(max(0, x), 6)",
    "ReLU with a ceiling: values below 0 become 0, values above 6 become 6. Element by element.",
    "Capping the output keeps numbers small, which suits low-precision (mobile, 8-bit) arithmetic; "
    "MobileNet uses it for that reason.",
    "None: the bounds 0 and 6 are fixed."};

const LayerGuide kSigmoid{
    "Sigmoid", "y = 1 / (1 + e^(−x))",
    "Squashes every value into (0, 1): large negative numbers go towards 0, large positive ones towards 1, "
    "and 0 maps to 0.5. Element by element.",
    "Its output reads as a probability or an on/off gate, which is why it appears in gates and in "
    "yes/no outputs. Deep inside a network it trains slowly, because its gradient is tiny away from 0.",
    "None."};

const LayerGuide kTanh{
    "Tanh", "y = tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))",
    "Squashes every value into (−1, 1), centred on 0 (tanh(0) = 0). Element by element.",
    "A smooth nonlinearity whose outputs are centred on zero, which helps the next layer; like sigmoid it "
    "saturates for large values, so modern CNNs mostly use ReLU instead.",
    "None."};

const LayerGuide kHardswish{
    "Hardswish", "y = x · ReLU6(x + 3) / 6",
    "A cheap, piecewise approximation of swish: 0 for x ≤ −3, x itself for x ≥ 3, and a smooth-looking "
    "curve x·(x+3)/6 in between. Element by element.",
    "It gives most of swish's accuracy gain using only additions, multiplications and a clamp, which is "
    "fast on phones (MobileNetV3).",
    "None."};

const LayerGuide kGELU{
    "GELU (Gaussian error linear unit)", "y = x · Φ(x) ≈ 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))",
    "Weights each value by the probability Φ(x) that a standard normal variable is below it: large "
    "positive values pass, large negative ones go to 0, and values near 0 are softly shrunk. Element by "
    "element.",
    "A smooth ReLU-like curve with a small negative dip; it often trains a little better than ReLU and is "
    "the standard activation in transformers and ConvNeXt.",
    "None (some libraries offer the tanh approximation shown above instead of the exact Φ)."};

const LayerGuide kSiLU{
    "SiLU / swish", "y = x · sigmoid(x) = x / (1 + e^(−x))",
    "Multiplies each value by its own sigmoid: close to x for large positive values, close to 0 for large "
    "negative ones, with a small smooth dip below 0. Element by element.",
    "Smooth and non-monotonic, it tends to train slightly better than ReLU in deep networks such as "
    "EfficientNet.",
    "None."};

const LayerGuide kMaxPool{
    "Max pooling", "out[c, y, x] = max over the K×K window at (y·S − P, x·S − P) of in[c, ·, ·]",
    "A window slides over each channel separately and keeps only the largest value under it. No weights "
    "and no mixing between channels.",
    "It shrinks the map (less work for later layers, a wider view per cell) and keeps the strongest "
    "response, so a pattern found a pixel or two away still counts: a little tolerance to small shifts.",
    "Kernel K: window size. Stride S: how far the window moves (usually = K, so windows do not overlap and "
    "the size is divided by K). Padding P: border padded with −∞, so padding never wins. Dilation spreads "
    "the window; ceil mode rounds the output size up instead of down."};

const LayerGuide kAvgPool{
    "Average pooling", "out[c, y, x] = (1 / K²) · Σ over the K×K window of in[c, ·, ·]",
    "A window slides over each channel separately and outputs the mean of the values under it.",
    "Shrinks the map like max pooling but keeps a smoothed summary of the whole window rather than its "
    "strongest value.",
    "Kernel K, stride S and padding P as for max pooling. 'count include pad' decides whether padding "
    "zeros count in the mean's denominator; ceil mode rounds the output size up."};

const LayerGuide kAdaptiveAvgPool{
    "Adaptive average pooling", "out[c, i, j] = mean of in[c] over the i-th row band and j-th column band",
    "You choose the output size (often 1×1) and it picks the windows itself: the input is split into that "
    "many nearly equal bands, and each output cell is the mean of its band. With output 1×1 it is global "
    "average pooling: one number per channel.",
    "It lets the same network accept different image sizes, and turns the last feature maps into a fixed "
    "vector for the classifier ('how much of each pattern is in the image').",
    "Output size: the only setting; kernel and stride follow from it and from the input size."};

const LayerGuide kAdaptiveMaxPool{
    "Adaptive max pooling", "out[c, i, j] = max of in[c] over the i-th row band and j-th column band",
    "You choose the output size and it picks the windows: the input is split into that many nearly equal "
    "bands and each output cell keeps its band's largest value.",
    "A fixed-size summary of a map of any size that keeps the strongest response of each region.",
    "Output size: the only setting; the windows follow from it and the input size."};

const LayerGuide kLinear{
    "Linear (fully connected)", "y[o] = b[o] + Σ_{i} W[o, i] · x[i]",
    "Every output is a weighted sum of every input plus a bias: a dot product of the input vector with one "
    "row of weights per output.",
    "At the end of a CNN it turns the detected features into class scores (logits): each class has one "
    "weight per feature saying how much that feature speaks for it.",
    "Input features (fixed by the layer before) and output features (for the last layer, the number of "
    "classes). It has in × out weights + out biases, usually the bulk of a small network's parameters."};

const LayerGuide kFlatten{
    "Flatten", "y[c·H·W + h·W + w] = x[c, h, w]",
    "Lays the C×H×W block out as one long vector, row by row and channel by channel. No numbers change; "
    "only the shape does.",
    "A linear layer takes a vector, so the 3D feature maps are unrolled before the classifier.",
    "Start dimension: which dimensions are merged (the batch dimension is kept)."};

const LayerGuide kDropout{
    "Dropout", "training: y = x · m / (1 − p), m ~ Bernoulli(1 − p);   evaluation: y = x",
    "During training it sets a random fraction p of the values to 0 and scales the rest up by 1/(1 − p). "
    "When the model is used (as here) it does nothing: the output equals the input.",
    "It stops the network from relying on any single unit, which reduces overfitting.",
    "p: the fraction dropped during training (e.g. 0.5)."};

const LayerGuide kAdd{
    "Residual add (skip connection)", "y = a + α · b   (usually α = 1: y = a + b)",
    "Adds two tensors of the same shape element by element: usually a block's input (the shortcut) and "
    "what the block computed from it.",
    "The block only has to learn a correction to its input, and gradients flow straight through the "
    "shortcut, which is what makes very deep networks such as ResNet trainable.",
    "None, apart from the rare scale α. If the shapes differ, the shortcut first goes through a 1×1 "
    "convolution (the 'downsample')."};

const LayerGuide kConcat{
    "Concatenation", "y = [a ; b ; …] along one dimension (usually channels)",
    "Stacks its inputs one after the other along a dimension: two maps of 32 and 64 channels become one of "
    "96. No numbers change.",
    "It lets later layers see several branches at once (Inception's parallel kernels, DenseNet's reuse of "
    "every earlier layer, U-Net's skip connections).",
    "Dimension: which axis the inputs are joined on; the others must match."};

const LayerGuide kSoftmax{
    "Softmax", "p_{i} = exp(z_{i}) / Σ_{j} exp(z_{j})",
    "Turns the class scores z (logits) into probabilities: exponentiate each score, then divide by the sum, "
    "so all outputs are positive and add up to 1. The largest score keeps the largest share.",
    "It makes the network's answer readable as 'how sure it is' of each class, and is what the "
    "cross-entropy loss trains against.",
    "Dimension: which axis sums to 1. (A 'temperature' dividing z, when used, makes it sharper or softer.)"};

const LayerGuide kOther{
    "Other operation", "y = f(x)",
    "An operation Convoscope does not explain in detail yet: it is shown with its input and output shapes "
    "and values, but without a step-by-step computation.",
    "Networks use many helper operations (reshapes, custom blocks, attention); the inspector still shows "
    "what came in and what went out.",
    "See the module type in the inspector for the operation's name."};

}  // namespace

const LayerGuide& layerGuide(LayerKind kind) {
  switch (kind) {
    case LayerKind::Input:
      return kInput;
    case LayerKind::Conv2d:
      return kConv;
    case LayerKind::BatchNorm:
      return kBatchNorm;
    case LayerKind::ReLU:
      return kReLU;
    case LayerKind::LeakyReLU:
      return kLeakyReLU;
    case LayerKind::ReLU6:
      return kReLU6;
    case LayerKind::Sigmoid:
      return kSigmoid;
    case LayerKind::Tanh:
      return kTanh;
    case LayerKind::Hardswish:
      return kHardswish;
    case LayerKind::GELU:
      return kGELU;
    case LayerKind::SiLU:
      return kSiLU;
    case LayerKind::MaxPool:
      return kMaxPool;
    case LayerKind::AvgPool:
      return kAvgPool;
    case LayerKind::AdaptiveAvgPool:
      return kAdaptiveAvgPool;
    case LayerKind::AdaptiveMaxPool:
      return kAdaptiveMaxPool;
    case LayerKind::Linear:
      return kLinear;
    case LayerKind::Flatten:
      return kFlatten;
    case LayerKind::Dropout:
      return kDropout;
    case LayerKind::Add:
      return kAdd;
    case LayerKind::Concat:
      return kConcat;
    case LayerKind::Softmax:
      return kSoftmax;
    case LayerKind::Other:
      return kOther;
  }
  return kOther;
}

namespace {

std::string pairText(const std::array<int64_t, 2>& v, const char* joiner = "×") {
  if (v[0] == v[1]) return std::to_string(v[0]);
  return std::to_string(v[0]) + joiner + std::to_string(v[1]);
}

std::string kernelText(const std::array<int64_t, 2>& k) {
  return std::to_string(k[0]) + "×" + std::to_string(k[1]);
}

std::string windowText(const WindowParams& w) {
  std::string s = kernelText(w.kernel) + " window, stride " + pairText(w.stride, ", ") + ", padding " +
                  pairText(w.padding, ", ");
  if (w.dilation[0] != 1 || w.dilation[1] != 1) s += ", dilation " + pairText(w.dilation, ", ");
  return s;
}

}  // namespace

std::string describeLayerSettings(const Layer& l) {
  const std::string out = "output " + shapeText(l.output.shape, "×", "?");
  const auto& wshape = l.weight->shape;
  switch (l.kind) {
    case LayerKind::Conv2d: {
      const WindowParams& w = l.window;
      std::string s = kernelText(w.kernel) + " kernel, stride " + pairText(w.stride, ", ") + ", padding " +
                      pairText(w.padding, ", ");
      if (w.dilation[0] != 1 || w.dilation[1] != 1) s += ", dilation " + pairText(w.dilation, ", ");
      if (wshape.size() == 4) {
        s += ", " + std::to_string(wshape[0]) + " filters";
        const int64_t inChannels = wshape[1] * std::max<int64_t>(w.groups, 1);
        s += " over " + std::to_string(inChannels) + " input channel" + (inChannels == 1 ? "" : "s");
      }
      if (w.groups > 1) {
        s += ", groups " + std::to_string(w.groups);
        if (wshape.size() == 4 && wshape[1] == 1) s += " (depthwise)";
      }
      s += l.bias.empty() ? ", no bias" : ", with bias";
      return s + "; " + out;
    }
    case LayerKind::MaxPool:
    case LayerKind::AvgPool: {
      std::string s = windowText(l.window);
      if (l.window.ceilMode) s += ", ceil mode";
      if (l.kind == LayerKind::AvgPool && !l.window.countIncludePad) s += ", padding not counted";
      return s + "; " + out;
    }
    case LayerKind::AdaptiveAvgPool:
    case LayerKind::AdaptiveMaxPool:
      return "target size " + kernelText(l.window.outputSize) + "; " + out;
    case LayerKind::BatchNorm: {
      const int64_t channels =
          wshape.empty() ? (l.runningMean->shape.empty() ? 0 : l.runningMean->shape[0]) : wshape[0];
      std::string s = "ε = " + plainNumber(l.eps);
      if (channels > 0) s += ", " + std::to_string(channels) + " channels (one μ, σ², γ, β each)";
      return s + "; " + out;
    }
    case LayerKind::LeakyReLU:
      return "negative slope α = " + plainNumber(l.negativeSlope) + "; " + out;
    case LayerKind::Linear:
      if (wshape.size() == 2)
        return std::to_string(wshape[1]) + " inputs → " + std::to_string(wshape[0]) + " outputs" +
               (l.bias.empty() ? ", no bias" : ", with bias") + "; " + out;
      return out;
    case LayerKind::Add:
      return std::to_string(l.inputs.size()) + " inputs" +
             (l.alpha != 1.0 ? ", α = " + plainNumber(l.alpha) : std::string()) + "; " + out;
    case LayerKind::Concat:
      return std::to_string(l.inputs.size()) + " inputs joined on dimension " + std::to_string(l.concatDim) +
             "; " + out;
    case LayerKind::Softmax:
      return "over dimension " + std::to_string(l.softmaxDim) + "; " + out;
    default:
      return "no settings; " + out;
  }
}

}  // namespace convoscope
