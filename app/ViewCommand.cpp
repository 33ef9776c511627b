// `convoscope view` (also what runs with no subcommand): the interactive 3D viewer in a window.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/Commands.h"
#include "app/CompareWork.h"
#include "app/WindowLoop.h"
#include "core/Errors.h"
#include "core/HugePages.h"
#include "core/TrainingSeries.h"
#include "scene/Tour.h"

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
    std::string examples;
    std::string imageB, attack;
    float epsilon = 8.f / 255;
    std::string series;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand("view", "open the 3D viewer (the default command)");
  options->model.addTo(cmd);
  cmd->add_option("--tour", options->tour, "tour file to present (Space/PageDown next, PageUp previous)");
  cmd->add_flag("--fullscreen", options->fullscreen, "start fullscreen (F11 toggles)");
  cmd->add_option("--examples", options->examples,
                  "dataset folder for a channel's top examples (IDX or one folder per class; default: "
                  "Fashion-MNIST's test set for the bundled model)");
  cmd->add_option("--image-b", options->imageB, "compare view: input B beside the image (Compare tab, key C)");
  cmd->add_option("--attack", options->attack, "compare view: B is the image attacked by fgsm or pgd");
  cmd->add_option("--epsilon", options->epsilon, "the attack's L-infinity budget, 0..1 (default 8/255)");
  cmd->add_option("--series", options->series,
                  "a training series (train --checkpoints) to scrub: its folder or series.json (Training tab)");
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
      if (!options->tour.empty()) {
        // A bad file fails here (exit 2, file:line: field); whether it fits the model is checked in the app.
        const Tour tour = loadTour(options->tour);
        // The tour's model and image (relative to the tour file) unless --model / --image say otherwise.
        if (options->model.model.empty() && !tour.model.empty()) options->model.model = pathBesideTour(options->tour, tour.model);
        if (options->model.image.empty() && !tour.image.empty()) options->model.image = pathBesideTour(options->tour, tour.image);
      }
      window.model = options->model.loadOptions();
      window.examples = options->examples;
      window.imageB = options->imageB;
      window.attack = options->attack;
      window.epsilon = options->epsilon;
      compareRequestFrom(window.imageB, window.attack, window.epsilon, 10, std::nullopt);  // both / a typo: exit 2
      if (!window.imageB.empty() && !std::filesystem::exists(window.imageB))
        throw InputError(window.imageB + ": no such file");
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
      window.tour = options->tour;
      if (!options->series.empty()) readTrainingSeries(locateTrainingSeries(options->series));  // exit 2 before a window
      window.series = options->series;
      restartWithHugePages();
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
