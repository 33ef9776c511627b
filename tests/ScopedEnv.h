#pragma once
// Sets an environment variable for one test and restores it (or unsets it) when the test ends, even when an
// ASSERT or an exception ends it early: the tiers run as one process, so a leaked CONVOSCOPE_CACHE_DIR would
// point later tests at a removed folder.
#include <stdlib.h>

#include <optional>
#include <string>

namespace convoscope::testing_support {

class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) previous_ = old;
    setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (previous_)
      setenv(name_.c_str(), previous_->c_str(), 1);
    else
      unsetenv(name_.c_str());
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> previous_;
};

}  // namespace convoscope::testing_support
