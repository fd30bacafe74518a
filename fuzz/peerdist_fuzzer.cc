// The fuzz target of every implementation pdconform can run: the reference
// by default, any mutant with PD_FUZZ_IMPL=mutant:NAME (no rebuild), a
// plugin loaded in process with PD_FUZZ_IMPL=plugin:PATH.so, a persistent
// process with PD_FUZZ_IMPL=exec:COMMAND. See fuzz_target.h and
// external_target.h.
#include <cstddef>
#include <cstdint>

#include "fuzz/external_target.h"
#include "fuzz/fuzz_target.h"

// Resolves PD_FUZZ_IMPL and PD_FUZZ_RULE before the first input, so a bad
// name or plugin stops the run cleanly (status 2 and one line) instead of as
// a crash of the target, and a plugin's coverage counters are registered
// before libFuzzer starts counting.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  pd::TargetFromEnvironment();
  pd::RuleFilterFromEnvironment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pd::RunFuzzInput(pd::TargetFromEnvironment(), data, size);
}
