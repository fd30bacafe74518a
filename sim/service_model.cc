#include "sim/service_model.h"

namespace pd {

const char* EnvActionName(EnvAction action) {
  switch (action) {
    case EnvAction::kEnable: return "enable";
    case EnvAction::kDisable: return "disable";
    case EnvAction::kLose: return "lose";
    case EnvAction::kRegain: return "regain";
    case EnvAction::kRestart: return "restart";
  }
  return "?";
}

std::optional<EnvAction> ParseEnvAction(const std::string& name) {
  for (EnvAction action : {EnvAction::kEnable, EnvAction::kDisable, EnvAction::kLose,
                           EnvAction::kRegain, EnvAction::kRestart}) {
    if (name == EnvActionName(action)) return action;
  }
  return std::nullopt;
}

ServiceModel::ServiceModel(PEERDIST_STATUS initial)
    : enabled_(initial != PEERDIST_STATUS_DISABLED),
      reachable_(initial != PEERDIST_STATUS_UNAVAILABLE) {}

PEERDIST_STATUS ServiceModel::status() const {
  if (restarts_in_progress_ > 0 || !enabled_) return PEERDIST_STATUS_DISABLED;
  return reachable_ ? PEERDIST_STATUS_AVAILABLE : PEERDIST_STATUS_UNAVAILABLE;
}

PEERDIST_STATUS ServiceModel::Apply(EnvAction action) {
  switch (action) {
    case EnvAction::kEnable: enabled_ = true; break;
    case EnvAction::kDisable: enabled_ = false; break;
    case EnvAction::kLose: reachable_ = false; break;
    case EnvAction::kRegain: reachable_ = true; break;
    case EnvAction::kRestart: ++restarts_in_progress_; break;
  }
  return status();
}

PEERDIST_STATUS ServiceModel::ComeBackUp() {
  if (restarts_in_progress_ > 0) --restarts_in_progress_;
  return status();
}

}  // namespace pd
