// `convoscope samples`: exports test images per class as PNG (how assets/samples/ was made).
#include <cstdio>
#include <filesystem>
#include <map>

#include "app/Commands.h"
#include "core/Errors.h"
#include "core/IdxDataset.h"
#include "engine/TinyVggTrainer.h"

namespace convoscope {
namespace {

std::string fileSafe(std::string label) {
  for (char& c : label)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
  for (char& c : label) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return label;
}

void registerSamples(CLI::App& root, CommandAction& action) {
  struct Options {
    std::string data, output;
    int perClass = 2;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand("samples", "export Fashion-MNIST test images as PNG, N per class");
  cmd->add_option("--data", options->data, "MNIST-format folder")->required();
  cmd->add_option("--per-class", options->perClass, "images per class (default 2)");
  cmd->add_option("-o,--output", options->output, "folder to write into")->required();
  cmd->callback([options, &action] {
    action = [options] {
      const IdxDataset test = loadIdxDataset(options->data, IdxSplit::Test);
      std::filesystem::create_directories(options->output);
      const auto& names = fashionMnistClassNames();
      std::map<int, int> written;
      for (int i = 0; i < test.count; ++i) {
        const int label = test.labels[i];
        if (written[label] >= options->perClass) continue;
        const auto path = std::filesystem::path(options->output) /
                          (fileSafe(names.at(label)) + "-" + std::to_string(written[label] + 1) + ".png");
        savePng(test.image(i), path.string());
        if (label == 9 && written[label] == 0)
          savePng(test.image(i), (std::filesystem::path(options->output) / "default.png").string());
        ++written[label];
        std::printf("%s (test image %d)\n", path.string().c_str(), i);
      }
      return 0;
    };
  });
}

}  // namespace

CONVOSCOPE_COMMAND(90, registerSamples);

}  // namespace convoscope
