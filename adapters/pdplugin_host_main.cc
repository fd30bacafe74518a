// pdplugin_host PLUGIN.so: serves a plugin over the line protocol on stdin
// and stdout, so `pdconform --impl exec:'pdplugin_host ./libimpl.so'` runs a
// plugin as an out-of-process implementation (and the benchmark can measure
// the protocol without an interpreter's cost). Whatever the plugin prints on
// stdout goes to stderr instead: stdout carries the protocol.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <variant>

#include "adapters/plugin_library.h"
#include "adapters/plugin_worker.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: pdplugin_host PLUGIN.so\n");
    return 2;
  }
  auto opened = pd::PluginLibrary::Open(argv[1]);
  if (auto* error = std::get_if<std::string>(&opened)) {
    std::fprintf(stderr, "pdplugin_host: %s\n", error->c_str());
    return 2;
  }
  const int protocol_out = dup(STDOUT_FILENO);
  if (protocol_out < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    std::perror("pdplugin_host: dup");
    return 2;
  }
  return pd::ServePlugin(std::get<0>(opened)->symbols(), STDIN_FILENO, protocol_out);
}
