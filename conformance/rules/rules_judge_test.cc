// Judge functions on hand-built traces: the permissive corners the
// documentation leaves open (transient flaps, completion inside the
// registering call, a status written only at completion, completions the
// runner only sees at the end of a step) must hold, and the plain breaches
// next to them must not.
#include <gtest/gtest.h>

#include "conformance/rule.h"
#include "conformance/trace_view.h"
#include "sim/overlapped_slot.h"
#include "sim/trace.h"

namespace pd {
namespace {

constexpr VirtualTime kMs = kMillisecond;

// Builds traces shaped like the runner's: one session (id 0), events and
// OVERLAPPED slots numbered by the caller.
class TraceBuilder {
 public:
  explicit TraceBuilder(PEERDIST_STATUS initial) {
    TraceEvent event;
    event.kind = TraceKind::kStep;
    event.step = -1;
    event.status = initial;
    event.detail = "initial";
    trace_.Add(event);
    status_ = initial;
  }

  TraceBuilder& Step(VirtualTime t, const std::string& text) {
    now_ = t;
    ++step_;
    TraceEvent event = Stamp(TraceKind::kStep);
    event.detail = text;
    trace_.Add(event);
    return *this;
  }
  TraceBuilder& At(VirtualTime t) {
    now_ = t;
    return *this;
  }
  TraceBuilder& Status(VirtualTime t, PEERDIST_STATUS now) {
    now_ = t;
    TraceEvent event = Stamp(TraceKind::kStatusChange);
    event.old_status = status_;
    event.status = now;
    status_ = now;
    trace_.Add(event);
    return *this;
  }
  TraceBuilder& Startup(int session) {
    TraceEvent call = Stamp(TraceKind::kCall);
    call.function = ApiFunction::kStartup;
    call.null_arg = 0;
    call.detail = "version=2";
    trace_.Add(call);
    TraceEvent ret = Stamp(TraceKind::kReturn);
    ret.function = ApiFunction::kStartup;
    ret.session = session;
    ret.code = ERROR_SUCCESS;
    trace_.Add(ret);
    return *this;
  }
  // A registration call; `event` -1 for none, `port` -1 for none.
  TraceBuilder& RegisterCall(int session, int slot, int event, int port, std::int64_t key) {
    TraceEvent call = Stamp(TraceKind::kCall);
    call.function = ApiFunction::kRegister;
    call.session = session;
    call.overlapped = slot;
    call.event = event;
    call.port = port;
    call.handle_open = 1;
    call.null_arg = 0;
    call.key = key;
    call.detail = "r" + std::to_string(registrations_++);
    trace_.Add(call);
    return *this;
  }
  TraceBuilder& RegisterReturn(int session, int slot, std::int64_t code, std::int64_t status_out) {
    TraceEvent ret = Stamp(TraceKind::kReturn);
    ret.function = ApiFunction::kRegister;
    ret.session = session;
    ret.overlapped = slot;
    ret.code = code;
    ret.status = status_out;
    trace_.Add(ret);
    return *this;
  }
  TraceBuilder& Register(int session, int slot, int event, int port = -1, std::int64_t key = 0) {
    RegisterCall(session, slot, event, port, key);
    return RegisterReturn(session, slot, ERROR_IO_PENDING, status_);
  }
  TraceBuilder& Signal(int slot, int event, std::int64_t code, std::int64_t status) {
    TraceEvent traced = Stamp(TraceKind::kEventSignal);
    traced.overlapped = slot;
    traced.event = event;
    traced.code = code;
    traced.status = status;
    traced.bytes = 0;
    trace_.Add(traced);
    return *this;
  }
  TraceBuilder& Done(int slot, std::int64_t code, std::int64_t status) {
    TraceEvent traced = Stamp(TraceKind::kOverlappedDone);
    traced.overlapped = slot;
    traced.code = code;
    traced.status = status;
    traced.bytes = 0;
    trace_.Add(traced);
    return *this;
  }
  // A call of a session function that takes only the handle.
  TraceBuilder& SessionCall(ApiFunction function, int session, std::int64_t code) {
    TraceEvent call = Stamp(TraceKind::kCall);
    call.function = function;
    call.session = session;
    call.handle_open = 1;
    trace_.Add(call);
    TraceEvent ret = Stamp(TraceKind::kReturn);
    ret.function = function;
    ret.session = session;
    ret.code = code;
    trace_.Add(ret);
    return *this;
  }
  // `returned_at`: when the call returns (a wait runs the clock); 0: at once.
  TraceBuilder& OverlappedResult(int registration, int slot, bool ok, std::int64_t code, bool wait = false,
                                 VirtualTime returned_at = 0) {
    TraceEvent call = Stamp(TraceKind::kCall);
    call.function = ApiFunction::kGetOverlappedResult;
    call.overlapped = slot;
    call.null_arg = 0;
    call.detail = "r" + std::to_string(registration) + (wait ? " wait" : "");
    trace_.Add(call);
    if (returned_at != 0) now_ = returned_at;
    TraceEvent ret = Stamp(TraceKind::kReturn);
    ret.function = ApiFunction::kGetOverlappedResult;
    ret.overlapped = slot;
    ret.bool_result = ok ? 1 : 0;
    ret.code = code;
    if (ok) ret.bytes = 0;
    trace_.Add(ret);
    return *this;
  }
  // The runner's drain and end markers.
  const Trace& End(VirtualTime t) {
    Step(t - 1 * kSecond, "drain");
    now_ = t;
    TraceEvent event = Stamp(TraceKind::kStep);
    event.detail = "end";
    trace_.Add(event);
    return trace_;
  }

 private:
  TraceEvent Stamp(TraceKind kind) const {
    TraceEvent event;
    event.kind = kind;
    event.time = now_;
    event.step = step_;
    return event;
  }

  Trace trace_;
  VirtualTime now_ = 0;
  int step_ = -1;
  int registrations_ = 0;
  PEERDIST_STATUS status_;
};

std::optional<Violation> JudgeWith(const std::string& id, const Trace& trace) {
  const Rule* rule = FindRule(id);
  EXPECT_NE(rule, nullptr) << id;
  if (rule == nullptr) return std::nullopt;
  return rule->judge(TraceView(trace));
}

void ExpectAllHold(const Trace& trace) {
  const TraceView view(trace);
  for (const Rule& rule : AllRules()) {
    const std::optional<Violation> violation = rule.judge(view);
    EXPECT_FALSE(violation.has_value()) << rule.id << " at step " << violation->step << ": " << violation->message
                                        << "\n"
                                        << trace.Render();
  }
}

// r0 notified AVAILABLE; r1 registered; the status flaps to UNAVAILABLE and
// back, and r1 is notified AVAILABLE (or not, when `notify_flap` is false).
Trace FlapTrace(bool notify_flap) {
  TraceBuilder b(PEERDIST_STATUS_DISABLED);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0").Register(0, 0, 1);
  b.Step(0, "env enable");
  b.Step(0, "advance 200000").Status(10 * kMs, PEERDIST_STATUS_AVAILABLE);
  b.Signal(0, 1, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE).At(200 * kMs).Done(0, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  b.Step(200 * kMs, "register s0").Register(0, 1, 2);
  b.Step(200 * kMs, "env lose");
  b.Step(200 * kMs, "env regain");
  b.Step(200 * kMs, "advance 200000").Status(210 * kMs, PEERDIST_STATUS_UNAVAILABLE);
  b.Status(220 * kMs, PEERDIST_STATUS_AVAILABLE);
  if (notify_flap) {
    b.At(225 * kMs).Signal(1, 2, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
    b.At(400 * kMs).Done(1, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  }
  return b.End(1400 * kMs);
}

TEST(RuleJudges, TransientFlapMayNotify) { ExpectAllHold(FlapTrace(true)); }

TEST(RuleJudges, TransientFlapMayStayQuiet) { ExpectAllHold(FlapTrace(false)); }

TEST(RuleJudges, NotificationOnAnUnchangedStatusBreaksChangeOnly) {
  TraceBuilder b(PEERDIST_STATUS_AVAILABLE);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0").Register(0, 0, 1);
  b.Step(0, "advance 100000").Signal(0, 1, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  b.At(100 * kMs).Done(0, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  b.Step(100 * kMs, "register s0").Register(0, 1, 2);
  b.Step(100 * kMs, "advance 100000").Signal(1, 2, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  const Trace& trace = b.End(1200 * kMs);
  const std::optional<Violation> violation = JudgeWith("change-only", trace);
  ASSERT_TRUE(violation.has_value()) << trace.Render();
  EXPECT_EQ(violation->step, 4);
  EXPECT_FALSE(JudgeWith("first-notify", trace).has_value());
}

// The implementation completes the registration inside the registering call
// and writes the status out-parameter only then; it returns ERROR_SUCCESS.
TEST(RuleJudges, CompletionInsideTheRegisteringCallIsAccepted) {
  TraceBuilder b(PEERDIST_STATUS_AVAILABLE);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0").RegisterCall(0, 0, 1, -1, 0);
  b.Signal(0, 1, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  b.RegisterReturn(0, 0, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  b.Done(0, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  b.Step(0, "get-overlapped-result r0").OverlappedResult(0, 0, true, ERROR_SUCCESS);
  b.Step(0, "register s0").Register(0, 1, 2);  // accepted: r0 is no longer active
  b.Step(0, "get-overlapped-result r1").OverlappedResult(1, 1, false, ERROR_IO_INCOMPLETE);
  ExpectAllHold(b.End(1 * kSecond));
}

TEST(RuleJudges, CompletionInsideTheCallWhileDisabledBreaksFirstNotify) {
  TraceBuilder b(PEERDIST_STATUS_DISABLED);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0").RegisterCall(0, 0, 1, -1, 0);
  b.Signal(0, 1, ERROR_SUCCESS, PEERDIST_STATUS_DISABLED);
  b.RegisterReturn(0, 0, ERROR_IO_PENDING, PEERDIST_STATUS_DISABLED);
  b.Done(0, ERROR_SUCCESS, PEERDIST_STATUS_DISABLED);
  const Trace& trace = b.End(1 * kSecond);
  const std::optional<Violation> violation = JudgeWith("first-notify", trace);
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->step, 1);
}

// The status out-parameter may stay unwritten at call return as long as it
// is valid when the notification completes.
TEST(RuleJudges, StatusWrittenOnlyAtCompletionIsAccepted) {
  TraceBuilder b(PEERDIST_STATUS_DISABLED);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0").RegisterCall(0, 0, 1, -1, 0).RegisterReturn(0, 0, ERROR_IO_PENDING, kUnwrittenStatus);
  b.Step(0, "env enable");
  b.Step(0, "advance 100000").Status(20 * kMs, PEERDIST_STATUS_AVAILABLE);
  b.Signal(0, 1, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE).At(100 * kMs).Done(0, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  ExpectAllHold(b.End(1100 * kMs));
}

TEST(RuleJudges, UnwrittenStatusAtCompletionBreaksStatusOut) {
  TraceBuilder b(PEERDIST_STATUS_DISABLED);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0").RegisterCall(0, 0, 1, -1, 0).RegisterReturn(0, 0, ERROR_IO_PENDING, kUnwrittenStatus);
  b.Step(0, "advance 100000").Status(20 * kMs, PEERDIST_STATUS_AVAILABLE);
  b.Signal(0, 1, ERROR_SUCCESS, kUnwrittenStatus);
  const std::optional<Violation> violation = JudgeWith("status-out", b.End(1100 * kMs));
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->step, 2);
}

// A registration with neither event nor port is only seen completing when
// the runner scans it after the step. Here r0 really completed at 48 ms
// (AVAILABLE), the service was disabled at 80 ms, and the scan at 100 ms
// reads DISABLED; r1 is then notified DISABLED. The baseline is AVAILABLE,
// so that notification is right, and no rule may read DISABLED as the
// baseline.
TEST(RuleJudges, CompletionSeenOnlyByTheScanIsJudgedPermissively) {
  TraceBuilder b(PEERDIST_STATUS_DISABLED);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0 event=none").Register(0, 0, -1);
  b.Step(0, "env enable");
  b.Step(0, "env disable");
  b.Step(0, "advance 100000").Status(48 * kMs, PEERDIST_STATUS_AVAILABLE).Status(80 * kMs, PEERDIST_STATUS_DISABLED);
  b.At(100 * kMs).Done(0, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  b.Step(100 * kMs, "register s0").Register(0, 1, 1);
  b.Step(100 * kMs, "advance 100000").Signal(1, 1, ERROR_SUCCESS, PEERDIST_STATUS_DISABLED);
  b.At(200 * kMs).Done(1, ERROR_SUCCESS, PEERDIST_STATUS_DISABLED);
  ExpectAllHold(b.End(1200 * kMs));
}

// The documentation leaves open: what Unregister returns with nothing
// registered, the error of a second registration, and whether the original
// Register returns ERROR_SUCCESS or ERROR_IO_PENDING.
TEST(RuleJudges, AmbiguousReturnCodesAreAccepted) {
  constexpr std::int64_t kNotFound = 1168;  // ERROR_NOT_FOUND
  TraceBuilder b(PEERDIST_STATUS_DISABLED);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "unregister s0").SessionCall(ApiFunction::kUnregister, 0, kNotFound);
  b.Step(0, "register s0").RegisterCall(0, 0, 1, -1, 0).RegisterReturn(0, 0, ERROR_SUCCESS, PEERDIST_STATUS_DISABLED);
  b.Step(0, "register s0").RegisterCall(0, 1, 2, -1, 0).RegisterReturn(0, 1, ERROR_INVALID_PARAMETER, kUnwrittenStatus);
  b.Step(0, "get-overlapped-result r0").OverlappedResult(0, 0, false, ERROR_IO_INCOMPLETE);
  b.Step(0, "env enable");
  b.Step(0, "advance 100000").Status(30 * kMs, PEERDIST_STATUS_AVAILABLE);
  b.Signal(0, 1, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE).At(100 * kMs).Done(0, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  b.Step(100 * kMs, "register s0").Register(0, 2, 3);
  b.Step(100 * kMs, "unregister s0").SessionCall(ApiFunction::kUnregister, 0, ERROR_SUCCESS);
  b.Signal(2, 3, ERROR_OPERATION_ABORTED, PEERDIST_STATUS_AVAILABLE).Done(2, ERROR_OPERATION_ABORTED, PEERDIST_STATUS_AVAILABLE);
  b.Step(100 * kMs, "get-overlapped-result r2").OverlappedResult(2, 2, false, ERROR_OPERATION_ABORTED);
  b.Step(100 * kMs, "unregister s0").SessionCall(ApiFunction::kUnregister, 0, kNotFound);
  ExpectAllHold(b.End(1100 * kMs));
}

TEST(RuleJudges, CancelledThenReportedAsSuccessBreaksUnregisterCancels) {
  TraceBuilder b(PEERDIST_STATUS_DISABLED);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0").Register(0, 0, 1);
  b.Step(0, "unregister s0").SessionCall(ApiFunction::kUnregister, 0, ERROR_SUCCESS);
  b.Done(0, ERROR_OPERATION_ABORTED, PEERDIST_STATUS_DISABLED);
  // FALSE with a last error that is not ERROR_OPERATION_ABORTED fits neither
  // reading of aborted-overlapped-result (TRUE would be the other one).
  b.Step(0, "get-overlapped-result r0").OverlappedResult(0, 0, false, ERROR_SUCCESS);
  const Trace& trace = b.End(1 * kSecond);
  std::optional<Violation> violation = JudgeWith("unregister-cancels", trace);
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->step, 3);
  violation = JudgeWith("overlapped-result", trace);
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->step, 3);
}

// Only `rule` rejects the trace, at `step`.
void ExpectOnly(const std::string& rule, int step, const Trace& trace) {
  const TraceView view(trace);
  for (const Rule& other : AllRules()) {
    const std::optional<Violation> violation = other.judge(view);
    if (other.id != rule) {
      EXPECT_FALSE(violation.has_value()) << other.id << ": " << violation->message << "\n" << trace.Render();
      continue;
    }
    ASSERT_TRUE(violation.has_value()) << rule << " holds on\n" << trace.Render();
    EXPECT_EQ(violation->step, step) << violation->message;
  }
}

// r0 notified AVAILABLE; with nothing registered the status flaps to
// UNAVAILABLE and back; r1, registered after the flap, is notified
// AVAILABLE: no change since the previous notification that r1 could have
// seen (the issue-16 case). Registered during the flap, the same
// notification is a transient flap's, and accepted.
TEST(RuleJudges, AFlapWhileNothingWasRegisteredBreaksChangeOnly) {
  for (const bool registered_during_flap : {false, true}) {
    TraceBuilder b(PEERDIST_STATUS_DISABLED);
    b.Step(0, "startup s0").Startup(0);
    b.Step(0, "register s0").Register(0, 0, 1);
    b.Step(0, "env enable");
    b.Step(0, "advance 100000").Status(10 * kMs, PEERDIST_STATUS_AVAILABLE);
    b.Signal(0, 1, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE).Done(0, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
    b.Step(100 * kMs, "env restart");
    b.Step(100 * kMs, "advance 30000").Status(110 * kMs, PEERDIST_STATUS_UNAVAILABLE);
    if (registered_during_flap) b.Step(130 * kMs, "register s0").Register(0, 1, 2);
    b.Step(130 * kMs, "advance 70000").Status(150 * kMs, PEERDIST_STATUS_AVAILABLE);
    if (!registered_during_flap) b.Step(200 * kMs, "register s0").Register(0, 1, 2);
    b.Step(200 * kMs, "advance 100000").Signal(1, 2, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
    b.Done(1, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
    const Trace& trace = b.End(1300 * kMs);
    if (registered_during_flap) {
      ExpectAllHold(trace);
    } else {
      ExpectOnly("change-only", 8, trace);
      EXPECT_NE(JudgeWith("change-only", trace)->message.find("before this registration existed"), std::string::npos);
    }
  }
}

// The signal and the packet announce a result already in the OVERLAPPED.
TEST(RuleJudges, ASignalWhileStillPendingBreaksEventAndPort) {
  TraceBuilder b(PEERDIST_STATUS_AVAILABLE);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0").Register(0, 0, 1);
  b.Step(0, "advance 100000").Signal(0, 1, kStatusPending, PEERDIST_STATUS_AVAILABLE);
  b.Done(0, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  const Trace& trace = b.End(1100 * kMs);
  ExpectOnly("event-and-port", 2, trace);
  EXPECT_NE(JudgeWith("event-and-port", trace)->message.find("still pending"), std::string::npos);
}

// PeerDistGetOverlappedResult with bWait TRUE waits: ERROR_IO_INCOMPLETE
// only when the wait ran to the harness's horizon (nothing ends it), or the
// OVERLAPPED has no hEvent to wait on.
TEST(RuleJudges, AWaitingResultIsIncompleteOnlyAtTheHorizon) {
  for (const VirtualTime returned_at : {VirtualTime{0}, VirtualTime{kInfiniteWaitSpan}}) {
    for (const int event : {1, -1}) {
      TraceBuilder b(PEERDIST_STATUS_DISABLED);
      b.Step(0, "startup s0").Startup(0);
      b.Step(0, "register s0").Register(0, 0, event);
      b.Step(0, "get-overlapped-result r0 wait").OverlappedResult(0, 0, false, ERROR_IO_INCOMPLETE, true, returned_at);
      const Trace& trace = b.End(returned_at + 1 * kSecond);
      if (returned_at == 0 && event >= 0) {
        ExpectOnly("overlapped-result", 2, trace);
      } else {
        ExpectAllHold(trace);
      }
    }
  }
}

TEST(RuleJudges, OneShotFlagsASecondSignal) {
  TraceBuilder b(PEERDIST_STATUS_AVAILABLE);
  b.Step(0, "startup s0").Startup(0);
  b.Step(0, "register s0").Register(0, 0, 1);
  b.Step(0, "advance 100000").Signal(0, 1, ERROR_SUCCESS, PEERDIST_STATUS_AVAILABLE);
  b.Status(50 * kMs, PEERDIST_STATUS_DISABLED).Signal(0, 1, ERROR_SUCCESS, PEERDIST_STATUS_DISABLED);
  b.At(100 * kMs).Done(0, ERROR_SUCCESS, PEERDIST_STATUS_DISABLED);
  const std::optional<Violation> violation = JudgeWith("one-shot", b.End(1100 * kMs));
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->time, 50 * kMs);
}

// A pending registration whose status never leaves the baseline for a whole
// bound is owed nothing; one that does is.
TEST(RuleJudges, LivenessNeedsAWholeBoundOfDifference) {
  {
    TraceBuilder b(PEERDIST_STATUS_DISABLED);
    b.Step(0, "startup s0").Startup(0);
    b.Step(0, "register s0").Register(0, 0, 1);
    b.Step(0, "advance 500000").Status(10 * kMs, PEERDIST_STATUS_AVAILABLE).Status(109 * kMs, PEERDIST_STATUS_DISABLED);
    EXPECT_FALSE(JudgeWith("delivery-liveness", b.End(1500 * kMs)).has_value());
  }
  {
    TraceBuilder b(PEERDIST_STATUS_DISABLED);
    b.Step(0, "startup s0").Startup(0);
    b.Step(0, "register s0").Register(0, 0, 1);
    b.Step(0, "advance 500000").Status(10 * kMs, PEERDIST_STATUS_AVAILABLE).Status(111 * kMs, PEERDIST_STATUS_DISABLED);
    const std::optional<Violation> violation = JudgeWith("delivery-liveness", b.End(1500 * kMs));
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->time, 110 * kMs);
    EXPECT_EQ(violation->step, 2);
  }
}

}  // namespace
}  // namespace pd
