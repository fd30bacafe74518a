// Hand-written example scenarios for the rule catalog: each shows one rule
// holding on the reference and broken by the mutants it must kill, at a
// known step (steps count from 0 in the order written).
#ifndef CONFORMANCE_RULES_EXAMPLE_SCENARIOS_H_
#define CONFORMANCE_RULES_EXAMPLE_SCENARIOS_H_

#include <string>
#include <vector>

namespace pd {

struct ExpectedKill {
  std::string mutant;  // impl catalog name
  int step;            // step the rule's violation must name
};

struct RuleExample {
  std::string rule;  // the rule the example is about
  std::string name;
  std::string text;  // scenario text form
  std::vector<ExpectedKill> kills;
};

inline const std::vector<RuleExample>& RuleExamples() {
  static const std::vector<RuleExample> examples = {
      {"buffer-bounds", "GetStatusEx writes no more than cbSize bytes",
       "pdscenario 2\nseed 1\n"
       "startup s0\n"          // 0
       "get-status s0 ex\n"    // 1: the mutant writes 4 bytes past the structure
       "end\n",
       {{"mutant:status-info-overrun", 1}}},
      {"startup-version", "a version above the maximum is refused, one below it served",
       "pdscenario 2\nseed 1\n"
       "startup s0\n"              // 0: 2.0, reports the maximum 2.0
       "startup s1 version=513\n"  // 1: 1.2 (0x0201) is below 2.0: served
       "startup s2 version=3\n"    // 2: 3.0: PEERDIST_ERROR_VERSION_UNSUPPORTED
       "end\n",
       {{"mutant:version-by-raw-number", 1}, {"mutant:startup-accepts-newer-version", 2}}},
      {"session-success-codes", "GetStatus succeeds while the service is disabled",
       "pdscenario 2\nseed 1\ninitial disabled\n"
       "startup s0\n"          // 0
       "get-status s0\n"       // 1: ERROR_SUCCESS, the status DISABLED
       "end\n",
       {{"mutant:get-status-fails-while-disabled", 1}}},
      {"invalid-handle", "a content function refuses a session handle that is not open",
       "pdscenario 2\nseed 1\ninitial available\n"
       "startup s0\n"                   // 0
       "publish s1 t0 id=1 length=64\n" // 1: s1 was never started: ERROR_INVALID_HANDLE
       "end\n",
       {{"mutant:content-ignores-session-handle", 1}}},
      {"shutdown-cancels", "Shutdown aborts the session's pending server operations",
       "pdscenario 2\nseed 1\ninitial available\n"
       "startup s0\n"                    // 0
       "publish s0 t0 id=1 length=64\n"  // 1
       "add-to-stream s0 t0 bytes=64\n"  // 2: pending
       "shutdown s0\n"                   // 3: aborts it
       "advance 200000\n"                // 4
       "end\n",
       {{"mutant:shutdown-leaves-operations", 4}}},
      {"consistent-interpretation", "one success code for every RegisterEx",
       "pdscenario 1\nseed 1\n"
       "startup s0\n"          // 0
       "register s0 ex\n"      // 1: ERROR_SUCCESS, as the Ex page documents
       "env enable\n"          // 2
       "advance 200000\n"      // 3: notified
       "register s0 ex\n"      // 4: the mutant answers ERROR_IO_PENDING now
       "advance 100000\n",     // 5
       {{"mutant:mixed-success-codes", 4}}},
      {"consistent-interpretation", "one answer to an idle Unregister in every session",
       "pdscenario 1\nseed 1\n"
       "startup s0\n"          // 0: while DISABLED
       "env enable\n"          // 1
       "advance 100000\n"      // 2
       "startup s1\n"          // 3: while AVAILABLE
       "unregister s0\n"       // 4: nothing registered: ERROR_SUCCESS
       "unregister s1\n",      // 5: the mutant answers PEERDIST_ERROR_OPERATION_NOTFOUND here
       {{"mutant:idle-unregister-by-session", 5}}},
      {"first-notify", "no notification while still disabled",
       "pdscenario 1\nseed 1\n"
       "startup s0\n"          // 0
       "register s0\n"         // 1
       "advance 200000\n"      // 2: the mutant completes at once
       "env enable\n"          // 3
       "advance 200000\n",     // 4
       {{"mutant:notify-every-registration", 2}}},
      {"first-notify", "first notification once enabled (port and event)",
       "pdscenario 1\nseed 2\n"
       "startup s0\n"
       "register s0 port=new key=3\n"
       "env enable\n"
       "advance 200000\n"
       "get-overlapped-result r0\n",
       {}},
      {"change-only", "re-registering on an unchanged status stays quiet",
       "pdscenario 1\nseed 3\n"
       "startup s0\n"          // 0
       "register s0\n"         // 1
       "env enable\n"          // 2
       "advance 100000\n"      // 3: notified (available)
       "register s0\n"         // 4
       "advance 100000\n"      // 5: the mutant notifies available again
       "env lose\n"            // 6
       "advance 100000\n",     // 7: everyone notifies unavailable
       {{"mutant:no-baseline-update", 5}}},
      {"change-only", "a flap while nothing is registered owes no notification",
       "pdscenario 1\nseed 3\n"
       "startup s0\n"          // 0
       "register s0\n"         // 1
       "env enable\n"          // 2
       "advance 100000\n"      // 3: notified (available)
       "env restart\n"         // 4: down and back up, nothing registered
       "advance 400000\n"      // 5
       "register s0\n"         // 6: available, as at the previous notification
       "advance 100000\n"      // 7: the mutant notifies available again
       "env lose\n"            // 8
       "advance 100000\n",     // 9: everyone notifies unavailable
       {{"mutant:notify-unseen-flap", 7}}},
      {"single-registration", "second registration refused",
       "pdscenario 1\nseed 4\n"
       "startup s0\n"          // 0
       "register s0 port=new key=1\n"  // 1
       "register s0 port=last key=2\n" // 2: the mutant accepts it
       "env enable\n"          // 3
       "advance 200000\n"      // 4
       "get-overlapped-result r0\n"
       "get-overlapped-result r1\n",
       {{"mutant:accept-second-registration", 2}}},
      {"one-shot", "one signal per registration",
       "pdscenario 1\nseed 5\n"
       "startup s0\n"          // 0
       "register s0 port=new key=5\n"  // 1
       "env enable\n"          // 2
       "advance 100000\n"      // 3: notified
       "env disable\n"         // 4
       "advance 100000\n",     // 5: the mutant signals r0 again
       {{"mutant:keep-delivering", 5}}},
      {"event-and-port", "event signalled and packet posted with the key",
       "pdscenario 1\nseed 6\n"
       "startup s0\n"          // 0
       "register s0 port=new key=9\n"  // 1
       "env enable\n"          // 2
       "advance 200000\n",     // 3: completion; no event / key 0 in the mutants
       {{"mutant:skip-event-when-port", 3}, {"mutant:ignore-completion-key", 3}}},
      {"event-and-port", "the result is in the OVERLAPPED before the signal and the packet",
       "pdscenario 1\nseed 6\n"
       "startup s0\n"          // 0
       "register s0 port=new key=4\n"  // 1
       "env enable\n"          // 2
       "advance 100000\n"      // 3: notified; the mutant signals while still pending
       "get-overlapped-result r0\n",
       {{"mutant:signal-before-result", 3}}},
      {"event-and-port", "no port, no packet; no event, packet only",
       "pdscenario 1\nseed 7\n"
       "startup s0\n"
       "startup s1\n"
       "register s0\n"
       "register s1 port=new key=4 event=none\n"
       "env enable\n"
       "advance 200000\n",
       {}},
      {"status-out", "status out-parameter valid at notification",
       "pdscenario 1\nseed 8\n"
       "startup s0\n"          // 0
       "get-status s0\n"       // 1
       "register s0\n"         // 2
       "env enable\n"          // 3
       "advance 100000\n",     // 4: notification
       {{"mutant:status-out-unwritten", 4}}},
      {"status-out", "Ex status info valid at notification",
       "pdscenario 1\nseed 9\n"
       "startup s0\n"          // 0
       "get-status s0 ex\n"    // 1
       "register s0 ex port=new key=2\n"  // 2
       "env enable\n"          // 3
       "advance 100000\n",     // 4: notification
       {{"mutant:bad-status-info-version", 4}, {"mutant:status-out-unwritten", 4}}},
      {"session-isolation", "each session has its own registration",
       "pdscenario 1\nseed 10\n"
       "startup s0\n"          // 0
       "startup s1\n"          // 1
       "register s0\n"         // 2
       "register s1\n"         // 3: refused by the mutant
       "unregister s0\n"       // 4
       "env enable\n"          // 5
       "advance 200000\n",     // 6: r1 notified
       {{"mutant:global-registration", 3}}},
      {"delivery-liveness", "notification delivered once enabled",
       "pdscenario 1\nseed 11\n"
       "startup s0\n"          // 0
       "register s0 event=none\n"  // 1
       "env enable\n"          // 2
       "advance 300000\n",     // 3: the mutant never delivers
       {{"mutant:never-deliver", 3}}},
      {"delivery-liveness", "first registration while already available",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"          // 0
       "register s0 port=new\n"  // 1
       "advance 300000\n",     // 2: the mutant's baseline is AVAILABLE
       {{"mutant:baseline-at-registration", 2}, {"mutant:never-deliver", 2}}},
      {"unregister-cancels", "unregister cancels the pending registration",
       "pdscenario 1\nseed 13\n"
       "startup s0\n"          // 0
       "register s0 port=new key=8\n"  // 1
       "unregister s0\n"       // 2: success in one mutant
       "advance 200000\n"      // 3: still pending in the other
       "get-overlapped-result r0\n"  // 4
       "env enable\n"          // 5
       "advance 200000\n",     // 6
       {{"mutant:unregister-completes-success", 2}, {"mutant:unregister-leaves-pending", 3}}},
      {"unregister-cancels", "unregister with nothing registered, then register again",
       "pdscenario 1\nseed 14\n"
       "startup s0\n"
       "unregister s0\n"
       "register s0 event=none\n"
       "unregister s0\n"
       "get-overlapped-result r0\n"
       "register s0\n"
       "env enable\n"
       "advance 200000\n"
       "get-overlapped-result r1\n",
       {}},
      {"shutdown-cancels", "shutdown cancels the pending registration",
       "pdscenario 1\nseed 15\n"
       "startup s0\n"          // 0
       "register s0 port=new key=1\n"  // 1
       "shutdown s0\n"         // 2
       "advance 200000\n"      // 3: still pending in the mutant
       "get-overlapped-result r0\n",
       {{"mutant:shutdown-leaves-pending", 3}}},
      {"invalid-handle", "calls on handles that are not open",
       "pdscenario 1\nseed 16\n"
       "startup s0\n"          // 0
       "get-status s1\n"       // 1: the mutant takes it as s0
       "register s1\n"
       "unregister s1 handle=bogus\n"
       "startup s2\n"
       "shutdown s2\n"
       "shutdown s2\n"
       "get-status s2 ex\n"
       "register s2 ex\n",
       {{"mutant:accept-invalid-handle", 1}}},
      {"null-argument", "NULL required pointers refused",
       "pdscenario 1\nseed 17\n"
       "startup s0\n"          // 0
       "register s0 overlapped=null\n"  // 1: the mutant accepts it
       "register s0 out=null\n"
       "get-status s0 out=null\n"
       "get-status s0 ex out=null\n"
       "startup s1 out=null\n"
       "get-overlapped-result r7\n",
       {{"mutant:accept-null-pointer", 1}}},
      {"null-argument", "GetOverlappedResult with NULL bytes",
       "pdscenario 1\nseed 18\n"
       "startup s0\n"          // 0
       "register s0\n"         // 1
       "get-overlapped-result r0 bytes=null\n",  // 2: the mutant says IO_INCOMPLETE
       {{"mutant:accept-null-pointer", 2}}},
      {"status-report", "GetStatus follows the service",
       "pdscenario 1\nseed 19\n"
       "startup s0\n"          // 0
       "env enable\n"          // 1
       "advance 200000\n"      // 2
       "get-status s0\n"       // 3: the mutant still says disabled
       "get-status s0 ex\n",
       {{"mutant:stale-get-status", 3}}},
      {"notified-status", "a late first registration is told the current status",
       "pdscenario 1\nseed 19\n"
       "initial available\n"
       "startup s0\n"          // 0
       "advance 300000\n"      // 1
       "register s0\n"         // 2
       "advance 1000\n",       // 3: notified at once; the mutant writes DISABLED, its baseline
       {{"mutant:notifies-baseline-status", 3}}},
      {"overlapped-result", "pending, then completed",
       "pdscenario 1\nseed 20\n"
       "startup s0\n"          // 0
       "register s0\n"         // 1
       "get-overlapped-result r0\n"  // 2: the mutant says TRUE
       "env enable\n"          // 3
       "advance 200000\n"      // 4
       "get-overlapped-result r0\n"
       "get-overlapped-result r0 wait\n",
       {{"mutant:result-true-while-pending", 2}}},
      {"overlapped-result", "wait on a pending registration",
       "pdscenario 1\nseed 21\n"
       "startup s0\n"
       "register s0\n"
       "env enable\n"
       "get-overlapped-result r0 wait\n"  // 3: waits for the notification; the mutants do not
       "get-overlapped-result r0\n",
       {{"mutant:wait-returns-incomplete", 3}, {"mutant:signal-before-result", 3}}},
      {"overlapped-result", "wait on a pending content operation",
       "pdscenario 1\nseed 21\ninitial available\n"
       "startup s0\n"                        // 0
       "publish s0 t0 id=1 length=200\n"     // 1
       "add-to-stream s0 t0 bytes=128\n"     // 2: o0
       "get-overlapped-result o0 wait\n"     // 3: waits for o0; the mutant does not
       "get-overlapped-result o0\n"          // 4
       "add-to-stream s0 t0 bytes=16 event=none\n"  // 5: o1, no hEvent to wait on
       "get-overlapped-result o1 wait\n"     // 6: nothing to wait with: ERROR_IO_INCOMPLETE
       "advance 100000\n"
       "get-overlapped-result o1\n",
       {{"mutant:wait-returns-incomplete", 3}}},
      {"change-only", "restart and flaps over two sessions",
       "pdscenario 1\nseed 22\ninitial available\n"
       "startup s0\n"
       "startup s1\n"
       "register s0 port=new key=1\n"
       "register s1 ex event=none port=new key=2\n"
       "advance 10000\n"
       "register s0 port=last key=3\n"
       "register s1 ex\n"
       "env restart\n"
       "advance 400000\n"
       "register s0\n"
       "register s1\n"
       "env lose\n"
       "env regain\n"
       "advance 400000\n"
       "shutdown s0\n"
       "unregister s1\n"
       "get-overlapped-result r5\n"
       "get-overlapped-result r6\n",
       {}},
      // --- the content part ---
      {"invalidated", "a move to UNAVAILABLE invalidates stream and content handles",
       "pdscenario 1\nseed 31\ninitial available\n"
       "startup s0\n"                 // 0
       "publish s0 t0 id=1\n"         // 1
       "open-content s0 c0 tag=1\n"   // 2
       "env lose\n"                   // 3
       "advance 100000\n"             // 4
       "add-to-stream s0 t0\n"        // 5: both mutants serve it
       "block-read s0 c0\n"
       "get-info s0 c0\n"
       "close-stream s0 t0\n"         // 8
       "close-content s0 c0\n",
       {{"mutant:unavailable-keeps-handles", 5}, {"mutant:stream-never-invalidated", 5}}},
      {"no-revalidation", "handles stay invalid once AVAILABLE again; new ones work",
       "pdscenario 1\nseed 32\ninitial available\n"
       "startup s0\n"                 // 0
       "open-content s0 c0\n"         // 1
       "env disable\n"                // 2
       "advance 100000\n"             // 3
       "env enable\n"                 // 4
       "advance 100000\n"             // 5
       "block-read s0 c0\n"           // 6: the mutant serves it again
       "open-content s0 c1\n"
       "block-read s0 c1\n"
       "close-content s0 c0\n"
       "close-content s0 c1\n",
       {{"mutant:revalidate-on-return", 6}}},
      {"close-invalidated", "a call with no data on the closed handle may report either bad argument",
       "pdscenario 1\nseed 3\ninitial available\n"
       "startup s0\n"
       "publish s0 t0 id=1\n"
       "env lose\n"
       "advance 100000\n"
       "close-stream s0 t0\n"                 // invalidated, closed
       "add-to-stream s0 t0 bytes=0\n",      // closed and no data: the reference says ERROR_INVALID_PARAMETER
       {}},
      {"close-invalidated", "invalidated handles close, and are gone afterwards",
       "pdscenario 1\nseed 33\ninitial available\n"
       "startup s0\n"                 // 0
       "publish s0 t0 id=2\n"         // 1
       "open-content s0 c0\n"         // 2
       "env disable\n"                // 3
       "advance 100000\n"             // 4
       "close-stream s0 t0\n"         // 5: the first mutant refuses
       "close-content s0 c0\n"        // 6
       "add-to-stream s0 t0\n",       // 7: the second serves the closed handle
       {{"mutant:close-invalidated-fails", 5}, {"mutant:accept-closed-handle", 7}}},
      {"in-flight-operations", "a read in flight when the handle is invalidated fails",
       "pdscenario 1\nseed 34\ninitial available\n"
       "startup s0\n"                 // 0
       "open-content s0 c0\n"         // 1
       "block-read s0 c0\n"           // 2
       "env lose\n"                   // 3
       "advance 200000\n",            // 4: the mutant completes it successfully
       {{"mutant:in-flight-read-succeeds", 4}}},
      {"object-invalid-handle", "calls on closed or never-issued handles",
       "pdscenario 1\nseed 35\ninitial available\n"
       "startup s0\n"                 // 0
       "open-content s0 c0\n"         // 1
       "close-content s0 c0\n"        // 2
       "block-read s0 c0\n"           // 3: the mutant serves it
       "close-content s0 c0\n"
       "block-read s0 c1 overlapped=null\n",
       {{"mutant:accept-closed-handle", 3}, {"mutant:gone-content-handle-parameter", 3}}},
      {"double-close", "a second close fails",
       "pdscenario 1\nseed 35\ninitial available\n"
       "startup s0\n"                 // 0
       "open-content s0 c0\n"         // 1
       "close-content s0 c0\n"        // 2
       "block-read s0 c0\n"           // 3
       "close-content s0 c0\n",       // 4: the mutant says ERROR_SUCCESS
       {{"mutant:double-close-succeeds", 4}}},
      {"object-null-argument", "NULL lpOverlapped, buffer, identifier and out-pointers refused",
       "pdscenario 1\nseed 35\ninitial available\n"
       "startup s0\n"                 // 0
       "open-content s0 c0\n"         // 1
       "block-read s0 c0 overlapped=null\n"  // 2: the mutant accepts it
       "block-read s0 c0 buffer=null\n"
       "publish s0 t0 id=1 identifier=null\n"
       "open-content s0 c1 out=null\n"
       "get-info s0 c0 out=null\n",
       {{"mutant:accept-null-overlapped", 2}}},
      {"cancel-unknown-operation", "cancelling an OVERLAPPED with nothing pending",
       "pdscenario 1\nseed 35\ninitial available\n"
       "startup s0\n"                 // 0
       "open-content s0 c0\n"         // 1
       "client-cancel s0 c0 o7\n"     // 2: no such operation; the mutant says ERROR_SUCCESS
       "block-read s0 c0\n"
       "advance 200000\n"
       "client-cancel s0 c0 o0\n",    // 5: completed already
       {{"mutant:cancel-unknown-succeeds", 2}}},
      {"cancel-aborts", "a cancel completes the operation as aborted before it returns",
       "pdscenario 1\nseed 35\ninitial available\n"
       "startup s0\n"                 // 0
       "open-content s0 c0\n"         // 1
       "block-read s0 c0\n"           // 2
       "client-cancel s0 c0 o0\n"     // 3: the mutant leaves it pending
       "get-overlapped-result o0\n"
       "advance 200000\n",
       {{"mutant:cancel-leaves-pending", 3}}},
      {"event-and-port", "a content handle's operations complete to its port, with its key",
       "pdscenario 1\nseed 7\ninitial available\n"
       "startup s0\n"                                // 0
       "open-content s0 c0 tag=1 port=new key=9\n"   // 1
       "add-data s0 c0 id=1 offset=0 bytes=64\n"     // 2
       "advance 100000\n",                           // 3: the mutant's packet carries key 0
       {{"mutant:content-key-zero", 3}}},
      {"async-pending", "AddData, AddContentInformation and CompleteContentInformation return ERROR_IO_PENDING",
       "pdscenario 1\nseed 7\ninitial available\n"
       "startup s0\n"                                // 0
       "open-content s0 c0 tag=1\n"                  // 1
       "add-info s0 c0 from=i0\n"                    // 2
       "complete-info s0 c0\n"                       // 3
       "add-data s0 c0 id=1 offset=0 bytes=64\n"     // 4: the mutant returns ERROR_SUCCESS
       "advance 100000\n",
       {{"mutant:add-data-returns-success", 4}}},
      {"close-cancels", "closing a content handle cancels its pending operations",
       "pdscenario 1\nseed 7\ninitial available\n"
       "startup s0\n"                                // 0
       "open-content s0 c0 tag=1\n"                  // 1
       "block-read s0 c0\n"                          // 2
       "add-data s0 c0 id=1 offset=0 bytes=64\n"     // 3
       "close-content s0 c0\n"                       // 4: aborts both; the mutant leaves them running
       "advance 200000\n",                           // 5: where the mutant's fail
       {{"mutant:close-leaves-pending", 5}}},
      {"client-info", "PEERDIST_CLIENT_BASIC_INFO within dwBufferSize",
       "pdscenario 1\nseed 7\ninitial available\n"
       "startup s0\n"                                // 0
       "open-content s0 c0 tag=1\n"                  // 1
       "get-info s0 c0 bytes=4\n"                    // 2: room enough
       "get-info s0 c0 bytes=2\n"                    // 3: too small; the mutant writes past it
       "close-content s0 c0\n",
       {{"mutant:info-ignores-buffer-size", 3}}},
      {"info-class", "a class outside PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS is refused",
       "pdscenario 1\nseed 7\ninitial available\n"
       "startup s0\n"                                // 0
       "open-content s0 c0 tag=1\n"                  // 1
       "get-info s0 c0 bytes=4\n"                    // 2: PeerDistClientBasicInfo
       "get-info s0 c0 bytes=4 class=1\n"            // 3: MaximumPeerDistClientInfoByHandlesClass; the mutant serves it
       "close-content s0 c0\n",
       {{"mutant:info-class-ignored", 3}}},
      {"cancel-once", "a cancel of a completed operation posts no second result",
       "pdscenario 1\nseed 7\ninitial available\n"
       "startup s0\n"                                // 0
       "open-content s0 c0 tag=1 port=new key=5\n"   // 1
       "complete-info s0 c0\n"                       // 2: o0 completes (nothing added)
       "advance 100000\n"                            // 3
       "client-cancel s0 c0 o0\n"                    // 4: the mutant signals o0's event again
       "advance 100000\n"                            // 5
       "close-content s0 c0\n",                      // 6
       {{"mutant:cancel-posts-after-result", 4}}},
      {"add-data", "added data is in the local cache; past the end of the information, either code",
       "pdscenario 1\nseed 41\ninitial available\n"
       "startup s0\n"                                // 0
       "startup s1\n"                                // 1
       "publish s0 t0 id=1 length=200 port=new\n"    // 2
       "add-to-stream s0 t0 bytes=128\n"             // 3
       "add-to-stream s0 t0 bytes=72\n"              // 4
       "complete-stream s0 t0\n"                     // 5
       "advance 100000\n"                            // 6
       "open-info s0 i0 id=1\n"                      // 7
       "retrieve-info s0 i0 bytes=4096\n"            // 8
       "advance 100000\n"                            // 9
       "open-content s1 c0 tag=2\n"                  // 10
       "add-info s1 c0 from=i0\n"                    // 11
       "complete-info s1 c0\n"                       // 12
       "advance 100000\n"                            // 13
       "add-data s1 c0 id=1 offset=64 bytes=64\n"    // 14: block 1, whole
       "add-data s1 c0 id=1 offset=256 bytes=64\n"   // 15: past the end (200): either code
       "advance 100000\n"                            // 16
       "block-read s1 c0 offset=64 bytes=32 timeout=local\n"  // 17: from the local cache
       "advance 100000\n",
       {}},
      {"invalidated", "a call that also passes no data may report either bad argument",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1 length=200 port=new\n"    // 1
       "add-to-stream s0 t0 bytes=128\n"             // 2
       "add-to-stream s0 t0 bytes=72\n"              // 3
       "complete-stream s0 t0\n"                     // 4
       "advance 100000\n"                            // 5
       "open-info s0 i0 id=1\n"                      // 6
       "open-content s0 c0 tag=1\n"                  // 7
       "env lose\n"                                  // 8: UNAVAILABLE
       "advance 100000\n"                            // 9
       "retrieve-info s0 i0 bytes=0\n"               // 10: ERROR_INVALID_PARAMETER is fine too
       "add-to-stream s0 t0 bytes=0\n"               // 11: likewise
       "add-data s0 c0 id=1 offset=0 bytes=0\n"      // 12: likewise
       "retrieve-info s0 i0 bytes=64\n"              // 13: the mutant serves it
       "advance 100000\n",
       {{"mutant:unavailable-keeps-handles", 13}}},
      {"host-objects", "SetEvent only on events, packets only to completion ports",
       "pdscenario 1\nseed 1\n"
       "startup s0\n"                   // 0
       "register s0 port=new key=3\n"   // 1
       "env enable\n"                   // 2
       "advance 200000\n",              // 3: the mutant calls SetEvent on the port
       {{"mutant:set-event-on-port", 3}}},
      {"read-data", "a successful read delivers the content's bytes",
       "pdscenario 1\nseed 41\ninitial available\n"
       "startup s0\n"                                // 0
       "startup s1\n"                                // 1
       "publish s0 t0 id=1 length=200 port=new\n"    // 2
       "add-to-stream s0 t0 bytes=128\n"             // 3
       "add-to-stream s0 t0 bytes=72\n"              // 4
       "complete-stream s0 t0\n"                     // 5
       "advance 100000\n"                            // 6
       "open-info s0 i0 id=1\n"                      // 7
       "retrieve-info s0 i0 bytes=4096\n"            // 8
       "advance 100000\n"                            // 9
       "open-content s1 c0 tag=2\n"                  // 10
       "add-info s1 c0 from=i0\n"                    // 11
       "complete-info s1 c0\n"                       // 12
       "advance 100000\n"                            // 13
       "block-read s1 c0 offset=64 bytes=32\n"       // 14
       "advance 100000\n"                            // 15: the mutant's bytes start one late
       "stream-read s1 c0 bytes=100\n"               // 16
       "stream-read s1 c0 bytes=150\n"               // 17
       "advance 100000\n",                           // 18
       {{"mutant:read-off-by-one", 15}}},
      {"read-data", "a block read starts at Offset and OffsetHigh; a stream read at its stream position",
       "pdscenario 2\nseed 41\ninitial available\n"
       "startup s0\n"                                // 0
       "startup s1\n"                                // 1
       "publish s0 t0 id=1 length=200 port=new\n"    // 2
       "add-to-stream s0 t0 bytes=128\n"             // 3
       "add-to-stream s0 t0 bytes=72\n"              // 4
       "complete-stream s0 t0\n"                     // 5
       "advance 100000\n"                            // 6
       "open-info s0 i0 id=1\n"                      // 7
       "retrieve-info s0 i0 bytes=4096\n"            // 8
       "advance 100000\n"                            // 9
       "open-content s1 c0 tag=2\n"                  // 10
       "add-info s1 c0 from=i0\n"                    // 11
       "complete-info s1 c0\n"                       // 12
       "advance 100000\n"                            // 13
       "block-read s1 c0 offset=4294967360 bytes=32\n"  // 14: OffsetHigh 1, Offset 64: past the end
       "advance 100000\n"                            // 15: the mutant delivers the bytes at 64
       "stream-read s1 c0 bytes=32 overlapped-offset=128\n"  // 16: reads from 0 all the same
       "advance 100000\n"                            // 17: the mutant delivers the bytes at 128
       "end\n",
       {{"mutant:offset-high-ignored", 15}, {"mutant:stream-read-at-offset", 17}}},
      {"add-data", "AddData adds at Offset and OffsetHigh: past 2^32, PEERDIST_ERROR_OUT_OF_BOUNDS",
       "pdscenario 2\nseed 41\ninitial available\n"
       "startup s0\n"                                // 0
       "startup s1\n"                                // 1
       "publish s0 t0 id=1 length=200 port=new\n"    // 2
       "add-to-stream s0 t0 bytes=128\n"             // 3
       "add-to-stream s0 t0 bytes=72\n"              // 4
       "complete-stream s0 t0\n"                     // 5
       "advance 100000\n"                            // 6
       "open-info s0 i0 id=1\n"                      // 7
       "retrieve-info s0 i0 bytes=4096\n"            // 8
       "advance 100000\n"                            // 9
       "open-content s1 c0 tag=2\n"                  // 10
       "add-info s1 c0 from=i0\n"                    // 11
       "complete-info s1 c0\n"                       // 12
       "advance 100000\n"                            // 13
       "add-data s1 c0 id=1 offset=4294967360 bytes=64\n"  // 14: OffsetHigh 1, Offset 64: past the end
       "advance 100000\n"                            // 15: the mutant adds it at 64 and succeeds
       "end\n",
       {{"mutant:add-data-offset-high-ignored", 15}}},
      {"server-success-codes", "asynchronous server calls succeed with ERROR_IO_PENDING, the others ERROR_SUCCESS",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=64\n"              // 2: the mutant answers ERROR_SUCCESS
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=1\n"                      // 5
       "retrieve-info s0 i0 bytes=64\n"              // 6
       "close-info s0 i0\n"                          // 7
       "close-stream s0 t0\n"                        // 8
       "unpublish s0 id=1\n"                         // 9
       "advance 100000\n",
       {{"mutant:server-async-returns-success", 2}}},
      {"publish-already-exists", "a published identifier stays published until unpublished",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "close-stream s0 t0\n"                        // 2: the publication stays
       "publish s0 t1 id=1\n"                        // 3: PEERDIST_ERROR_ALREADY_EXISTS; the mutant replaces it
       "unpublish s0 id=1\n"                         // 4
       "publish s0 t2 id=1\n"                        // 5: published anew
       "advance 100000\n",
       {{"mutant:publish-replaces", 3}}},
      {"open-info-found", "content information only for published, completed content",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "open-info s0 i0 id=3\n"                      // 1: never published; the mutant opens it
       "publish s0 t0 id=1 port=new key=9\n"         // 2
       "add-to-stream s0 t0 bytes=64\n"              // 3
       "complete-stream s0 t0\n"                     // 4
       "advance 100000\n"                            // 5
       "close-stream s0 t0\n"                        // 6
       "open-info s0 i1 id=1\n"                      // 7: found
       "unpublish s0 id=1\n"                         // 8
       "open-info s0 i2 id=1\n"                      // 9: ERROR_NOT_FOUND
       "advance 100000\n",
       {{"mutant:open-info-unpublished-found", 1}}},
      {"server-cancels-pending", "closing a handle or unpublishing aborts what is pending on it",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=64\n"              // 2
       "close-stream s0 t0\n"                        // 3: aborts the add; the mutant drops it
       "advance 200000\n"                            // 4: still pending 100 ms later
       "publish s0 t1 id=2\n"                        // 5
       "add-to-stream s0 t1 bytes=64\n"              // 6
       "complete-stream s0 t1\n"                     // 7
       "advance 100000\n"                            // 8
       "open-info s0 i0 id=2\n"                      // 9
       "retrieve-info s0 i0 bytes=64\n"              // 10
       "unpublish s0 id=2\n"                         // 11: aborts the retrieve
       "advance 200000\n",
       {{"mutant:close-forgets-operations", 4}}},
      {"server-port-and-key", "stream and content-information operations complete through their port and key",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1 port=new key=7\n"         // 1
       "add-to-stream s0 t0 bytes=64\n"              // 2
       "advance 100000\n"                            // 3: the mutant's packet carries key 0
       "complete-stream s0 t0\n"                     // 4
       "advance 100000\n"                            // 5
       "open-info s0 i0 id=1\n"                      // 6: no port: no packets
       "retrieve-info s0 i0 bytes=64\n"              // 7
       "advance 100000\n",
       {{"mutant:server-packet-key-zero", 3}}},
      {"retrieve-offset", "a retrieve writes the offset of its bytes into the OVERLAPPED",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=200\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=1\n"                      // 5
       "retrieve-info s0 i0 bytes=16\n"              // 6: offset 0
       "advance 100000\n"                            // 7
       "retrieve-info s0 i0 bytes=16\n"              // 8: offset 16
       "advance 100000\n",                           // 9: the mutant leaves 0
       {{"mutant:retrieve-offset-unwritten", 9}}},
      {"server-bytes-transferred", "one byte count in the OVERLAPPED, the packet and GetOverlappedResult",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=200\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=1 port=new key=4\n"       // 5
       "retrieve-info s0 i0 bytes=16\n"              // 6
       "advance 100000\n"                            // 7: the mutant's packet says 0 bytes
       "get-overlapped-result o2\n",                 // 8
       {{"mutant:server-packet-bytes-zero", 7}}},
      {"complete-keeps-stream", "a completed stream takes no more data and stays open",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=64\n"              // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "add-to-stream s0 t0 bytes=64\n"              // 5: fails (already completed); the mutant: not a handle
       "advance 100000\n"                            // 6
       "close-stream s0 t0\n",                       // 7
       {{"mutant:complete-closes-stream", 5}}},
      {"read-timeout", "a read completes within its timeout",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "peer-add id=3 length=256 delay=10000\n"  // 14
       "block-read s1 c0 offset=64 bytes=64 timeout=1000\n"  // 15
       "advance 1500000\n"  // 16
       "stream-read s1 c0 bytes=64\n"  // 17
       "advance 6000000\n"  // 18
       "get-overlapped-result o4\n"  // 19
       "get-overlapped-result o5\n",  // 20
       {{"mutant:default-timeout-unbounded", 18}, {"mutant:read-timeout-ignored", 16}}},
      {"read-prompt", "a read the local cache serves in part completes at once with what it has",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "add-data s1 c0 id=3 offset=0 bytes=64\n"  // 14
       "advance 100000\n"  // 15
       "block-read s1 c0 offset=0 bytes=128\n"  // 16: block 0 is local, block 1 nowhere
       "advance 3000000\n"  // 17: the mutant completes 2.5 s after the call
       "get-overlapped-result o6\n",  // 18
       {{"mutant:read-waits-to-fill", 17}}},
      {"read-local-only", "PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY reads only the local cache",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "peer-add id=3 length=256 delay=10\n"  // 14
       "block-read s1 c0 bytes=64 timeout=local\n"  // 15
       "advance 100000\n"  // 16
       "block-read s1 c0 offset=70 bytes=0\n"  // 17
       "advance 100000\n"  // 18
       "peer-remove id=3\n"  // 19
       "stream-read s1 c0 bytes=64\n"  // 20
       "advance 100000\n"  // 21
       "get-overlapped-result o4\n",  // 22
       {{"mutant:local-only-asks-peers", 16}}},
      {"read-missing-data", "a block nobody holds is missing data",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "peer-add id=3 length=256 delay=10\n"  // 14
       "block-read s1 c0 bytes=64 timeout=local\n"  // 15
       "advance 100000\n"  // 16
       "block-read s1 c0 offset=70 bytes=0\n"  // 17
       "advance 100000\n"  // 18
       "peer-remove id=3\n"  // 19
       "stream-read s1 c0 bytes=64\n"  // 20
       "advance 100000\n"  // 21
       "get-overlapped-result o4\n",  // 22
       {{"mutant:missing-reports-timeout", 21}}},
      {"read-end", "a read past the end of the range completes with PEERDIST_ERROR_NO_MORE",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "add-data s1 c0 id=3 bytes=256\n"  // 14
       "advance 100000\n"  // 15
       "stream-read s1 c0 bytes=200\n"  // 16
       "advance 100000\n"  // 17
       "stream-read s1 c0 bytes=200\n"  // 18
       "advance 100000\n"  // 19
       "stream-read s1 c0 bytes=10\n"  // 20
       "advance 100000\n"  // 21
       "block-read s1 c0 offset=300 bytes=10\n"  // 22
       "advance 100000\n"  // 23
       "get-overlapped-result o6\n",  // 24
       {{"mutant:end-reports-missing", 21}}},
      {"read-offset", "a read writes its start offset into the OVERLAPPED",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "add-data s1 c0 id=3 bytes=256\n"  // 14
       "advance 100000\n"  // 15
       "stream-read s1 c0 bytes=200\n"  // 16
       "advance 100000\n"  // 17
       "stream-read s1 c0 bytes=200\n"  // 18
       "advance 100000\n"  // 19
       "stream-read s1 c0 bytes=10\n"  // 20
       "advance 100000\n"  // 21
       "block-read s1 c0 offset=300 bytes=10\n"  // 22
       "advance 100000\n"  // 23
       "get-overlapped-result o6\n",  // 24
       {{"mutant:stream-offset-unwritten", 19}}},
      {"client-handles-accepted", "a client call given the handles its page describes is not refused for them",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                    // 0
       "open-content s0 c0 tag=1\n"      // 1
       "flush s0 tag=2\n"                // 2: no handle carries tag 2; the mutant says ERROR_INVALID_HANDLE
       "block-read s0 c0\n"              // 3
       "get-info s0 c0\n"                // 4
       "advance 200000\n"                // 5
       "close-content s0 c0\n"           // 6
       "flush s0 tag=1\n"                // 7
       "advance 100000\n",               // 8
       {{"mutant:flush-needs-open-content", 2}}},
      {"client-success-codes", "reads and flushes succeed with ERROR_IO_PENDING, open and close with ERROR_SUCCESS",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                    // 0
       "open-content s0 c0 tag=1\n"      // 1
       "block-read s0 c0 bytes=64\n"     // 2: the mutant answers ERROR_SUCCESS
       "stream-read s0 c0 bytes=64\n"    // 3
       "flush s0 tag=1\n"                // 4
       "advance 200000\n"                // 5
       "close-content s0 c0\n",          // 6
       {{"mutant:read-returns-success", 2}}},
      {"optional-arguments-accepted", "a NULL port, and a NULL buffer for a read of 0 bytes, are accepted",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                    // 0
       "open-content s0 c0 tag=1\n"      // 1: no port
       "block-read s0 c0 bytes=0\n"      // 2: the mutant refuses the NULL buffer
       "stream-read s0 c0 bytes=0\n"     // 3
       "flush s0 tag=1\n"                // 4: no port
       "advance 200000\n",               // 5
       {{"mutant:zero-read-needs-buffer", 2}}},
      {"read-bytes-transferred", "a read's byte count is the same in its OVERLAPPED, its packet and GetOverlappedResult",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "open-content s1 c0 tag=1 port=new\n"  // 9
       "add-info s1 c0 from=i0\n"  // 10
       "complete-info s1 c0\n"  // 11
       "advance 100000\n"  // 12
       "stream-read s1 c0 bytes=200\n"  // 13
       "advance 100000\n"  // 14: the mutant's packet says 0 bytes
       "block-read s1 c0 offset=64 bytes=100\n"  // 15
       "advance 100000\n"  // 16
       "get-overlapped-result o3\n"  // 17
       "get-overlapped-result o4\n",  // 18
       {{"mutant:read-packet-bytes-zero", 14}}},
      {"read-bytes-transferred", "a block read counts every byte it wrote into the buffer, and no more",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "add-data s1 c0 id=3 bytes=256\n"  // 14
       "advance 100000\n"  // 15
       "block-read s1 c0 offset=10 bytes=100\n"  // 16
       "advance 100000\n",  // 17: the mutant counts 99 of the 100 bytes it wrote
       {{"mutant:block-read-counts-one-short", 17}}},
      {"read-missing-range", "a read's missing range begins at its own start offset and runs to the end",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1 port=new\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "block-read s1 c0 offset=70 bytes=10 timeout=local\n"  // 14: missing [70, 256)
       "advance 100000\n"  // 15: the mutant says [71, 256)
       "get-overlapped-result o3\n",  // 16
       {{"mutant:missing-range-one-late", 15}}},
      {"flush-forgets", "a completed flush of a handle's tag empties its local cache",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "add-data s1 c0 id=3 bytes=256\n"  // 14
       "advance 100000\n"  // 15
       "block-read s1 c0 offset=0 bytes=64 timeout=local\n"  // 16: the added data is there
       "advance 100000\n"  // 17
       "flush s1 tag=1\n"  // 18
       "advance 100000\n"  // 19
       "block-read s1 c0 offset=0 bytes=64 timeout=local\n"  // 20: gone; the mutant still delivers it
       "advance 100000\n",  // 21
       {{"mutant:flush-keeps-data", 21}}},
      {"service-state-rows", "publishing while the service is unavailable answers the unavailable row",
       "pdscenario 1\nseed 1\ninitial unavailable\n"
       "startup s0\n"                    // 0
       "publish s0 t0 id=1\n"            // 1: PEERDIST_ERROR_SERVICE_UNAVAILABLE
       "open-content s0 c0 tag=1\n",     // 2
       {{"mutant:policy-row-while-unavailable", 1}}},
      {"shutdown-unpublishes", "a session's Shutdown removes its publications",
       "pdscenario 1\nseed 1\ninitial available\n"
       "startup s0\n"                       // 0
       "startup s1\n"                       // 1
       "publish s0 t0 id=1\n"               // 2
       "add-to-stream s0 t0 bytes=64\n"     // 3
       "complete-stream s0 t0\n"            // 4
       "advance 100000\n"                   // 5
       "shutdown s0\n"                      // 6: removes publication 1
       "open-info s1 i0 id=1\n"             // 7: ERROR_NOT_FOUND
       "publish s1 t1 id=1\n",              // 8: ERROR_SUCCESS
       {{"mutant:shutdown-keeps-publications", 7}}},
      {"publication-options", "a publish passing options of a listed version succeeds",
       "pdscenario 1\nseed 1\ninitial available\n"
       "startup s0\n"                       // 0
       "publish s0 t0 id=1 options=1\n"     // 1: ERROR_SUCCESS
       "publish s0 t1 id=2 options=2\n",    // 2: ERROR_SUCCESS
       {{"mutant:publish-refuses-version-2", 2}}},
      {"stream-handles-accepted", "a stream handle the publish returned is accepted, and closed by its close",
       "pdscenario 1\nseed 1\ninitial available\n"
       "startup s0\n"                       // 0
       "publish s0 t0 id=1\n"               // 1
       "add-to-stream s0 t0 bytes=64\n"     // 2: ERROR_IO_PENDING
       "close-stream s0 t0\n"               // 3: ERROR_SUCCESS (the add is cancelled); the mutant refuses
       "advance 100000\n"                   // 4
       "complete-stream s0 t0\n"            // 5: ERROR_INVALID_HANDLE (closed)
       "unpublish s0 id=1\n",               // 6: ERROR_SUCCESS
       {{"mutant:close-refuses-busy-stream", 3}}},
      {"publication-options", "a publish passing options of a version the page does not list is refused",
       "pdscenario 1\nseed 1\ninitial available\n"
       "startup s0\n"                       // 0
       "publish s0 t0 id=1 options=3\n"     // 1: ERROR_INVALID_PARAMETER; the mutant publishes
       "publish s0 t1 id=1 options=1\n",    // 2: ERROR_SUCCESS
       {{"mutant:publish-accepts-any-version", 1}}},
      {"published-content", "the content information of a completed publication describes the bytes added",
       "pdscenario 1\nseed 1\ninitial available\n"
       "startup s0\n"                       // 0
       "publish s0 t0 id=1\n"               // 1
       "add-to-stream s0 t0 bytes=64\n"     // 2
       "add-to-stream s0 t0 bytes=100\n"    // 3
       "complete-stream s0 t0\n"            // 4
       "advance 100000\n"                   // 5: all three succeed
       "open-info s0 i0 id=1\n"             // 6: the whole content
       "retrieve-info s0 i0 bytes=4096\n"   // 7
       "advance 100000\n",                  // 8: retrieved whole; the mutant's hashes are of other bytes
       {{"mutant:add-zeroes-first-byte", 8}}},
      {"publish-already-exists", "an identifier is all its bytes: one that extends a published one is new",
       "pdscenario 1\nseed 1\ninitial available\n"
       "startup s0\n"                       // 0
       "publish s0 t0 id=1\n"               // 1: \"pd-content-1\"
       "publish s0 t1 id=10\n",             // 2: \"pd-content-10\", ERROR_SUCCESS; the mutant: ALREADY_EXISTS
       {{"mutant:identifier-prefix-match", 2}}},
      {"declared-length", "a declared content length is the content's: the adds fill it, then the complete succeeds",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                        // 0
       "publish s0 t0 id=1 length=200\n"     // 1: the refusing mutant: ERROR_INVALID_PARAMETER
       "add-to-stream s0 t0 bytes=120\n"     // 2
       "add-to-stream s0 t0 bytes=80\n"      // 3: 200 bytes added, exactly the length
       "advance 100000\n"                    // 4: the exclusive mutant completes it OUT_OF_BOUNDS
       "complete-stream s0 t0\n"             // 5
       "advance 100000\n",
       {{"mutant:declared-length-refused", 1}, {"mutant:declared-length-exclusive", 4}}},
      // Content information, cancel and session pages (orders 340-359).
      {"info-range", "the information retrieved describes the range asked for (0, 0: the whole content)",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=200\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=1 offset=64 length=64\n"  // 5: the second block
       "retrieve-info s0 i0 bytes=4096\n"            // 6
       "advance 100000\n"                            // 7: the mutant's describes all 200 bytes
       "open-info s0 i1 id=1\n"                      // 8: the whole content
       "retrieve-info s0 i1 bytes=4096\n"            // 9
       "advance 100000\n",
       {{"mutant:info-range-ignored", 7}}},
      {"retrieve-end", "PEERDIST_ERROR_NO_MORE at the end of the content information, and only there",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=1\n"                      // 5
       "retrieve-info s0 i0 bytes=16\n"              // 6: not the end yet
       "advance 100000\n"                            // 7
       "retrieve-info s0 i0 bytes=4096\n"            // 8: the rest
       "advance 100000\n"                            // 9
       "retrieve-info s0 i0 bytes=64\n"              // 10: the end
       "advance 100000\n",                           // 11: the mutant completes with ERROR_SUCCESS
       {{"mutant:retrieve-end-succeeds", 11}}},
      {"info-handles-accepted", "the handles the content-information pages describe are accepted",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=1\n"                      // 5
       "retrieve-info s0 i0 bytes=4096\n"            // 6: started
       "open-info s0 i1 id=1 ex\n"                   // 7: the Ex function's handle
       "retrieve-info s0 i1 bytes=4096\n"            // 8: the mutant refuses it
       "advance 100000\n"                            // 9
       "close-info s0 i0\n"                          // 10
       "close-info s0 i1\n",                         // 11
       {{"mutant:retrieve-refuses-version-2", 8}}},
      {"info-handles-accepted", "a busy content-information handle still closes",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=1\n"                      // 5
       "retrieve-info s0 i0 bytes=4096\n"            // 6: pending
       "close-info s0 i0\n"                          // 7: the mutant refuses the close
       "advance 100000\n",                           // 8
       {{"mutant:close-info-refuses-busy", 7}}},
      {"cancel-unknown-operation", "the server cancel finds an operation by identifier and OVERLAPPED",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2: o0
       "complete-stream s0 t0\n"                     // 3: o1
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=1\n"                      // 5
       "retrieve-info s0 i0 bytes=4096\n"            // 6: o2, of identifier 1
       "server-cancel s0 o2 id=2\n"                  // 7: not found; the mutant cancels o2
       "advance 100000\n",
       {{"mutant:server-cancel-any-identifier", 7}}},
      {"cancel-posts-once", "a cancel posts no result for an operation that has one",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2: o0
       "advance 100000\n"                            // 3: o0 completed
       "server-cancel s0 o0 id=1\n"                  // 4: not found; the mutant signals o0's event again
       "advance 100000\n",
       {{"mutant:cancel-signals-completed", 4}}},
      {"info-version", "the Ex open hands out a version its options asked for",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=1 ex options=1\n"         // 5: versions 1..1
       "retrieve-info s0 i0 bytes=4096\n"            // 6
       "advance 100000\n",                           // 7: the mutant's information is of version 2
       {{"mutant:retrieval-options-ignored", 7}}},
      {"info-version", "an Ex open asking a version the service does not report supporting fails",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "get-status s0 ex\n"                          // 5: versions 1..2 (the mutant: 1..1)
       "open-info s0 i0 id=1 ex options=3\n"         // 6: fails; the retrieval-options mutant succeeds
       "open-info s0 i1 id=1 ex options=2\n",        // 7: succeeds, which the version-1 mutant has not reported
       {{"mutant:retrieval-options-ignored", 6}, {"mutant:status-reports-version-1-only", 7}}},
      {"cancel-last-error", "GetLastError after a successful cancel returns ERROR_OPERATION_ABORTED",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2: o0, pending
       "server-cancel s0 o0 id=1\n"                  // 3: ERROR_SUCCESS; the mutant leaves the last error 0
       "advance 100000\n",
       {{"mutant:cancel-leaves-last-error", 3}}},
      {"cancel-aborts", "a cancel returns only after the cancellation result is posted to the port or event",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2: o0, pending, with an event
       "server-cancel s0 o0 id=1\n"                  // 3: ERROR_SUCCESS; the mutant signals 1 ms later
       "advance 100000\n",
       {{"mutant:cancel-defers-notice", 3}}},
      {"open-info-found", "an identifier is all its bytes: pd-content-10 is not pd-content-1",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "open-info s0 i0 id=10\n",                    // 5: not published; the mutant opens pd-content-1's
       {{"mutant:lookup-prefix-match", 5}}},
      {"open-info-found", "unpublishing pd-content-10 leaves pd-content-1 published",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2
       "complete-stream s0 t0\n"                     // 3
       "advance 100000\n"                            // 4
       "unpublish s0 id=10\n"                        // 5: the mutant removes pd-content-1
       "open-info s0 i0 id=1\n",                     // 6: ERROR_SUCCESS; the mutant's ERROR_NOT_FOUND
       {{"mutant:lookup-prefix-match", 6}}},
      {"cancel-unknown-operation", "the server cancel of pd-content-10 finds no operation of pd-content-1",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                // 0
       "publish s0 t0 id=1\n"                        // 1
       "add-to-stream s0 t0 bytes=100\n"             // 2: o0, pending
       "server-cancel s0 o0 id=10\n"                 // 3: NOTFOUND; the mutant cancels o0
       "advance 100000\n",
       {{"mutant:lookup-prefix-match", 3}}},
      {"no-crash", "no exception out of a call",
       "pdscenario 1\nseed 1\n"
       "startup s0\n"                   // 0
       "env enable\n"                   // 1
       "advance 100000\n"               // 2
       "env lose\n"                     // 3: UNAVAILABLE
       "advance 100000\n"               // 4
       "get-status s0\n",               // 5: the mutant throws
       {{"mutant:throw-when-unavailable", 5}}},
      {"no-hang", "scheduled work comes to rest",
       "pdscenario 1\nseed 1\n"
       "startup s0\n"                   // 0
       "env enable\n"                   // 1
       "advance 100000\n",              // 2: the mutant's delivery check never stops
       {{"mutant:delivery-polls-forever", 2}}},
      {"service-state-rows", "a stopped service answers the unavailable row, a Group Policy the policy row",
       "pdscenario 2\nseed 1\ninitial available\n"
       "startup s0\n"                   // 0
       "env stop\n"                     // 1: DISABLED, cause stopped
       "advance 100000\n"               // 2
       "publish s0 t0 id=1\n"           // 3: PEERDIST_ERROR_SERVICE_UNAVAILABLE
       "env start\n"                    // 4
       "env policy-off\n"               // 5: DISABLED, cause policy
       "advance 100000\n"               // 6
       "open-content s0 c0 tag=1\n"     // 7: ERROR_ACCESS_DISABLED_BY_POLICY
       "end\n",
       {{"mutant:policy-row-while-stopped", 3}, {"mutant:unavailable-row-under-policy", 7}}},
      {"read-local-only", "a read of 0 bytes counts the whole run the local cache holds",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "add-data s1 c0 id=3 offset=0 bytes=128\n"  // 14: blocks 0 and 1 in the local cache
       "advance 100000\n"  // 15
       "block-read s1 c0 offset=0 bytes=0\n"  // 16
       "advance 100000\n",  // 17: the mutant counts 64 bytes, not 128
       {{"mutant:query-counts-one-block", 17}}},
      {"stream-advance", "a stream read past a missing range starts after it",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "stream-read s1 c0 bytes=64 timeout=local\n"  // 14: missing [0, 256)
       "advance 100000\n"  // 15
       "stream-read s1 c0 bytes=64 timeout=local\n"  // 16
       "advance 100000\n",  // 17: the mutant reads at 0 again
       {{"mutant:stream-missing-stays", 17}}},
      {"overlapped-result", "a TRUE result carries the OVERLAPPED's byte count",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "add-data s1 c0 id=3 bytes=64\n"  // 14
       "advance 100000\n"  // 15
       "get-overlapped-result o5\n",  // 16: the mutant says 65 bytes
       {{"mutant:result-bytes-off-by-one", 16}}},
      {"read-queued", "a read returns before its result",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "add-data s1 c0 id=3 bytes=64\n"  // 14
       "block-read s1 c0 bytes=64\n"  // 15: the mutant waits for it inside the call
       "advance 100000\n",  // 16
       {{"mutant:read-waits-in-call", 15}}},
      {"reads-simultaneous", "a second and a third read issued while the first waits for a peer are accepted",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13
       "peer-add id=3 length=256 delay=1000\n"  // 14
       "block-read s1 c0 offset=64 bytes=64\n"  // 15: waits for the peer
       "block-read s1 c0 offset=128 bytes=64\n"  // 16: the mutant refuses it
       "stream-read s1 c0 bytes=64\n"  // 17
       "advance 3000000\n",  // 18: all three delivered
       {{"mutant:second-read-refused", 16}}},
      {"own-overlapped", "a completion lands only on its own OVERLAPPED",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "unpublish s0 id=3\n"  // 9
       "open-content s1 c0 tag=1 port=new key=9\n"  // 10
       "add-info s1 c0 from=i0\n"  // 11
       "complete-info s1 c0\n"  // 12
       "advance 100000\n"  // 13: the mutant posts its own OVERLAPPED too (add-info's first)
       "add-data s1 c0 id=3 bytes=64\n"  // 14
       "advance 100000\n",  // 15
       {{"mutant:stray-packet", 13}}},
      // Reads on information of a range request.
      {"read-range-bounds", "reads keep to the range of their information",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"                                  // 0
       "startup s1\n"                                  // 1
       "publish s0 t0 id=3 length=256\n"               // 2
       "add-to-stream s0 t0 bytes=256\n"               // 3
       "complete-stream s0 t0\n"                       // 4
       "advance 100000\n"                              // 5
       "open-info s0 i0 id=3 offset=64 length=128\n"   // 6: the range [64, 192)
       "retrieve-info s0 i0 bytes=4096\n"              // 7
       "advance 100000\n"                              // 8
       "unpublish s0 id=3\n"                           // 9
       "open-content s1 c0 tag=1\n"                    // 10
       "add-info s1 c0 from=i0\n"                      // 11
       "complete-info s1 c0\n"                         // 12
       "advance 100000\n"                              // 13
       "add-data s1 c0 id=3 offset=64 bytes=64\n"      // 14
       "advance 100000\n"                              // 15
       "stream-read s1 c0 bytes=200\n"                 // 16: begins at 64
       "advance 100000\n"                              // 17
       "block-read s1 c0 offset=0 bytes=10\n"          // 18: before the range
       "advance 100000\n"                              // 19
       "block-read s1 c0 offset=192 bytes=10\n"        // 20: exactly at its end
       "advance 100000\n",                             // 21: the mutant succeeds with 0 bytes
       {{"mutant:range-end-read-succeeds", 21}}},
      {"range-info-accepted", "the information of a range request is added and completed like a whole one's",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"                                  // 0
       "startup s1\n"                                  // 1
       "publish s0 t0 id=3 length=256\n"               // 2
       "add-to-stream s0 t0 bytes=256\n"               // 3
       "complete-stream s0 t0\n"                       // 4
       "advance 100000\n"                              // 5
       "open-info s0 i0 id=3 offset=64 length=128\n"   // 6: the range [64, 192)
       "retrieve-info s0 i0 bytes=4096\n"              // 7
       "advance 100000\n"                              // 8
       "unpublish s0 id=3\n"                           // 9
       "open-content s1 c0 tag=1\n"                    // 10
       "add-info s1 c0 from=i0\n"                      // 11
       "complete-info s1 c0\n"                         // 12
       "advance 100000\n",                             // 13: the mutant refuses the ranged information
       {{"mutant:ranged-info-refused", 13}}},
      {"add-data-outside-range", "with the first half's information, data for the second half is added",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"                                  // 0
       "startup s1\n"                                  // 1
       "publish s0 t0 id=3 length=256\n"               // 2
       "add-to-stream s0 t0 bytes=256\n"               // 3
       "complete-stream s0 t0\n"                       // 4
       "advance 100000\n"                              // 5
       "open-info s0 i0 id=3 offset=0 length=128\n"    // 6: the first half, [0, 128)
       "retrieve-info s0 i0 bytes=4096\n"              // 7
       "advance 100000\n"                              // 8
       "open-content s1 c0 tag=1\n"                    // 9
       "add-info s1 c0 from=i0\n"                      // 10
       "complete-info s1 c0\n"                         // 11
       "advance 100000\n"                              // 12
       "add-data s1 c0 id=3 offset=128 bytes=128\n"    // 13: the second half
       "advance 100000\n",                             // 14: the mutant refuses it (OUT_OF_BOUNDS)
       {{"mutant:add-data-range-bound", 14}}},
      {"flush-port-and-key", "a flush completes with a packet to its own port, with its key",
       "pdscenario 1\nseed 1\ninitial available\n"
       "startup s0\n"                          // 0
       "flush s0 tag=2 port=new key=77\n"      // 1
       "advance 100000\n",                     // 2: the mutant's packet carries key 0
       {{"mutant:flush-packet-key-zero", 2}}},
      {"completion-arrives", "an add-to-stream's completion signals the hEvent of its OVERLAPPED",
       "pdscenario 1\nseed 1\ninitial available\n"
       "startup s0\n"                        // 0
       "publish s0 t0 id=3 length=256\n"     // 1
       "add-to-stream s0 t0 bytes=256\n"     // 2
       "advance 100000\n"                    // 3: the mutant completes it without SetEvent
       "advance 100000\n",                   // 4
       {{"mutant:object-skips-event", 3}}},
      {"info-portions", "content information added in two portions completes",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"  // 0
       "startup s1\n"  // 1
       "publish s0 t0 id=3 length=256\n"  // 2
       "add-to-stream s0 t0 bytes=256\n"  // 3
       "complete-stream s0 t0\n"  // 4
       "advance 100000\n"  // 5
       "open-info s0 i0 id=3\n"  // 6
       "retrieve-info s0 i0 bytes=4096\n"  // 7
       "advance 100000\n"  // 8
       "open-content s1 c0 tag=1\n"  // 9
       "add-info s1 c0 part=0/2\n"  // 10
       "advance 100000\n"  // 11
       "add-info s1 c0 part=1/2\n"  // 12
       "advance 100000\n"  // 13
       "complete-info s1 c0\n"  // 14
       "advance 100000\n",  // 15: the mutant kept the second portion alone: it cannot parse it
       {{"mutant:info-portion-replaces", 15}}},
      {"invalid-parameter", "no data and a completion port that is none refused",
       "pdscenario 1\nseed 35\ninitial available\n"
       "startup s0\n"                       // 0
       "publish s0 t0 id=1\n"               // 1
       "add-to-stream s0 t0 bytes=0\n"      // 2: the first mutant takes no data
       "open-content s0 c0 port=bogus\n"    // 3: the second takes a port that is none
       "flush s0 port=bogus\n"              // 4
       "open-content s0 c1\n"               // 5
       "add-info s0 c1 bytes=0\n",          // 6: the third adds no information
       {{"mutant:zero-size-accepted", 2}, {"mutant:port-unchecked", 3}, {"mutant:zero-info-accepted", 6}}},
      {"invalid-parameter", "an identifier of 0 bytes labels nothing",
       "pdscenario 1\nseed 35\ninitial available\n"
       "startup s0\n"                              // 0
       "publish s0 t0 id=1 identifier=empty\n"     // 1: the mutant publishes the identifier ""
       "unpublish s0 id=1 identifier=empty\n",     // 2
       {{"mutant:empty-identifier-accepted", 1}}},
      {"read-missing-data", "missing data on ranged information is reported within the range",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"                                  // 0
       "startup s1\n"                                  // 1
       "publish s0 t0 id=3 length=256\n"               // 2
       "add-to-stream s0 t0 bytes=256\n"               // 3
       "complete-stream s0 t0\n"                       // 4
       "advance 100000\n"                              // 5
       "open-info s0 i0 id=3 offset=64 length=128\n"   // 6: the range [64, 192)
       "retrieve-info s0 i0 bytes=4096\n"              // 7
       "advance 100000\n"                              // 8
       "unpublish s0 id=3\n"                           // 9
       "open-content s1 c0 tag=1\n"                    // 10
       "add-info s1 c0 from=i0\n"                      // 11
       "complete-info s1 c0\n"                         // 12
       "advance 100000\n"                              // 13
       "block-read s1 c0 offset=128 bytes=10\n"        // 14: nothing holds [128, 192)
       "advance 100000\n",                             // 15: the mutant reports 64 bytes past the range
       {{"mutant:missing-past-range-end", 15}}},
      {"read-end", "PEERDIST_ERROR_NO_MORE only outside the range of ranged information",
       "pdscenario 1\nseed 12\ninitial available\n"
       "startup s0\n"                                  // 0
       "startup s1\n"                                  // 1
       "publish s0 t0 id=3 length=256\n"               // 2
       "add-to-stream s0 t0 bytes=256\n"               // 3
       "complete-stream s0 t0\n"                       // 4
       "advance 100000\n"                              // 5
       "open-info s0 i0 id=3 offset=64 length=128\n"   // 6: the range [64, 192)
       "retrieve-info s0 i0 bytes=4096\n"              // 7
       "advance 100000\n"                              // 8
       "unpublish s0 id=3\n"                           // 9
       "open-content s1 c0 tag=1\n"                    // 10
       "add-info s1 c0 from=i0\n"                      // 11
       "complete-info s1 c0\n"                         // 12
       "advance 100000\n"                              // 13
       "block-read s1 c0 offset=128 bytes=10\n"        // 14: inside the range
       "advance 100000\n",                             // 15: the mutant completes with NO_MORE
       {{"mutant:range-end-from-length", 15}}},
      {"read-delivers", "a read of data added whole to the local cache delivers at least a byte",
       "pdscenario 1\nseed 41\ninitial available\n"
       "startup s0\n"                                  // 0
       "startup s1\n"                                  // 1
       "publish s0 t0 id=1 length=200 port=new\n"      // 2
       "add-to-stream s0 t0 bytes=128\n"               // 3
       "add-to-stream s0 t0 bytes=72\n"                // 4
       "complete-stream s0 t0\n"                       // 5
       "advance 100000\n"                              // 6
       "open-info s0 i0 id=1\n"                        // 7
       "retrieve-info s0 i0 bytes=4096\n"              // 8
       "advance 100000\n"                              // 9
       "open-content s1 c0 tag=2\n"                    // 10
       "add-info s1 c0 from=i0\n"                      // 11
       "complete-info s1 c0\n"                         // 12
       "advance 100000\n"                              // 13
       "add-data s1 c0 id=1 offset=64 bytes=64\n"      // 14: block 1, whole
       "advance 100000\n"                              // 15
       "block-read s1 c0 offset=64 bytes=32\n"         // 16: from the local cache
       "advance 100000\n",                             // 17: the mutant succeeds with 0 bytes
       {{"mutant:cached-read-empty", 17}}},
      {"client-handles-accepted", "a busy content handle still closes",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                  // 0
       "open-content s0 c0 tag=1\n"                    // 1
       "complete-info s0 c0\n"                         // 2: pending
       "close-content s0 c0\n"                         // 3: the mutant refuses the close
       "advance 100000\n",                             // 4
       {{"mutant:close-content-refuses-busy", 3}}},
      {"client-handles-accepted", "a session may hold several content handles open",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                  // 0
       "open-content s0 c0 tag=1\n"                    // 1
       "open-content s0 c1 tag=2\n"                    // 2: the first mutant refuses it
       "open-content s0 c2 tag=zeros\n"                // 3: the second refuses 16 zero bytes
       "open-content s0 c3 tag=last1\n"                // 4
       "close-content s0 c0\n"                         // 5
       "advance 100000\n",                             // 6
       {{"mutant:open-content-limit-one", 2}, {"mutant:zero-tag-refused", 3}}},
      // Cancellation (session 6).
      {"cancel-aborts", "a cancel of a pending operation it names succeeds",
       "pdscenario 1\nseed 7\ninitial available\n"
       "startup s0\n"                                  // 0
       "open-content s0 c0 tag=1\n"                    // 1
       "add-data s0 c0 id=1 offset=0 bytes=64\n"       // 2: o0 pending
       "client-cancel s0 c0 o0\n"                      // 3: the mutant does not find it
       "advance 100000\n",
       {{"mutant:cancel-finds-reads-only", 3}}},
      {"server-cancel-scope", "a server cancel does not cancel another session's operation",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                  // 0
       "startup s1\n"                                  // 1
       "publish s0 t0 id=1\n"                          // 2
       "add-to-stream s0 t0 bytes=100\n"               // 3: o0, session 0's
       "server-cancel s1 o0 id=1\n"                    // 4: not found; the mutant cancels it
       "advance 100000\n",
       {{"mutant:server-cancel-any-session", 4}}},
      {"aborted-means-cancelled", "a stream write ends as aborted only when cancelled",
       "pdscenario 1\nseed 5\ninitial available\n"
       "startup s0\n"                                  // 0
       "publish s0 t0 id=1\n"                          // 1
       "add-to-stream s0 t0 bytes=100\n"               // 2
       "complete-stream s0 t0\n"                       // 3
       "advance 100000\n"                              // 4
       "complete-stream s0 t0\n"                       // 5: already completed
       "advance 100000\n",                             // 6: the mutant's ends ERROR_OPERATION_ABORTED
       {{"mutant:completed-write-aborted", 6}}},
  };
  return examples;
}

}  // namespace pd

#endif  // CONFORMANCE_RULES_EXAMPLE_SCENARIOS_H_
