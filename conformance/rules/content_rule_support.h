// Helpers the content-part rules share. The handle bookkeeping itself is conformance/handle_history.h.
#ifndef CONFORMANCE_RULES_CONTENT_RULE_SUPPORT_H_
#define CONFORMANCE_RULES_CONTENT_RULE_SUPPORT_H_

#include "conformance/handle_history.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {

// Whether a call passes a content, content-information or stream handle.
inline bool TakesObject(const CallView& call) {
  return call.call->object_kind != HandleKind::kNone;
}

}  // namespace rules
}  // namespace pd

#endif  // CONFORMANCE_RULES_CONTENT_RULE_SUPPORT_H_
