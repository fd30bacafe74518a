// buffer-bounds: the implementation writes the memory the caller hands in
// only within its documented size. Every buffer the harness passes sits
// between guard bytes (sim/caller_memory.h), checked after every call and
// every piece of scheduled work, in the spirit of Application Verifier's page
// heap; the plugin worker guards its copies the same way and an exec:
// program can only say it wrote more through a `mem` line longer than the
// buffer (adapters/PROTOCOL.md). Each write outside is a finding starting
// kBufferBoundsFinding; this rule names it. A wider structure written into a
// narrower one (a PEERDIST_STATUS_INFO past the cbSize the caller passed) and
// one byte past a read buffer are the typical cases.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kBufferBoundsFinding,
                                "; expected writes within the size the caller passed (the structure's size, cbSize, "
                                "the buffer's byte count)");
}

PD_REGISTER_RULE((Rule{
    "buffer-bounds",
    199,
    Strength::kImplied,
    "the pages give each parameter's size (a structure's, cbSize, a byte count) but never say 'do not write past "
        "it': that a callee stays inside the memory it is handed is the premise of every pointer parameter",
    "PEERDIST_STATUS_INFO, PeerDistGetStatus, PeerDistGetStatusEx, PeerDistRegisterForStatusChangeNotification, "
        "PeerDistRegisterForStatusChangeNotificationEx, PeerDistStartup, PeerDistGetOverlappedResult, "
        "PeerDistServerRetrieveContentInformation, PeerDistClientBlockRead, PeerDistClientStreamRead, "
        "PeerDistClientGetInformationByHandle, PeerDistClientOpenContent",
    {{"STATUSINFO-2", kPartly, "the extent"}, {"GETSTATUS-3", kPartly}, {"GETSTATUSEX-3", kPartly}, {"REGISTER-8", kPartly},
     {"REGISTER-11", kPartly}, {"REGISTEREX-8", kPartly}, {"REGISTEREX-11", kPartly}, {"STARTUP-4", kPartly},
     {"STARTUP-5", kPartly}, {"OVLRESULT-4", kPartly}, {"SRETRIEVEINFO-4", kPartly}, {"CBLOCKREAD-4", kPartly, "the buffer"},
     {"CSTREAMREAD-4", kPartly, "the buffer"}, {"CGETINFO-5", kPartly}, {"COPEN-4", kPartly}},
    "the implementation writes no byte outside a buffer the caller passed: not past a structure's size or cbSize "
    "(a wider PEERDIST_STATUS_INFO), not past a buffer's byte count (cbMaxNumberOfBytes, dwBufferSize), not "
    "before its start; checked by guard bytes after every call and every piece of scheduled work",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
