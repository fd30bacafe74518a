// A plugin shared library (adapters/peerdist_plugin.h), opened and checked:
// its ABI version matches the harness's, and it exports every function and
// entry point the header lists. Opening never calls into the plugin beyond
// pd_plugin_abi_version (and the library's own constructors).
#ifndef ADAPTERS_PLUGIN_LIBRARY_H_
#define ADAPTERS_PLUGIN_LIBRARY_H_

#include <memory>
#include <string>
#include <variant>

#include "adapters/peerdist_plugin.h"

namespace pd {

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
  // names the path, and the versions or the missing symbol).
  static std::variant<std::unique_ptr<PluginLibrary>, std::string> Open(const std::string& path);

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;
  ~PluginLibrary();

  const PluginSymbols& symbols() const { return symbols_; }
  const std::string& path() const { return path_; }

 private:
  PluginLibrary(std::string path, void* handle) : path_(std::move(path)), handle_(handle) {}

  std::string path_;
  void* handle_;
  PluginSymbols symbols_;
};

}  // namespace pd

#endif  // ADAPTERS_PLUGIN_LIBRARY_H_
