#include "conformance/ambiguities/ambiguity.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "conformance/rule.h"
#include "conformance/trace_view.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_runner.h"
#include "scenario/scenario_text.h"
#include "sim/overlapped_slot.h"
#include "sim/trace.h"

namespace pd {
namespace {

// ---------------------------------------------------------------------------
// Running scenarios and editing their traces.

ImplFactory Impl(const std::string& name) {
  return [name](HostServices& host) {
    const BuiltInImpl* impl = FindBuiltInImpl(name);
    EXPECT_NE(impl, nullptr) << name;
    return MakeBuiltInImpl(*impl, host);
  };
}

Trace RunText(const std::string& text, const std::string& impl = "reference") {
  auto parsed = ParseScenario(text);
  if (!std::holds_alternative<Scenario>(parsed)) {
    ADD_FAILURE() << "scenario does not parse: " << std::get<ScenarioParseError>(parsed).message;
    return Trace();
  }
  RunConfig config;
  // Environment actions take effect at once, so flaps have exact lengths.
  config.world.max_environment_delay = 0;
  return RunScenario(std::get<Scenario>(parsed), Impl(impl), config);
}

Trace Rebuild(const std::vector<TraceEvent>& events) {
  Trace trace;
  for (const TraceEvent& event : events) trace.Add(event);
  return trace;
}

// The trace with `edit` applied to a copy of its events; `edit` may use a
// view of the original to find positions.
Trace Edit(const Trace& trace, const std::function<void(const TraceView&, std::vector<TraceEvent>&)>& edit) {
  const TraceView view(trace);
  std::vector<TraceEvent> events = trace.events();
  edit(view, events);
  return Rebuild(events);
}

std::vector<std::string> Classify(const std::string& ambiguity_id, const Trace& trace) {
  const Ambiguity* ambiguity = FindAmbiguity(ambiguity_id);
  EXPECT_NE(ambiguity, nullptr) << ambiguity_id;
  if (ambiguity == nullptr) return {};
  const TraceView view(trace);
  return ambiguity->classify(view);
}

std::optional<Violation> JudgeConsistency(const Trace& trace) {
  const Rule* rule = FindRule("consistent-interpretation");
  EXPECT_NE(rule, nullptr);
  if (rule == nullptr) return std::nullopt;
  const TraceView view(trace);
  return rule->judge(view);
}

using Ids = std::vector<std::string>;

// Every interpretation a test below has shown a classifier to produce.
std::map<std::string, std::set<std::string>>& Seen() {
  static std::map<std::string, std::set<std::string>> seen;
  return seen;
}

void ExpectClassified(const std::string& ambiguity_id, const Trace& trace, const Ids& expected) {
  const Ids got = Classify(ambiguity_id, trace);
  EXPECT_EQ(got, expected) << ambiguity_id << " on trace:\n" << trace.Render();
  if (got == expected) {
    for (const std::string& id : got) Seen()[ambiguity_id].insert(id);
  }
}

// ---------------------------------------------------------------------------
// Scenarios.

// Both functions, a second registration, a cancellation and an idle
// Unregister.
const char kMixed[] =
    "pdscenario 1\n"
    "seed 1\n"
    "initial available\n"
    "startup s0\n"
    "register s0\n"             // r0: AVAILABLE differs from DISABLED: notifies
    "advance 1000\n"
    "register s0 ex\n"          // r1: baseline AVAILABLE: stays pending
    "register s0\n"             // r2: second registration
    "unregister s0\n"           // cancels r1
    "get-overlapped-result r1\n"
    "unregister s0\n"           // nothing registered
    "advance 1000\n";

// A flap the reference sees (the delivery check runs before the undo).
const char kFlapNotified[] =
    "pdscenario 1\n"
    "seed 2\n"
    "initial available\n"
    "startup s0\n"
    "register s0\n"
    "advance 1000\n"
    "register s0\n"  // r1: baseline AVAILABLE
    "env lose\n"
    "advance 10000\n"
    "env regain\n"
    "advance 10000\n";

// A flap undone in the same instant: the reference's delivery check finds
// the status back at the baseline.
const char kFlapSilent[] =
    "pdscenario 1\n"
    "seed 3\n"
    "initial available\n"
    "startup s0\n"
    "register s0\n"
    "advance 1000\n"
    "register s0\n"
    "env lose\n"
    "env regain\n"
    "advance 10000\n";

// Two second registrations.
const char kTwoSeconds[] =
    "pdscenario 1\n"
    "seed 4\n"
    "startup s0\n"
    "register s0\n"  // r0: pending (DISABLED)
    "register s0\n"  // r1: rejected
    "register s0 ex\n"  // r2: rejected
    "advance 1000\n";

// ---------------------------------------------------------------------------
// The catalog.

TEST(AmbiguityCatalog, HasTheDocumentedAmbiguities) {
  const std::map<std::string, Ids> expected = {
      {"register-success-code", {"as-documented", "always-io-pending", "always-success"}},
      {"second-registration-error",
       {"peerdist-error-already-exists", "error-already-exists", "error-invalid-parameter", "other-error"}},
      {"early-completion", {"in-call", "after-return"}},
      {"transient-flap", {"notifies", "silent"}},
      {"status-out-timing", {"at-return", "at-completion-only"}},
      {"unregister-last-error", {"cancelled-registration", "other"}},
      {"unregister-when-idle", {"success", "operation-notfound", "other-error"}},
      {"in-flight-at-invalidation", {"fails-invalidated", "fails-aborted", "fails-other", "stays-pending"}},
      {"aborted-overlapped-result", {"false-operation-aborted", "true-completed"}},
      {"failed-overlapped-result", {"false-with-error", "true-completed"}},
      {"invalidated-code", {"invalidated", "status-row"}},
  };
  ASSERT_EQ(AllAmbiguities().size(), expected.size());
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    auto it = expected.find(ambiguity.id);
    ASSERT_NE(it, expected.end()) << ambiguity.id;
    Ids ids;
    for (const Interpretation& interpretation : ambiguity.interpretations) {
      ids.push_back(interpretation.id);
      EXPECT_FALSE(interpretation.description.empty());
    }
    EXPECT_EQ(ids, it->second);
    EXPECT_FALSE(ambiguity.question.empty());
    EXPECT_FALSE(ambiguity.source.empty());
    EXPECT_FALSE(ambiguity.citation.empty());
    EXPECT_TRUE(ambiguity.classify);
    EXPECT_TRUE(ambiguity.locate);
    EXPECT_EQ(ambiguity.checked_for_consistency, ambiguity.id != "transient-flap");
  }
  EXPECT_EQ(FindAmbiguity("no-such"), nullptr);
}

TEST(AmbiguityCatalog, ClassifyMatchesLocate) {
  const Trace trace = RunText(kMixed);
  const TraceView view(trace);
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    Ids ids;
    for (const Occurrence& occurrence : ambiguity.locate(view)) {
      ids.push_back(occurrence.interpretation);
      ASSERT_LT(occurrence.index, trace.events().size());
      EXPECT_EQ(occurrence.step, trace.events()[occurrence.index].step);
    }
    EXPECT_EQ(ambiguity.classify(view), ids) << ambiguity.id;
  }
}

// ---------------------------------------------------------------------------
// The reference's interpretations.

TEST(ReferenceInterpretation, MixedScenario) {
  const Trace trace = RunText(kMixed);
  ExpectClassified("register-success-code", trace, {"as-documented", "as-documented"});
  ExpectClassified("second-registration-error", trace, {"peerdist-error-already-exists"});
  ExpectClassified("early-completion", trace, {"after-return"});
  ExpectClassified("status-out-timing", trace, {"at-return"});
  ExpectClassified("unregister-last-error", trace, {"cancelled-registration"});
  ExpectClassified("aborted-overlapped-result", trace, {"false-operation-aborted"});
  ExpectClassified("unregister-when-idle", trace, {"success"});
  ExpectClassified("transient-flap", trace, {});
  EXPECT_FALSE(JudgeConsistency(trace).has_value());
}

TEST(ReferenceInterpretation, FlapThatTheDeliveryCheckSees) {
  const Trace trace = RunText(kFlapNotified);
  ExpectClassified("transient-flap", trace, {"notifies"});
  EXPECT_FALSE(JudgeConsistency(trace).has_value());
}

TEST(ReferenceInterpretation, FlapUndoneInTheSameInstant) {
  const Trace trace = RunText(kFlapSilent);
  ExpectClassified("transient-flap", trace, {"silent"});
  EXPECT_FALSE(JudgeConsistency(trace).has_value());
}

TEST(ReferenceInterpretation, LongChangeIsNoFlap) {
  // Undone after 200 ms, beyond kLivenessBound: an ordinary change.
  const Trace trace = RunText(
      "pdscenario 1\nseed 7\ninitial available\nstartup s0\nregister s0\nadvance 1000\n"
      "register s0\nenv lose\nadvance 200000\nenv regain\nadvance 1000\n");
  ExpectClassified("transient-flap", trace, {});
}

TEST(OtherInterpretation, FlapWhileAwayFromTheBaselineIsNoOccurrence) {
  // The mutant never delivers, so r0 (baseline DISABLED) is still pending
  // when AVAILABLE flaps to UNAVAILABLE and back: the status differs from the
  // baseline throughout, the notification is owed anyway, no flap question.
  const Trace trace = RunText(
      "pdscenario 1\nseed 8\ninitial available\nstartup s0\nregister s0\nadvance 1000\n"
      "env lose\nadvance 10000\nenv regain\nadvance 10000\n",
      "mutant:never-deliver");
  ExpectClassified("transient-flap", trace, {});
}

TEST(ReferenceInterpretation, TwoSecondRegistrationsGetTheSameCode) {
  const Trace trace = RunText(kTwoSeconds);
  ExpectClassified("second-registration-error", trace,
                   {"peerdist-error-already-exists", "peerdist-error-already-exists"});
  ExpectClassified("register-success-code", trace, {"as-documented"});
  EXPECT_FALSE(JudgeConsistency(trace).has_value());
}

TEST(ReferenceInterpretation, FirstRegistrationWhileDisabledIsNoOccurrence) {
  // The status equals the DISABLED baseline: nothing early to complete.
  const Trace trace = RunText(
      "pdscenario 1\nseed 5\nstartup s0\nregister s0 ex\nadvance 1000\nenv enable\nadvance 1000\n");
  ExpectClassified("early-completion", trace, {});
  ExpectClassified("status-out-timing", trace, {"at-return"});
  ExpectClassified("register-success-code", trace, {"as-documented"});
}

// ---------------------------------------------------------------------------
// The other interpretations: edited reference traces and mutants.

// Sets the return code of every accepted registration made with `ex`.
Trace WithRegisterCode(const Trace& trace, bool ex, DWORD code) {
  return Edit(trace, [ex, code](const TraceView& view, std::vector<TraceEvent>& events) {
    for (const RegistrationView& registration : view.registrations()) {
      if (registration.ex == ex && registration.accepted) events[registration.call.return_index].code = code;
    }
  });
}

TEST(OtherInterpretation, RegisterSuccessCode) {
  const Trace reference = RunText(kMixed);
  const Trace success = WithRegisterCode(reference, /*ex=*/false, ERROR_SUCCESS);
  ExpectClassified("register-success-code", success, {"always-success", "always-success"});
  EXPECT_FALSE(JudgeConsistency(success).has_value());
  const Trace pending = WithRegisterCode(reference, /*ex=*/true, ERROR_IO_PENDING);
  ExpectClassified("register-success-code", pending, {"always-io-pending", "always-io-pending"});
  EXPECT_FALSE(JudgeConsistency(pending).has_value());
}

TEST(OtherInterpretation, SecondRegistrationCodes) {
  const Trace reference = RunText(kMixed);
  const std::vector<std::pair<DWORD, std::string>> codes = {
      {ERROR_ALREADY_EXISTS, "error-already-exists"},
      {ERROR_INVALID_PARAMETER, "error-invalid-parameter"},
      {ERROR_INVALID_HANDLE, "other-error"},
  };
  for (const auto& [code, id] : codes) {
    const Trace edited = Edit(reference, [code = code](const TraceView& view, std::vector<TraceEvent>& events) {
      events[view.registrations().at(2).call.return_index].code = code;
    });
    ExpectClassified("second-registration-error", edited, {id});
  }
}

TEST(OtherInterpretation, AcceptedSecondRegistrationIsNoErrorOccurrence) {
  // The mutant accepts it: a single-registration violation, not an error code.
  const Trace trace = RunText(kTwoSeconds, "mutant:accept-second-registration");
  ExpectClassified("second-registration-error", trace, {});
}

TEST(OtherInterpretation, EarlyCompletionInCall) {
  const Trace reference = RunText(kMixed);
  // Move r0's first completion act in front of its return.
  const Trace edited = Edit(reference, [](const TraceView& view, std::vector<TraceEvent>& events) {
    const RegistrationView& r0 = view.registrations().at(0);
    ASSERT_NE(r0.first_completion, nullptr);
    TraceEvent moved = events[r0.first_completion_index];
    moved.time = events[r0.call.return_index].time;
    events.erase(events.begin() + static_cast<std::ptrdiff_t>(r0.first_completion_index));
    events.insert(events.begin() + static_cast<std::ptrdiff_t>(r0.call.return_index), moved);
  });
  ExpectClassified("early-completion", edited, {"in-call"});
}

TEST(OtherInterpretation, EarlyCompletionAfterReturnFromMutant) {
  // Completes every registration after the call; only r0's status differed.
  const Trace trace = RunText(kMixed, "mutant:notify-every-registration");
  ExpectClassified("early-completion", trace, {"after-return"});
}

TEST(OtherInterpretation, StatusOutAtCompletionOnly) {
  const Trace reference = RunText(kMixed);
  const Trace edited = Edit(reference, [](const TraceView& view, std::vector<TraceEvent>& events) {
    events[view.registrations().at(0).call.return_index].status = kUnwrittenStatus;
  });
  ExpectClassified("status-out-timing", edited, {"at-completion-only"});
  // Never valid: a status-out violation, not an interpretation.
  const Trace never = RunText(kMixed, "mutant:status-out-unwritten");
  ExpectClassified("status-out-timing", never, {});
}

TEST(OtherInterpretation, UnregisterLastErrorOther) {
  const Trace trace = RunText(kMixed, "mutant:unregister-completes-success");
  ExpectClassified("unregister-last-error", trace, {"other"});
}

TEST(OtherInterpretation, UnregisterLastErrorWaitsForALateCancellation) {
  // Without a wait, a still-pending OVERLAPPED is no occurrence.
  const Trace pending = RunText(kMixed, "mutant:unregister-leaves-pending");
  ExpectClassified("unregister-last-error", pending, {});
}

TEST(OtherInterpretation, AbortedOverlappedResultTrue) {
  // The PeerDistGetOverlappedResult page's own reading: TRUE once complete,
  // cancelled or not.
  const Trace reference = RunText(kMixed);
  const Trace edited = Edit(reference, [](const TraceView& view, std::vector<TraceEvent>& events) {
    for (const CallView& call : view.calls()) {
      if (call.call->function != ApiFunction::kGetOverlappedResult || call.ret == nullptr) continue;
      if (events[call.return_index].code != ERROR_OPERATION_ABORTED) continue;
      events[call.return_index].bool_result = 1;
      events[call.return_index].code = ERROR_SUCCESS;
    }
  });
  ExpectClassified("aborted-overlapped-result", edited, {"true-completed"});
  // Both readings are accepted; a trace that mixes them is flagged.
  const TraceView view(edited);
  EXPECT_FALSE(FindRule("overlapped-result")->judge(view).has_value());
  EXPECT_FALSE(FindRule("unregister-cancels")->judge(view).has_value());
}

TEST(OtherInterpretation, UnregisterWhenIdleCodes) {
  const Trace reference = RunText(kMixed);
  const std::vector<std::pair<DWORD, std::string>> codes = {
      {PEERDIST_ERROR_OPERATION_NOTFOUND, "operation-notfound"},
      {ERROR_INVALID_PARAMETER, "other-error"},
  };
  for (const auto& [code, id] : codes) {
    const Trace edited = Edit(reference, [code = code](const TraceView& view, std::vector<TraceEvent>& events) {
      std::size_t last = 0;
      for (const CallView& call : view.calls()) {
        if (call.call->function == ApiFunction::kUnregister) last = call.return_index;
      }
      events[last].code = code;
    });
    ExpectClassified("unregister-when-idle", edited, {id});
  }
}

// ---------------------------------------------------------------------------
// The consistent-interpretation rule.

TEST(ConsistentInterpretation, IsRegistered) {
  const Rule* rule = FindRule("consistent-interpretation");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->order, 70);  // AMBIGUITIES.md says so
  EXPECT_EQ(rule->strength, Strength::kInterpretation);
  EXPECT_FALSE(rule->citation.empty());
  EXPECT_FALSE(rule->summary.empty());
}

TEST(ConsistentInterpretation, FlagsTwoSuccessConventions) {
  // Non-Ex says ERROR_SUCCESS (always-success), Ex says ERROR_IO_PENDING
  // (always-io-pending): no interpretation fits both.
  const Trace reference = RunText(kMixed);
  const Trace inverted =
      WithRegisterCode(WithRegisterCode(reference, false, ERROR_SUCCESS), true, ERROR_IO_PENDING);
  ExpectClassified("register-success-code", inverted, {"always-success", "always-io-pending"});
  const auto violation = JudgeConsistency(inverted);
  ASSERT_TRUE(violation.has_value());
  EXPECT_NE(violation->message.find("register-success-code"), std::string::npos) << violation->message;
  EXPECT_NE(violation->message.find("always-success"), std::string::npos) << violation->message;
  EXPECT_NE(violation->message.find("always-io-pending"), std::string::npos) << violation->message;
  // Reported where the second one showed: the RegisterEx step (step 3).
  const TraceView view(inverted);
  EXPECT_EQ(violation->step, inverted.events()[view.registrations().at(1).call.return_index].step);
  EXPECT_EQ(violation->step, 3);
}

TEST(ConsistentInterpretation, FlagsTwoDistinctSecondRegistrationCodes) {
  const Trace reference = RunText(kTwoSeconds);
  const Trace edited = Edit(reference, [](const TraceView& view, std::vector<TraceEvent>& events) {
    events[view.registrations().at(1).call.return_index].code = ERROR_INVALID_HANDLE;
    events[view.registrations().at(2).call.return_index].code = DWORD{5}  /* ERROR_ACCESS_DENIED */;
  });
  // Both count as other-error, yet they are two codes.
  ExpectClassified("second-registration-error", edited, {"other-error", "other-error"});
  const auto violation = JudgeConsistency(edited);
  ASSERT_TRUE(violation.has_value());
  EXPECT_NE(violation->message.find("second-registration-error"), std::string::npos) << violation->message;
  EXPECT_EQ(violation->step, 3);
}

TEST(ConsistentInterpretation, IgnoresTransientFlaps) {
  // One trace that notifies one flap and not the next.
  const Trace trace = RunText(
      "pdscenario 1\nseed 6\ninitial available\nstartup s0\nregister s0\nadvance 1000\n"
      "register s0\nenv lose\nadvance 10000\nenv regain\nadvance 10000\n"  // r1 notifies (UNAVAILABLE)
      "register s0\nadvance 1000\n"                                           // r2 notifies AVAILABLE at once
      "register s0\nenv lose\nenv regain\nadvance 10000\n");                 // r3: silent flap
  const Ids flaps = Classify("transient-flap", trace);
  EXPECT_EQ(std::set<std::string>(flaps.begin(), flaps.end()), (std::set<std::string>{"notifies", "silent"}))
      << trace.Render();
  EXPECT_FALSE(JudgeConsistency(trace).has_value());
}

TEST(ConsistentInterpretation, PassesTheReferenceOnEveryScenario) {
  for (const char* text : {kMixed, kFlapNotified, kFlapSilent, kTwoSeconds}) {
    const Trace trace = RunText(text);
    const auto violation = JudgeConsistency(trace);
    EXPECT_FALSE(violation.has_value()) << violation->message;
  }
}

// ---------------------------------------------------------------------------
// The suite-wide observation.

TEST(AmbiguityObservation, Verdicts) {
  AmbiguityObservation observation;
  observation.ambiguity_id = "unregister-when-idle";
  EXPECT_EQ(observation.Verdict(), "not exercised");
  EXPECT_TRUE(observation.Consistent());
  observation.Add({"success", "success"});
  EXPECT_EQ(observation.Verdict(), "success");
  EXPECT_EQ(observation.occurrences.at("success"), 2);
  observation.Add({"operation-notfound"});
  EXPECT_EQ(observation.Verdict(), "inconsistent: operation-notfound (1), success (2)");
  EXPECT_FALSE(observation.Consistent());
}

TEST(AmbiguityObservation, EvidenceThatFitsTwoIsSettledAcrossTraces) {
  // A trace with only non-Ex registrations cannot tell as-documented from
  // always-io-pending; one with RegisterEx returning ERROR_IO_PENDING can.
  const Ambiguity* ambiguity = FindAmbiguity("register-success-code");
  ASSERT_NE(ambiguity, nullptr);
  const Trace non_ex_only = RunText(kTwoSeconds);
  const Trace all_pending = WithRegisterCode(RunText(kMixed), true, ERROR_IO_PENDING);
  AmbiguityObservation observation;
  observation.ambiguity_id = "register-success-code";
  observation.AddOccurrences(ambiguity->locate(TraceView(non_ex_only)));
  EXPECT_EQ(observation.Verdict(), "as-documented");
  observation.AddOccurrences(ambiguity->locate(TraceView(all_pending)));
  EXPECT_EQ(observation.Verdict(), "always-io-pending");
  EXPECT_EQ(observation.occurrences.at("always-io-pending"), 3);
}

TEST(ResolveInterpretations, RunsNeverShareAnInterpretation) {
  const std::vector<Interpretation> order = {{"a", ""}, {"b", ""}, {"c", ""}};
  std::vector<Occurrence> occurrences(4);
  occurrences[0].compatible = {"a", "b"};
  occurrences[1].compatible = {"b"};
  occurrences[2].compatible = {"a", "c"};
  occurrences[3].compatible = {"c"};
  ResolveInterpretations(occurrences, order);
  EXPECT_EQ(occurrences[0].interpretation, "b");
  EXPECT_EQ(occurrences[1].interpretation, "b");
  EXPECT_EQ(occurrences[2].interpretation, "c");
  EXPECT_EQ(occurrences[3].interpretation, "c");
  Ambiguity ambiguity;
  const auto pair = FindInconsistency(ambiguity, occurrences);
  ASSERT_TRUE(pair.has_value());
  EXPECT_EQ(pair->second, 2u);
}

// PeerDistGetOverlappedResult on a read that failed with
// PEERDIST_ERROR_INVALIDATED: the reference answers FALSE with that error;
// an edited copy answers TRUE, which overlapped-result accepts too.
TEST(FailedOverlappedResult, BothReadings) {
  const Trace trace = RunText(
      "pdscenario 1\nseed 34\ninitial available\n"
      "startup s0\nopen-content s0 c0\nblock-read s0 c0\nenv lose\nadvance 200000\nget-overlapped-result o0\n");
  ExpectClassified("failed-overlapped-result", trace, {"false-with-error"});
  const Trace edited = Edit(trace, [](const TraceView& view, std::vector<TraceEvent>& events) {
    for (const CallView& call : view.calls()) {
      if (call.call->function != ApiFunction::kGetOverlappedResult || call.ret == nullptr) continue;
      events[call.return_index].bool_result = 1;
      events[call.return_index].code = ERROR_SUCCESS;
    }
  });
  ExpectClassified("failed-overlapped-result", edited, {"true-completed"});
  EXPECT_FALSE(FindRule("overlapped-result")->judge(TraceView(edited)).has_value());
}

// A read on a content handle UNAVAILABLE invalidated: the reference answers
// PEERDIST_ERROR_INVALIDATED; an edited copy answers the page's row for the
// status, which the rule invalidated accepts too; the policy row does not
// fit UNAVAILABLE (no occurrence, and invalidated flags it).
TEST(InvalidatedCode, BothReadings) {
  const Trace trace = RunText(
      "pdscenario 1\nseed 34\ninitial available\n"
      "startup s0\nopen-content s0 c0\nenv lose\nadvance 200000\nblock-read s0 c0\n");
  ExpectClassified("invalidated-code", trace, {"invalidated"});
  auto with_code = [&trace](std::int64_t code) {
    return Edit(trace, [code](const TraceView& view, std::vector<TraceEvent>& events) {
      for (const CallView& call : view.calls()) {
        if (call.call->function == ApiFunction::kClientBlockRead && call.ret != nullptr) {
          events[call.return_index].code = code;
        }
      }
    });
  };
  const Trace row = with_code(PEERDIST_ERROR_SERVICE_UNAVAILABLE);
  ExpectClassified("invalidated-code", row, {"status-row"});
  EXPECT_FALSE(FindRule("invalidated")->judge(TraceView(row)).has_value());
  const Trace policy = with_code(ERROR_ACCESS_DISABLED_BY_POLICY);
  ExpectClassified("invalidated-code", policy, {});
  EXPECT_TRUE(FindRule("invalidated")->judge(TraceView(policy)).has_value());
}

// A read pending when UNAVAILABLE invalidates its handle: the reference
// fails it with PEERDIST_ERROR_INVALIDATED; edited copies of its trace show
// the other endings.
TEST(InFlightAtInvalidation, EveryEnding) {
  const Trace trace = RunText(
      "pdscenario 1\nseed 34\ninitial available\n"
      "startup s0\nopen-content s0 c0\nblock-read s0 c0\nenv lose\nadvance 200000\n");
  ExpectClassified("in-flight-at-invalidation", trace, {"fails-invalidated"});
  const std::pair<std::int64_t, const char*> endings[] = {{ERROR_OPERATION_ABORTED, "fails-aborted"},
                                                          {PEERDIST_ERROR_MISSING_DATA, "fails-other"}};
  for (const auto& [code, id] : endings) {
    Trace edited;
    for (TraceEvent event : trace.events()) {
      if (event.code == PEERDIST_ERROR_INVALIDATED && event.kind != TraceKind::kReturn) event.code = code;
      edited.Add(event);
    }
    ExpectClassified("in-flight-at-invalidation", edited, {id});
  }
  Trace pending;
  for (const TraceEvent& event : trace.events()) {
    const bool act = event.kind == TraceKind::kEventSignal || event.kind == TraceKind::kPacket ||
                     event.kind == TraceKind::kOverlappedDone;
    if (!act) pending.Add(event);
  }
  ExpectClassified("in-flight-at-invalidation", pending, {"stays-pending"});
}

// An operation that stays pending past the move and is then cancelled by
// its handle's close (ERROR_OPERATION_ABORTED from the close) stayed
// pending: it did not fail at the move. (The mutant leaves handles working
// when the service is only lost.)
TEST(InFlightAtInvalidation, AbortedByTheCallerLaterStayedPending) {
  const std::string text =
      "pdscenario 1\nseed 34\ninitial available\n"
      "startup s0\nopen-content s0 c0\nblock-read s0 c0\nenv lose\nadvance 30000\nclose-content s0 c0\n"
      "advance 200000\n";
  ExpectClassified("in-flight-at-invalidation", RunText(text, "mutant:unavailable-keeps-handles"), {"stays-pending"});
  // Aborted at the move itself, before any call: fails-aborted, as above.
  Trace at_move;
  for (TraceEvent event : RunText(text).events()) {
    if (event.code == PEERDIST_ERROR_INVALIDATED && event.kind != TraceKind::kReturn) event.code = ERROR_OPERATION_ABORTED;
    at_move.Add(event);
  }
  ExpectClassified("in-flight-at-invalidation", at_move, {"fails-aborted"});
}

// Last (gtest runs tests in definition order within a file): every
// interpretation of every ambiguity was produced by some test above.
TEST(ZCoverage, EveryInterpretationFired) {
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    for (const Interpretation& interpretation : ambiguity.interpretations) {
      EXPECT_EQ(Seen()[ambiguity.id].count(interpretation.id), 1u)
          << ambiguity.id << ": " << interpretation.id << " never classified (run the whole test file)";
    }
  }
}

}  // namespace
}  // namespace pd
