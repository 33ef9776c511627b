#pragma once
// Every displayed layer's activations, uploaded ONCE per snapshot into one GL_TEXTURE_2D_ARRAY.
//
// Layout: each channel of a layer is an H x W block of texels (a flat [N] output fills the layout's
// near-square cell grid row by row; the unused tail cells hold NaN, drawn as empty). Blocks are shelf-packed
// into square pages (one array layer each) with a one-texel gutter; the shader reads them with texelFetch, so
// cells stay crisp squares and never bleed. Besides the channels each multi-channel layer gets one more
// block: its mean over channels (the far-away overview). The input layer's 3 channels are packed side by side
// in one row so that the shader can compose true RGB. Format: R32F, or R16F when the total would exceed 256
// MiB.
#include <cstdint>
#include <vector>

#include "core/Snapshot.h"
#include "scene/SlabLayout.h"
#include "scene/ValueRange.h"

namespace convoscope {

struct TextureBlock {
  int page = -1;     // array layer; -1 when absent
  int x = 0, y = 0;  // texel origin (top-left cell)
  int cols = 0, rows = 0;
  int channelStride = 0;  // for side-by-side channel rows (the input's RGB): texels from channel c to c+1
  bool valid() const { return page >= 0; }
};

class ActivationTextures {
 public:
  ActivationTextures();
  ~ActivationTextures();
  ActivationTextures(const ActivationTextures&) = delete;
  ActivationTextures& operator=(const ActivationTextures&) = delete;

  // Packs and uploads the display layer of every slab. Needs a current GL context. Re-uploads everything.
  void upload(const Snapshot& snapshot, const SceneLayout& layout);
  void clear();

  bool has(int layer) const;
  TextureBlock channel(int layer, int channel) const;
  TextureBlock mean(int layer) const;     // the mean over channels; invalid for one-channel layers
  ValueRange meanRange(int layer) const;  // range of the mean image (signed rule as ValueRange)

  unsigned texture() const { return texture_; }
  int pageSize() const { return pageSize_; }
  int pageCount() const { return pageCount_; }
  bool halfFloat() const { return halfFloat_; }
  uint64_t uploadCount() const { return uploads_; }  // upload() calls that sent data to the GPU
  uint64_t bytesUploaded() const { return bytes_; }  // total, over all uploads

 private:
  struct LayerBlocks {
    std::vector<TextureBlock> channels;
    TextureBlock mean;
    ValueRange meanRange;
  };
  std::vector<LayerBlocks> layers_;  // indexed by layer; empty channels when not uploaded
  unsigned texture_ = 0;
  int pageSize_ = 0, pageCount_ = 0;
  bool halfFloat_ = false;
  uint64_t uploads_ = 0, bytes_ = 0;
};

}  // namespace convoscope
