// convoscope: the 3D CNN viewer and its command-line tools. Errors become one line on stderr and an exit code
// (2 bad usage or input, 1 other failures); nothing escapes as a signal.
#include <algorithm>
#include <iostream>
#include <utility>
#include <vector>

#include "app/Commands.h"
#include "core/Errors.h"
#include "core/AllocatorTuning.h"

namespace convoscope {
namespace {
std::vector<std::pair<int, CommandRegistrar>>& registrars() {
  static std::vector<std::pair<int, CommandRegistrar>> list;  // house: not viewer state (the CLI registry)
  return list;
}
}  // namespace

CommandRegistration::CommandRegistration(int order, CommandRegistrar registrar) {
  registrars().emplace_back(order, registrar);
}

}  // namespace convoscope

int main(int argc, char** argv) {
  using namespace convoscope;
  keepLargeAllocationsInHeap();
  CLI::App root{"Convoscope: fly through a convolutional neural network in 3D"};
  root.set_version_flag("--version", "convoscope 0.1");
  root.require_subcommand(0, 1);
  // One line per error, like every other error of ours.
  root.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "convoscope: " + std::string(e.what()) + " (see --help)\n";
  });
  CommandAction action;
  auto list = registrars();
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& entry : list) entry.second(root, action);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = root.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!action) {
    std::cerr << "convoscope: no command given; try --help\n";
    return 2;
  }
  try {
    return action();
  } catch (const InputError& e) {
    std::cerr << "convoscope: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "convoscope: " << e.what() << "\n";
    return 1;
  }
}
