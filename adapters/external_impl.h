// Implementations the harness was not built with, named on the command line:
//
//   plugin:PATH.so          a shared library built against
//                           adapters/peerdist_plugin.h, run in a forked worker
//                           process (a fresh one per case)
//   exec:COMMAND ARGS       a program speaking adapters/PROTOCOL.md on its
//                           stdin/stdout, started with /bin/sh -c (one process
//                           for the run, `reset` between cases)
//
// Opening checks everything that can be checked before the suite (the
// plugin's ABI version and symbols; that the program starts and answers
// `hello`) and fails with one line, so the command exits 2 at once instead
// of reporting every case as a crash.
#ifndef ADAPTERS_EXTERNAL_IMPL_H_
#define ADAPTERS_EXTERNAL_IMPL_H_

#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "adapters/implementation_process.h"
#include "adapters/peerdist_adapter.h"
#include "sim/host_services.h"

namespace pd {

inline constexpr char kPluginPrefix[] = "plugin:";
inline constexpr char kExecPrefix[] = "exec:";

// Whether `spec` names an external implementation (by its prefix).
bool IsExternalImplSpec(const std::string& spec);

struct ExternalImplOptions {
  int answer_timeout_ms = kDefaultAnswerTimeoutMs;  // the watchdog: per answer, wall clock
};

// Makes one adapter per case; the same type as the runner's ImplFactory.
using ExternalImplFactory = std::function<std::unique_ptr<PeerDistAdapter>(HostServices&)>;

// The factory for `spec`, or one line of error (without a program prefix).
std::variant<ExternalImplFactory, std::string> OpenExternalImpl(const std::string& spec,
                                                                const ExternalImplOptions& options);

}  // namespace pd

#endif  // ADAPTERS_EXTERNAL_IMPL_H_
