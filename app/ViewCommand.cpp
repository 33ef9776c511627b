// `convoscope view` (also what runs with no subcommand): the interactive 3D viewer in a window.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/Commands.h"
#include "app/WindowLoop.h"
#include "engine/Errors.h"

namespace convoscope {
namespace {

void registerView(CLI::App& root, CommandAction& action) {
  struct Options {
    ModelArguments model;
    std::string tour;
    bool fullscreen = false;
    int monitor = 0;
    std::string size = "1600x900";
    std::string script;
    bool smokeTest = false;
    std::string screenshot;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand("view", "open the 3D viewer (the default command)");
  options->model.addTo(cmd);
  cmd->add_option("--tour", options->tour, "tour file to load (not yet supported by the viewer)");
  cmd->add_flag("--fullscreen", options->fullscreen, "start fullscreen (F11 toggles)");
  cmd->add_option("--monitor", options->monitor, "monitor to open on, 1 = primary")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--size", options->size, "window size WxH (default 1600x900)");
  // Testing and documentation hooks; hidden from --help (group "").
  cmd->add_option("--script", options->script, "steps to inject (text or @file)")->group("");
  cmd->add_flag("--smoke-test", options->smokeTest, "orbit, zoom, click and check the frame changed")
      ->group("");
  cmd->add_option("--screenshot", options->screenshot, "write the window to a PNG once loaded, then exit")
      ->group("");

  auto make = [options] {
    return [options] {
      WindowOptions window;
      window.model = options->model.loadOptions();
      // Fail fast on paths that cannot work, with the CLI's exit code, before a window opens.
      if (!std::filesystem::exists(window.model.modelPath))
        throw InputError(window.model.modelPath + ": no such file");
      if (!options->model.image.empty() && !std::filesystem::exists(options->model.image))
        throw InputError(options->model.image + ": no such file");
      window.image = options->model.image;
      window.fullscreen = options->fullscreen;
      window.monitor = options->monitor;
      int w = 0, h = 0;
      char x = 0;
      std::istringstream size(options->size);
      if (!(size >> w >> x >> h) || x != 'x' || w < 320 || h < 240 || w > 7680 || h > 4320)
        throw InputError("--size must be WxH between 320x240 and 7680x4320, e.g. 1600x900");
      window.width = w;
      window.height = h;
      std::string script = options->script;
      if (!script.empty() && script[0] == '@') {
        std::ifstream in(script.substr(1));
        if (!in) throw InputError(script.substr(1) + ": cannot read the script");
        std::stringstream text;
        text << in.rdbuf();
        script = text.str();
        for (char& c : script)
          if (c == '\n') c = ';';
      }
      if (options->smokeTest) script = smokeTestScript() + (script.empty() ? "" : "; " + script);
      if (!options->screenshot.empty()) script += "; settle; wait 3; settle; shot " + options->screenshot;
      window.script = script;
      if (!options->tour.empty())
        std::cerr << "convoscope: --tour is not supported by the viewer yet; ignored\n";
      return runWindow(window);
    };
  };
  cmd->callback([make, &action] { action = make(); });
  // With no subcommand at all, main() runs `view` with its defaults.
  root.callback([make, &action, &root] {
    if (root.get_subcommands().empty() && !action) action = make();
  });
}

}  // namespace

CONVOSCOPE_COMMAND(0, registerView);

}  // namespace convoscope
