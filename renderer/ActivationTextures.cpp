#include "renderer/ActivationTextures.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace convoscope {
namespace {

constexpr uint64_t kHalfFloatAboveBytes = 256ull << 20;

int nextPowerOfTwo(int v) {
  int p = 1;
  while (p < v) p *= 2;
  return p;
}

struct Item {
  int layer;
  int channel;  // -1: the mean; -2: a side-by-side row of all channels
  int w, h;     // texels, without gutter
  int page = 0, x = 0, y = 0;
};

// What to pack: every slab's display layer, each channel a block, plus the mean.
struct BlockPlan {
  explicit BlockPlan(size_t layerCount)
      : grids(layerCount), means(layerCount), channelCounts(layerCount, 0), meanRanges(layerCount) {}
  std::vector<Item> items;
  std::vector<TileGrid> grids;            // by layer
  std::vector<std::vector<float>> means;  // by layer: the mean over channels (multi-channel maps)
  std::vector<int> channelCounts;         // by layer: blocks to record, 0 when the layer is not packed
  std::vector<ValueRange> meanRanges;     // by layer
};

BlockPlan planBlocks(const Snapshot& snapshot, const SceneLayout& layout) {
  const size_t layerCount = snapshot.layers.size();
  BlockPlan plan(layerCount);
  for (const Slab& slab : layout.slabs) {
    int l = slab.displayLayer;
    if (l < 0 || l >= static_cast<int>(layerCount) || plan.channelCounts[l] > 0) continue;
    const TileGrid& g = slab.grid;
    if (snapshot.layers[l].output.numel() <
        static_cast<int64_t>(g.channels) * (g.flat ? 1 : g.valuesPerChannel))
      continue;  // activation missing (should not happen): leave the slab untextured
    plan.grids[l] = g;
    plan.channelCounts[l] = g.channels;
    const bool rgbRow = l == 0 && g.channels == 3 && !g.flat;
    if (rgbRow) {
      plan.items.push_back({l, -2, 3 * g.cellCols + 2, g.cellRows});
    } else {
      for (int c = 0; c < g.channels; ++c) plan.items.push_back({l, c, g.cellCols, g.cellRows});
    }
    if (g.channels > 1 && !g.flat) {
      plan.items.push_back({l, -1, g.cellCols, g.cellRows});
      const float* data = snapshot.layers[l].output.data.data();
      std::vector<float>& m = plan.means[l];
      m.assign(static_cast<size_t>(g.valuesPerChannel), 0.0f);
      for (int c = 0; c < g.channels; ++c)
        for (int i = 0; i < g.valuesPerChannel; ++i)
          m[i] += data[static_cast<size_t>(c) * g.valuesPerChannel + i];
      for (float& v : m) v /= static_cast<float>(g.channels);
      plan.meanRanges[l] = rangeOfValues(m);
    }
  }
  return plan;
}

// Square pages large enough for the largest block, aiming at everything on one page (up to 4096 texels).
int choosePageSize(const std::vector<Item>& items, int maxSize) {
  uint64_t area = 0;
  int largest = 0;
  for (const Item& it : items) {
    area += static_cast<uint64_t>(it.w + 1) * (it.h + 1);
    largest = std::max({largest, it.w + 2, it.h + 2});
  }
  if (largest > maxSize)
    throw std::runtime_error("an activation map of " + std::to_string(largest) +
                             " texels does not fit the GPU's " + std::to_string(maxSize) + "-texel textures");
  return std::min<int>(maxSize, std::max(nextPowerOfTwo(largest),
                                         std::min(4096, nextPowerOfTwo(static_cast<int>(std::ceil(
                                                            std::sqrt(static_cast<double>(area) * 1.15)))))));
}

// Shelf packing, tallest first (stable, so the same snapshot always packs the same way). Sets each item's
// page and origin; returns the page count.
int shelfPack(std::vector<Item>& items, int pageSize) {
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return items[a].h > items[b].h; });
  int page = 0, x = 1, y = 1, shelf = 0;
  for (size_t i : order) {
    Item& it = items[i];
    if (x + it.w + 1 > pageSize) {
      x = 1;
      y += shelf + 1;
      shelf = 0;
    }
    if (y + it.h + 1 > pageSize) {
      ++page;
      x = y = 1;
      shelf = 0;
    }
    it.page = page;
    it.x = x;
    it.y = y;
    x += it.w + 1;
    shelf = std::max(shelf, it.h);
  }
  return page + 1;
}

// Binds `texture`, or creates (and binds) a new one with the pages' storage when it is 0.
unsigned bindPageTexture(unsigned texture, int pageSize, int pageCount, bool halfFloat) {
  if (texture) {
    glBindTexture(GL_TEXTURE_2D_ARRAY, texture);
    return texture;
  }
  glGenTextures(1, &texture);
  glBindTexture(GL_TEXTURE_2D_ARRAY, texture);
  glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAX_LEVEL, 0);
  glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, halfFloat ? GL_R16F : GL_R32F, pageSize, pageSize, pageCount, 0,
               GL_RED, GL_FLOAT, nullptr);
  return texture;
}

// Copies one block into the page's staging texels at (x0, item.y), row by row: cell (r, c) of a channel is
// value channel * valuesPerChannel + r * cellCols + c (see valueIndex), the tail of a flat layer's last row
// stays NaN. `source` (the mean) replaces the layer's output when given.
void putBlock(std::vector<float>& staging, int pageSize, const Item& it, const TileGrid& g,
              const FloatTensor& output, int channel, int x0, const float* source) {
  const float* data = output.data.data();
  const int64_t numel = output.numel();
  const long long base = source ? 0 : static_cast<long long>(channel) * g.valuesPerChannel;
  const long long end = source ? static_cast<long long>(g.cellRows) * g.cellCols
                               : std::min<long long>(base + g.valuesPerChannel, numel);
  const float* from = source ? source : data;
  for (int r = 0; r < g.cellRows; ++r) {
    const long long first = base + static_cast<long long>(r) * g.cellCols;
    const long long count = std::clamp<long long>(end - first, 0, g.cellCols);
    float* row = staging.data() + static_cast<size_t>(it.y + r) * pageSize + x0;
    if (count > 0) std::copy_n(from + first, count, row);
  }
}

// Where one packed block landed: a channel of a layer, or (channel -1) its mean.
struct PlacedBlock {
  int layer;
  int channel;
  TextureBlock block;
};

std::vector<PlacedBlock> placedBlocks(const BlockPlan& plan) {
  std::vector<PlacedBlock> placed;
  for (const Item& it : plan.items) {
    const TileGrid& g = plan.grids[it.layer];
    if (it.channel == -2) {  // the input's RGB side by side
      for (int c = 0; c < 3; ++c)
        placed.push_back(
            {it.layer,
             c,
             {it.page, it.x + c * (g.cellCols + 1), it.y, g.cellCols, g.cellRows, g.cellCols + 1}});
    } else {
      placed.push_back({it.layer, it.channel, {it.page, it.x, it.y, g.cellCols, g.cellRows, 0}});
    }
  }
  return placed;
}

// Fills each page on the CPU, then sends it in one call. Returns the bytes sent.
uint64_t uploadPages(const Snapshot& snapshot, const BlockPlan& plan, int pageSize, int pageCount,
                     bool halfFloat) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> staging(static_cast<size_t>(pageSize) * pageSize);
  uint64_t bytes = 0;
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  for (int p = 0; p < pageCount; ++p) {
    std::fill(staging.begin(), staging.end(), nan);
    for (const Item& it : plan.items) {
      if (it.page != p) continue;
      const TileGrid& g = plan.grids[it.layer];
      const FloatTensor& output = snapshot.layers[it.layer].output;
      if (it.channel == -1) {
        putBlock(staging, pageSize, it, g, output, 0, it.x, plan.means[it.layer].data());
      } else if (it.channel == -2) {
        for (int c = 0; c < 3; ++c)
          putBlock(staging, pageSize, it, g, output, c, it.x + c * (g.cellCols + 1), nullptr);
      } else {
        putBlock(staging, pageSize, it, g, output, it.channel, it.x, nullptr);
      }
    }
    glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, p, pageSize, pageSize, 1, GL_RED, GL_FLOAT, staging.data());
    bytes += staging.size() * (halfFloat ? 2 : 4);
  }
  return bytes;
}

}  // namespace

ActivationTextures::ActivationTextures() = default;

ActivationTextures::~ActivationTextures() { clear(); }

void ActivationTextures::clear() {
  if (texture_) glDeleteTextures(1, &texture_);
  texture_ = 0;
  layers_.clear();
  pageSize_ = pageCount_ = 0;
}

bool ActivationTextures::has(int layer) const {
  return layer >= 0 && layer < static_cast<int>(layers_.size()) && !layers_[layer].channels.empty();
}

TextureBlock ActivationTextures::channel(int layer, int channel) const {
  if (!has(layer) || channel < 0 || channel >= static_cast<int>(layers_[layer].channels.size())) return {};
  return layers_[layer].channels[channel];
}

TextureBlock ActivationTextures::mean(int layer) const {
  return has(layer) ? layers_[layer].mean : TextureBlock{};
}

ValueRange ActivationTextures::meanRange(int layer) const {
  return has(layer) ? layers_[layer].meanRange : ValueRange{};
}

void ActivationTextures::upload(const Snapshot& snapshot, const SceneLayout& layout) {
  // The texture itself is kept when the next snapshot needs the same pages (a new image for the same model):
  // only its contents are replaced.
  const unsigned previous = texture_;
  const int previousSize = pageSize_, previousCount = pageCount_;
  const bool previousHalf = halfFloat_;
  texture_ = 0;
  clear();
  texture_ = previous;
  layers_.resize(snapshot.layers.size());

  BlockPlan plan = planBlocks(snapshot, layout);
  for (size_t l = 0; l < layers_.size(); ++l) {
    layers_[l].channels.resize(plan.channelCounts[l]);
    layers_[l].meanRange = plan.meanRanges[l];
  }
  if (plan.items.empty()) {
    clear();
    return;
  }

  GLint maxSize = 2048, maxLayers = 256;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSize);
  glGetIntegerv(GL_MAX_ARRAY_TEXTURE_LAYERS, &maxLayers);
  pageSize_ = choosePageSize(plan.items, maxSize);
  pageCount_ = shelfPack(plan.items, pageSize_);
  if (pageCount_ > maxLayers)
    throw std::runtime_error("activations need " + std::to_string(pageCount_) +
                             " texture pages; the GPU allows " + std::to_string(maxLayers));

  const uint64_t texels = static_cast<uint64_t>(pageSize_) * pageSize_ * pageCount_;
  halfFloat_ = texels * 4 > kHalfFloatAboveBytes;

  if (texture_ && (pageSize_ != previousSize || pageCount_ != previousCount || halfFloat_ != previousHalf)) {
    glDeleteTextures(1, &texture_);
    texture_ = 0;
  }
  texture_ = bindPageTexture(texture_, pageSize_, pageCount_, halfFloat_);
  for (const PlacedBlock& placed : placedBlocks(plan)) {
    LayerBlocks& blocks = layers_[placed.layer];
    (placed.channel == -1 ? blocks.mean : blocks.channels[placed.channel]) = placed.block;
  }
  bytes_ += uploadPages(snapshot, plan, pageSize_, pageCount_, halfFloat_);
  glBindTexture(GL_TEXTURE_2D_ARRAY, 0);
  ++uploads_;
}

}  // namespace convoscope
