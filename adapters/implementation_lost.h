// What an adapter throws when the implementation behind it can no longer be
// called: its process died, it stopped answering, or it broke the protocol.
// The scenario runner records `finding` as a kFinding trace event and ends
// the run (the case is over; the next case gets a fresh implementation).
// The rules no-crash and no-hang judge those findings by their prefix.
//
// Not a std::exception on purpose: the runner's catch-all for exceptions an
// in-process implementation throws must not swallow it.
#ifndef ADAPTERS_IMPLEMENTATION_LOST_H_
#define ADAPTERS_IMPLEMENTATION_LOST_H_

#include <string>

namespace pd {

// Finding prefixes: the rule id, then what happened.
inline constexpr char kCrashFindingPrefix[] = "no-crash: ";
inline constexpr char kHangFindingPrefix[] = "no-hang: ";

struct ImplementationLost {
  std::string finding;  // starts with kCrashFindingPrefix or kHangFindingPrefix
};

inline ImplementationLost Crashed(const std::string& what) { return {kCrashFindingPrefix + what}; }
inline ImplementationLost Hung(const std::string& what) { return {kHangFindingPrefix + what}; }

}  // namespace pd

#endif  // ADAPTERS_IMPLEMENTATION_LOST_H_
