// Every layer kind has our explanation (title, formula, what, why, hyperparameters), and the focused layer's
// own settings are described in words.
#include <gtest/gtest.h>

#include <cstring>

#include "ui/LayerGuides.h"

namespace convoscope {
namespace {

TEST(LayerGuides, EveryKindHasText) {
  for (int k = static_cast<int>(LayerKind::Input); k <= static_cast<int>(LayerKind::Other); ++k) {
    const LayerGuide& e = layerGuide(static_cast<LayerKind>(k));
    SCOPED_TRACE(layerKindName(static_cast<LayerKind>(k)));
    EXPECT_GT(std::strlen(e.title), 0u);
    EXPECT_GT(std::strlen(e.formula), 0u);
    EXPECT_GT(std::strlen(e.computes), 40u);
    EXPECT_GT(std::strlen(e.why), 40u);
    EXPECT_GT(std::strlen(e.hyperparameters), 0u);
    Layer layer;
    layer.kind = static_cast<LayerKind>(k);
    layer.output.shape = {4, 6, 6};
    EXPECT_FALSE(describeLayerSettings(layer).empty());
  }
  // Distinct cards for distinct kinds (no copy-paste fallthrough to "Other").
  EXPECT_STRNE(layerGuide(LayerKind::ReLU).title, layerGuide(LayerKind::Other).title);
  EXPECT_STRNE(layerGuide(LayerKind::MaxPool).title, layerGuide(LayerKind::AvgPool).title);
}

TEST(LayerGuides, ConvSettingsNameKernelStridePaddingAndFilters) {
  Layer conv;
  conv.kind = LayerKind::Conv2d;
  conv.window.kernel = {3, 3};
  conv.window.stride = {1, 1};
  conv.window.padding = {1, 1};
  conv.weight = FloatTensor{{10, 3, 3, 3}, std::vector<float>(270, 0.0f)};
  conv.bias = FloatTensor{{10}, std::vector<float>(10, 0.0f)};
  conv.output.shape = {10, 64, 64};
  const std::string text = describeLayerSettings(conv);
  EXPECT_NE(text.find("3\xC3\x97"
                      "3 kernel, stride 1, padding 1, 10 filters over 3 input channels"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("output 10\xC3\x97"
                      "64\xC3\x97"
                      "64"),
            std::string::npos)
      << text;

  Layer depthwise = conv;
  depthwise.window.groups = 10;
  depthwise.window.stride = {2, 2};
  depthwise.weight = FloatTensor{{10, 1, 3, 3}, std::vector<float>(90, 0.0f)};
  const std::string dw = describeLayerSettings(depthwise);
  EXPECT_NE(dw.find("stride 2"), std::string::npos) << dw;
  EXPECT_NE(dw.find("depthwise"), std::string::npos) << dw;

  Layer pool;
  pool.kind = LayerKind::MaxPool;
  pool.window.kernel = {2, 2};
  pool.window.stride = {2, 2};
  EXPECT_NE(describeLayerSettings(pool).find("2\xC3\x97"
                                             "2 window, stride 2, padding 0"),
            std::string::npos);
}

}  // namespace
}  // namespace convoscope
