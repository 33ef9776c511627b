// `convoscope probe-model PATH...` (hidden): loads TorchScript files and exits 0 (all load) or 2 (one refused). The
// model loader runs it in a child process first, so that a crash inside libtorch's own loader on a malformed
// file becomes a message instead of taking the viewer down (see setModelLoaderProbe).
#include <memory>
#include <string>
#include <vector>

#include "app/Commands.h"

namespace convoscope {
namespace {

void registerProbeModel(CLI::App& root, CommandAction& action) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = root.add_subcommand("probe-model", "try loading a TorchScript file (used internally)");
  cmd->group("");  // hidden from --help
  cmd->add_option("paths", *paths)->required();
  cmd->callback([paths, &action] { action = [paths] { return probeModelLoad(*paths); }; });
}

}  // namespace

CONVOSCOPE_COMMAND(1000, registerProbeModel);

}  // namespace convoscope
