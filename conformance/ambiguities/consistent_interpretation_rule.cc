// consistent-interpretation: where the documentation is ambiguous the suite
// accepts every interpretation, but within one trace an implementation must
// follow one of them (see AMBIGUITIES.md beside this file).
#include <optional>
#include <string>

#include "conformance/ambiguities/ambiguity.h"
#include "conformance/rule.h"

namespace pd {
namespace {

std::string Describe(const Ambiguity& ambiguity, const Occurrence& occurrence) {
  std::string out = occurrence.interpretation;
  if (ambiguity.consistency_by_value) out += " (code " + occurrence.value + ")";
  return out;
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    if (!ambiguity.checked_for_consistency) continue;
    if (!FindInconsistency(ambiguity, ambiguity.evidence(view))) continue;
    const std::vector<Occurrence> occurrences = ambiguity.locate(view);
    const auto pair = FindInconsistency(ambiguity, occurrences);
    if (!pair) continue;  // cannot happen: resolution keeps compatible sets and values
    const Occurrence& first = occurrences[pair->first];
    const Occurrence& second = occurrences[pair->second];
    Violation violation;
    violation.step = second.step;
    violation.time = second.time;
    violation.message = ambiguity.id + ": " + Describe(ambiguity, first) + " at step " + std::to_string(first.step) +
                        " (" + first.note + "), then " + Describe(ambiguity, second) + " (" + second.note +
                        "); expected one interpretation throughout";
    return violation;
  }
  return std::nullopt;
}

Rule MakeRule() {
  Rule rule;
  rule.id = "consistent-interpretation";
  rule.order = 70;
  rule.strength = Strength::kInterpretation;
  rule.strength_reason =
      "the pages leave these choices open (AMBIGUITIES.md): following one reading throughout is the harness's "
      "demand, not the pages'";
  rule.source = "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx";
  // Each ambiguity cites its own statements; the rule cites the one pair it
  // checks (a function's success code against its page's, across the two).
  rule.cites = {{"REGISTER-12", kPartly}, {"REGISTEREX-12", kPartly}};
  rule.summary =
      "within one trace, every ambiguity shows one interpretation only (transient-flap excepted; "
      "second-registration-error compares codes)";
  rule.judge = &Judge;
  return rule;
}

PD_REGISTER_RULE(MakeRule());

}  // namespace
}  // namespace pd
