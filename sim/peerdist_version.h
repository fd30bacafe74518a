// How a Peer Distribution version number reads (PeerDistStartup's
// dwVersionRequested and *pdwSupportedVersion): "The high order byte
// specifies the minor version number; the low order byte specifies the major
// version number" (MAKEWORD(major, minor)). PEERDIST_VERSION is
// MAKELONG(2, 0), so the high word of a well-formed version is 0; a value
// with bits there has no documented meaning (AMBIGUITIES.md, "Startup
// versions"). Shared by the reference, the examples' checks and the rules.
#ifndef SIM_PEERDIST_VERSION_H_
#define SIM_PEERDIST_VERSION_H_

#include <cstdint>

#include "sim/peerdist_types.h"

namespace pd {

struct PeerDistVersion {
  int major = 0;
  int minor = 0;
  // The high word is 0: the value is a version the pages describe.
  bool well_formed = true;
};

constexpr PeerDistVersion DecodeVersion(std::uint64_t value) {
  return PeerDistVersion{static_cast<int>(value & 0xFF), static_cast<int>((value >> 8) & 0xFF),
                         (value >> 16) == 0};
}

// Orders versions by major, then minor (not by the raw number: 1.2 is
// 0x0201 and comes before 2.0 = 0x0002).
constexpr int CompareVersions(PeerDistVersion a, PeerDistVersion b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  return 0;
}

// A request that asks for the Windows 8 API (2.0 or later); a request of
// 1.x asks for the Windows 7 API, whose sessions may be refused the
// Windows 8 functions.
constexpr bool RequestsWin8(std::uint64_t requested) { return DecodeVersion(requested).major >= 2; }

}  // namespace pd

#endif  // SIM_PEERDIST_VERSION_H_
