// A plugin shared library (adapters/peerdist_plugin.h), opened and checked:
// its ABI version matches the harness's, and it exports every function and
// entry point the header lists. Opening never calls into the plugin beyond
// pd_plugin_abi_version (and the library's own constructors).
//
// Only worker processes open plugins (adapters/plugin_worker.h): the harness
// process never loads one, so nothing a plugin does at load, in a call or at
// unload can decide the harness's exit status.
#ifndef ADAPTERS_PLUGIN_LIBRARY_H_
#define ADAPTERS_PLUGIN_LIBRARY_H_

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <variant>

#include "adapters/peerdist_plugin.h"

namespace pd {

// Where a worker is in its plugin's life. Kept in PluginWorkerState, memory
// the worker shares with the harness, so that when a worker dies or stops
// answering the harness can say what the plugin was doing.
enum class PluginStage : int {
  kStarting = 0,  // the worker runs; the plugin is not loaded yet
  kLoading,       // dlopen: the library's constructors run
  kAbiQuery,      // in pd_plugin_abi_version
  kResolving,     // looking up the symbols
  kServing,       // serving the protocol (the harness knows which line)
  kInit,          // in pd_plugin_init
  kUnloading,     // dlclose: the library's destructors run
  kUnloaded,      // unloaded; the worker ends
  kRefused,       // the plugin cannot be used (no plugin code failed): `message` says why
};

// A worker's stage and, when it refuses the plugin, why (without the
// "plugin PATH: " in front, e.g. "missing symbol PeerDistGetStatusEx ...").
// Lives in an anonymous MAP_SHARED mapping made before the fork (the
// harness reads it after the worker ended or hung); one worker at a time.
struct PluginWorkerState {
  std::atomic<int> stage{static_cast<int>(PluginStage::kStarting)};
  char message[1024] = {};

  void Set(PluginStage now) { stage.store(static_cast<int>(now), std::memory_order_release); }
  PluginStage Get() const { return static_cast<PluginStage>(stage.load(std::memory_order_acquire)); }
  // The message first, then the stage: a reader that sees kRefused sees it.
  void Refuse(const std::string& why);
  void Clear();
};
static_assert(std::atomic<int>::is_always_lock_free, "PluginWorkerState is shared between processes");

// Every symbol of the header's two tables, looked up by name.
struct PluginSymbols {
#define PD_PLUGIN_SYMBOL_(ret, name, params) pd_fn_##name name = nullptr;
  PD_PLUGIN_PEERDIST_FUNCTIONS(PD_PLUGIN_SYMBOL_)
  PD_PLUGIN_ENTRY_POINTS(PD_PLUGIN_SYMBOL_)
#undef PD_PLUGIN_SYMBOL_
};

class PluginLibrary {
 public:
  // The library at `path`, or one line saying why it cannot be used (it
  // names the path, and the versions or the missing symbol). `state`
  // (optional) follows the stages kLoading, kAbiQuery, kResolving. A library
  // that is refused stays loaded: the process is about to end, and unloading
  // would run its destructors for nothing.
  static std::variant<std::unique_ptr<PluginLibrary>, std::string> Open(const std::string& path,
                                                                        PluginWorkerState* state = nullptr);

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;
  // dlclose: the library's destructors run (state: kUnloading, kUnloaded).
  ~PluginLibrary();

  const PluginSymbols& symbols() const { return symbols_; }
  const std::string& path() const { return path_; }

 private:
  PluginLibrary(std::string path, void* handle, PluginWorkerState* state)
      : path_(std::move(path)), handle_(handle), state_(state) {}

  std::string path_;
  void* handle_;
  PluginWorkerState* state_;
  PluginSymbols symbols_;
};

}  // namespace pd

#endif  // ADAPTERS_PLUGIN_LIBRARY_H_
