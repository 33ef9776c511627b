#pragma once
// What the user has selected: a layer, optionally one channel of it, optionally one cell of that channel.
#include <optional>

namespace convoscope {

struct Selection {
  std::optional<int> layer;
  std::optional<int> channel;  // only with a layer
  std::optional<int> y, x;     // only with a channel; both or neither

  bool empty() const { return !layer.has_value(); }
  bool hasChannel() const { return layer.has_value() && channel.has_value(); }
  bool hasCell() const { return hasChannel() && y.has_value() && x.has_value(); }

  static Selection ofLayer(int layer) { return Selection{layer, std::nullopt, std::nullopt, std::nullopt}; }
  static Selection ofChannel(int layer, int channel) {
    return Selection{layer, channel, std::nullopt, std::nullopt};
  }
  static Selection ofCell(int layer, int channel, int y, int x) { return Selection{layer, channel, y, x}; }

  bool operator==(const Selection& o) const {
    return layer == o.layer && channel == o.channel && y == o.y && x == o.x;
  }
  bool operator!=(const Selection& o) const { return !(*this == o); }
};

}  // namespace convoscope
