// The simulated Peer Distribution service. Its status follows from three
// facts the environment controls: whether it is enabled (policy), whether it
// can reach its peers/hosted cache (availability), and whether it is down
// (a stopped service reads as disabled).
//
// PEERDIST_STATUS_DISABLED has two causes the pages tell apart only by the
// row a call answers ("disabled by Group Policy or according to
// configuration parameters"): a Group Policy, and a service stopped by its
// configuration. The original actions (enable, disable, restart, and an
// initial DISABLED) leave the cause unknown, so that every scenario written
// before causes existed replays with the same trace; the actions policy-off
// / policy-on and stop / start name theirs (AMBIGUITIES.md, "Not
// classified: which row a DISABLED service answers").
#ifndef SIM_SERVICE_MODEL_H_
#define SIM_SERVICE_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>

#include "sim/peerdist_types.h"

namespace pd {

enum class EnvAction : std::uint8_t {
  kEnable,      // policy turns the service on
  kDisable,     // policy turns it off (cause unknown: the original action)
  kLose,        // it loses availability (network, hosted cache)
  kRegain,      // it regains availability
  kRestart,     // the service stops and, after a delay, starts again (cause unknown)
  // Appended: the actions that name their cause.
  kPolicyOff,   // a Group Policy disables the feature
  kPolicyOn,    // the Group Policy enables it again
  kStop,        // the service is stopped by its configuration, until kStart
  kStart,       // the stopped service starts again
};

const char* EnvActionName(EnvAction action);
std::optional<EnvAction> ParseEnvAction(const std::string& name);
// Whether `action` names the cause of the DISABLED it may bring.
bool NamesCause(EnvAction action);

// What keeps the service DISABLED, as far as the environment's actions say.
// More than one may hold at once (a stopped service under a Group Policy).
struct ServiceCauses {
  bool policy = false;   // a kPolicyOff in force
  bool stopped = false;  // a kStop in force
  bool unknown = false;  // an action that does not name its cause (disable, restart, initial DISABLED)

  bool operator==(const ServiceCauses& other) const {
    return policy == other.policy && stopped == other.stopped && unknown == other.unknown;
  }
  bool operator!=(const ServiceCauses& other) const { return !(*this == other); }
};

// The trace's spelling of `causes`: the causes joined by '+' ("policy",
// "stopped+unknown"), or "none"; ParseServiceCauses reads it back.
std::string ServiceCausesName(const ServiceCauses& causes);
std::optional<ServiceCauses> ParseServiceCauses(const std::string& name);

// What an implementation learns about a DISABLED service (HostServices,
// pd_host_services.service_cause, the `get-cause` request): one cause, the
// row to answer. Values are part of the plugin ABI and the exec protocol.
enum class ServiceCause : std::uint8_t {
  kUnknown = 0,  // not DISABLED, or no action named the cause: answer as before causes existed
  kPolicy = 1,   // ERROR_ACCESS_DISABLED_BY_POLICY
  kStopped = 2,  // PEERDIST_ERROR_SERVICE_UNAVAILABLE
};

// The one cause an implementation is told: a Group Policy before a stop
// (both rows fit then), and kUnknown when neither was named.
ServiceCause OneCause(const ServiceCauses& causes);

class ServiceModel {
 public:
  explicit ServiceModel(PEERDIST_STATUS initial);

  PEERDIST_STATUS status() const;
  bool enabled() const { return policy_ == Policy::kOn; }
  bool reachable() const { return reachable_; }
  bool down() const { return restarts_in_progress_ > 0 || stopped_; }
  // What keeps the service DISABLED (all false when it is not DISABLED).
  ServiceCauses causes() const;

  // Applies the immediate part of an action (kRestart: going down). Returns
  // the new status.
  PEERDIST_STATUS Apply(EnvAction action);
  // The second half of a restart.
  PEERDIST_STATUS ComeBackUp();

 private:
  enum class Policy : std::uint8_t { kOn, kOffUnknown, kOffByPolicy };
  Policy policy_;
  bool reachable_;
  bool stopped_ = false;
  // Restarts overlap: the service is up again only when the last one ends.
  int restarts_in_progress_ = 0;
};

}  // namespace pd

#endif  // SIM_SERVICE_MODEL_H_
