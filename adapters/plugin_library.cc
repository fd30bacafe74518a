#include "adapters/plugin_library.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstring>

namespace pd {
namespace {

void SetStage(PluginWorkerState* state, PluginStage stage) {
  if (state != nullptr) state->Set(stage);
}

}  // namespace

void PluginWorkerState::Refuse(const std::string& why) {
  const std::size_t length = std::min(why.size(), sizeof message - 1);
  std::memcpy(message, why.data(), length);
  message[length] = '\0';
  Set(PluginStage::kRefused);
}

void PluginWorkerState::Clear() {
  message[0] = '\0';
  Set(PluginStage::kStarting);
}

std::variant<std::unique_ptr<PluginLibrary>, std::string> PluginLibrary::Open(const std::string& path,
                                                                              PluginWorkerState* state) {
  // A bare name would make dlopen search the library path; the user means a file.
  const std::string file = path.find('/') == std::string::npos ? "./" + path : path;
  SetStage(state, PluginStage::kLoading);
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = dlerror();
    return "plugin " + path + ": cannot load: " + (error != nullptr ? error : "unknown dlopen error");
  }
  SetStage(state, PluginStage::kResolving);
  auto version = reinterpret_cast<pd_fn_pd_plugin_abi_version>(dlsym(handle, "pd_plugin_abi_version"));
  if (version == nullptr) {
    return "plugin " + path + ": exports no pd_plugin_abi_version (not built against adapters/peerdist_plugin.h?)";
  }
  SetStage(state, PluginStage::kAbiQuery);
  const std::uint32_t abi = version();
  SetStage(state, PluginStage::kResolving);
  if (abi != PD_PLUGIN_ABI_VERSION) {
    return "plugin " + path + ": built against plugin ABI version " + std::to_string(abi) +
           ", this harness speaks version " + std::to_string(PD_PLUGIN_ABI_VERSION) +
           "; rebuild it with this harness's adapters/peerdist_plugin.h";
  }
  PluginSymbols symbols;
#define PD_PLUGIN_LOOKUP_(ret, name, params)                                                \
  symbols.name = reinterpret_cast<pd_fn_##name>(dlsym(handle, #name));                      \
  if (symbols.name == nullptr) {                                                             \
    return "plugin " + path + ": missing symbol " #name " (every function of plugin ABI version " + \
           std::to_string(PD_PLUGIN_ABI_VERSION) + " must be exported)";                    \
  }
  PD_PLUGIN_ENTRY_POINTS(PD_PLUGIN_LOOKUP_)
  PD_PLUGIN_PEERDIST_FUNCTIONS(PD_PLUGIN_LOOKUP_)
#undef PD_PLUGIN_LOOKUP_
  std::unique_ptr<PluginLibrary> library(new PluginLibrary(path, handle, state));
  library->symbols_ = symbols;
  return library;
}

PluginLibrary::~PluginLibrary() {
  SetStage(state_, PluginStage::kUnloading);
  dlclose(handle_);
  SetStage(state_, PluginStage::kUnloaded);
}

}  // namespace pd
