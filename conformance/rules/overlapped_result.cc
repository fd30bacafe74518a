// overlapped-result: PeerDistGetOverlappedResult reflects the state of an
// OVERLAPPED, a registration's or an asynchronous content operation's, as
// the trace shows it before the call: pending (bWait FALSE) -> FALSE,
// ERROR_IO_INCOMPLETE; completed successfully -> TRUE; completed with an
// error (cancelled: ERROR_OPERATION_ABORTED, invalidated, ...) -> FALSE with
// that error, or TRUE, the pages disagree (AMBIGUITIES.md:
// aborted-overlapped-result for a cancellation, failed-overlapped-result for
// a content operation's other errors; a registration fails only by
// cancellation). With bWait TRUE the call waits for the result, so it never
// answers ERROR_IO_INCOMPLETE, unless nothing could end the wait: the
// OVERLAPPED has no hEvent (PeerDist has no file handle for the wait to use
// instead), or the wait ran to the harness's horizon for an INFINITE wait
// (kInfiniteWaitSpan: nothing was going to complete it). A TRUE result
// writes the number of bytes the operation's OVERLAPPED says it transferred
// (InternalHigh), for every operation, writes such as AddData included.
#include "conformance/rule.h"
#include "conformance/rules/content_rule_support.h"

namespace pd {
namespace rules {
namespace {

bool Waits(const TraceEvent& call) {
  const std::string suffix = " wait";
  return call.detail.size() >= suffix.size() &&
         call.detail.compare(call.detail.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Result(const TraceEvent& ret) {
  return ret.bool_result != 0 ? std::string("TRUE") : "FALSE with last error " + Code(ret.code);
}

// What the OVERLAPPED a call names went through: its completion acts (trace
// position, step, code; kNoValue for a signal that carries no code of its
// own), and whether it has an hEvent.
struct Target {
  std::string name;  // "rN (session S)" or "PeerDistClientBlockRead on content handle 3 (step 7)"
  bool has_event = false;
  bool content = false;  // a content operation's (not a registration's)
  struct ActAt {
    std::size_t index;
    int step;
    std::int64_t code;
    std::int64_t bytes;  // OVERLAPPED.InternalHigh as the act left it
    bool written;        // the act is the result written (not a signal or packet)
  };
  std::vector<ActAt> acts;  // in trace order
};

std::optional<Target> TargetOf(const TraceView& view, const CallView& call) {
  const int slot = call.call->overlapped;
  if (slot < 0) return std::nullopt;
  Target target;
  if (const RegistrationView* registration = RegistrationOfSlot(view, slot)) {
    if (!registration->accepted) return std::nullopt;
    target.name = Name(*registration);
    target.has_event = registration->event >= 0;
    for (const Act& act : ActsOf(view, *registration)) {
      target.acts.push_back({act.index, act.event->step, act.event->code, act.event->bytes,
                             act.event->kind == TraceKind::kOverlappedDone});
    }
    return target;
  }
  // The latest content operation on this OVERLAPPED called before it.
  const OperationView* found = nullptr;
  for (const OperationView& operation : view.Derived<HandleHistory>().operations()) {
    if (operation.overlapped == slot && operation.call->call_index < call.call_index) found = &operation;
  }
  if (found == nullptr || !found->accepted) return std::nullopt;
  target.name = CallName(*found->call);
  target.has_event = found->event >= 0;
  target.content = true;
  for (const OperationAct& act : found->acts) {
    const TraceEvent& event = view.events()[act.index];
    target.acts.push_back({act.index, event.step, act.code, event.bytes, event.kind == TraceKind::kOverlappedDone});
  }
  return target;
}

// "A pointer to a variable that receives the number of bytes that were
// actually transferred": a TRUE result writes the count the operation's
// OVERLAPPED holds (InternalHigh) once its result is there, whatever the
// operation (reads and retrieves, writes such as AddData, registrations).
std::optional<Violation> BytesDisagree(const CallView& call, const Target& target,
                                       const std::string& name) {
  const TraceEvent& ret = *call.ret;
  if (ret.bool_result == 0 || ret.bytes == kNoValue) return std::nullopt;
  const Target::ActAt* result = nullptr;
  for (const Target::ActAt& act : target.acts) {
    if (act.index >= call.return_index) break;
    if (act.code == kNoValue || act.code == static_cast<std::int64_t>(kStatusPending)) continue;
    // A signal snapshots the OVERLAPPED too; only a written result counts.
    if (!act.written) continue;
    result = &act;
  }
  if (result == nullptr || result->bytes == kNoValue || result->bytes == ret.bytes) return std::nullopt;
  return At(ret, name + " returned TRUE with lpNumberOfBytesTransferred " + std::to_string(ret.bytes) +
                     " while the operation's OVERLAPPED holds " + std::to_string(result->bytes) +
                     " (InternalHigh); expected the number of bytes the operation transferred");
}

std::optional<Violation> Judge(const TraceView& view) {
  for (const CallView& call : view.calls()) {
    if (call.call->function != ApiFunction::kGetOverlappedResult || call.ret == nullptr) continue;
    if (call.call->null_arg == 1) continue;  // null-argument judges that
    const std::optional<Target> target = TargetOf(view, call);
    if (!target) continue;
    const std::string name = "PeerDistGetOverlappedResult on " + target->name;
    std::int64_t final_code = kNoValue;
    bool during_call = false;
    for (const Target::ActAt& act : target->acts) {
      if (act.code == kNoValue || act.code == static_cast<std::int64_t>(kStatusPending)) continue;
      if (act.index < call.call_index) {
        final_code = act.code;
      } else if (act.step == call.call->step) {
        during_call = true;
      }
    }
    const TraceEvent& ret = *call.ret;
    const bool waits = Waits(*call.call);
    const bool incomplete = ret.bool_result == 0 && ret.code == ERROR_IO_INCOMPLETE;
    if (waits && incomplete && target->has_event) {
      // Where an INFINITE wait begun at the call ends when nothing ends it.
      const VirtualTime horizon = std::min<VirtualTime>(call.call->time + kInfiniteWaitSpan, kVirtualTimeLimit);
      if (ret.time < horizon) {
        // Was its hEvent signalled inside the call, the OVERLAPPED still pending?
        bool signalled_pending = false;
        for (std::size_t i = call.call_index + 1; i < call.return_index && i < view.events().size(); ++i) {
          const TraceEvent& event = view.events()[i];
          signalled_pending |= event.kind == TraceKind::kEventSignal && event.overlapped == call.call->overlapped &&
                               event.code == static_cast<std::int64_t>(kStatusPending);
        }
        return At(ret, name + " with bWait TRUE returned FALSE with ERROR_IO_INCOMPLETE" +
                           (signalled_pending ? std::string(" when its hEvent was signalled while the OVERLAPPED was "
                                                            "still pending (no result written yet)")
                                              : std::string(" without waiting for the operation")) +
                           "; expected it to wait until the operation completes and return its result");
      }
    }
    if (final_code == kNoValue) {
      // Still pending when called; a completion inside the call (a wait, or
      // an implementation doing work on the caller's thread) is fine.
      if (during_call || waits) continue;
      if (incomplete) continue;
      return At(ret, name + " while it was pending (bWait FALSE) returned " + Result(ret) +
                         "; expected FALSE with ERROR_IO_INCOMPLETE");
    }
    if (auto violation = BytesDisagree(call, *target, name)) return violation;
    if (final_code == ERROR_SUCCESS) {
      if (ret.bool_result != 0) continue;
      return At(ret, name + " after it completed successfully returned " + Result(ret) + "; expected TRUE");
    }
    if (ret.bool_result == 0 && ret.code == final_code) continue;
    // TRUE for an operation that failed is the PeerDistGetOverlappedResult
    // page's reading ("true if the operation has completed"): ambiguities
    // aborted-overlapped-result (a cancellation) and failed-overlapped-result
    // (a content operation's other errors).
    if (ret.bool_result != 0 && (final_code == ERROR_OPERATION_ABORTED || target->content)) continue;
    return At(ret, name + " after it completed with " + Code(final_code) + " returned " + Result(ret) +
                       "; expected FALSE with " + Code(final_code) + " (or TRUE: " +
                       (final_code == ERROR_OPERATION_ABORTED ? "aborted" : "failed") + "-overlapped-result)");
  }
  return std::nullopt;
}

PD_REGISTER_RULE((Rule{
    "overlapped-result",
    160,
    Strength::kImplied,
    "the page says only TRUE once complete and FALSE while pending without bWait: the last errors "
        "(ERROR_IO_INCOMPLETE, the operation's error) are GetOverlappedResult's convention",
    "PeerDistGetOverlappedResult",
    {{"OVLRESULT-1"}, {"OVLRESULT-2"}, {"OVLRESULT-3"}, {"OVLRESULT-4"}, {"OVLRESULT-5", kPartly},
     {"OVLRESULT-6"}, {"OVLRESULT-7", kPartly}, {"OVLRESULT-8"}},
    "PeerDistGetOverlappedResult on a registration's or a content operation's OVERLAPPED returns "
    "FALSE/ERROR_IO_INCOMPLETE while it is pending (bWait FALSE), TRUE once it completed successfully, FALSE with "
    "its error or TRUE once it failed or was cancelled (aborted-/failed-overlapped-result); with bWait TRUE "
    "(and an hEvent) it waits, never ERROR_IO_INCOMPLETE; a TRUE result writes the OVERLAPPED's byte count "
    "(InternalHigh) to lpNumberOfBytesTransferred",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
