#pragma once
// Errors are values thrown up to the edge (CLI or UI) and turned into one-line messages there.
#include <stdexcept>
#include <string>

namespace convoscope {

// Bad usage or bad input from the user (a file that is not a model, a wrong shape, ...): CLI exit code 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A model that says nothing of its input shape (no convoscope.json, no --input-shape): the CLI prints the
// message (exit 2), the viewer asks for C,H,W instead of showing it.
struct MissingInputShapeError : InputError {
  using InputError::InputError;
};

}  // namespace convoscope
