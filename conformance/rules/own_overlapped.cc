// own-overlapped: every asynchronous call takes "a pointer to an OVERLAPPED
// structure", and its completion is reported through that structure and no
// other. The OVERLAPPEDs the harness passes are all distinct, so the trace
// shows a completion that lands elsewhere: a packet carrying a pointer no
// call passed, a result written into (or a packet posted for) the OVERLAPPED
// of a call that was refused, or a second result written into an OVERLAPPED
// whose call had completed already. That each accepted call's own
// completion does arrive there (its packet, its hEvent, its result before
// either) is event-and-port's (registrations, content handles) and
// completion-arrives' (streams, content information, flushes).
#include <map>

#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

// The call that passed an OVERLAPPED slot.
struct Owner {
  std::string name;
  bool accepted = false;
  std::int64_t code = kNoValue;  // what the call returned
};

std::map<int, Owner> OwnersBySlot(const TraceView& view) {
  std::map<int, Owner> owners;
  for (const RegistrationView& registration : view.registrations()) {
    if (registration.overlapped < 0) continue;
    const TraceEvent* ret = registration.call.ret;
    owners[registration.overlapped] = {Name(registration), registration.accepted, ret ? ret->code : kNoValue};
  }
  for (const OperationView& operation : view.Derived<HandleHistory>().operations()) {
    if (operation.overlapped < 0) continue;
    const TraceEvent* ret = operation.call->ret;
    owners[operation.overlapped] = {CallName(*operation.call), operation.accepted, ret ? ret->code : kNoValue};
  }
  return owners;
}

std::optional<Violation> Judge(const TraceView& view) {
  const std::map<int, Owner> owners = OwnersBySlot(view);
  std::map<int, bool> has_result;
  for (const TraceEvent& event : view.events()) {
    const bool packet = event.kind == TraceKind::kPacket;
    if (!packet && event.kind != TraceKind::kOverlappedDone) continue;
    if (packet && event.overlapped == -2) {
      return At(event, "a completion packet (port " + std::to_string(event.port) + ", key " +
                           std::to_string(event.key) +
                           ") carries an OVERLAPPED pointer no call passed; expected each completion on the "
                           "OVERLAPPED its call was given");
    }
    const auto owner = owners.find(event.overlapped);
    if (event.overlapped < 0 || owner == owners.end()) continue;
    if (!owner->second.accepted) {
      return At(event, owner->second.name + " returned " + Code(owner->second.code) + ", yet " +
                           (packet ? "a completion packet carried its OVERLAPPED" : "a result was written into its "
                                                                                    "OVERLAPPED") +
                           "; expected a refused call to complete nothing");
    }
    if (packet) continue;
    if (has_result[event.overlapped]) {
      return At(event, owner->second.name + ": a second result (" + Code(event.code) +
                           ") was written into its OVERLAPPED after it had completed; expected one result, on "
                           "the OVERLAPPED of the call it belongs to");
    }
    has_result[event.overlapped] = true;
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "own-overlapped",
    383,
    Strength::kImplied,
    "the pages only name the parameter \"Pointer to an OVERLAPPED structure\": the harness reads it as the structure "
    "the call's completion, and no other's, is reported through",
    "PeerDistRegisterForStatusChangeNotification, PeerDistRegisterForStatusChangeNotificationEx, "
    "PeerDistServerPublishAddToStream, PeerDistServerPublishCompleteStream, PeerDistServerRetrieveContentInformation, "
    "PeerDistClientAddContentInformation, PeerDistClientCompleteContentInformation, PeerDistClientAddData, "
    "PeerDistClientBlockRead, PeerDistClientStreamRead, PeerDistClientFlushContent",
    {{"REGISTER-8", kPartly, "on no other"}, {"REGISTEREX-8", kPartly, "on no other"},
     {"SADDTOSTREAM-8", kPartly, "on no other"}, {"SCOMPLETESTREAM-4", kPartly, "on no other"},
     {"SRETRIEVEINFO-6", kPartly, "on no other"}, {"CADDINFO-8", kPartly, "on no other"},
     {"CCOMPLETEINFO-4", kPartly, "on no other"}, {"CADDDATA-9", kPartly, "on no other"},
     {"CBLOCKREAD-14", kPartly, "on no other"}, {"CSTREAMREAD-14", kPartly, "on no other"},
     {"CFLUSH-8", kPartly, "on no other"}},
    "completions land only on the OVERLAPPED their call passed: no packet with a pointer no call passed, nothing "
    "for a refused call's OVERLAPPED, no second result in an OVERLAPPED whose call completed",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
