#include "sim/service_model.h"

#include <utility>

namespace pd {

const char* EnvActionName(EnvAction action) {
  switch (action) {
    case EnvAction::kEnable: return "enable";
    case EnvAction::kDisable: return "disable";
    case EnvAction::kLose: return "lose";
    case EnvAction::kRegain: return "regain";
    case EnvAction::kRestart: return "restart";
    case EnvAction::kPolicyOff: return "policy-off";
    case EnvAction::kPolicyOn: return "policy-on";
    case EnvAction::kStop: return "stop";
    case EnvAction::kStart: return "start";
  }
  return "?";
}

std::optional<EnvAction> ParseEnvAction(const std::string& name) {
  for (EnvAction action : {EnvAction::kEnable, EnvAction::kDisable, EnvAction::kLose, EnvAction::kRegain,
                           EnvAction::kRestart, EnvAction::kPolicyOff, EnvAction::kPolicyOn, EnvAction::kStop,
                           EnvAction::kStart}) {
    if (name == EnvActionName(action)) return action;
  }
  return std::nullopt;
}

bool NamesCause(EnvAction action) {
  return action == EnvAction::kPolicyOff || action == EnvAction::kPolicyOn || action == EnvAction::kStop ||
         action == EnvAction::kStart;
}

std::string ServiceCausesName(const ServiceCauses& causes) {
  std::string name;
  for (const auto& [held, word] : {std::pair{causes.policy, "policy"}, std::pair{causes.stopped, "stopped"},
                                   std::pair{causes.unknown, "unknown"}}) {
    if (!held) continue;
    if (!name.empty()) name += '+';
    name += word;
  }
  return name.empty() ? "none" : name;
}

std::optional<ServiceCauses> ParseServiceCauses(const std::string& name) {
  ServiceCauses causes;
  if (name == "none") return causes;
  std::size_t from = 0;
  while (from <= name.size()) {
    const std::size_t plus = name.find('+', from);
    const std::string word = name.substr(from, plus == std::string::npos ? std::string::npos : plus - from);
    if (word == "policy") {
      causes.policy = true;
    } else if (word == "stopped") {
      causes.stopped = true;
    } else if (word == "unknown") {
      causes.unknown = true;
    } else {
      return std::nullopt;
    }
    if (plus == std::string::npos) break;
    from = plus + 1;
  }
  return causes;
}

ServiceCause OneCause(const ServiceCauses& causes) {
  if (causes.policy) return ServiceCause::kPolicy;
  if (causes.stopped) return ServiceCause::kStopped;
  return ServiceCause::kUnknown;
}

ServiceModel::ServiceModel(PEERDIST_STATUS initial)
    : policy_(initial != PEERDIST_STATUS_DISABLED ? Policy::kOn : Policy::kOffUnknown),
      reachable_(initial != PEERDIST_STATUS_UNAVAILABLE) {}

PEERDIST_STATUS ServiceModel::status() const {
  if (down() || policy_ != Policy::kOn) return PEERDIST_STATUS_DISABLED;
  return reachable_ ? PEERDIST_STATUS_AVAILABLE : PEERDIST_STATUS_UNAVAILABLE;
}

ServiceCauses ServiceModel::causes() const {
  ServiceCauses causes;
  causes.policy = policy_ == Policy::kOffByPolicy;
  causes.stopped = stopped_;
  causes.unknown = policy_ == Policy::kOffUnknown || restarts_in_progress_ > 0;
  return causes;
}

PEERDIST_STATUS ServiceModel::Apply(EnvAction action) {
  switch (action) {
    case EnvAction::kEnable: policy_ = Policy::kOn; break;
    case EnvAction::kDisable: policy_ = Policy::kOffUnknown; break;
    case EnvAction::kLose: reachable_ = false; break;
    case EnvAction::kRegain: reachable_ = true; break;
    case EnvAction::kRestart: ++restarts_in_progress_; break;
    case EnvAction::kPolicyOff: policy_ = Policy::kOffByPolicy; break;
    case EnvAction::kPolicyOn: policy_ = Policy::kOn; break;
    case EnvAction::kStop: stopped_ = true; break;
    case EnvAction::kStart: stopped_ = false; break;
  }
  return status();
}

PEERDIST_STATUS ServiceModel::ComeBackUp() {
  if (restarts_in_progress_ > 0) --restarts_in_progress_;
  return status();
}

}  // namespace pd
