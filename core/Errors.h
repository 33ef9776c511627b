#pragma once
// Errors are values thrown up to the edge (CLI or UI) and turned into one-line messages there.
#include <stdexcept>
#include <string>

namespace convoscope {

// Bad usage or bad input from the user (a file that is not a model, a wrong shape, ...): CLI exit code 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace convoscope
