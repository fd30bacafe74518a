// optional-arguments-accepted: the client pages say which arguments may be
// absent — hCompletionPort of PeerDistClientOpenContent and
// PeerDistClientFlushContent "can be NULL", and a read of 0 bytes may pass
// a NULL pBuffer ("If the cbMaxNumberOfBytesToRead argument is equal to 0,
// the pBuffer parameter can be NULL"). A call that is otherwise well formed
// (its session's open handle; for a read, an open, not invalidated content
// handle that session opened) and gives NULL there is not refused with
// ERROR_INVALID_PARAMETER. The pages set no limit on pending operations; an
// implementation out of room may refuse anything, so calls made while many
// operations are pending are not judged.
#include <cstdlib>

#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

constexpr std::size_t kJudgedBelowPending = 256;

// cbMaxNumberOfBytes, from the read's "... bytes=N".
std::int64_t ReadSize(const TraceEvent& call) {
  const std::size_t at = call.detail.find("bytes=");
  return at == std::string::npos ? -1 : std::strtoll(call.detail.c_str() + at + 6, nullptr, 10);
}

std::size_t PendingAt(const HandleHistory& history, std::size_t index) {
  std::size_t pending = 0;
  for (const OperationView& operation : history.operations()) {
    if (!operation.accepted || operation.call->call_index > index) continue;
    if (operation.FirstAct() == kNoPosition || operation.FirstAct() > index) ++pending;
  }
  return pending;
}

// What the call left NULL that its page allows to be NULL, or "".
std::string AllowedNull(const HandleHistory& history, const CallView& call) {
  const TraceEvent& c = *call.call;
  switch (c.function) {
    case ApiFunction::kClientOpenContent:
    case ApiFunction::kClientFlushContent:
      if (c.handle_open != 1 || c.null_arg == 1 || c.port != -1) return "";
      return "a NULL hCompletionPort";
    case ApiFunction::kClientBlockRead:
    case ApiFunction::kClientStreamRead: {
      if (ReadSize(c) != 0) return "";
      const OpenedHandle* handle = history.WellFormedTarget(call);
      if (handle == nullptr || history.InvalidatedBy(*handle, call.call_index) != nullptr) return "";
      return "cbMaxNumberOfBytes 0 and a NULL pBuffer";
    }
    default:
      return "";
  }
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    if (call.ret == nullptr || call.ret->code != ERROR_INVALID_PARAMETER) continue;
    const std::string given = AllowedNull(history, call);
    if (given.empty() || PendingAt(history, call.call_index) >= kJudgedBelowPending) continue;
    return At(*call.ret, CallName(call) + " with " + given +
                             " returned ERROR_INVALID_PARAMETER; expected the NULL the page allows to be accepted");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "optional-arguments-accepted",
    242,
    Strength::kDocumented,
    "",
    "PeerDistClientOpenContent, PeerDistClientFlushContent, PeerDistClientBlockRead, PeerDistClientStreamRead",
    {{"COPEN-8"}, {"CFLUSH-5"}, {"CBLOCKREAD-10"}, {"CSTREAMREAD-10"}},
    "OpenContent and FlushContent with a NULL hCompletionPort, and a read of 0 bytes with a NULL pBuffer, are not "
    "refused with ERROR_INVALID_PARAMETER when otherwise well formed",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
