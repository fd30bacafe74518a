// The simulated Peer Distribution service. Its status follows from three
// facts the environment controls: whether it is enabled (policy), whether it
// can reach its peers/hosted cache (availability), and whether it is down for
// a restart (a stopped service reads as disabled).
#ifndef SIM_SERVICE_MODEL_H_
#define SIM_SERVICE_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>

#include "sim/peerdist_types.h"

namespace pd {

enum class EnvAction : std::uint8_t {
  kEnable,      // policy turns the service on
  kDisable,     // policy turns it off
  kLose,        // it loses availability (network, hosted cache)
  kRegain,      // it regains availability
  kRestart,     // the service stops and, after a delay, starts again
};

const char* EnvActionName(EnvAction action);
std::optional<EnvAction> ParseEnvAction(const std::string& name);

class ServiceModel {
 public:
  explicit ServiceModel(PEERDIST_STATUS initial);

  PEERDIST_STATUS status() const;
  bool enabled() const { return enabled_; }
  bool reachable() const { return reachable_; }
  bool down() const { return restarts_in_progress_ > 0; }

  // Applies the immediate part of an action (kRestart: going down). Returns
  // the new status.
  PEERDIST_STATUS Apply(EnvAction action);
  // The second half of a restart.
  PEERDIST_STATUS ComeBackUp();

 private:
  bool enabled_;
  bool reachable_;
  // Restarts overlap: the service is up again only when the last one ends.
  int restarts_in_progress_ = 0;
};

}  // namespace pd

#endif  // SIM_SERVICE_MODEL_H_
