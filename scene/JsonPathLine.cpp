#include "scene/JsonPathLine.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace convoscope {
namespace {

// A minimal scanner over valid JSON that follows the target path and remembers the line where it ends.
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

}  // namespace

int jsonPathLine(const std::string& text, const std::vector<std::string>& path) {
  return LineFinder(text, path).find();
}

}  // namespace convoscope
