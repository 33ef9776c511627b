#pragma once
// What Convoscope needs to know about a model beyond its weights: read from the .pt's extra file
// "convoscope.json", a sidecar "<model>.convoscope.json", or CLI flags (later sources override earlier ones).
#include <optional>
#include <string>
#include <vector>

namespace convoscope {

struct Normalization {
  std::vector<float> mean;  // one per channel, or one for all
  std::vector<float> std;
  bool isIdentity() const { return mean.empty() && std.empty(); }
};

struct ModelMetadata {
  std::string displayName;
  std::vector<std::string> classNames;
  std::vector<int64_t> inputShape;  // C,H,W; empty when unknown
  Normalization normalization;
  std::string defaultImage;  // path relative to the repository's assets/, optional
};

// Parses the convoscope.json text. `origin` names the file in error messages. Throws InputError.
ModelMetadata parseModelMetadata(const std::string& jsonText, const std::string& origin);
std::string serializeModelMetadata(const ModelMetadata& metadata);

// "3,224,224" -> {3,224,224}. Throws InputError naming `flag` on anything else.
std::vector<int64_t> parseInputShape(const std::string& text, const std::string& flag = "--input-shape");
// "none" | "imagenet" | "M,S" | "M1,M2,M3,S1,S2,S3". Throws InputError.
Normalization parseNormalization(const std::string& text);

}  // namespace convoscope
