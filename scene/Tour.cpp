#include "scene/Tour.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "engine/Errors.h"

namespace convoscope {

using nlohmann::json;

const char* tourEasingName(TourEasing easing) {
  switch (easing) {
    case TourEasing::Linear:
      return "linear";
    case TourEasing::EaseOut:
      return "ease-out";
    case TourEasing::EaseInOut:
      break;
  }
  return "ease-in-out";
}

float applyEasing(TourEasing easing, float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  switch (easing) {
    case TourEasing::Linear:
      return t;
    case TourEasing::EaseOut:
      return 1.0f - (1.0f - t) * (1.0f - t) * (1.0f - t);  // cubic
    case TourEasing::EaseInOut:
      break;
  }
  return easeInOutCubic(t);
}

double Tour::totalDuration() const {
  double total = 0.0;
  for (const TourStep& s : steps) total += s.duration;
  return total;
}

namespace {

// ---- line numbers for messages: nlohmann keeps none, so find a path's line in the (valid) text ----

class LineFinder {
 public:
  LineFinder(const std::string& text, std::vector<std::string> path) : text_(text), path_(std::move(path)) {}
  int find() {
    std::vector<std::string> here;
    return value(here) ? line_ : 0;
  }

 private:
  void skipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  int lineAt(size_t pos) const {
    return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + pos, '\n'));
  }
  std::string string() {  // at the opening quote; returns the raw (escape-preserving) contents
    const size_t begin = ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
    return text_.substr(begin, (pos_++) - begin);
  }
  bool matches(const std::vector<std::string>& here) const { return here == path_; }
  // True when the target path was found inside this value (line_ set).
  bool value(std::vector<std::string>& here) {
    skipSpace();
    if (pos_ >= text_.size()) return false;
    if (matches(here)) {
      line_ = lineAt(pos_);
      return true;
    }
    const char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      for (;;) {
        skipSpace();
        if (pos_ >= text_.size() || text_[pos_] == '}') break;
        if (text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        const size_t keyPos = pos_;
        here.push_back(string());
        if (matches(here)) {
          line_ = lineAt(keyPos);
          return true;
        }
        skipSpace();
        ++pos_;  // ':'
        if (value(here)) return true;
        here.pop_back();
      }
      ++pos_;
    } else if (c == '[') {
      ++pos_;
      for (int index = 0;; ++index) {
        skipSpace();
        if (pos_ >= text_.size() || text_[pos_] == ']') break;
        here.push_back(std::to_string(index));
        if (value(here)) return true;
        here.pop_back();
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == ',') ++pos_;
      }
      ++pos_;
    } else if (c == '"') {
      string();
    } else {
      while (pos_ < text_.size() && !std::strchr(",]} \t\r\n", text_[pos_])) ++pos_;
    }
    return false;
  }

  const std::string& text_;
  std::vector<std::string> path_;
  size_t pos_ = 0;
  int line_ = 0;
};

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
    checkKeys(root, {}, {"format", "version", "model", "image", "steps"}, "the tour");
    if (!root.contains("format") || root["format"] != kTourFormat)
      fail({"format"}, std::string("not a Convoscope tour: \"format\" must be \"") + kTourFormat + "\"");
    if (!root.contains("version")) fail({}, "missing field 'version'");
    if (!root["version"].is_number_integer() || root["version"].get<long long>() != kTourVersion)
      fail({"version"}, "unsupported tour version " + root["version"].dump() +
                            " (this Convoscope reads version " + std::to_string(kTourVersion) + ")");
    Tour tour;
    if (root.contains("model")) tour.model = stringField(root, {"model"});
    if (root.contains("image")) tour.image = stringField(root, {"image"});
    if (!root.contains("steps")) fail({}, "missing field 'steps'");
    const json& steps = root["steps"];
    if (!steps.is_array()) fail({"steps"}, "field 'steps' must be an array of steps");
    if (steps.empty()) fail({"steps"}, "the tour has no steps");
    for (size_t i = 0; i < steps.size(); ++i) tour.steps.push_back(readStep(steps[i], static_cast<int>(i)));
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
      const int line = LineFinder(text_, path).find();
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
    checkKeys(s, path, {"focus", "pose", "zoom", "math", "playground", "title", "text", "duration", "easing"},
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
    return step;
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
    checkKeys(m, path, {"open", "animation"}, "'math'");
    TourMath math;
    if (m.contains("open")) math.open = boolField(m, child(path, "open"));
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
    if (s.math.open || s.math.playing || s.math.position != 0.0f)
      step["math"] = {{"open", s.math.open},
                      {"animation", {{"playing", s.math.playing}, {"position", s.math.position}}}};
    if (s.playground) {
      const ConvGeometry& g = s.playground->geometry;
      step["playground"] = {{"input", g.inputSize},   {"kernel", g.kernel},
                            {"stride", g.stride},     {"padding", g.padding},
                            {"dilation", g.dilation}, {"playing", s.playground->playing}};
    }
    steps.push_back(step);
  }
  root["steps"] = steps;
  return root.dump(2) + "\n";
}

void saveTour(const Tour& tour, const std::string& path) {
  namespace fs = std::filesystem;
  const std::string text = tourToJson(tour);
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw std::runtime_error(path + ": cannot save the tour (" + std::strerror(errno) + ")");
  auto failWith = [&](int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw std::runtime_error(path + ": cannot save the tour (" + std::strerror(error) + ")");
  };
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      failWith(errno);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) failWith(errno);
  struct stat previous {};
  ::fchmod(fd,
           ::stat(path.c_str(), &previous) == 0 ? (previous.st_mode & 07777) : 0644);  // mkstemp made it 0600
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error(path + ": cannot save the tour (" + std::strerror(error) + ")");
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error(path + ": cannot save the tour (" + std::strerror(error) + ")");
  }
}

float transitionSeconds(const TourStep& step) { return std::min(1.0f, 0.4f * step.duration); }

CameraPose stepPose(const TourStep& step, const TourFocusResolver& resolve) {
  if (step.pose) return *step.pose;
  return resolve ? resolve(step.focus, step.zoom) : CameraPose{};
}

namespace {

TourMath mathAt(const TourMath& math, double stepTime, float duration) {
  TourMath out = math;
  if (math.playing && duration > 0.0f) {
    const double progress = std::clamp(stepTime / duration, 0.0, 1.0);
    out.position = static_cast<float>(math.position + (1.0 - math.position) * progress);
  }
  return out;
}

// `moving`: the step was entered from another pose (false for a tour's first step, which starts in place).
TourFrame frameBetween(const TourStep& step, int index, int fromIndex, bool moving, const CameraPose& from,
                       const CameraPose& to, float fromZoom, double stepTime) {
  TourFrame f;
  f.step = index;
  f.fromStep = fromIndex;
  f.stepTime = stepTime;
  const float transition = transitionSeconds(step);
  const float u = transition > 0.0f ? static_cast<float>(std::clamp(stepTime / transition, 0.0, 1.0)) : 1.0f;
  f.transitioning = moving && u < 1.0f;
  f.transition = moving ? applyEasing(step.easing, u) : 1.0f;
  f.pose = f.transition >= 1.0f ? to : interpolatePoses(from, to, f.transition);
  f.zoom = fromZoom + (static_cast<float>(step.zoom) - fromZoom) * f.transition;
  f.math = mathAt(step.math, stepTime, step.duration);
  // The playground's window walks over the first 85 % of the step, then the full output holds a moment.
  if (step.playground && step.playground->playing && step.duration > 0.0f)
    f.playgroundPosition = static_cast<float>(std::clamp(stepTime / (0.85 * step.duration), 0.0, 1.0));
  f.captionAlpha = !moving ? 1.0f : std::clamp(u * 2.0f - 0.5f, 0.0f, 1.0f);  // in during mid-move
  return f;
}

}  // namespace

TourTimeline::TourTimeline(const Tour& tour, const TourFocusResolver& resolve) : steps_(tour.steps) {
  if (steps_.empty()) throw InputError("the tour has no steps");
  double t = 0.0;
  for (const TourStep& s : steps_) {
    poses_.push_back(stepPose(s, resolve));
    starts_.push_back(t);
    t += s.duration;
  }
  total_ = t;
}

TourFrame TourTimeline::at(double t) const {
  const int last = stepCount() - 1;
  if (!(t > 0.0)) t = 0.0;  // also NaN
  // The step whose interval holds t: the last start ≤ t.
  int step = static_cast<int>(std::upper_bound(starts_.begin(), starts_.end(), t) - starts_.begin()) - 1;
  step = std::clamp(step, 0, last);
  const double stepTime = std::min(t - starts_[step], static_cast<double>(steps_[step].duration));
  const int from = std::max(step - 1, 0);
  return frameBetween(steps_[step], step, from, step != from, poses_[from], poses_[step],
                      static_cast<float>(steps_[from].zoom), stepTime);
}

long long TourTimeline::frameCount(double fps) const {
  return std::max(1LL, static_cast<long long>(std::llround(total_ * fps)));
}

TourPlayer::TourPlayer(Tour tour, TourFocusResolver resolve)
    : tour_(std::move(tour)), resolve_(std::move(resolve)) {
  if (tour_.steps.empty()) throw InputError("the tour has no steps");
}

void TourPlayer::start(const CameraPose& from) {
  started_ = true;
  step_ = fromStep_ = 0;
  moving_ = true;
  from_ = from;
  to_ = stepPose(tour_.steps[0], resolve_);
  fromZoom_ = static_cast<float>(tour_.steps[0].zoom);
  elapsed_ = 0.0;
}

void TourPlayer::goTo(int step) {
  step = std::clamp(step, 0, stepCount() - 1);
  if (!started_) {  // nothing to fly from: appear at the step
    started_ = true;
    step_ = fromStep_ = step;
    moving_ = false;
    from_ = to_ = stepPose(tour_.steps[step], resolve_);
    fromZoom_ = static_cast<float>(tour_.steps[step].zoom);
    elapsed_ = 0.0;
    return;
  }
  if (step == step_) return;
  const TourFrame now = frame();
  from_ = now.pose;  // from wherever the camera is, mid-transition included
  fromZoom_ = now.zoom;
  fromStep_ = step_;
  step_ = step;
  moving_ = true;
  to_ = stepPose(tour_.steps[step], resolve_);
  elapsed_ = 0.0;
}

void TourPlayer::next() { goTo(step_ + 1); }
void TourPlayer::previous() { goTo(step_ - 1); }
void TourPlayer::jump(int step) { goTo(step); }

void TourPlayer::advance(float dtSeconds) {
  if (!started_ || !(dtSeconds > 0.0f)) return;
  elapsed_ = std::min(elapsed_ + dtSeconds, static_cast<double>(currentStep().duration));
}

TourFrame TourPlayer::frame() const {
  return frameBetween(currentStep(), step_, std::max(fromStep_, 0), moving_, from_, to_, fromZoom_, elapsed_);
}

void TourPlayer::setResolver(TourFocusResolver resolve) {
  resolve_ = std::move(resolve);
  if (started_) to_ = stepPose(currentStep(), resolve_);
}

}  // namespace convoscope
