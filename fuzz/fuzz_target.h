// The body of every fuzz target: decode the input into a scenario, run it
// against one implementation, judge the trace with the whole rule catalog,
// and on a violation write the scenario out (finding_file.h) and abort with
// the rule id, which libFuzzer reports as a crash and saves the input of.
//
// Built-in implementations share one binary, selected at run time:
//   PD_FUZZ_IMPL=mutant:never-deliver ./peerdist_fuzzer ...   (default: reference)
// and PD_FUZZ_RULE=RULE-ID (any target) makes only that rule's violations
// abort, to hunt one rule.
// A target for your own implementation is a few lines (fuzz/README.md):
//   extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
//     static const pd::FuzzTarget target{"my-impl", [](pd::HostServices& host) {
//       return std::make_unique<MyImpl>(host);
//     }};
//     return pd::RunFuzzInput(target, data, size);
//   }
#ifndef FUZZ_FUZZ_TARGET_H_
#define FUZZ_FUZZ_TARGET_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "conformance/rule.h"
#include "scenario/scenario_runner.h"

namespace pd {

struct FuzzTarget {
  std::string impl_name;  // for messages and finding files; `--impl` of the replay
  ImplFactory make_impl;
  // A sanitizer report that is not a write next to a buffer the harness
  // handed in still saves the scenario, as a no-crash finding: set for a
  // plugin loaded in process (external_target.h), whose crash under ASan
  // replays in a plugin worker, where pdconform sees it as no-crash.
  bool sanitizer_report_is_crash_finding = false;
  // Printed under the replay command when not empty: what the replay needs
  // beyond it (a plugin built with sanitizers loads only into a sanitizer build).
  std::string replay_note;
};

// The built-in implementation $PD_FUZZ_IMPL names (default "reference"). An
// unknown name prints the catalog to stderr and exits with status 2.
const FuzzTarget& BuiltInTargetFromEnvironment();

// The rule $PD_FUZZ_RULE names, or nullptr when it is unset: only that
// rule's violations abort. An unknown id prints the rule ids and exits with
// status 2; call it from LLVMFuzzerInitialize so that happens before the
// first input rather than as a crash of the target.
const Rule* RuleFilterFromEnvironment();

// Returns 0 when every rule holds; otherwise writes the finding and aborts.
int RunFuzzInput(const FuzzTarget& target, const std::uint8_t* data, std::size_t size);

}  // namespace pd

#endif  // FUZZ_FUZZ_TARGET_H_
