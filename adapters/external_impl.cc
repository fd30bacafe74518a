#include "adapters/external_impl.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include <new>

#include "adapters/child_process.h"
#include "adapters/direct_plugin_adapter.h"
#include "adapters/plugin_library.h"
#include "adapters/plugin_worker.h"
#include "adapters/protocol_adapter.h"
#include "adapters/protocol_text.h"

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

// The state the plugin workers share with the harness (plugin_library.h),
// in an anonymous shared mapping every forked worker inherits.
std::shared_ptr<PluginWorkerState> SharedWorkerState(std::string* error) {
  void* memory = mmap(nullptr, sizeof(PluginWorkerState), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    *error = "cannot map memory to share with the plugin workers";
    return nullptr;
  }
  return std::shared_ptr<PluginWorkerState>(new (memory) PluginWorkerState(), [](PluginWorkerState* state) {
    state->~PluginWorkerState();
    munmap(state, sizeof(PluginWorkerState));
  });
}

// What a worker in `state` was doing, for findings during the suite ("" when
// serving: the finding names the line being handled).
std::string WorkerActivity(const PluginWorkerState& state) {
  switch (state.Get()) {
    case PluginStage::kLoading: return "the worker was loading the plugin: the library's constructors";
    case PluginStage::kAbiQuery: return "the worker was in the plugin's pd_plugin_abi_version";
    case PluginStage::kResolving: return "the worker was looking up the plugin's symbols";
    case PluginStage::kInit: return "the worker was in the plugin's pd_plugin_init";
    case PluginStage::kUnloading: return "the worker was unloading the plugin: the library's destructors";
    case PluginStage::kRefused: return std::string("the worker refused the plugin: ") + state.message;
    case PluginStage::kStarting:
    case PluginStage::kServing:
    case PluginStage::kUnloaded: return "";
  }
  return "";
}

// The one line that refuses a plugin whose probe worker ended, or stopped
// answering, in `state`'s stage; `how` is e.g. "exited with status 0".
std::string ProbeFailure(const std::string& path, const PluginWorkerState& state, const std::string& how,
                         const std::string& handling) {
  const std::string who = "plugin " + path + ": ";
  switch (state.Get()) {
    case PluginStage::kRefused: return who + state.message;
    case PluginStage::kLoading: return who + "cannot load: the library's constructor " + how;
    case PluginStage::kAbiQuery: return who + "cannot load: pd_plugin_abi_version " + how;
    case PluginStage::kResolving:
      return who + "cannot load: the worker process " + how + " while looking up the plugin's symbols";
    case PluginStage::kInit: return who + "cannot initialise: pd_plugin_init " + how;
    case PluginStage::kUnloading: return who + "cannot unload: the library's destructor " + how;
    case PluginStage::kStarting: return who + "the worker process " + how + " before it loaded the library";
    case PluginStage::kServing:
    case PluginStage::kUnloaded: break;
  }
  return who + "the worker process " + how + " while " + handling;
}

// The plugin's whole life once, in a worker process, before the suite: load
// (constructors, pd_plugin_abi_version, symbols), `hello`, `reset`
// (pd_plugin_init), then the end of its input, on which the worker unloads
// the plugin (destructors) and must exit with status 0. "" or the line that
// refuses the plugin, naming what happened where. Anything the plugin does
// here (exit, crash, hang) happens in that process, not in the harness.
std::string ProbePlugin(const std::string& path, const ProcessSpec& spec, const PluginWorkerState& state) {
  std::string error;
  std::unique_ptr<ChildProcess> worker = spec.spawn(&error);
  if (!worker) return "plugin " + path + ": cannot start a worker process: " + error;
  const auto timed_out = [&](int timeout_ms) {
    worker->Kill();
    return "did not return within " + std::to_string(timeout_ms) + " ms (wall clock; the worker was killed)";
  };
  const std::string hello = "hello " + std::to_string(protocol::kVersion);
  const struct {
    std::string line, answer, handling;
    int timeout_ms;
  } exchanges[] = {
      {hello, hello, "answering `" + hello + "`", kStartupTimeoutMs},
      {"reset", "done", "answering `reset`", spec.answer_timeout_ms},
  };
  for (const auto& exchange : exchanges) {
    if (!worker->WriteLine(exchange.line, exchange.timeout_ms)) {
      std::string ignored;
      if (worker->ReadLine(0, &ignored) == ChildProcess::ReadResult::kEnd) {
        return ProbeFailure(path, state, worker->DescribeEnd(kExitGraceMs), exchange.handling);
      }
      return ProbeFailure(path, state, timed_out(exchange.timeout_ms), exchange.handling);
    }
    std::string line;
    switch (worker->ReadLine(exchange.timeout_ms, &line)) {
      case ChildProcess::ReadResult::kLine:
        if (line == exchange.answer) continue;
        [[fallthrough]];
      case ChildProcess::ReadResult::kTooLong:
        return "plugin " + path + ": the worker answered `" + exchange.line + "` with " + protocol::Quote(line) +
               " (does the plugin write to the harness's pipe?)";
      case ChildProcess::ReadResult::kEnd:
        return ProbeFailure(path, state, worker->DescribeEnd(kExitGraceMs), exchange.handling);
      case ChildProcess::ReadResult::kTimeout:
        return ProbeFailure(path, state, timed_out(exchange.timeout_ms), exchange.handling);
    }
  }
  // The end: the worker unloads the plugin and exits; it says nothing more.
  worker->CloseInput();
  std::string line;
  switch (worker->ReadLine(spec.answer_timeout_ms, &line)) {
    case ChildProcess::ReadResult::kLine:
    case ChildProcess::ReadResult::kTooLong:
      return "plugin " + path + ": the worker wrote " + protocol::Quote(line) +
             " after its last answer (does the plugin write to the harness's pipe?)";
    case ChildProcess::ReadResult::kTimeout:
      return ProbeFailure(path, state, timed_out(spec.answer_timeout_ms), "ending");
    case ChildProcess::ReadResult::kEnd:
      break;
  }
  const std::string how = worker->DescribeEnd(kExitGraceMs);
  if (state.Get() == PluginStage::kUnloaded && how == "exited with status 0") return "";
  return ProbeFailure(path, state, how, "ending");
}

// Fills `process` with plugin workers for `path`: each loads the plugin after
// the fork (a fresh worker per case) and reports its stage through *state,
// a mapping of its own shared with those workers only. The calling process
// never loads the plugin.
bool PluginWorkers(const std::string& path, ProcessSpec& process, std::shared_ptr<PluginWorkerState>* state,
                   std::string* error) {
  std::string why;
  *state = SharedWorkerState(&why);
  if (!*state) {
    *error = "plugin " + path + ": " + why;
    return false;
  }
  process.fresh_per_case = true;
  process.spawn = [path, shared = *state](std::string* error) {
    shared->Clear();
    return ChildProcess::Fork([&](int in, int out) { return RunPluginWorker(path, in, out, shared.get()); }, error);
  };
  process.activity = [shared = *state] { return WorkerActivity(*shared); };
  return true;
}

// Each case's wall-clock bound in a job process that runs the plugin
// directly: SIGALRM, whose default action ends the process.
void ArmCaseWatchdog(int timeout_ms) {
  itimerval timer{};
  timer.it_value.tv_sec = timeout_ms / 1000;
  timer.it_value.tv_usec = (timeout_ms % 1000) * 1000;
  setitimer(ITIMER_REAL, &timer, nullptr);
}

// The plugin loaded here, called directly (adapters/direct_plugin_adapter.h).
// Anything that goes wrong ends this process (its parent replays the cases
// isolated, where it becomes a finding): there is no finding to make here.
std::variant<ExternalImplFactory, std::string> DirectPluginFactory(const std::string& path, int timeout_ms) {
  signal(SIGALRM, SIG_DFL);
  auto opened = PluginLibrary::Open(path);
  if (auto* error = std::get_if<std::string>(&opened)) return *error;
  std::shared_ptr<const PluginLibrary> library = std::move(std::get<std::unique_ptr<PluginLibrary>>(opened));
  return ExternalImplFactory([library, timeout_ms](HostServices& host) -> std::unique_ptr<PeerDistAdapter> {
    ArmCaseWatchdog(timeout_ms);
    std::string error;
    std::unique_ptr<PeerDistAdapter> adapter = MakeDirectPluginAdapter(library, host, &error);
    if (!adapter) _exit(kWorkerInitFailed);
    return adapter;
  });
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
    std::string error;
    std::shared_ptr<PluginWorkerState> state;
    if (!PluginWorkers(path, process, &state, &error)) return error;
    if (std::string refused = ProbePlugin(path, process, *state); !refused.empty()) return refused;
    return FactoryOf(std::make_shared<ImplementationProcess>(std::move(process)));
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

ExternalImplOpener ExternalImplOpenerFor(const std::string& spec, const ExternalImplOptions& options) {
  return [spec, options](bool isolated) -> std::variant<ExternalImplFactory, std::string> {
    ProcessSpec process;
    process.name = spec;
    process.answer_timeout_ms = options.answer_timeout_ms;
    if (StartsWith(spec, kPluginPrefix)) {
      const std::string path = spec.substr(std::string(kPluginPrefix).size());
      if (!isolated) return DirectPluginFactory(path, options.answer_timeout_ms);
      std::string error;
      std::shared_ptr<PluginWorkerState> state;
      if (!PluginWorkers(path, process, &state, &error)) return error;
      return FactoryOf(std::make_shared<ImplementationProcess>(std::move(process)));
    }
    if (StartsWith(spec, kExecPrefix)) {
      const std::string command = spec.substr(std::string(kExecPrefix).size());
      process.fresh_per_case = isolated;
      process.spawn = [command](std::string* error) { return ChildProcess::Exec(command, error); };
      return FactoryOf(std::make_shared<ImplementationProcess>(std::move(process)));
    }
    return "not an external implementation: " + spec;
  };
}

}  // namespace pd
