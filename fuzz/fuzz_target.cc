#include "fuzz/fuzz_target.h"

#include <cstdio>
#include <cstdlib>

#include "conformance/rule.h"
#include "fuzz/finding_file.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/scenario_decoder.h"
#include "impls/impl_catalog.h"
#include "sim/caller_memory.h"
#include "sim/trace.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PD_FUZZ_WITH_ASAN 1
#include <sanitizer/asan_interface.h>
#endif
#endif

namespace pd {
namespace {

FuzzTarget MakeBuiltInTarget() {
  const char* env = std::getenv("PD_FUZZ_IMPL");
  const std::string name = env != nullptr && *env != '\0' ? env : "reference";
  const BuiltInImpl* impl = FindBuiltInImpl(name);
  if (impl == nullptr) {
    std::fprintf(stderr, "pd-fuzz: PD_FUZZ_IMPL names no built-in implementation: '%s'. Known:\n", name.c_str());
    for (const BuiltInImpl& known : BuiltInImpls()) {
      std::fprintf(stderr, "  %s %s\n", known.name.c_str(), known.killed_by.empty() ? "-" : known.killed_by.c_str());
    }
    std::exit(2);
  }
  return FuzzTarget{impl->name, [impl](HostServices& host) { return MakeBuiltInImpl(*impl, host); }};
}

const Rule* MakeRuleFilter() {
  const char* env = std::getenv("PD_FUZZ_RULE");
  if (env == nullptr || *env == '\0') return nullptr;
  const Rule* rule = FindRule(env);
  if (rule == nullptr) {
    std::fprintf(stderr, "pd-fuzz: PD_FUZZ_RULE names no rule: '%s'. Known:\n", env);
    for (const Rule& known : AllRules()) std::fprintf(stderr, "  %s\n", known.id.c_str());
    std::exit(2);
  }
  return rule;
}

// Inputs this process has run: the number of executions it took to find
// something (hunt_mutants.sh reads it from the report).
std::uint64_t executions = 0;
// The input being run, for a report from AddressSanitizer's death callback.
const FuzzTarget* running_target = nullptr;
const Scenario* running_scenario = nullptr;

void PrintReplayNote(const FuzzTarget& target) {
  if (!target.replay_note.empty()) std::fprintf(stderr, "==pd-fuzz== (%s)\n", target.replay_note.c_str());
}

#ifdef PD_FUZZ_WITH_ASAN
// AddressSanitizer reported an error and is about to end the process. When
// what it caught is a write next to a buffer the harness handed in (each its
// own exact-size allocation in this build, sim/caller_memory.h), it is the rule
// buffer-bounds: say so as a rule finding would, and save the scenario,
// which replays in a plain build to the same finding through the guard bytes.
// Any other report, for a target that asks (an in-process plugin), saves the
// scenario as a no-crash finding.
void OnSanitizerReport(const char* /*report*/) {
  const CallerMemory* memory = CallerMemory::Current();
  void* address = __asan_get_report_address();
  if (running_target == nullptr || running_scenario == nullptr) return;
  const std::string what = memory != nullptr && address != nullptr
                               ? memory->DescribeAccess(address, __asan_get_report_access_size())
                               : std::string();
  FuzzFinding finding;
  if (!what.empty()) {
    finding.rule_id = "buffer-bounds";
    finding.violation.message = what + " (AddressSanitizer's report above)";
  } else if (running_target->sanitizer_report_is_crash_finding) {
    finding.rule_id = "no-crash";
    finding.violation.message = "AddressSanitizer stopped the implementation (its report above)";
  } else {
    return;
  }
  finding.rule = FindRule(finding.rule_id);
  const std::string path = WriteFindingFile(FindingDirectory(), *running_scenario, running_target->impl_name, finding);
  std::fprintf(stderr,
               "\n==pd-fuzz== rule %s violated by %s: %s\n"
               "==pd-fuzz== scenario written to %s\n==pd-fuzz== replay: %s\n"
               "==pd-fuzz== found at execution %llu of this process\n",
               finding.rule_id.c_str(), running_target->impl_name.c_str(), finding.violation.message.c_str(),
               path.empty() ? "(not written)" : path.c_str(),
               path.empty() ? "-" : ReplayCommandFor(running_target->impl_name, path).c_str(),
               static_cast<unsigned long long>(executions));
  PrintReplayNote(*running_target);
  std::fflush(stderr);
}

// The report callback, not the death callback: libFuzzer takes that one.
const bool report_callback_set = [] {
  __asan_set_error_report_callback(OnSanitizerReport);
  return true;
}();
#endif

[[noreturn]] void Report(const FuzzTarget& target, const Scenario& scenario, const FuzzFinding& first) {
  const std::vector<FuzzFinding> all = CheckScenarioAll(scenario, target.make_impl);
  const std::string path = WriteFindingFile(FindingDirectory(), scenario, target.impl_name, first);
  std::string others;
  for (const FuzzFinding& finding : all) {
    if (finding.rule_id != first.rule_id) others += (others.empty() ? "" : ", ") + finding.rule_id;
  }
  std::fprintf(stderr,
               "\n==pd-fuzz== rule %s violated by %s at step %d, t=%llu us: %s\n"
               "==pd-fuzz== other rules violated by the same scenario: %s\n"
               "==pd-fuzz== scenario written to %s\n==pd-fuzz== replay: %s\n"
               "==pd-fuzz== found at execution %llu of this process\n",
               first.rule_id.c_str(), target.impl_name.c_str(), first.violation.step,
               static_cast<unsigned long long>(first.violation.time), first.violation.message.c_str(),
               others.empty() ? "none" : others.c_str(), path.empty() ? "(not written)" : path.c_str(),
               path.empty() ? "-" : ReplayCommandFor(target.impl_name, path).c_str(),
               static_cast<unsigned long long>(executions));
  PrintReplayNote(target);
  std::fflush(stderr);
  std::abort();
}

}  // namespace

const FuzzTarget& BuiltInTargetFromEnvironment() {
  static const FuzzTarget target = MakeBuiltInTarget();
  return target;
}

const Rule* RuleFilterFromEnvironment() {
  static const Rule* const rule = MakeRuleFilter();
  return rule;
}

int RunFuzzInput(const FuzzTarget& target, const std::uint8_t* data, std::size_t size) {
  ++executions;
  const Rule* const only_rule = RuleFilterFromEnvironment();
  const Scenario scenario = DecodeScenario(data, size);
  running_target = &target;
  running_scenario = &scenario;
  const std::optional<FuzzFinding> finding = only_rule != nullptr
                                                 ? CheckScenarioForRule(scenario, target.make_impl, *only_rule)
                                                 : CheckScenario(scenario, target.make_impl);
  if (finding) Report(target, scenario, *finding);
  running_scenario = nullptr;
  return 0;
}

}  // namespace pd
