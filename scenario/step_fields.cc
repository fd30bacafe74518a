#include "scenario/step_fields.h"

#include "scenario/scenario_text.h"  // IsAsyncContentStep

namespace pd {

bool IsContentKind(StepKind kind) { return kind >= StepKind::kPublish && kind <= StepKind::kClientCancel; }
bool IsPeerKind(StepKind kind) { return kind == StepKind::kPeerAdd || kind == StepKind::kPeerRemove; }

bool TakesSession(StepKind kind) {
  return kind == StepKind::kStartup || kind == StepKind::kShutdown || kind == StepKind::kGetStatus ||
         kind == StepKind::kRegister || kind == StepKind::kUnregister || IsContentKind(kind);
}

bool TakesHandle(StepKind kind) { return TakesSession(kind) && kind != StepKind::kStartup; }

bool HasId(StepKind k) {
  return k == StepKind::kPublish || k == StepKind::kUnpublish || k == StepKind::kOpenInfo ||
         k == StepKind::kServerCancel || k == StepKind::kAddData || IsPeerKind(k);
}
bool HasBytes(StepKind k) {
  return k == StepKind::kAddToStream || k == StepKind::kRetrieveInfo || k == StepKind::kAddData ||
         k == StepKind::kBlockRead || k == StepKind::kStreamRead || k == StepKind::kGetInfo;
}
bool HasOffset(StepKind k) {
  return k == StepKind::kOpenInfo || k == StepKind::kAddData || k == StepKind::kBlockRead || k == StepKind::kPeerAdd;
}
bool HasHighOffset(StepKind k) { return k == StepKind::kAddData || k == StepKind::kBlockRead; }
bool HasOverlappedOffset(StepKind k) { return k == StepKind::kStreamRead; }
bool HasLength(StepKind k) { return k == StepKind::kPublish || k == StepKind::kOpenInfo || k == StepKind::kPeerAdd; }
bool HasPort(StepKind k) {
  return k == StepKind::kRegister || k == StepKind::kPublish || k == StepKind::kOpenInfo ||
         k == StepKind::kOpenContent || k == StepKind::kFlush;
}
bool HasTag(StepKind k) { return k == StepKind::kOpenContent || k == StepKind::kFlush; }
bool HasTimeout(StepKind k) { return k == StepKind::kBlockRead || k == StepKind::kStreamRead; }
bool HasCorrupt(StepKind k) { return k == StepKind::kAddInfo || k == StepKind::kAddData; }
bool HasOut(StepKind k) {
  return k == StepKind::kStartup || k == StepKind::kGetStatus || k == StepKind::kRegister ||
         k == StepKind::kPublish || k == StepKind::kOpenInfo || k == StepKind::kOpenContent || k == StepKind::kGetInfo;
}
bool HasOptions(StepKind k) { return k == StepKind::kPublish || k == StepKind::kOpenInfo; }
bool HasEx(StepKind k) { return k == StepKind::kGetStatus || k == StepKind::kRegister || k == StepKind::kOpenInfo; }
// Calls whose OVERLAPPED (and its event) the harness makes.
bool HasOverlapped(StepKind k) {
  return k == StepKind::kRegister || IsAsyncContentStep(k) || k == StepKind::kServerCancel;
}
bool TakesIdentifier(StepKind k) {
  return k == StepKind::kPublish || k == StepKind::kUnpublish || k == StepKind::kOpenInfo ||
         k == StepKind::kServerCancel;
}
const char* NullInName(StepKind k) {
  switch (k) {
    case StepKind::kPublish:
    case StepKind::kUnpublish:
    case StepKind::kOpenInfo:
    case StepKind::kServerCancel: return "identifier";
    case StepKind::kOpenContent:
    case StepKind::kFlush: return "tag";
    case StepKind::kAddToStream:
    case StepKind::kRetrieveInfo:
    case StepKind::kAddInfo:
    case StepKind::kAddData:
    case StepKind::kBlockRead:
    case StepKind::kStreamRead: return "buffer";
    default: return nullptr;
  }
}
char ObjectPrefix(StepKind k) {
  switch (k) {
    case StepKind::kPublish:
    case StepKind::kAddToStream:
    case StepKind::kCompleteStream:
    case StepKind::kCloseStream: return 't';
    case StepKind::kOpenInfo:
    case StepKind::kRetrieveInfo:
    case StepKind::kCloseInfo: return 'i';
    case StepKind::kOpenContent:
    case StepKind::kCloseContent:
    case StepKind::kAddInfo:
    case StepKind::kCompleteInfo:
    case StepKind::kAddData:
    case StepKind::kBlockRead:
    case StepKind::kStreamRead:
    case StepKind::kGetInfo:
    case StepKind::kClientCancel: return 'c';
    default: return 0;
  }
}
bool TakesOperation(StepKind k) { return k == StepKind::kServerCancel || k == StepKind::kClientCancel; }


}  // namespace pd
