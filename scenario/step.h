// One step of a scenario: an API call with the shape of its arguments, an
// environment action, or a virtual-time advance. Every combination of field
// values is meaningful (calls on an empty session slot pass a closed or never
// issued handle), so any edit, shrink or fuzz mutation stays runnable.
#ifndef SCENARIO_STEP_H_
#define SCENARIO_STEP_H_

#include <cstdint>

#include "sim/service_model.h"
#include "sim/virtual_time.h"
#include "sim/win32_types.h"

namespace pd {

constexpr int kMaxSessions = 4;              // session slots s0..s3
constexpr int kMaxSteps = 128;               // bound on a scenario's length
constexpr Duration kMaxAdvance = 10 * kSecond;  // bound on one advance

enum class StepKind : std::uint8_t {
  kStartup,
  kShutdown,
  kGetStatus,
  kRegister,
  kUnregister,
  kGetOverlappedResult,
  kEnvironment,
  kAdvance,
};

// Which session handle a call passes.
enum class HandleArg : std::uint8_t {
  kSlot,   // the slot's handle: open, or the closed one it last held, or bogus
  kBogus,  // a value no Startup returned
};

// Which completion port a registration passes.
enum class PortArg : std::uint8_t {
  kNone,   // NULL
  kNew,    // a port created for this call
  kLast,   // the port created most recently (a new one if none yet)
  kBogus,  // a handle value that is not a port
};

struct Step {
  StepKind kind = StepKind::kAdvance;
  int session = 0;                   // slot, 0..kMaxSessions-1
  HandleArg handle = HandleArg::kSlot;
  bool ex = false;                   // GetStatusEx / RegisterEx
  bool null_out = false;             // the status / handle out-pointer is NULL
  // kStartup
  DWORD version = 0x00000002;        // dwVersionRequested (PEERDIST_VERSION)
  // kRegister
  PortArg port = PortArg::kNone;
  std::uint64_t key = 0;
  bool event = true;                 // lpOverlapped->hEvent is a new event
  bool null_overlapped = false;
  // kGetOverlappedResult: the n-th registration attempt of the scenario
  int registration = 0;
  bool wait = false;
  // kEnvironment
  EnvAction action = EnvAction::kEnable;
  // kAdvance
  Duration advance = 0;

  bool operator==(const Step& other) const;
};

}  // namespace pd

#endif  // SCENARIO_STEP_H_
