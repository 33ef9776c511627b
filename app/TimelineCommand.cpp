// `convoscope timeline`: what a training series holds (core/TrainingSeries.h), checkpoint by checkpoint.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/Commands.h"
#include "core/TrainingSeries.h"
#include "engine/SeriesModels.h"

namespace convoscope {
namespace {

// series.json's own fields (one writer for both), with where it is and which checkpoints load.
nlohmann::json timelineJson(const TrainingSeries& series, const SeriesLocation& where,
                            const std::vector<CheckpointStatus>& statuses) {
  nlohmann::json doc = nlohmann::json::parse(serializeTrainingSeries(series));
  nlohmann::json problems = nlohmann::json::array();
  for (size_t i = 0; i < statuses.size(); ++i) {
    doc["checkpoints"][i]["loaded"] = statuses[i].loaded;
    if (!statuses[i].loaded) problems.push_back(statuses[i].problem);
  }
  doc["series"] = where.index;
  doc["problems"] = problems;
  return doc;
}

void printTimeline(const TrainingSeries& series, const SeriesLocation& where,
                   const std::vector<CheckpointStatus>& statuses) {
  std::printf("%s: %s, %zu checkpoints, accuracy on %d test images\n", where.index.c_str(), series.model.c_str(),
              series.checkpoints.size(), series.testCount);
  std::printf("%8s %8s %10s %10s %9s  %s\n", "step", "epoch", "loss", "test loss", "accuracy", "file");
  for (size_t i = 0; i < series.checkpoints.size(); ++i) {
    const TrainingCheckpoint& c = series.checkpoints[i];
    std::printf("%8lld %8.3f %10.4f %10.4f %9.4f  %s\n", static_cast<long long>(c.step), c.epoch, c.loss, c.testLoss,
                c.testAccuracy, statuses[i].loaded ? c.file.c_str() : statuses[i].problem.c_str());
  }
}

void registerTimeline(CLI::App& root, CommandAction& action) {
  struct Options {
    std::string series;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand("timeline", "the checkpoints of a training series (train --checkpoints)");
  cmd->add_option("--series", options->series, "the series folder, or its series.json")->required();
  cmd->add_flag("--json", options->json, "machine-readable output");
  cmd->callback([options, &action] {
    action = [options] {
      const SeriesModels models = loadSeriesModels(options->series, LoadOptions{});
      const SeriesLocation& where = models.where;
      const TrainingSeries& series = models.series;
      const std::vector<CheckpointStatus>& statuses = models.statuses;
      if (options->json)
        std::cout << timelineJson(series, where, statuses).dump(2) << "\n";
      else
        printTimeline(series, where, statuses);
      // A series with some checkpoints unreadable is still shown, but not as a success: exit 1, each named.
      int status = 0;
      for (const CheckpointStatus& s : statuses)
        if (!s.loaded) {
          std::cerr << "convoscope: " << where.folder << "/" << s.problem << "\n";
          status = 1;
        }
      return status;
    };
  });
}

}  // namespace

CONVOSCOPE_COMMAND(45, registerTimeline);

}  // namespace convoscope
