#pragma once
// Each CLI subcommand lives in its own file and registers itself on the root CLI11 app.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "engine/CaptureModel.h"

namespace convoscope {

// The action the chosen subcommand runs; returns the process exit code (0 ok, 1 failure, 2 bad input).
using CommandAction = std::function<int()>;

// --model/--image/--input-shape/--normalize/--memory-budget, shared by every command that runs a model.
struct ModelArguments {
  std::string model;
  std::string image;
  std::string inputShape;
  std::string normalize;
  double memoryBudgetGiB = 2.0;
  void addTo(CLI::App* command, bool withImage = true);
  LoadOptions loadOptions() const;  // throws InputError on a malformed flag
  std::string imageOrDefault(
      const CaptureModel& model) const;  // --image, the metadata's, or the bundled default
};

// The image a model shows when none is chosen: its metadata's default image (under assets/) when that file
// exists, else `fallback` when given and present, else the bundled default. The CLI and the viewer's loader
// both ask this one function.
std::string defaultImageFor(const CaptureModel& model, const std::string& fallback = "");
std::string defaultImageFor(const ModelMetadata& metadata, const std::string& fallback = "");

// Command files register themselves at static-initialisation time (see CONVOSCOPE_COMMAND); `order` sorts
// --help.
using CommandRegistrar = void (*)(CLI::App& root, CommandAction& action);
struct CommandRegistration {
  CommandRegistration(int order, CommandRegistrar registrar);
};
#define CONVOSCOPE_COMMAND(order, registrar) \
  static const ::convoscope::CommandRegistration registration_##registrar(order, registrar)

}  // namespace convoscope
