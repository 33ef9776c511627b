// `convoscope probe-model PATH` (hidden): loads a TorchScript file and exits 0 (loads) or 2 (refused). The
// model loader runs it in a child process first, so that a crash inside libtorch's own loader on a malformed
// file becomes a message instead of taking the viewer down (see setModelLoaderProbe).
#include <memory>
#include <string>

#include "app/Commands.h"

namespace convoscope {
namespace {

void registerProbeModel(CLI::App& root, CommandAction& action) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = root.add_subcommand("probe-model", "try loading a TorchScript file (used internally)");
  cmd->group("");  // hidden from --help
  cmd->add_option("path", *path)->required();
  cmd->callback([path, &action] { action = [path] { return probeModelLoad(*path); }; });
}

}  // namespace

CONVOSCOPE_COMMAND(1000, registerProbeModel);

}  // namespace convoscope
