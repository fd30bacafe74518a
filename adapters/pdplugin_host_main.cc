// pdplugin_host PLUGIN.so: serves a plugin over the line protocol on stdin
// and stdout, so `pdconform --impl exec:'pdplugin_host ./libimpl.so'` runs a
// plugin as an out-of-process implementation (and the benchmark can measure
// the protocol without an interpreter's cost). Whatever the plugin prints on
// stdout goes to stderr instead: stdout carries the protocol.
#include <unistd.h>

#include <cstdio>

#include "adapters/plugin_worker.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: pdplugin_host PLUGIN.so\n");
    return 2;
  }
  const int protocol_out = dup(STDOUT_FILENO);
  if (protocol_out < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    std::perror("pdplugin_host: dup");
    return 2;
  }
  // A plugin that cannot be used: its line on stderr (the harness then sees
  // this program end without answering `hello`).
  const int status = pd::RunPluginWorker(argv[1], STDIN_FILENO, protocol_out, nullptr);
  return status == pd::kWorkerRefused ? 2 : status;
}
