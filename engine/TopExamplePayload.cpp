#include "engine/TopExamplePayload.h"

#include <cstdio>
#include <sstream>

namespace convoscope {

std::string encodeTopExamples(const LayerExamples& examples) {
  std::string text;
  char line[128];
  for (const ChannelExamples& c : examples.channels) {
    std::snprintf(line, sizeof line, "%d %zu\n", c.channel, c.examples.size());
    text += line;
    for (const TopExample& e : c.examples) {
      std::snprintf(line, sizeof line, "%d %d %.9g %d %d\n", e.index, e.label, e.value, e.y, e.x);
      text += line;
    }
  }
  return text;
}

std::optional<LayerExamples> decodeTopExamples(const std::string& text, int layer) {
  LayerExamples out;
  out.layer = layer;
  std::istringstream in(text);
  // Every token must be read: anything left over, cut short or out of range refuses the whole text.
  while (!(in >> std::ws).eof()) {
    int channel = 0;
    long long count = 0;
    if (!(in >> channel >> count) || count < 0 || count > 100000) return std::nullopt;
    ChannelExamples c;
    c.channel = channel;
    for (long long i = 0; i < count; ++i) {
      TopExample e;
      if (!(in >> e.index >> e.label >> e.value >> e.y >> e.x)) return std::nullopt;
      c.examples.push_back(e);
    }
    out.channels.push_back(std::move(c));
  }
  return out;
}

}  // namespace convoscope
