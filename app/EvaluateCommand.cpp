// `convoscope evaluate`: accuracy of a model on an MNIST-format test set.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/Commands.h"
#include "engine/Evaluation.h"

namespace convoscope {
namespace {

void registerEvaluate(CLI::App& root, CommandAction& action) {
  struct Options {
    ModelArguments model;
    std::string data;
    int limit = 0;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand("evaluate", "accuracy on an IDX (MNIST-format) test set");
  options->model.addTo(cmd, /*withImage=*/false);
  cmd->add_option("--data", options->data,
                  "folder with t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz]")
      ->required();
  cmd->add_option("--limit", options->limit, "evaluate only the first N images");
  cmd->add_flag("--json", options->json, "machine-readable output");
  cmd->callback([options, &action] {
    action = [options] {
      auto model = CaptureModel::load(options->model.loadOptions());
      const IdxDataset data = loadIdxDataset(options->data, IdxSplit::Test, options->limit);
      const EvaluationResult result = evaluateModel(*model, data);
      if (options->json) {
        nlohmann::json doc = {{"model", model->path()},
                              {"accuracy", result.accuracy()},
                              {"count", result.count},
                              {"correct", result.correct}};
        std::cout << doc.dump(2) << "\n";
      } else {
        std::printf("%s: accuracy %.4f (%d of %d correct)\n", model->path().c_str(), result.accuracy(),
                    result.correct, result.count);
      }
      return 0;
    };
  });
}

}  // namespace

CONVOSCOPE_COMMAND(30, registerEvaluate);

}  // namespace convoscope
