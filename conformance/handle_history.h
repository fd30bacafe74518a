// The content part of a trace, indexed for judging: every content,
// content-information and stream handle the harness saw opened (kind, owner
// session, when), every asynchronous content operation with its completion
// acts, and the status moves that invalidate handles. The invalidation
// rules, the generic-contract rules and the coverage matrix read this.
#ifndef CONFORMANCE_HANDLE_HISTORY_H_
#define CONFORMANCE_HANDLE_HISTORY_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "conformance/trace_view.h"
#include "sim/trace.h"

namespace pd {

constexpr std::size_t kNoPosition = static_cast<std::size_t>(-1);

// A handle a successful open returned.
struct OpenedHandle {
  int id = -1;
  HandleKind kind = HandleKind::kNone;
  int session = -1;               // the session that opened it
  std::int64_t content = -1;      // streams and content information: the content number
  std::size_t open_index = 0;     // trace position of the open's return
  // The completion port and key the open passed (port: -1 NULL, -2 not a
  // port); content handles post their operations' completions there.
  int port = -1;
  std::int64_t key = 0;
};

// One completion act of an operation: a SetEvent on its event, a packet
// carrying its OVERLAPPED, or the harness seeing its Internal leave pending.
struct OperationAct {
  std::size_t index = 0;
  std::int64_t code = kNoValue;
};

// One asynchronous content call (the scenario's oN) that was accepted.
struct OperationView {
  const CallView* call = nullptr;
  int overlapped = -1;  // OVERLAPPED slot id (-1: NULL)
  int event = -1;
  int object = -1;      // the handle it was called on (-1: FlushContent)
  bool accepted = false;  // returned ERROR_IO_PENDING or ERROR_SUCCESS
  std::vector<OperationAct> acts;  // in trace order
  // Trace position of its first completion act, kNoPosition if none.
  std::size_t FirstAct() const { return acts.empty() ? kNoPosition : acts.front().index; }
};

// A status change event.
struct StatusMove {
  std::size_t index = 0;
  PEERDIST_STATUS from = PEERDIST_STATUS_DISABLED;
  PEERDIST_STATUS to = PEERDIST_STATUS_DISABLED;
  // A move to DISABLED or UNAVAILABLE: every handle opened before it stops working.
  bool Invalidates() const { return to != PEERDIST_STATUS_AVAILABLE; }
};

class HandleHistory {
 public:
  explicit HandleHistory(const TraceView& view);

  const TraceView& view() const { return view_; }
  const std::map<int, OpenedHandle>& handles() const { return handles_; }
  const std::vector<OperationView>& operations() const { return operations_; }
  const std::vector<StatusMove>& moves() const { return moves_; }
  const OpenedHandle* Handle(int id) const;
  // The first invalidating move after the handle's open and before trace
  // position `before`, or nullptr.
  const StatusMove* InvalidatedBy(const OpenedHandle& handle, std::size_t before) const;
  // The invalidating move that found `operation` pending on its handle:
  // accepted on a well-formed target, returned before the move, and no
  // completion act before it. nullptr when there is none.
  const StatusMove* MoveWhilePending(const OperationView& operation) const;
  // Whether the status returned to AVAILABLE between positions (from, to).
  bool ReturnedBetween(std::size_t from, std::size_t to) const;
  // Calls whose session handle is open and is the handle's owner, with no
  // NULL required pointer and no empty data, on a handle that is open: the
  // calls whose result the invalidation rules fix. nullptr when `call` is
  // none of those.
  const OpenedHandle* WellFormedTarget(const CallView& call) const;
  // Whether the session asked for the Windows 8 API (version 2.0 or later).
  bool IsWin8Session(int session) const;

 private:
  const TraceView& view_;
  std::map<int, OpenedHandle> handles_;
  std::vector<OperationView> operations_;
  std::vector<StatusMove> moves_;
  std::map<int, std::int64_t> versions_;  // session -> requested version
};

bool IsCloseFunction(ApiFunction function);
// Whether a call hands a function that takes data (PublishAddToStream,
// RetrieveContentInformation, AddContentInformation, AddData) no data at
// all: a second bad argument besides a bad handle (AMBIGUITIES.md, "which of
// two bad arguments is reported first").
bool PassesNoData(const TraceEvent& call);
// Whether a PeerDistClientGetInformationByHandle call passes an information
// class outside PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS (its detail says
// "class=N"): a bad argument of its own (the rule info-class).
bool PassesClassOutsideEnumeration(const TraceEvent& call);
// Whether a call that names a content identifier (publish, unpublish, the
// content-information opens, the server cancel) passes one of 0 bytes (its
// detail says "identifier=empty"): a bad argument of its own (the rule
// invalid-parameter).
bool PassesEmptyIdentifier(const TraceEvent& call);
// PassesNoData, PassesClassOutsideEnumeration or PassesEmptyIdentifier: a
// second bad argument besides a bad handle.
bool PassesBadArgument(const TraceEvent& call);
// The functions only Windows 8 sessions may call.
bool IsWin8Function(ApiFunction function);
// Short name for messages: "PeerDistClientBlockRead on content handle 3".
std::string CallName(const CallView& call);

}  // namespace pd

#endif  // CONFORMANCE_HANDLE_HISTORY_H_
