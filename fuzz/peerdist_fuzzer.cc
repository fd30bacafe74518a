// The fuzz target of the built-in implementations: the reference by default,
// any mutant with PD_FUZZ_IMPL=mutant:NAME (no rebuild). See fuzz_target.h.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_target.h"

// Resolves PD_FUZZ_IMPL and PD_FUZZ_RULE before the first input, so a bad
// name stops the run cleanly (status 2 and the names known) instead of as a
// crash of the target.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  pd::BuiltInTargetFromEnvironment();
  pd::RuleFilterFromEnvironment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pd::RunFuzzInput(pd::BuiltInTargetFromEnvironment(), data, size);
}
