// Shared by no-crash and no-hang: the adapters record an implementation
// they lost (crashed, hung, broke the protocol) as one kFinding trace event
// whose text starts with the rule's prefix (adapters/implementation_lost.h).
#ifndef CONFORMANCE_RULES_IMPLEMENTATION_FINDINGS_H_
#define CONFORMANCE_RULES_IMPLEMENTATION_FINDINGS_H_

#include <optional>
#include <string>

#include "conformance/rule.h"
#include "conformance/trace_view.h"

namespace pd {
namespace rules {

// The first finding whose text starts with `prefix`, as a violation whose
// message is the finding's text after the prefix, then `expected`.
inline std::optional<Violation> FirstFindingWithPrefix(const TraceView& view, const std::string& prefix,
                                                       const std::string& expected) {
  for (std::size_t index : view.findings()) {
    const TraceEvent& event = view.events()[index];
    if (event.detail.compare(0, prefix.size(), prefix) != 0) continue;
    return Violation{event.step, event.time, event.detail.substr(prefix.size()) + expected};
  }
  return std::nullopt;
}

}  // namespace rules
}  // namespace pd

#endif  // CONFORMANCE_RULES_IMPLEMENTATION_FINDINGS_H_
