// Every rule on hand-written example scenarios: all rules hold on the
// reference for every example, and each example's mutants break its rule at
// the expected step. Every mutant of the catalog is killed by its killed_by
// rule in at least one example.
#include <gtest/gtest.h>

#include <set>
#include <variant>

#include "conformance/rule.h"
#include "conformance/rules/example_scenarios.h"
#include "conformance/trace_view.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_runner.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

ImplFactory Factory(const std::string& name) {
  const BuiltInImpl* impl = FindBuiltInImpl(name);
  EXPECT_NE(impl, nullptr) << name;
  return [impl](HostServices& host) { return MakeBuiltInImpl(*impl, host); };
}

Scenario Parse(const RuleExample& example) {
  auto parsed = ParseScenario(example.text);
  if (auto* error = std::get_if<ScenarioParseError>(&parsed)) {
    ADD_FAILURE() << example.name << ": line " << error->line << ": " << error->message;
    return Scenario{};
  }
  return std::get<Scenario>(parsed);
}

const std::vector<std::string> kRuleIds = {
    "first-notify",       "change-only",       "single-registration", "one-shot",
    "event-and-port",     "status-out",        "session-isolation",   "delivery-liveness",
    "unregister-cancels", "shutdown-cancels",  "invalid-handle",      "null-argument",
    "status-report",      "notified-status",   "overlapped-result",  "invalidated",         "no-revalidation",
    "close-invalidated",  "in-flight-operations", "object-invalid-handle", "double-close",
    "object-null-argument", "cancel-unknown-operation", "cancel-aborts", "no-crash",
    "no-hang",            "host-objects",      "read-data",           "server-success-codes",
    "publish-already-exists", "open-info-found", "server-cancels-pending", "server-port-and-key",
    "retrieve-offset",   "server-bytes-transferred", "complete-keeps-stream", "read-timeout",
    "read-local-only",    "read-missing-data", "read-end",          "read-offset",
    "client-handles-accepted", "client-success-codes", "optional-arguments-accepted", "read-bytes-transferred",
    "flush-forgets",
    "service-state-rows", "shutdown-unpublishes", "publication-options",
    "stream-handles-accepted", "published-content",
    // Content information, cancel and session pages (orders 340-359).
    "info-range", "retrieve-end", "info-handles-accepted", "cancel-posts-once",
    "read-prompt", "info-class", "cancel-once",
    // Reads on information of a range request (orders 315-316).
    "read-range-bounds", "range-info-accepted",
};

TEST(RuleCatalog, EveryRuleIsRegisteredOnceWithItsFields) {
  for (const std::string& id : kRuleIds) {
    const Rule* rule = FindRule(id);
    ASSERT_NE(rule, nullptr) << id;
    EXPECT_FALSE(rule->source.empty()) << id;
    EXPECT_FALSE(rule->citation.empty()) << id;
    EXPECT_FALSE(rule->summary.empty()) << id;
    EXPECT_TRUE(static_cast<bool>(rule->judge)) << id;
  }
  std::set<std::string> ids;
  for (const Rule& rule : AllRules()) EXPECT_TRUE(ids.insert(rule.id).second) << "duplicate " << rule.id;
  // Strictly increasing: one place per rule, so tables and the fuzzer's
  // "first rule violated" never depend on registration order.
  for (std::size_t i = 1; i < AllRules().size(); ++i) {
    EXPECT_LT(AllRules()[i - 1].order, AllRules()[i].order) << AllRules()[i - 1].id << " / " << AllRules()[i].id;
  }
}

TEST(RuleCatalog, EveryKilledByNamesARegisteredRule) {
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (impl.killed_by.empty()) continue;
    EXPECT_NE(FindRule(impl.killed_by), nullptr) << impl.name << " killed_by " << impl.killed_by;
  }
}

TEST(RuleExamples, EveryExampleIsAboutARegisteredRule) {
  for (const RuleExample& example : RuleExamples()) {
    EXPECT_NE(FindRule(example.rule), nullptr) << example.name;
    for (const ExpectedKill& kill : example.kills) EXPECT_NE(FindBuiltInImpl(kill.mutant), nullptr) << kill.mutant;
  }
}

TEST(RuleExamples, EveryRuleHoldsOnTheReferenceForEveryExample) {
  for (const RuleExample& example : RuleExamples()) {
    const Trace trace = RunScenario(Parse(example), Factory("reference"));
    const TraceView view(trace);
    EXPECT_TRUE(view.complete()) << example.name;
    for (const Rule& rule : AllRules()) {
      const std::optional<Violation> violation = rule.judge(view);
      EXPECT_FALSE(violation.has_value()) << example.name << ": " << rule.id << " flags the reference at step "
                                          << violation->step << ": " << violation->message << "\n"
                                          << trace.Render();
    }
  }
}

TEST(RuleExamples, EachExampleRuleIsBrokenByItsMutantsAtTheExpectedStep) {
  for (const RuleExample& example : RuleExamples()) {
    const Rule* rule = FindRule(example.rule);
    ASSERT_NE(rule, nullptr);
    for (const ExpectedKill& kill : example.kills) {
      const Trace trace = RunScenario(Parse(example), Factory(kill.mutant));
      const TraceView view(trace);
      const std::optional<Violation> violation = rule->judge(view);
      ASSERT_TRUE(violation.has_value()) << example.name << ": " << rule->id << " misses " << kill.mutant << "\n"
                                         << trace.Render();
      EXPECT_EQ(violation->step, kill.step) << example.name << ": " << kill.mutant << ": " << violation->message
                                            << "\n"
                                            << trace.Render();
      EXPECT_NE(violation->message.find("expected"), std::string::npos) << violation->message;
    }
  }
}

TEST(RuleExamples, EveryMutantIsKilledByItsKilledByRuleInSomeExample) {
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (impl.killed_by.empty()) continue;
    const Rule* rule = FindRule(impl.killed_by);
    ASSERT_NE(rule, nullptr) << impl.killed_by;
    bool listed = false, killed = false;
    for (const RuleExample& example : RuleExamples()) {
      if (example.rule != impl.killed_by) continue;
      for (const ExpectedKill& kill : example.kills) listed |= kill.mutant == impl.name;
      const Trace trace = RunScenario(Parse(example), Factory(impl.name));
      killed |= rule->judge(TraceView(trace)).has_value();
    }
    EXPECT_TRUE(listed) << impl.name << " has no example of " << impl.killed_by;
    EXPECT_TRUE(killed) << impl.name << " survives every example of " << impl.killed_by;
  }
}

}  // namespace
}  // namespace pd
