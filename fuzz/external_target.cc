#include "fuzz/external_target.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <system_error>
#include <utility>

#include "adapters/direct_plugin_adapter.h"
#include "adapters/external_impl.h"
#include "adapters/plugin_library.h"

namespace pd {
namespace {

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// The finding files' `--impl`: an absolute path, so the printed replay
// command works from any directory.
std::string AbsolutePath(const std::string& path) {
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(path, error);
  return error ? path : absolute.lexically_normal().string();
}

std::variant<FuzzTarget, std::string> InProcessPlugin(const std::string& path) {
  if (path.empty()) return std::string("PD_FUZZ_IMPL=plugin: expects a path, e.g. plugin:./libimpl.so");
  const std::string absolute = AbsolutePath(path);
  std::error_code error;
  if (!std::filesystem::is_regular_file(absolute, error)) return "plugin " + absolute + ": no such file";
  auto opened = PluginLibrary::Open(absolute);
  if (auto* error = std::get_if<std::string>(&opened)) return *error;
  std::shared_ptr<const PluginLibrary> library = std::move(std::get<std::unique_ptr<PluginLibrary>>(opened));
  FuzzTarget target;
  target.impl_name = kPluginPrefix + absolute;
  target.sanitizer_report_is_crash_finding = true;
  target.replay_note =
      "a plugin built with -fsanitize=... loads only into a sanitizer build of pdconform "
      "(bazel build --config=fuzz //conformance:pdconform); or replay the same sources built without -fsanitize";
  target.make_impl = [library, name = target.impl_name](HostServices& host) -> std::unique_ptr<PeerDistAdapter> {
    std::string error;
    std::unique_ptr<PeerDistAdapter> adapter = MakeDirectPluginAdapter(library, host, &error);
    if (!adapter) {
      // The plugin cannot start a case at all: no scenario to blame.
      std::fprintf(stderr, "\n==pd-fuzz== %s: %s\n", name.c_str(), error.c_str());
      std::abort();
    }
    return adapter;
  };
  return target;
}

std::variant<FuzzTarget, std::string> PersistentProcess(const std::string& spec) {
  auto opened = OpenExternalImpl(spec, ExternalImplOptions{});
  if (auto* error = std::get_if<std::string>(&opened)) return *error;
  return FuzzTarget{spec, std::move(std::get<ExternalImplFactory>(opened))};
}

FuzzTarget TargetOrExit() {
  const char* env = std::getenv("PD_FUZZ_IMPL");
  const std::string spec = env != nullptr ? env : "";
  if (!IsExternalImplSpec(spec)) return BuiltInTargetFromEnvironment();
  auto target = OpenExternalFuzzTarget(spec);
  if (auto* error = std::get_if<std::string>(&target)) {
    std::fprintf(stderr, "pd-fuzz: PD_FUZZ_IMPL=%s cannot be fuzzed: %s\n", spec.c_str(), error->c_str());
    std::exit(2);
  }
  return std::move(std::get<FuzzTarget>(target));
}

}  // namespace

std::variant<FuzzTarget, std::string> OpenExternalFuzzTarget(const std::string& spec) {
  if (StartsWith(spec, kPluginPrefix)) return InProcessPlugin(spec.substr(std::string(kPluginPrefix).size()));
  if (StartsWith(spec, kExecPrefix)) return PersistentProcess(spec);
  return "not an external implementation: " + spec;
}

const FuzzTarget& TargetFromEnvironment() {
  static const FuzzTarget target = TargetOrExit();
  return target;
}

}  // namespace pd
