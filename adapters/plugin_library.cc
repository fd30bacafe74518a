#include "adapters/plugin_library.h"

#include <dlfcn.h>

namespace pd {

std::variant<std::unique_ptr<PluginLibrary>, std::string> PluginLibrary::Open(const std::string& path) {
  // A bare name would make dlopen search the library path; the user means a file.
  const std::string file = path.find('/') == std::string::npos ? "./" + path : path;
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = dlerror();
    return "plugin " + path + ": cannot load: " + (error != nullptr ? error : "unknown dlopen error");
  }
  std::unique_ptr<PluginLibrary> library(new PluginLibrary(path, handle));
  auto version = reinterpret_cast<pd_fn_pd_plugin_abi_version>(dlsym(handle, "pd_plugin_abi_version"));
  if (version == nullptr) {
    return "plugin " + path + ": exports no pd_plugin_abi_version (not built against adapters/peerdist_plugin.h?)";
  }
  const std::uint32_t abi = version();
  if (abi != PD_PLUGIN_ABI_VERSION) {
    return "plugin " + path + ": built against plugin ABI version " + std::to_string(abi) +
           ", this harness speaks version " + std::to_string(PD_PLUGIN_ABI_VERSION) +
           "; rebuild it with this harness's adapters/peerdist_plugin.h";
  }
  PluginSymbols& symbols = library->symbols_;
#define PD_PLUGIN_LOOKUP_(ret, name, params)                                                \
  symbols.name = reinterpret_cast<pd_fn_##name>(dlsym(handle, #name));                      \
  if (symbols.name == nullptr) {                                                             \
    return "plugin " + path + ": missing symbol " #name " (every function of plugin ABI version " + \
           std::to_string(PD_PLUGIN_ABI_VERSION) + " must be exported)";                    \
  }
  PD_PLUGIN_ENTRY_POINTS(PD_PLUGIN_LOOKUP_)
  PD_PLUGIN_PEERDIST_FUNCTIONS(PD_PLUGIN_LOOKUP_)
#undef PD_PLUGIN_LOOKUP_
  return library;
}

PluginLibrary::~PluginLibrary() { dlclose(handle_); }

}  // namespace pd
