#pragma once
// Convolution arithmetic for one spatial dimension, as CNN Explainer's hyperparameter playground teaches it:
// the output size of a window of `kernel` cells (spread by `dilation`) sliding by `stride` over an input of
// `inputSize` cells padded by `padding` zeros on each side, and whether the combination is possible.
//
//   K_eff = dilation·(kernel − 1) + 1
//   out   = (inputSize + 2·padding − K_eff) / stride + 1
//
// Like CNN Explainer (and unlike PyTorch, which silently floors), a combination is valid only when the
// windows tile the padded input exactly: (W + 2P − K_eff) must be divisible by S. Pure logic, no UI.
#include <string>
#include <vector>

namespace convoscope {

struct ConvGeometry {
  int inputSize = 5;
  int kernel = 3;
  int stride = 1;
  int padding = 0;
  int dilation = 1;
  bool operator==(const ConvGeometry& o) const {
    return inputSize == o.inputSize && kernel == o.kernel && stride == o.stride && padding == o.padding &&
           dilation == o.dilation;
  }
  bool operator!=(const ConvGeometry& o) const { return !(*this == o); }
};

struct ConvCheck {
  bool valid = false;
  int outputSize = 0;   // (W + 2P − K_eff) / S + 1 when valid, else 0
  std::string reason;   // why the combination is impossible ("" when valid)
  std::string formula;  // "(6 + 2·0 − 3)/2 + 1 = 2.5 → invalid" (UTF-8)
};

int effectiveKernel(const ConvGeometry& g);  // D·(K−1)+1
ConvCheck checkConv(const ConvGeometry& g);

// Start offsets of the windows along the padded input (index 0 = first padding cell), one per output cell;
// empty when the combination is invalid.
std::vector<int> windowStarts(const ConvGeometry& g);

}  // namespace convoscope
