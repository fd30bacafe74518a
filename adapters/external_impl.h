// Implementations the harness was not built with, named on the command line:
//
//   plugin:PATH.so          a shared library built against
//                           adapters/peerdist_plugin.h, loaded and run only in
//                           worker processes (OpenExternalImpl's factory: a
//                           fresh one per case; ExternalImplOpenerFor: also
//                           a job process that runs many), never in the
//                           harness process
//   exec:COMMAND ARGS       a program speaking adapters/PROTOCOL.md on its
//                           stdin/stdout, started with /bin/sh -c (one process
//                           for many cases, `reset` between them)
//
// Opening checks everything that can be checked before the suite and fails
// with one line, so the command exits 2 at once instead of reporting every
// case as a crash: a plugin's whole life runs once in a probe worker (load
// and constructors, ABI version, symbols, pd_plugin_init, unload and
// destructors; an exit, crash or hang in any of them is named); a program
// must start and answer `hello`.
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

// How the implementation of `spec` (already opened: OpenExternalImpl
// vetted it) runs somewhere else than the factory OpenExternalImpl made:
//   isolated = true   every case alone in a fresh process of its own (plugin:
//                     a fresh worker per case; exec: a process of its own,
//                     started at the first case). A finding replayed this
//                     way cannot depend on an earlier case.
//   isolated = false  the fastest way (a job process, conformance/suite_jobs.h):
//                     plugin: the plugin loaded in the calling process, called
//                     directly, pd_plugin_init at every case, each case bound
//                     by the answer timeout (SIGALRM ends the process: a
//                     crash or hang ends the calling process, whose parent
//                     runs the cases again isolated); exec: as isolated, but
//                     one process for every case, `reset` between them.
// Must be called after the fork in a job, or for a lone replay.
using ExternalImplOpener = std::function<std::variant<ExternalImplFactory, std::string>(bool isolated)>;
ExternalImplOpener ExternalImplOpenerFor(const std::string& spec, const ExternalImplOptions& options);

}  // namespace pd

#endif  // ADAPTERS_EXTERNAL_IMPL_H_
