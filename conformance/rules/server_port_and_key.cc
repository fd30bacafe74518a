// server-port-and-key: the operations on a stream or content-information
// handle complete through the completion port and key given when the handle
// was opened (PeerDistServerPublishStream, PeerDistServerOpenContentInformation(Ex)).
// With a port, an operation that completes posts a packet carrying the key
// and its OVERLAPPED to that port, within the liveness bound of its result,
// and no packet to any other port; without one (the key is then ignored), no
// packet at all.
#include <map>

#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The port and key an open call passed, by the trace position of its return.
struct OpenArguments {
  int port = -1;
  std::int64_t key = 0;
};

std::optional<Violation> JudgeOperation(const TraceView& view, const OperationView& operation,
                                        const OpenArguments& open) {
  const OperationAct* result = nullptr;
  bool posted = false;
  for (const OperationAct& act : operation.acts) {
    const TraceEvent& event = view.events()[act.index];
    if (result == nullptr && act.code != kNoValue) result = &act;
    if (event.kind != TraceKind::kPacket) continue;
    if (open.port < 0 || event.port != open.port || (event.key & kKeyMask) != (open.key & kKeyMask)) {
      return At(event, CallName(*operation.call) + " completed with a packet to port " + std::to_string(event.port) +
                           " with key " + std::to_string(event.key) + "; expected " +
                           (open.port < 0 ? std::string("no packet (no port at the open)")
                                          : "port " + std::to_string(open.port) + " with key " +
                                                std::to_string(open.key & kKeyMask)));
    }
    posted = true;
  }
  if (open.port < 0 || result == nullptr || posted) return std::nullopt;
  const VirtualTime deadline = view.events()[result->index].time + kLivenessBound;
  if (view.end_time() <= deadline) return std::nullopt;  // the trace ends inside the window
  return AtTime(view, deadline, CallName(*operation.call) + " completed with " + Code(result->code) +
                                    " but posted no packet; expected one to port " + std::to_string(open.port) +
                                    " with key " + std::to_string(open.key & kKeyMask));
}

std::optional<Violation> Judge(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  std::map<std::size_t, OpenArguments> opens;
  for (const CallView& call : view.calls()) {
    if (call.ret == nullptr) continue;
    opens[call.return_index] = OpenArguments{call.call->port, call.call->key};
  }
  for (const OperationView& operation : history.operations()) {
    if (!operation.accepted || operation.overlapped < 0) continue;
    const OpenedHandle* handle = history.Handle(operation.object);
    if (handle == nullptr || handle->kind == HandleKind::kContent) continue;
    auto open = opens.find(handle->open_index);
    if (open == opens.end()) continue;
    if (auto violation = JudgeOperation(view, operation, open->second)) return violation;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "server-port-and-key",
    207,
    Strength::kImplied,
    "the pages name the port and key; the bound of 100 ms within which the packet must follow the result is the "
    "harness's liveness bound, not the pages'",
    "PeerDistServerPublishStream, PeerDistServerOpenContentInformation, PeerDistServerOpenContentInformationEx",
    {{"SPUBLISH-9"}, {"SPUBLISH-12"}, {"SPUBLISH-13"}, {"SOPENINFO-8"}, {"SOPENINFO-11"}, {"SOPENINFO-12"},
     {"SOPENINFOEX-9"}, {"SOPENINFOEX-12"}, {"SOPENINFOEX-13"}},
    "operations on a stream or content-information handle complete with a packet to the port given at its open, "
    "carrying its key (none without a port)",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
