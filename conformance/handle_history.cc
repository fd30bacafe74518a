#include "conformance/handle_history.h"

#include <algorithm>
#include <cstdlib>

#include "sim/peerdist_version.h"

namespace pd {
namespace {

// The number after "id=" in a call's detail, or -1.
std::int64_t ContentNumber(const std::string& detail) {
  const std::size_t at = detail.find("id=");
  if (at == std::string::npos) return -1;
  return std::strtoll(detail.c_str() + at + 3, nullptr, 10);
}

bool IsAsyncContentFunction(ApiFunction function) {
  switch (function) {
    case ApiFunction::kServerPublishAddToStream:
    case ApiFunction::kServerPublishCompleteStream:
    case ApiFunction::kServerRetrieveContentInformation:
    case ApiFunction::kClientAddContentInformation:
    case ApiFunction::kClientCompleteContentInformation:
    case ApiFunction::kClientAddData:
    case ApiFunction::kClientBlockRead:
    case ApiFunction::kClientStreamRead:
    case ApiFunction::kClientFlushContent:
      return true;
    default:
      return false;
  }
}

}  // namespace

// A call that hands a function taking data no data at all (a size of 0,
// or no buffer): a second bad argument besides a handle's, which the
// reference refuses as ERROR_INVALID_PARAMETER like a NULL buffer. Which of
// two bad arguments is reported first is not documented.
bool PassesNoData(const TraceEvent& call) {
  switch (call.function) {
    case ApiFunction::kServerPublishAddToStream:
    case ApiFunction::kServerRetrieveContentInformation:
    case ApiFunction::kClientAddContentInformation:
    case ApiFunction::kClientAddData:
      return call.bytes == kNoValue || call.bytes <= 0;
    default:
      return false;
  }
}

bool PassesClassOutsideEnumeration(const TraceEvent& call) {
  return call.function == ApiFunction::kClientGetInformationByHandle && call.detail.find(" class=") != std::string::npos;
}

bool PassesEmptyIdentifier(const TraceEvent& call) {
  return call.detail.find(kEmptyIdentifierDetail) != std::string::npos;
}

bool PassesBadArgument(const TraceEvent& call) {
  return PassesNoData(call) || PassesClassOutsideEnumeration(call) || PassesEmptyIdentifier(call);
}

bool IsCloseFunction(ApiFunction function) {
  return function == ApiFunction::kServerCloseStreamHandle || function == ApiFunction::kServerCloseContentInformation ||
         function == ApiFunction::kClientCloseContent;
}

bool IsWin8Function(ApiFunction function) {
  return function == ApiFunction::kServerOpenContentInformationEx ||
         function == ApiFunction::kClientGetInformationByHandle;
}

std::string CallName(const CallView& call) {
  std::string out = ApiFunctionName(call.call->function);
  if (call.call->object_kind != HandleKind::kNone) {
    out += std::string(" on ") + HandleKindName(call.call->object_kind) + " handle ";
    out += call.call->object == kBogusObject ? std::string("(never issued)") : std::to_string(call.call->object);
  }
  out += " (step " + std::to_string(call.call->step) + ")";
  return out;
}

HandleHistory::HandleHistory(const TraceView& view) : view_(view) {
  const std::vector<TraceEvent>& events = view.events();
  PEERDIST_STATUS status = view.status().initial();
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].kind != TraceKind::kStatusChange || !IsValidStatus(events[i].status)) continue;
    StatusMove move;
    move.index = i;
    move.from = status;
    move.to = static_cast<PEERDIST_STATUS>(events[i].status);
    status = move.to;
    moves_.push_back(move);
  }
  std::map<int, std::size_t> operation_of_slot, operation_of_event;
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (c.function == ApiFunction::kStartup && call.ret != nullptr && call.ret->session >= 0) {
      // The API a session has is the one it asked for: a 1.x request is a
      // Windows 7 session whatever maximum the system reports.
      const std::string prefix = "version=";
      if (c.detail.compare(0, prefix.size(), prefix) == 0) {
        versions_[call.ret->session] = std::strtoll(c.detail.c_str() + prefix.size(), nullptr, 10);
      }
    }
    if (call.ret != nullptr && call.ret->object_kind != HandleKind::kNone && call.ret->object >= 0 &&
        call.ret->object_state == HandleState::kOpen) {
      OpenedHandle handle;
      handle.id = call.ret->object;
      handle.kind = call.ret->object_kind;
      handle.session = c.session;
      handle.content = ContentNumber(c.detail);
      handle.open_index = call.return_index;
      handle.port = c.port;
      handle.key = c.key == kNoValue ? 0 : c.key;
      handles_[handle.id] = handle;
    }
    if (IsAsyncContentFunction(c.function) && call.ret != nullptr) {
      OperationView operation;
      operation.call = &call;
      operation.overlapped = c.overlapped;
      operation.event = c.event;
      operation.object = c.object;
      operation.accepted = call.ret->code == ERROR_IO_PENDING || call.ret->code == ERROR_SUCCESS;
      operations_.push_back(operation);
      if (c.overlapped >= 0) operation_of_slot[c.overlapped] = operations_.size() - 1;
      if (c.event >= 0) operation_of_event[c.event] = operations_.size() - 1;
    }
  }
  // Completion acts, attributed by OVERLAPPED slot (packets, done) or event.
  for (std::size_t i = 0; i < events.size(); ++i) {
    const TraceEvent& event = events[i];
    std::map<int, std::size_t>::const_iterator it;
    if (event.kind == TraceKind::kEventSignal) {
      it = operation_of_event.find(event.event);
      if (it == operation_of_event.end()) continue;
    } else if (event.kind == TraceKind::kPacket || event.kind == TraceKind::kOverlappedDone) {
      it = operation_of_slot.find(event.overlapped);
      if (it == operation_of_slot.end()) continue;
    } else {
      continue;
    }
    OperationView& operation = operations_[it->second];
    if (i < operation.call->call_index) continue;
    // A signal snapshots the OVERLAPPED of the event's newest user: its code
    // is this operation's only when that slot is this operation's.
    std::int64_t code = event.code;
    if (event.kind == TraceKind::kEventSignal && event.overlapped != operation.overlapped) code = kNoValue;
    if (code == static_cast<std::int64_t>(kStatusPending)) continue;
    operation.acts.push_back({i, code});
  }
}

const OpenedHandle* HandleHistory::Handle(int id) const {
  auto it = handles_.find(id);
  return it == handles_.end() ? nullptr : &it->second;
}

const StatusMove* HandleHistory::InvalidatedBy(const OpenedHandle& handle, std::size_t before) const {
  for (const StatusMove& move : moves_) {
    if (move.index <= handle.open_index) continue;
    if (move.index >= before) break;
    if (move.Invalidates()) return &move;
  }
  return nullptr;
}

const StatusMove* HandleHistory::MoveWhilePending(const OperationView& operation) const {
  if (!operation.accepted || operation.object < 0) return nullptr;
  const OpenedHandle* handle = WellFormedTarget(*operation.call);
  if (handle == nullptr) return nullptr;
  const std::size_t first = operation.FirstAct();
  const StatusMove* move = InvalidatedBy(*handle, first == kNoPosition ? view_.events().size() : first);
  if (move == nullptr || move->index < operation.call->return_index) return nullptr;
  return move;
}

bool HandleHistory::ReturnedBetween(std::size_t from, std::size_t to) const {
  for (const StatusMove& move : moves_) {
    if (move.index > from && move.index < to && move.to == PEERDIST_STATUS_AVAILABLE) return true;
  }
  return false;
}

bool HandleHistory::IsWin8Session(int session) const {
  auto it = versions_.find(session);
  return it != versions_.end() && RequestsWin8(static_cast<std::uint64_t>(it->second));
}

const OpenedHandle* HandleHistory::WellFormedTarget(const CallView& call) const {
  const TraceEvent& c = *call.call;
  if (c.object_kind == HandleKind::kNone || c.object < 0 || c.object_state != HandleState::kOpen) return nullptr;
  if (c.handle_open != 1 || c.null_arg == 1 || call.ret == nullptr) return nullptr;
  if (PassesBadArgument(c)) return nullptr;
  const OpenedHandle* handle = Handle(c.object);
  if (handle == nullptr || handle->session != c.session) return nullptr;
  if (IsWin8Function(c.function) && !IsWin8Session(c.session)) return nullptr;
  return handle;
}

}  // namespace pd
