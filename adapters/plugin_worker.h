// The implementation side of the line protocol for a plugin: runs inside a
// worker process (forked by `pdconform --impl plugin:`, or the pdplugin_host
// binary for `exec:`), turns `call` lines into calls of the plugin's exported
// functions and the plugin's host-service calls into request lines. So a
// plugin and an out-of-process implementation share one protocol, and a
// plugin that crashes or hangs takes only its worker down. The worker is
// also where the plugin is loaded (its constructors, pd_plugin_abi_version)
// and unloaded (its destructors): never the harness process.
//
// Buffers: the worker keeps a copy of each buffer the harness names and
// hands the plugin pointers into those copies; they stay put for the case, so
// the plugin may keep an OVERLAPPED or an out-pointer and write it later.
// Before every line it sends, the worker sends `mem` for each copy the plugin
// changed.
//
// The call table is generated from PD_PLUGIN_PEERDIST_FUNCTIONS: each
// parameter is decoded by its C type (integers, handles, pointers to the
// buffer types of adapters/buffer_layout.h), so a function added to the
// header needs no code here.
#ifndef ADAPTERS_PLUGIN_WORKER_H_
#define ADAPTERS_PLUGIN_WORKER_H_

#include <string>

#include "adapters/plugin_library.h"

namespace pd {

// Exit status of a worker that received a line it does not understand (a
// harness bug, never the plugin's): EX_SOFTWARE.
constexpr int kWorkerProtocolError = 70;
// Exit status of a worker whose pd_plugin_init returned non-zero.
constexpr int kWorkerInitFailed = 3;
// Exit status of a worker that refused the plugin (cannot load, another ABI
// version, a missing symbol); the state's message says why.
constexpr int kWorkerRefused = 4;
// (A plugin may exit with any of these itself: the state's stage, not the
// status, says whether the worker or the plugin ended the process.)

// Serves the protocol on (in_fd, out_fd) until in_fd ends; returns the exit
// status for the worker process (0 on a clean end). `state` (optional)
// follows kServing and kInit.
int ServePlugin(const PluginSymbols& plugin, int in_fd, int out_fd, PluginWorkerState* state = nullptr);

// A worker's whole life: opens the plugin at `path` (kRefused and
// kWorkerRefused when it cannot be used), serves the protocol until in_fd
// ends, unloads the plugin (its destructors run) and returns the exit status.
// `state` may be nullptr; a refusal is then printed on stderr.
int RunPluginWorker(const std::string& path, int in_fd, int out_fd, PluginWorkerState* state);

}  // namespace pd

#endif  // ADAPTERS_PLUGIN_WORKER_H_
