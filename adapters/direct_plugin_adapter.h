// A plugin loaded in the process that runs the World: its functions called
// directly, its host services answered by the World's HostServices, with no
// line protocol in between. Only job processes (conformance/suite_jobs.h)
// use it, never the harness process: a plugin that crashes or hangs takes
// the job down, and the suite runs that rule again with a fresh worker
// process per case (adapters/external_impl.h), where the crash or hang
// becomes a finding of the case that caused it.
//
// One adapter per case; constructing it calls pd_plugin_init, so the plugin
// stays loaded across cases and resets its state between them.
#ifndef ADAPTERS_DIRECT_PLUGIN_ADAPTER_H_
#define ADAPTERS_DIRECT_PLUGIN_ADAPTER_H_

#include <memory>
#include <string>

#include "adapters/peerdist_adapter.h"
#include "adapters/plugin_library.h"
#include "sim/host_services.h"

namespace pd {

// The adapter for one case, or nullptr and *error when pd_plugin_init fails.
std::unique_ptr<PeerDistAdapter> MakeDirectPluginAdapter(std::shared_ptr<const PluginLibrary> plugin,
                                                         HostServices& host, std::string* error);

}  // namespace pd

#endif  // ADAPTERS_DIRECT_PLUGIN_ADAPTER_H_
