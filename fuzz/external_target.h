// Fuzz targets for implementations the harness was not built with, named as
// `pdconform --impl` names them (adapters/external_impl.h):
//
//   PD_FUZZ_IMPL=plugin:PATH.so   the plugin loaded into the fuzzer's own
//       process and called directly (adapters/direct_plugin_adapter.h), no
//       fork: libFuzzer sees the plugin's edges when it was built with
//       -fsanitize=fuzzer-no-link, and ASan/UBSan stop its memory errors
//       where they happen. pd_plugin_init runs before every input. A crash or
//       hang of the plugin is the fuzzer process's own crash or timeout.
//   PD_FUZZ_IMPL=exec:COMMAND     one persistent implementation process,
//       `reset` between inputs (adapters/implementation_process.h): no
//       coverage from inside it, but its crash or hang is a finding (the
//       rules no-crash and no-hang) and the next input starts a fresh process.
//
// Either way a finding's scenario file replays with
//   pdconform --impl <the same spec> --replay FILE
#ifndef FUZZ_EXTERNAL_TARGET_H_
#define FUZZ_EXTERNAL_TARGET_H_

#include <string>
#include <variant>

#include "fuzz/fuzz_target.h"

namespace pd {

// The target for `spec` (plugin:PATH or exec:COMMAND), or one line saying why
// it cannot be fuzzed (the library does not load, its ABI version or a
// symbol is wrong; the program does not start or answer `hello`). A plugin
// is loaded here, once: call it from LLVMFuzzerInitialize, so libFuzzer
// counts the plugin's coverage counters from the first input on.
std::variant<FuzzTarget, std::string> OpenExternalFuzzTarget(const std::string& spec);

// $PD_FUZZ_IMPL's target: an external one for plugin: and exec:, else the
// built-in one (BuiltInTargetFromEnvironment). An external spec that cannot
// be fuzzed prints its one line to stderr and exits with status 2.
const FuzzTarget& TargetFromEnvironment();

}  // namespace pd

#endif  // FUZZ_EXTERNAL_TARGET_H_
