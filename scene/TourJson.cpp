// The tour file (format in Tour.h, docs/TOURS.md): reading it with messages that point at the bad field,
// and writing it back.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/AtomicFile.h"
#include "core/Errors.h"
#include "scene/JsonPathLine.h"
#include "scene/Tour.h"

namespace convoscope {

using nlohmann::json;

namespace {

constexpr int kMaxCheckpoint = 1 << 20;  // a checkpoint index; the series says how many there are

// Reads one tour, carrying where it is (source, step, field) for messages.
class TourReader {
 public:
  TourReader(const std::string& text, std::string source) : text_(text), source_(std::move(source)) {}

  Tour read() {
    json root;
    try {
      root = json::parse(text_);
    } catch (const json::parse_error& e) {
      throw InputError(source_ + ":" + std::to_string(lineOfByte(e.byte)) + ": not valid JSON (" +
                       parseReason(e.what()) + ")");
    } catch (const json::exception&) {  // "1e400": out_of_range, not parse_error (found by fuzzing)
      throw InputError(source_ + ": not valid JSON (a number out of range)");
    }
    if (!root.is_object()) fail({}, "the file must hold a JSON object with \"format\": \"convoscope-tour\"");
    checkKeys(root, {}, {"format", "version", "model", "image", "series", "steps"}, "the tour");
    if (!root.contains("format") || root["format"] != kTourFormat)
      fail({"format"}, std::string("not a Convoscope tour: \"format\" must be \"") + kTourFormat + "\"");
    if (!root.contains("version")) fail({}, "missing field 'version'");
    if (!root["version"].is_number_integer() || root["version"].get<long long>() != kTourVersion)
      fail({"version"}, "unsupported tour version " + root["version"].dump() +
                            " (this Convoscope reads version " + std::to_string(kTourVersion) + ")");
    Tour tour;
    if (root.contains("model")) tour.model = stringField(root, {"model"});
    if (root.contains("image")) tour.image = stringField(root, {"image"});
    if (root.contains("series")) tour.series = stringField(root, {"series"});
    if (!root.contains("steps")) fail({}, "missing field 'steps'");
    const json& steps = root["steps"];
    if (!steps.is_array()) fail({"steps"}, "field 'steps' must be an array of steps");
    if (steps.empty()) fail({"steps"}, "the tour has no steps");
    for (size_t i = 0; i < steps.size(); ++i) tour.steps.push_back(readStep(steps[i], static_cast<int>(i)));
    for (size_t i = 0; i < steps.size(); ++i)
      if (tour.steps[i].checkpoints && tour.series.empty())
        fail({"steps", std::to_string(i), steps[i].contains("checkpoint") ? "checkpoint" : "checkpoints"},
             "a checkpoint step needs the tour's \"series\" (a training series folder, beside \"model\")");
    return tour;
  }

 private:
  using Path = std::vector<std::string>;

  int lineOfByte(size_t byte) const {
    const size_t end = std::min(byte, text_.size());
    return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + end, '\n'));
  }
  static std::string parseReason(const std::string& what) {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while parsing ..." →
    // the part after the position.
    const size_t colon = what.find(": ", what.find("column"));
    return colon == std::string::npos ? what : what.substr(colon + 2);
  }

  [[noreturn]] void fail(const Path& path, const std::string& message) const {
    std::string where = source_;
    if (!path.empty()) {
      const int line = jsonPathLine(text_, path);
      if (line > 0) where += ":" + std::to_string(line);
    }
    std::string step;
    if (path.size() >= 2 && path[0] == "steps")
      step = "step " + std::to_string(std::stoi(path[1]) + 1) + ": ";
    throw InputError(where + ": " + step + message);
  }

  static Path child(Path path, const std::string& key) {
    path.push_back(key);
    return path;
  }
  static std::string fieldName(const Path& path) {
    // Inside a step, name the field from the step down: "focus.channel"; else the whole path.
    size_t from = path.size() >= 2 && path[0] == "steps" ? 2 : 0;
    std::string name;
    for (size_t i = from; i < path.size(); ++i) name += (name.empty() ? "" : ".") + path[i];
    return name;
  }

  void checkKeys(const json& object, const Path& path, const std::set<std::string>& allowed,
                 const std::string& what) const {
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (allowed.count(it.key())) continue;
      std::string list;
      for (const std::string& k : allowed) list += (list.empty() ? "" : ", ") + k;
      fail(child(path, it.key()),
           "unknown field '" + fieldName(child(path, it.key())) + "' in " + what + " (known: " + list + ")");
    }
  }

  std::string stringField(const json& object, const Path& path) const {
    const json& v = object[path.back()];
    if (!v.is_string()) fail(path, "field '" + fieldName(path) + "' must be a string");
    return v.get<std::string>();
  }
  double numberField(const json& object, const Path& path) const {
    const json& v = object[path.back()];
    if (!v.is_number()) fail(path, "field '" + fieldName(path) + "' must be a number");
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(path, "field '" + fieldName(path) + "' must be finite");
    return d;
  }
  int intField(const json& object, const Path& path, int lo, int hi) const {
    const json& v = object[path.back()];
    if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi)
      fail(path, "field '" + fieldName(path) + "' must be a whole number from " + std::to_string(lo) +
                     " to " + std::to_string(hi));
    return static_cast<int>(v.get<long long>());
  }
  bool boolField(const json& object, const Path& path) const {
    const json& v = object[path.back()];
    if (!v.is_boolean()) fail(path, "field '" + fieldName(path) + "' must be true or false");
    return v.get<bool>();
  }
  void requireObject(const json& v, const Path& path) const {
    if (!v.is_object()) fail(path, "field '" + fieldName(path) + "' must be an object");
  }

  TourStep readStep(const json& s, int index) {
    const Path path{"steps", std::to_string(index)};
    if (!s.is_object()) fail(path, "a step must be an object with at least \"title\" and \"duration\"");
    checkKeys(s, path,
              {"focus", "pose", "zoom", "math", "playground", "attribution", "features", "examples", "compare", "title", "text",
               "duration", "easing", "weights", "checkpoint", "checkpoints"},
              "a step");
    TourStep step;
    for (const char* required : {"title", "duration"})
      if (!s.contains(required)) fail(path, std::string("missing field '") + required + "'");
    step.title = stringField(s, child(path, "title"));
    if (s.contains("text")) {
      const json& text = s["text"];
      const Path textPath = child(path, "text");
      if (text.is_string()) {
        step.text.push_back(text.get<std::string>());
      } else if (text.is_array()) {
        for (size_t i = 0; i < text.size(); ++i) {
          if (!text[i].is_string())
            fail(child(textPath, std::to_string(i)),
                 "field 'text' must be an array of strings (caption lines)");
          step.text.push_back(text[i].get<std::string>());
        }
      } else {
        fail(textPath, "field 'text' must be an array of strings (caption lines)");
      }
    }
    const double duration = numberField(s, child(path, "duration"));
    if (!(duration > 0.0) || duration > 3600.0)
      fail(child(path, "duration"), "field 'duration' must be a positive number of seconds (at most 3600)");
    step.duration = static_cast<float>(duration);
    if (s.contains("easing")) {
      const std::string easing = stringField(s, child(path, "easing"));
      if (easing == "ease-in-out")
        step.easing = TourEasing::EaseInOut;
      else if (easing == "linear")
        step.easing = TourEasing::Linear;
      else if (easing == "ease-out")
        step.easing = TourEasing::EaseOut;
      else
        fail(child(path, "easing"),
             "field 'easing' is \"" + easing + "\"; expected \"ease-in-out\", \"linear\" or \"ease-out\"");
    }
    if (s.contains("zoom")) step.zoom = intField(s, child(path, "zoom"), 0, 3);
    if (s.contains("focus") && s.contains("pose"))
      fail(child(path, "pose"), "a step has either 'focus' or 'pose', not both");
    if (s.contains("focus")) step.focus = readFocus(s["focus"], child(path, "focus"));
    if (s.contains("pose")) step.pose = readPose(s["pose"], child(path, "pose"));
    if (s.contains("math")) step.math = readMath(s["math"], child(path, "math"));
    if (s.contains("playground")) {
      for (const char* other : {"focus", "pose", "math"})
        if (s.contains(other))
          fail(child(path, "playground"),
               std::string("a step with 'playground' shows the playground, not the "
                           "network: it cannot also have '") +
                   other + "'");
      step.playground = readPlayground(s["playground"], child(path, "playground"));
    }
    if (s.contains("attribution")) {
      if (step.playground)
        fail(child(path, "attribution"), "a step with 'playground' cannot also have 'attribution'");
      step.attribution = readAttribution(s["attribution"], child(path, "attribution"));
    }
    if (s.contains("features")) {
      if (step.playground) fail(child(path, "features"), "a step with 'playground' cannot also have 'features'");
      step.features = boolField(s, child(path, "features"));
    }
    if (s.contains("examples")) {
      step.examples = boolField(s, child(path, "examples"));
      if (step.examples && !(step.focus && step.focus->channel))
        fail(child(path, "examples"), "'examples' shows a channel's top examples: the step needs a focus with a channel");
      setStepExamples(step, step.examples);
    }
    if (s.contains("compare")) {
      if (step.playground) fail(child(path, "compare"), "a step with 'playground' cannot also have 'compare'");
      step.compare = readCompare(s["compare"], child(path, "compare"));
    }
    readTrainingFields(s, path, step);
    return step;
  }

  // "weights", "checkpoint" and "checkpoints" (a training series' moment; its range is checked against the series
  // once that is read: scene/TourValidation's validateTourSeries).
  void readTrainingFields(const json& s, const Path& path, TourStep& step) const {
    for (const char* field : {"weights", "checkpoint", "checkpoints"})
      if (s.contains(field) && step.playground)
        fail(child(path, field), std::string("a step with 'playground' cannot also have '") + field + "'");
    if (s.contains("weights")) step.weights = boolField(s, child(path, "weights"));
    if (s.contains("checkpoint") && s.contains("checkpoints"))
      fail(child(path, "checkpoints"), "a step has either 'checkpoint' or 'checkpoints', not both");
    if (s.contains("checkpoint")) {
      const int k = intField(s, child(path, "checkpoint"), 0, kMaxCheckpoint);
      step.checkpoints = TourCheckpoints{k, k};
    }
    if (s.contains("checkpoints")) {
      const json& range = s["checkpoints"];
      const Path rangePath = child(path, "checkpoints");
      if (!range.is_array() || range.size() != 2 || !range[0].is_number_integer() || !range[1].is_number_integer())
        fail(rangePath, "field 'checkpoints' must be [first, last]: two checkpoint indices");
      const long long from = range[0].get<long long>(), to = range[1].get<long long>();
      if (from < 0 || to < 0 || from > kMaxCheckpoint || to > kMaxCheckpoint)
        fail(rangePath, "field 'checkpoints' holds checkpoint indices from 0 to " + std::to_string(kMaxCheckpoint));
      step.checkpoints = TourCheckpoints{static_cast<int>(from), static_cast<int>(to)};
    }
  }

  TourCompare readCompare(const json& c, const Path& path) const {
    requireObject(c, path);
    checkKeys(c, path, {"image", "attack", "epsilon", "steps", "target", "view"}, "'compare'");
    TourCompare compare;
    if (c.contains("image")) compare.image = stringField(c, child(path, "image"));
    if (c.contains("attack")) compare.attack = stringField(c, child(path, "attack"));
    if (compare.image.empty() == compare.attack.empty())
      fail(path, "'compare' needs input B: either \"image\" (a file) or \"attack\" (\"fgsm\" or \"pgd\")");
    if (!compare.attack.empty() && compare.attack != "fgsm" && compare.attack != "pgd")
      fail(child(path, "attack"), "field 'compare.attack' is \"" + compare.attack + "\"; expected \"fgsm\" or \"pgd\"");
    if (c.contains("epsilon")) {
      const double epsilon = numberField(c, child(path, "epsilon"));
      if (!(epsilon >= 0.0 && epsilon <= 1.0))
        fail(child(path, "epsilon"), "field 'compare.epsilon' must be between 0 and 1 (pixel values are 0..1)");
      compare.epsilon = static_cast<float>(epsilon);
    }
    if (c.contains("steps")) compare.steps = intField(c, child(path, "steps"), 1, 1000);
    if (c.contains("target")) compare.target = intField(c, child(path, "target"), 0, 1 << 20);
    if (c.contains("view")) {
      compare.view = stringField(c, child(path, "view"));
      if (compare.view != "a" && compare.view != "b" && compare.view != "diff")
        fail(child(path, "view"), "field 'compare.view' is \"" + compare.view + "\"; expected \"a\", \"b\" or \"diff\"");
    }
    return compare;
  }

  AttributionRequest readAttribution(const json& a, const Path& path) const {
    requireObject(a, path);
    checkKeys(a, path, {"method", "class", "contrast", "layer", "every_layer"}, "'attribution'");
    if (!a.contains("method")) fail(path, "missing field 'attribution.method'");
    AttributionRequest request;
    request.method = stringField(a, child(path, "method"));
    bool knownMethod = false;
    std::string names;
    for (const AttributionMethodName& m : attributionMethodNames()) {
      knownMethod = knownMethod || request.method == m.name;
      names += std::string(names.empty() ? "" : ", ") + m.name;
    }
    if (!knownMethod)
      fail(child(path, "method"),
           "field 'attribution.method' is \"" + request.method + "\"; expected one of " + names);
    constexpr int kMaxClass = 1 << 24;
    if (a.contains("class")) request.classIndex = intField(a, child(path, "class"), 0, kMaxClass);
    if (a.contains("contrast")) request.contrast = intField(a, child(path, "contrast"), 0, kMaxClass);
    if (a.contains("layer")) request.layer = stringField(a, child(path, "layer"));
    if (a.contains("every_layer")) request.everyLayer = boolField(a, child(path, "every_layer"));
    return request;
  }

  // The same ranges as the playground's sliders (ui/PlaygroundPanel.cpp): small grids a room can read.
  TourPlayground readPlayground(const json& p, const Path& path) const {
    requireObject(p, path);
    checkKeys(p, path, {"input", "kernel", "stride", "padding", "dilation", "playing"}, "'playground'");
    for (const char* required : {"input", "kernel", "stride"})
      if (!p.contains(required)) fail(path, std::string("missing field 'playground.") + required + "'");
    TourPlayground playground;
    ConvGeometry& g = playground.geometry;
    g.inputSize = intField(p, child(path, "input"), 3, 12);
    g.kernel = intField(p, child(path, "kernel"), 1, 7);
    g.stride = intField(p, child(path, "stride"), 1, 4);
    g.padding = p.contains("padding") ? intField(p, child(path, "padding"), 0, 3) : 0;
    g.dilation = p.contains("dilation") ? intField(p, child(path, "dilation"), 1, 3) : 1;
    if (p.contains("playing")) playground.playing = boolField(p, child(path, "playing"));
    return playground;
  }

  TourFocus readFocus(const json& f, const Path& path) const {
    if (f.is_string()) return TourFocus{f.get<std::string>(), std::nullopt, std::nullopt, std::nullopt};
    requireObject(f, path);
    checkKeys(f, path, {"layer", "channel", "y", "x"}, "'focus'");
    if (!f.contains("layer")) fail(path, "missing field 'focus.layer'");
    TourFocus focus;
    focus.layer = stringField(f, child(path, "layer"));
    if (focus.layer.empty()) fail(child(path, "layer"), "field 'focus.layer' is empty");
    constexpr int kMaxIndex = 1 << 24;
    if (f.contains("channel")) focus.channel = intField(f, child(path, "channel"), 0, kMaxIndex);
    if (f.contains("y") != f.contains("x"))
      fail(path, "field 'focus' needs both 'y' and 'x' for a cell, or neither");
    if (f.contains("y")) {
      if (!focus.channel) fail(path, "field 'focus' has a cell (y, x) but no 'channel'");
      focus.y = intField(f, child(path, "y"), 0, kMaxIndex);
      focus.x = intField(f, child(path, "x"), 0, kMaxIndex);
    }
    return focus;
  }

  CameraPose readPose(const json& p, const Path& path) const {
    requireObject(p, path);
    checkKeys(p, path, {"target", "distance", "yaw", "pitch"}, "'pose'");
    for (const char* required : {"target", "distance", "yaw", "pitch"})
      if (!p.contains(required)) fail(path, std::string("missing field 'pose.") + required + "'");
    CameraPose pose;
    const json& target = p["target"];
    if (!target.is_array() || target.size() != 3 || !target[0].is_number() || !target[1].is_number() ||
        !target[2].is_number())
      fail(child(path, "target"), "field 'pose.target' must be [x, y, z]");
    pose.target = glm::vec3(target[0].get<float>(), target[1].get<float>(), target[2].get<float>());
    pose.distance = static_cast<float>(numberField(p, child(path, "distance")));
    if (!(pose.distance > 0.0f))
      fail(child(path, "distance"), "field 'pose.distance' must be a positive number");
    pose.yaw = glm::radians(static_cast<float>(numberField(p, child(path, "yaw"))));
    const double pitch = numberField(p, child(path, "pitch"));
    if (std::abs(pitch) > 89.0)
      fail(child(path, "pitch"), "field 'pose.pitch' must be within -89..89 degrees");
    pose.pitch = glm::radians(static_cast<float>(pitch));
    return pose;
  }

  TourMath readMath(const json& m, const Path& path) const {
    requireObject(m, path);
    checkKeys(m, path, {"open", "animation", "prediction"}, "'math'");
    TourMath math;
    if (m.contains("open")) math.open = boolField(m, child(path, "open"));
    if (m.contains("prediction")) math.prediction = boolField(m, child(path, "prediction"));
    if (m.contains("animation")) {
      const Path animPath = child(path, "animation");
      const json& a = m["animation"];
      requireObject(a, animPath);
      checkKeys(a, animPath, {"playing", "position"}, "'math.animation'");
      if (a.contains("playing")) math.playing = boolField(a, child(animPath, "playing"));
      if (a.contains("position")) {
        const double position = numberField(a, child(animPath, "position"));
        if (position < 0.0 || position > 1.0)
          fail(child(animPath, "position"), "field 'math.animation.position' must be from 0 to 1");
        math.position = static_cast<float>(position);
      }
    }
    return math;
  }

  const std::string& text_;
  std::string source_;
};

// Degrees with a few decimals: readable in the file and stable across save/load.
double roundedDegrees(float radians) {
  return std::round(glm::degrees(static_cast<double>(radians)) * 1e4) / 1e4;
}

json compareJson(const TourCompare& c) {
  json j;
  if (!c.image.empty()) j["image"] = c.image;
  if (!c.attack.empty()) {
    j["attack"] = c.attack;
    j["epsilon"] = c.epsilon;
    if (c.attack == "pgd") j["steps"] = c.steps;
    if (c.target) j["target"] = *c.target;
  }
  j["view"] = c.view;
  return j;
}

}  // namespace

Tour parseTour(const std::string& jsonText, const std::string& sourceName) {
  return TourReader(jsonText, sourceName).read();
}

Tour loadTour(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open the tour file (" + std::strerror(errno) + ")");
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(path + ": cannot read the tour file");
  return parseTour(text.str(), path);
}

std::string tourToJson(const Tour& tour) {
  json root = json::object();
  root["format"] = kTourFormat;
  root["version"] = kTourVersion;
  if (!tour.model.empty()) root["model"] = tour.model;
  if (!tour.image.empty()) root["image"] = tour.image;
  if (!tour.series.empty()) root["series"] = tour.series;
  json steps = json::array();
  for (const TourStep& s : tour.steps) {
    json step = json::object();
    step["title"] = s.title;
    step["text"] = s.text;
    step["duration"] = s.duration;
    step["easing"] = tourEasingName(s.easing);
    if (s.focus) {
      json f = {{"layer", s.focus->layer}};
      if (s.focus->channel) f["channel"] = *s.focus->channel;
      if (s.focus->y && s.focus->x) {
        f["y"] = *s.focus->y;
        f["x"] = *s.focus->x;
      }
      step["focus"] = f;
    }
    if (s.pose) {
      step["pose"] = {{"target", {s.pose->target.x, s.pose->target.y, s.pose->target.z}},
                      {"distance", s.pose->distance},
                      {"yaw", roundedDegrees(s.pose->yaw)},
                      {"pitch", roundedDegrees(s.pose->pitch)}};
    }
    step["zoom"] = s.zoom;
    if (s.math.open || s.math.playing || s.math.position != 0.0f || s.math.prediction) {
      step["math"] = {{"open", s.math.open},
                      {"animation", {{"playing", s.math.playing}, {"position", s.math.position}}}};
      if (s.math.prediction) step["math"]["prediction"] = true;
    }
    if (s.playground) {
      const ConvGeometry& g = s.playground->geometry;
      step["playground"] = {{"input", g.inputSize},   {"kernel", g.kernel},
                            {"stride", g.stride},     {"padding", g.padding},
                            {"dilation", g.dilation}, {"playing", s.playground->playing}};
    }
    if (s.attribution) {
      const AttributionRequest& a = *s.attribution;
      json j = {{"method", a.method}};
      if (a.classIndex) j["class"] = *a.classIndex;
      if (a.contrast) j["contrast"] = *a.contrast;
      if (!a.layer.empty()) j["layer"] = a.layer;
      if (a.everyLayer) j["every_layer"] = true;
      step["attribution"] = j;
    }
    if (s.features) step["features"] = true;
    if (s.examples) step["examples"] = true;
    if (s.compare) step["compare"] = compareJson(*s.compare);
    if (s.weights) step["weights"] = true;
    if (s.checkpoints && s.checkpoints->from == s.checkpoints->to) step["checkpoint"] = s.checkpoints->from;
    if (s.checkpoints && s.checkpoints->from != s.checkpoints->to) step["checkpoints"] = {s.checkpoints->from, s.checkpoints->to};
    steps.push_back(step);
  }
  root["steps"] = steps;
  return root.dump(2) + "\n";
}

void saveTour(const Tour& tour, const std::string& path) {
  writeFileAtomically(path, tourToJson(tour), "the tour");
}

}  // namespace convoscope
