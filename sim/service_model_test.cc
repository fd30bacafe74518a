#include "sim/service_model.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"

namespace pd {
namespace {

const EnvAction kAllActions[] = {EnvAction::kEnable, EnvAction::kDisable, EnvAction::kLose,
                                 EnvAction::kRegain, EnvAction::kRestart};

// Drives a fresh model into (enabled, reachable, down) through the public API.
ServiceModel ModelWith(bool enabled, bool reachable, bool down) {
  ServiceModel model(PEERDIST_STATUS_DISABLED);
  model.Apply(enabled ? EnvAction::kEnable : EnvAction::kDisable);
  model.Apply(reachable ? EnvAction::kRegain : EnvAction::kLose);
  if (down) model.Apply(EnvAction::kRestart);
  return model;
}

TEST(ServiceModel, InitialStatusIsKept) {
  const ServiceModel disabled(PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(disabled.status(), PEERDIST_STATUS_DISABLED);
  EXPECT_FALSE(disabled.enabled());
  EXPECT_TRUE(disabled.reachable());
  EXPECT_FALSE(disabled.down());

  const ServiceModel unavailable(PEERDIST_STATUS_UNAVAILABLE);
  EXPECT_EQ(unavailable.status(), PEERDIST_STATUS_UNAVAILABLE);
  EXPECT_TRUE(unavailable.enabled());
  EXPECT_FALSE(unavailable.reachable());
  EXPECT_FALSE(unavailable.down());

  const ServiceModel available(PEERDIST_STATUS_AVAILABLE);
  EXPECT_EQ(available.status(), PEERDIST_STATUS_AVAILABLE);
  EXPECT_TRUE(available.enabled());
  EXPECT_TRUE(available.reachable());
  EXPECT_FALSE(available.down());
}

TEST(ServiceModel, StatusForEveryCombination) {
  struct Row {
    bool enabled, reachable, down;
    PEERDIST_STATUS expected;
  };
  const Row table[] = {
      {false, false, false, PEERDIST_STATUS_DISABLED},
      {false, true, false, PEERDIST_STATUS_DISABLED},
      {true, false, false, PEERDIST_STATUS_UNAVAILABLE},
      {true, true, false, PEERDIST_STATUS_AVAILABLE},
      {false, false, true, PEERDIST_STATUS_DISABLED},
      {false, true, true, PEERDIST_STATUS_DISABLED},
      {true, false, true, PEERDIST_STATUS_DISABLED},  // a stopped service reads as disabled
      {true, true, true, PEERDIST_STATUS_DISABLED},
  };
  for (const Row& row : table) {
    const ServiceModel model = ModelWith(row.enabled, row.reachable, row.down);
    SCOPED_TRACE(testing::Message() << "enabled=" << row.enabled << " reachable=" << row.reachable
                                    << " down=" << row.down);
    EXPECT_EQ(model.enabled(), row.enabled);
    EXPECT_EQ(model.reachable(), row.reachable);
    EXPECT_EQ(model.down(), row.down);
    EXPECT_EQ(model.status(), row.expected);
  }
}

TEST(ServiceModel, EveryActionFromAvailable) {
  struct Row {
    EnvAction action;
    PEERDIST_STATUS expected;
  };
  const Row table[] = {
      {EnvAction::kEnable, PEERDIST_STATUS_AVAILABLE},
      {EnvAction::kDisable, PEERDIST_STATUS_DISABLED},
      {EnvAction::kLose, PEERDIST_STATUS_UNAVAILABLE},
      {EnvAction::kRegain, PEERDIST_STATUS_AVAILABLE},
      {EnvAction::kRestart, PEERDIST_STATUS_DISABLED},
  };
  for (const Row& row : table) {
    ServiceModel model(PEERDIST_STATUS_AVAILABLE);
    SCOPED_TRACE(EnvActionName(row.action));
    EXPECT_EQ(model.Apply(row.action), row.expected);
    EXPECT_EQ(model.status(), row.expected);  // Apply returns the new status
  }
}

TEST(ServiceModel, EveryActionFromDisabled) {
  struct Row {
    EnvAction action;
    PEERDIST_STATUS expected;
  };
  const Row table[] = {
      {EnvAction::kEnable, PEERDIST_STATUS_AVAILABLE},
      {EnvAction::kDisable, PEERDIST_STATUS_DISABLED},
      // Availability is remembered while disabled but does not show.
      {EnvAction::kLose, PEERDIST_STATUS_DISABLED},
      {EnvAction::kRegain, PEERDIST_STATUS_DISABLED},
      {EnvAction::kRestart, PEERDIST_STATUS_DISABLED},
  };
  for (const Row& row : table) {
    ServiceModel model(PEERDIST_STATUS_DISABLED);
    SCOPED_TRACE(EnvActionName(row.action));
    EXPECT_EQ(model.Apply(row.action), row.expected);
  }
}

TEST(ServiceModel, EveryActionFromUnavailable) {
  struct Row {
    EnvAction action;
    PEERDIST_STATUS expected;
  };
  const Row table[] = {
      {EnvAction::kEnable, PEERDIST_STATUS_UNAVAILABLE},
      {EnvAction::kDisable, PEERDIST_STATUS_DISABLED},
      {EnvAction::kLose, PEERDIST_STATUS_UNAVAILABLE},
      {EnvAction::kRegain, PEERDIST_STATUS_AVAILABLE},
      {EnvAction::kRestart, PEERDIST_STATUS_DISABLED},
  };
  for (const Row& row : table) {
    ServiceModel model(PEERDIST_STATUS_UNAVAILABLE);
    SCOPED_TRACE(EnvActionName(row.action));
    EXPECT_EQ(model.Apply(row.action), row.expected);
  }
}

TEST(ServiceModel, DisabledRemembersReachabilityForWhenItIsEnabled) {
  ServiceModel model(PEERDIST_STATUS_AVAILABLE);
  EXPECT_EQ(model.Apply(EnvAction::kDisable), PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(model.Apply(EnvAction::kLose), PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(model.Apply(EnvAction::kEnable), PEERDIST_STATUS_UNAVAILABLE);
}

TEST(ServiceModel, RestartGoesDownThenComesBackToThePreviousStatus) {
  for (PEERDIST_STATUS initial : {PEERDIST_STATUS_AVAILABLE, PEERDIST_STATUS_UNAVAILABLE,
                                  PEERDIST_STATUS_DISABLED}) {
    SCOPED_TRACE(StatusName(initial));
    ServiceModel model(initial);
    EXPECT_EQ(model.Apply(EnvAction::kRestart), PEERDIST_STATUS_DISABLED);
    EXPECT_TRUE(model.down());
    EXPECT_EQ(model.ComeBackUp(), initial);
    EXPECT_FALSE(model.down());
    EXPECT_EQ(model.status(), initial);
  }
}

TEST(ServiceModel, ChangesWhileDownShowAfterComingBackUp) {
  ServiceModel model(PEERDIST_STATUS_AVAILABLE);
  model.Apply(EnvAction::kRestart);
  EXPECT_EQ(model.Apply(EnvAction::kLose), PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(model.Apply(EnvAction::kEnable), PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(model.ComeBackUp(), PEERDIST_STATUS_UNAVAILABLE);
}

TEST(ServiceModel, ComeBackUpWhenNotDownChangesNothing) {
  ServiceModel model(PEERDIST_STATUS_UNAVAILABLE);
  EXPECT_EQ(model.ComeBackUp(), PEERDIST_STATUS_UNAVAILABLE);
  EXPECT_TRUE(model.enabled());
  EXPECT_FALSE(model.reachable());
  EXPECT_FALSE(model.down());
}

TEST(EnvAction, NamesArePinned) {
  // These names are the scenario text format: changing one breaks replays.
  EXPECT_STREQ(EnvActionName(EnvAction::kEnable), "enable");
  EXPECT_STREQ(EnvActionName(EnvAction::kDisable), "disable");
  EXPECT_STREQ(EnvActionName(EnvAction::kLose), "lose");
  EXPECT_STREQ(EnvActionName(EnvAction::kRegain), "regain");
  EXPECT_STREQ(EnvActionName(EnvAction::kRestart), "restart");
  EXPECT_STREQ(EnvActionName(static_cast<EnvAction>(99)), "?");
}

TEST(EnvAction, ParseRoundTrip) {
  for (EnvAction action : kAllActions) {
    const std::optional<EnvAction> parsed = ParseEnvAction(EnvActionName(action));
    ASSERT_TRUE(parsed.has_value()) << EnvActionName(action);
    EXPECT_EQ(*parsed, action);
  }
}

TEST(EnvAction, ParseRejectsAnythingElse) {
  for (const char* bad : {"", "?", "Enable", "ENABLE", " enable", "enable ", "enabled", "restar",
                          "reboot", "kEnable", "disable\n"}) {
    EXPECT_FALSE(ParseEnvAction(bad).has_value()) << "'" << bad << "'";
  }
  EXPECT_FALSE(ParseEnvAction(std::string("lose\0", 5)).has_value());
}

}  // namespace
}  // namespace pd

namespace pd {
namespace {

TEST(ServiceCauses, OriginalActionsLeaveTheCauseUnknown) {
  ServiceModel model(PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(ServiceCausesName(model.causes()), "unknown");
  model.Apply(EnvAction::kEnable);
  EXPECT_EQ(ServiceCausesName(model.causes()), "none");
  model.Apply(EnvAction::kRestart);
  EXPECT_EQ(ServiceCausesName(model.causes()), "unknown");
  EXPECT_EQ(OneCause(model.causes()), ServiceCause::kUnknown);
}

TEST(ServiceCauses, NamedActionsNameTheirCause) {
  ServiceModel model(PEERDIST_STATUS_AVAILABLE);
  model.Apply(EnvAction::kPolicyOff);
  EXPECT_EQ(model.status(), PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(ServiceCausesName(model.causes()), "policy");
  EXPECT_EQ(OneCause(model.causes()), ServiceCause::kPolicy);
  model.Apply(EnvAction::kStop);
  EXPECT_EQ(ServiceCausesName(model.causes()), "policy+stopped");
  EXPECT_EQ(OneCause(model.causes()), ServiceCause::kPolicy);  // both rows fit: the policy one is told
  model.Apply(EnvAction::kPolicyOn);
  EXPECT_EQ(ServiceCausesName(model.causes()), "stopped");
  EXPECT_EQ(OneCause(model.causes()), ServiceCause::kStopped);
  EXPECT_EQ(model.status(), PEERDIST_STATUS_DISABLED);
  model.Apply(EnvAction::kStart);
  EXPECT_EQ(model.status(), PEERDIST_STATUS_AVAILABLE);
  EXPECT_EQ(ServiceCausesName(model.causes()), "none");
}

TEST(ServiceCauses, NamesRoundTrip) {
  for (const char* name : {"none", "policy", "stopped", "unknown", "policy+stopped", "stopped+unknown",
                           "policy+stopped+unknown"}) {
    const std::optional<ServiceCauses> causes = ParseServiceCauses(name);
    ASSERT_TRUE(causes.has_value()) << name;
    EXPECT_EQ(ServiceCausesName(*causes), name);
  }
  EXPECT_FALSE(ParseServiceCauses("gpo").has_value());
  EXPECT_FALSE(ParseServiceCauses("policy+").has_value());
}

TEST(ServiceCauses, ActionNamesRoundTrip) {
  for (EnvAction action : {EnvAction::kPolicyOff, EnvAction::kPolicyOn, EnvAction::kStop, EnvAction::kStart}) {
    EXPECT_EQ(ParseEnvAction(EnvActionName(action)), action);
    EXPECT_TRUE(NamesCause(action));
  }
  for (EnvAction action : kAllActions) EXPECT_FALSE(NamesCause(action));
}

}  // namespace
}  // namespace pd
