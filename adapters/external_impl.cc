#include "adapters/external_impl.h"

#include "adapters/child_process.h"
#include "adapters/plugin_library.h"
#include "adapters/plugin_worker.h"
#include "adapters/protocol_adapter.h"

namespace pd {
namespace {

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

ExternalImplFactory FactoryOf(std::shared_ptr<ImplementationProcess> process) {
  return [process](HostServices& host) -> std::unique_ptr<PeerDistAdapter> {
    return std::make_unique<ProtocolAdapter>(process, host);
  };
}

std::variant<ExternalImplFactory, std::string> Probed(ProcessSpec spec) {
  auto process = std::make_shared<ImplementationProcess>(std::move(spec));
  if (std::string error = process->Probe(); !error.empty()) return error;
  return FactoryOf(std::move(process));
}

}  // namespace

bool IsExternalImplSpec(const std::string& spec) {
  return StartsWith(spec, kPluginPrefix) || StartsWith(spec, kExecPrefix);
}

std::variant<ExternalImplFactory, std::string> OpenExternalImpl(const std::string& spec,
                                                                const ExternalImplOptions& options) {
  ProcessSpec process;
  process.name = spec;
  process.answer_timeout_ms = options.answer_timeout_ms;
  if (StartsWith(spec, kPluginPrefix)) {
    const std::string path = spec.substr(std::string(kPluginPrefix).size());
    if (path.empty()) return std::string("--impl plugin: expects a path, e.g. plugin:./libimpl.so");
    // Loaded once, here, so a bad plugin is refused before the suite; every
    // worker is forked from this process and inherits the loaded library.
    auto opened = PluginLibrary::Open(path);
    if (auto* error = std::get_if<std::string>(&opened)) return *error;
    std::shared_ptr<PluginLibrary> library = std::move(std::get<std::unique_ptr<PluginLibrary>>(opened));
    process.fresh_per_case = true;
    process.spawn = [library](std::string* error) {
      return ChildProcess::Fork([library](int in, int out) { return ServePlugin(library->symbols(), in, out); },
                                error);
    };
    return Probed(std::move(process));
  }
  if (StartsWith(spec, kExecPrefix)) {
    const std::string command = spec.substr(std::string(kExecPrefix).size());
    if (command.find_first_not_of(' ') == std::string::npos) {
      return std::string("--impl exec: expects a command, e.g. exec:'python3 impl.py'");
    }
    process.fresh_per_case = false;
    process.spawn = [command](std::string* error) { return ChildProcess::Exec(command, error); };
    return Probed(std::move(process));
  }
  return "not an external implementation: " + spec;
}

}  // namespace pd
