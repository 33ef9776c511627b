// `convoscope train`: trains the bundled Tiny VGG on Fashion-MNIST, seeded and reproducible.
#include <cstdio>
#include <iostream>

#include "app/Commands.h"
#include "engine/TinyVggTrainer.h"

namespace convoscope {
namespace {

void registerTrain(CLI::App& root, CommandAction& action) {
  auto options = std::make_shared<TrainOptions>();
  CLI::App* cmd = root.add_subcommand("train", "train the bundled Tiny VGG on an MNIST-format set");
  cmd->add_option("--data", options->dataDirectory, "folder with train-* and t10k-* IDX files")->required();
  cmd->add_option("--epochs", options->epochs, "passes over the training set (default 10)");
  cmd->add_option("--seed", options->seed, "random seed (default 1)");
  cmd->add_option("--batch-size", options->batchSize, "images per step (default 64)");
  cmd->add_option("--lr", options->learningRate, "Adam learning rate (default 0.002)");
  cmd->add_option("--limit", options->limit, "train on the first N images only");
  cmd->add_option("--checkpoints", options->checkpoints,
                  "save N checkpoints from the initialisation to the end, spaced geometrically in steps, and "
                  "series.json; -o is then a folder");
  cmd->add_option("-o,--output", options->outputPath, "where to write the TorchScript model (or the series folder)")
      ->required();
  cmd->callback([options, &action] {
    action = [options] {
      options->log = [](const std::string& line) { std::cerr << line << std::endl; };
      const TrainResult result = trainTinyVgg(*options);
      const std::string what =
          result.checkpoints > 0 ? std::to_string(result.checkpoints) + " checkpoints and series.json" : "the model";
      std::printf("wrote %s to %s: test accuracy %.4f on %d images after %d epochs (%.0f s)\n", what.c_str(),
                  options->outputPath.c_str(), result.testAccuracy, result.testCount, options->epochs,
                  result.seconds);
      return 0;
    };
  });
}

}  // namespace

CONVOSCOPE_COMMAND(40, registerTrain);

}  // namespace convoscope
