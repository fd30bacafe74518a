// A rule of the conformance catalog: an id, the documentation sentence it
// comes from, how strongly the documentation says it, and a verdict function
// over a trace. Rules judge traces; they never drive the World.
//
// Adding a rule touches one place: a new file in conformance/rules/ that
// calls PD_REGISTER_RULE (the rules library is alwayslink, so registration
// cannot be dropped by the linker).
#ifndef CONFORMANCE_RULE_H_
#define CONFORMANCE_RULE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/requirements/citation.h"
#include "conformance/trace_view.h"
#include "sim/virtual_time.h"

namespace pd {

enum class Strength {
  kDocumented,      // the documentation says it
  kImplied,         // follows from the documentation's purpose (liveness, ...)
  kInterpretation,  // the documentation is ambiguous; see conformance/ambiguities/AMBIGUITIES.md
};

const char* StrengthName(Strength strength);

// Bound for every bounded-liveness rule: what must happen, must happen within
// this much virtual time. The scenario runner's drain is longer, so windows
// opened by the last step still close inside the trace. Set once, before the
// suite, by pdconform's --liveness-ms (a live run's deliveries take real
// time); never changed while rules judge.
inline Duration kLivenessBound = 100 * kMillisecond;

struct Violation {
  int step = -1;          // scenario step at which the rule broke
  VirtualTime time = 0;   // virtual time of the offending event
  std::string message;    // one line: what happened and what the rule wanted
};

struct Rule {
  std::string id;     // kebab-case, stable: baselines and reports key on it
  int order = 0;      // position in tables (the order of DESIGN.md §2)
  Strength strength = Strength::kDocumented;
  // Why the rule is not simply `documented` (what it asks beyond its pages),
  // one line; empty for a documented rule.
  std::string strength_reason;
  // The pages of the cited statements, ", "-separated, in citation order.
  std::string source;
  std::vector<RequirementRef> cites;  // at least one
  std::string summary;  // the rule as checked, one line
  std::function<std::optional<Violation>(const TraceView&)> judge;
  // Whether the rule judges the crashes and hangs that cut a case short
  // (no-crash, no-hang): a case cut short is what it looks for, not a gap in
  // what it saw. Such a rule is never reported as not checked, and the
  // run-wide hang budget (SuiteOptions::max_hangs) does not skip its cases.
  bool judges_cut_short_cases = false;
  // Filled at registration from the catalog: each cited statement as
  // CitationOf() renders it ("[partly]" marks a partial one), " / "-joined.
  std::string citation = {};
};

// Every registered rule, sorted by `order`.
const std::vector<Rule>& AllRules();
const Rule* FindRule(const std::string& id);

namespace internal {
bool RegisterRule(Rule rule);
}  // namespace internal

#define PD_RULE_CONCAT_INNER(a, b) a##b
#define PD_RULE_CONCAT(a, b) PD_RULE_CONCAT_INNER(a, b)
#define PD_REGISTER_RULE(make_rule) \
  static const bool PD_RULE_CONCAT(pd_rule_registered_, __LINE__) = ::pd::internal::RegisterRule(make_rule)

}  // namespace pd

#endif  // CONFORMANCE_RULE_H_
