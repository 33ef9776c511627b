#include "core/ModelMetadata.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/Errors.h"

namespace convoscope {
namespace {

std::vector<float> floatsFrom(const nlohmann::json& value, const std::string& origin, const char* field) {
  if (value.is_number()) return {value.get<float>()};
  if (!value.is_array()) throw InputError(origin + ": field '" + field + "' must be a number or a list");
  std::vector<float> out;
  for (const auto& v : value) {
    if (!v.is_number()) throw InputError(origin + ": field '" + field + "' must hold numbers");
    out.push_back(v.get<float>());
  }
  return out;
}

void checkNormalization(const Normalization& n, const std::string& origin) {
  if (n.mean.size() != n.std.size() || n.mean.empty())
    throw InputError(origin + ": normalization needs as many means as stds (one, or one per channel)");
  for (float s : n.std)
    if (!(s > 0)) throw InputError(origin + ": normalization std must be positive");
}

}  // namespace

ModelMetadata parseModelMetadata(const std::string& jsonText, const std::string& origin) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(jsonText);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(origin + ": invalid JSON at byte " + std::to_string(e.byte));
  } catch (const nlohmann::json::exception&) {
    // Not only syntax: a number too large for a double ("1e400") is an out_of_range (found by fuzzing).
    throw InputError(origin + ": invalid JSON (a number out of range)");
  }
  if (!doc.is_object()) throw InputError(origin + ": expected a JSON object");
  ModelMetadata meta;
  if (doc.contains("display_name")) {
    if (!doc["display_name"].is_string())
      throw InputError(origin + ": field 'display_name' must be a string");
    meta.displayName = doc["display_name"].get<std::string>();
  }
  if (doc.contains("class_names")) {
    const auto& names = doc["class_names"];
    if (!names.is_array()) throw InputError(origin + ": field 'class_names' must be a list of strings");
    for (const auto& n : names) {
      if (!n.is_string()) throw InputError(origin + ": field 'class_names' must be a list of strings");
      meta.classNames.push_back(n.get<std::string>());
    }
  }
  if (doc.contains("input_shape")) {
    const auto& shape = doc["input_shape"];
    if (!shape.is_array() || shape.empty() || shape.size() > 3)
      throw InputError(origin + ": field 'input_shape' must be [C,H,W] (or [N] for flat inputs)");
    for (const auto& d : shape) {
      if (!d.is_number_integer() || d.get<int64_t>() <= 0)
        throw InputError(origin + ": field 'input_shape' must hold positive integers");
      meta.inputShape.push_back(d.get<int64_t>());
    }
  }
  if (doc.contains("normalization") && !doc["normalization"].is_null()) {
    const auto& n = doc["normalization"];
    if (!n.is_object() || !n.contains("mean") || !n.contains("std"))
      throw InputError(origin + ": field 'normalization' must be {\"mean\": [...], \"std\": [...]}");
    meta.normalization.mean = floatsFrom(n["mean"], origin, "normalization.mean");
    meta.normalization.std = floatsFrom(n["std"], origin, "normalization.std");
    checkNormalization(meta.normalization, origin);
  }
  if (doc.contains("default_image")) {
    if (!doc["default_image"].is_string())
      throw InputError(origin + ": field 'default_image' must be a string");
    meta.defaultImage = doc["default_image"].get<std::string>();
  }
  return meta;
}

std::string serializeModelMetadata(const ModelMetadata& meta) {
  nlohmann::json doc;
  doc["display_name"] = meta.displayName;
  doc["class_names"] = meta.classNames;
  if (!meta.inputShape.empty()) doc["input_shape"] = meta.inputShape;  // [] would not parse back
  if (!meta.normalization.isIdentity())
    doc["normalization"] = {{"mean", meta.normalization.mean}, {"std", meta.normalization.std}};
  if (!meta.defaultImage.empty()) doc["default_image"] = meta.defaultImage;
  return doc.dump(2);
}

std::vector<int64_t> parseInputShape(const std::string& text, const std::string& flag) {
  std::vector<int64_t> shape;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    size_t used = 0;
    long long value = 0;
    try {
      value = std::stoll(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != part.size() || value <= 0 || value > 100000)
      throw InputError(flag + " '" + text + "': expected positive integers like 3,224,224");
    shape.push_back(value);
  }
  if (shape.empty() || shape.size() > 3 || text.back() == ',')
    throw InputError(flag + " '" + text + "': expected C,H,W (or N for a flat input)");
  return shape;
}

Normalization parseNormalization(const std::string& text) {
  if (text == "none") return {};
  if (text == "imagenet") return {{0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f}};
  std::vector<float> values;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    size_t used = 0;
    float v = 0;
    try {
      v = std::stof(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != part.size())
      throw InputError("--normalize '" + text + "': expected none, imagenet, M,S or M1,M2,M3,S1,S2,S3");
    values.push_back(v);
  }
  if (values.size() != 2 && values.size() != 6)
    throw InputError("--normalize '" + text + "': expected none, imagenet, M,S or M1,M2,M3,S1,S2,S3");
  Normalization n;
  const size_t half = values.size() / 2;
  n.mean.assign(values.begin(), values.begin() + half);
  n.std.assign(values.begin() + half, values.end());
  for (float s : n.std)
    if (!(s > 0)) throw InputError("--normalize '" + text + "': std must be positive");
  return n;
}

}  // namespace convoscope
