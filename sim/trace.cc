#include "sim/trace.h"

#include <cinttypes>
#include <cstdio>

namespace pd {

const char* TraceKindName(TraceKind kind) {
  switch (kind) {
    case TraceKind::kStep: return "step";
    case TraceKind::kCall: return "call";
    case TraceKind::kReturn: return "return";
    case TraceKind::kStatusChange: return "status";
    case TraceKind::kEventSignal: return "signal";
    case TraceKind::kPacket: return "packet";
    case TraceKind::kOverlappedDone: return "overlapped-done";
    case TraceKind::kFinding: return "finding";
    case TraceKind::kPeerChange: return "peers";
    case TraceKind::kServiceCause: return "cause";
  }
  return "?";
}

const char* ApiFunctionName(ApiFunction function) {
  switch (function) {
    case ApiFunction::kNone: return "-";
    case ApiFunction::kStartup: return "PeerDistStartup";
    case ApiFunction::kShutdown: return "PeerDistShutdown";
    case ApiFunction::kGetStatus: return "PeerDistGetStatus";
    case ApiFunction::kGetStatusEx: return "PeerDistGetStatusEx";
    case ApiFunction::kRegister: return "PeerDistRegisterForStatusChangeNotification";
    case ApiFunction::kRegisterEx: return "PeerDistRegisterForStatusChangeNotificationEx";
    case ApiFunction::kUnregister: return "PeerDistUnregisterForStatusChangeNotification";
    case ApiFunction::kGetOverlappedResult: return "PeerDistGetOverlappedResult";
    case ApiFunction::kServerPublishStream: return "PeerDistServerPublishStream";
    case ApiFunction::kServerPublishAddToStream: return "PeerDistServerPublishAddToStream";
    case ApiFunction::kServerPublishCompleteStream: return "PeerDistServerPublishCompleteStream";
    case ApiFunction::kServerCloseStreamHandle: return "PeerDistServerCloseStreamHandle";
    case ApiFunction::kServerUnpublish: return "PeerDistServerUnpublish";
    case ApiFunction::kServerOpenContentInformation: return "PeerDistServerOpenContentInformation";
    case ApiFunction::kServerOpenContentInformationEx: return "PeerDistServerOpenContentInformationEx";
    case ApiFunction::kServerRetrieveContentInformation: return "PeerDistServerRetrieveContentInformation";
    case ApiFunction::kServerCloseContentInformation: return "PeerDistServerCloseContentInformation";
    case ApiFunction::kServerCancelAsyncOperation: return "PeerDistServerCancelAsyncOperation";
    case ApiFunction::kClientOpenContent: return "PeerDistClientOpenContent";
    case ApiFunction::kClientCloseContent: return "PeerDistClientCloseContent";
    case ApiFunction::kClientAddContentInformation: return "PeerDistClientAddContentInformation";
    case ApiFunction::kClientCompleteContentInformation: return "PeerDistClientCompleteContentInformation";
    case ApiFunction::kClientAddData: return "PeerDistClientAddData";
    case ApiFunction::kClientBlockRead: return "PeerDistClientBlockRead";
    case ApiFunction::kClientStreamRead: return "PeerDistClientStreamRead";
    case ApiFunction::kClientFlushContent: return "PeerDistClientFlushContent";
    case ApiFunction::kClientGetInformationByHandle: return "PeerDistClientGetInformationByHandle";
    case ApiFunction::kClientCancelAsyncOperation: return "PeerDistClientCancelAsyncOperation";
  }
  return "?";
}

const char* HandleKindName(HandleKind kind) {
  switch (kind) {
    case HandleKind::kNone: return "-";
    case HandleKind::kStream: return "stream";
    case HandleKind::kContentInfo: return "contentinfo";
    case HandleKind::kContent: return "content";
  }
  return "?";
}

namespace {

void AppendField(std::string& out, const char* name, std::int64_t value) {
  if (value == kNoValue) return;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, " %s=%" PRId64, name, value);
  out += buffer;
}

void AppendId(std::string& out, const char* name, int value) {
  if (value == -1) return;
  if (value == -2) {
    out += ' ';
    out += name;
    out += "=foreign";
    return;
  }
  AppendField(out, name, value);
}

}  // namespace

std::string TraceEvent::Render() const {
  char head[64];
  std::snprintf(head, sizeof head, "t=%" PRIu64 " step=%d %s", time, step, TraceKindName(kind));
  std::string out = head;
  if (function != ApiFunction::kNone) {
    out += ' ';
    out += ApiFunctionName(function);
  }
  AppendId(out, "session", session);
  AppendId(out, "ov", overlapped);
  AppendId(out, "event", event);
  AppendId(out, "port", port);
  if (handle_open != -1) out += handle_open ? " handle=open" : " handle=closed";
  if (object_kind != HandleKind::kNone) {
    // " content=3(open)", " stream=bogus": absent for events without one, so
    // traces of the notification part render as they always did.
    out += ' ';
    out += HandleKindName(object_kind);
    out += '=';
    out += object == kBogusObject ? std::string("bogus") : std::to_string(object);
    switch (object_state) {
      case HandleState::kOpen: out += "(open)"; break;
      case HandleState::kClosed: out += "(closed)"; break;
      case HandleState::kNeverIssued:
      case HandleState::kUnknown: break;
    }
  }
  if (null_arg == 1) out += " null-arg";
  if (bool_result != kNoValue) out += bool_result ? " result=TRUE" : " result=FALSE";
  if (code != kNoValue) out += " code=" + ErrorName(static_cast<DWORD>(code));
  if (old_status != kNoValue) out += " from=" + StatusName(old_status);
  if (status != kNoValue) out += " status=" + StatusName(status);
  AppendField(out, "key", key);
  AppendField(out, "bytes", bytes);
  AppendField(out, "info_size", info_size);
  AppendField(out, "info_min", info_min);
  AppendField(out, "info_max", info_max);
  if (!detail.empty()) {
    out += " | ";
    out += detail;
  }
  return out;
}

void Trace::Add(TraceEvent event) {
  if (events_.size() >= kMaxEvents) {
    truncated_ = true;
    return;
  }
  // A typical run records a few hundred events: one allocation up front
  // instead of a reallocation (and a move of every event) per doubling.
  if (events_.capacity() == 0) events_.reserve(256);
  events_.push_back(std::move(event));
}

std::string Trace::Render() const {
  std::string out;
  for (const TraceEvent& event : events_) {
    out += event.Render();
    out += '\n';
  }
  if (truncated_) out += "trace truncated\n";
  return out;
}

}  // namespace pd
