// `convoscope check-tour TOUR [--json]`: is this tour ready to present? Its syntax and fields, the files it
// names (model, image, series, compare images), its checkpoint steps against its series, and every focus
// against the model's layers, channels and cells — all before a window opens or a frame is recorded. The
// model's layers come from the start-up snapshot cache when it holds the tour's model and image (no engine:
// tens of milliseconds), else from the engine, which then stores them for next time.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/Commands.h"
#include "app/StartupSnapshot.h"
#include "core/BundledAssets.h"
#include "core/Errors.h"
#include "core/TrainingSeries.h"
#include "scene/SlabLayout.h"
#include "scene/Tour.h"
#include "scene/TourValidation.h"

namespace convoscope {
namespace {

struct TourCheck {
  size_t steps = 0;
  double seconds = 0;
  std::string model, image;
  size_t layers = 0;
  bool fromCache = false;
};

void requireFile(const std::string& tourPath, const std::string& what, const std::string& path) {
  if (!std::filesystem::exists(path)) throw InputError(tourPath + ": " + what + " " + path + ": no such file");
}

TourCheck checkTour(const std::string& path, bool withEngine) {
  const Tour tour = loadTour(path);
  TourCheck check;
  check.steps = tour.steps.size();
  check.seconds = tour.totalDuration();
  check.model = tour.model.empty() ? bundledModelPath() : pathBesideTour(path, tour.model);
  check.image = tour.image.empty() ? "" : pathBesideTour(path, tour.image);
  requireFile(path, "model", check.model);
  if (!check.image.empty()) requireFile(path, "image", check.image);
  for (const TourStep& step : tour.steps)
    if (step.compare && !step.compare->image.empty())
      requireFile(path, "compare image", pathBesideTour(path, step.compare->image));
  if (!tour.series.empty()) {
    const TrainingSeries series = readTrainingSeries(locateTrainingSeries(pathBesideTour(path, tour.series)));
    validateTourSeries(tour, static_cast<int>(series.checkpoints.size()), path);
  }
  LoadOptions model;
  model.modelPath = check.model;
  const StartupCapture capture = captureOrRecall({model, check.image}, withEngine);
  check.fromCache = !capture.model;
  check.image = capture.imagePath;
  check.layers = capture.snapshot.layers.size();
  validateTour(tour, capture.snapshot, layoutSlabs(capture.snapshot, LayoutOptions{}), path);
  return check;
}

void registerCheckTour(CLI::App& root, CommandAction& action) {
  struct Options {
    std::string tour;
    bool json = false, engine = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand("check-tour", "check a tour file against its model before presenting it");
  cmd->add_option("tour", options->tour, "the tour (.json)")->required();
  cmd->add_flag("--json", options->json, "machine-readable output");
  cmd->add_flag("--engine", options->engine, "run the model even when its layers are cached");
  cmd->callback([options, &action] {
    action = [options] {
      const TourCheck c = checkTour(options->tour, options->engine);
      if (options->json) {
        std::cout << nlohmann::json{{"tour", options->tour}, {"steps", c.steps}, {"seconds", c.seconds},
                                    {"model", c.model}, {"image", c.image}, {"layers", c.layers},
                                    {"from_cache", c.fromCache}}
                         .dump(2)
                  << "\n";
      } else {
        std::cout << options->tour << ": " << c.steps << " steps, " << c.seconds << " s; every focus exists in "
                  << std::filesystem::path(c.model).filename().string() << " (" << c.layers << " layers"
                  << (c.fromCache ? ", from the snapshot cache" : "") << ")\n";
      }
      return 0;
    };
  });
}

}  // namespace

CONVOSCOPE_COMMAND(85, registerCheckTour);

}  // namespace convoscope
