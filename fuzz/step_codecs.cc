#include "fuzz/step_codecs.h"

#include <iterator>

#include "scenario/scenario_text.h"  // IsAsyncContentStep
#include "scenario/step_fields.h"
#include "sim/peerdist_types.h"
#include "sim/service_model.h"
#include "sim/virtual_time.h"

namespace pd {
namespace {

// Shared by every call on a session: the slot, then whether the handle
// passed is a bogus value instead of the slot's.
void BindSessionCall(FieldBinder& b, Step& s) {
  b.Int(s.session, kMaxSessions - 1);
  bool bogus = s.handle == HandleArg::kBogus;
  b.Flag(bogus);
  s.handle = bogus ? HandleArg::kBogus : HandleArg::kSlot;
}

void BindStartup(FieldBinder& b, Step& s) {
  b.Int(s.session, kMaxSessions - 1);
  b.Flag(s.null_out);
  // Zero bytes request PEERDIST_VERSION, so most inputs open their session;
  // any other DWORD stays reachable through the third choice.
  int which = s.version == PEERDIST_VERSION ? 0 : s.version == PEERDIST_VERSION_WIN7 ? 1 : 2;
  b.Index(which, 3);
  b.Unsigned(s.version, 0xFFFFFFFFu);
  if (which == 0) s.version = PEERDIST_VERSION;
  if (which == 1) s.version = PEERDIST_VERSION_WIN7;
}

void BindShutdown(FieldBinder& b, Step& s) { BindSessionCall(b, s); }

void BindGetStatus(FieldBinder& b, Step& s) {
  BindSessionCall(b, s);
  b.Flag(s.ex);
  b.Flag(s.null_out);
}

void BindRegister(FieldBinder& b, Step& s) {
  BindSessionCall(b, s);
  b.Flag(s.ex);
  b.Flag(s.null_out);
  b.Flag(s.null_overlapped);
  // Stored inverted: zero bytes give an OVERLAPPED with an event.
  bool no_event = !s.event;
  b.Flag(no_event);
  s.event = !no_event;
  b.Choice(s.port, {PortArg::kNone, PortArg::kNew, PortArg::kLast, PortArg::kBogus});
  b.Unsigned(s.key, ~std::uint64_t{0});
}

void BindUnregister(FieldBinder& b, Step& s) { BindSessionCall(b, s); }

void BindGetOverlappedResult(FieldBinder& b, Step& s) {
  b.Int(s.registration, kMaxSteps);
  b.Flag(s.wait);
  b.Flag(s.null_out);
  b.Flag(s.of_operation);  // oN (a content operation) instead of rN; a later bit, so old records keep rN
}

// Every content step: the fields its kind uses, as scenario/step_fields.h
// says (the same answer the text form uses), in one fixed order. Fields a
// kind does not use are not bound and keep a fresh Step's defaults. The
// 64-bit key comes last, so short records still decode to key 0.
void BindContentStep(FieldBinder& b, Step& s) {
  const StepKind k = s.kind;
  BindSessionCall(b, s);
  if (ObjectPrefix(k) != 0) b.Int(s.object, kMaxObjects - 1);
  if (TakesOperation(k)) b.Int(s.registration, kMaxSteps);
  if (k == StepKind::kClientCancel) b.Flag(s.all);
  if (HasEx(k)) b.Flag(s.ex);
  if (HasCorrupt(k)) b.Flag(s.corrupt);
  if (HasTimeout(k)) {
    bool local = s.timeout == TimeoutArg::kLocalOnly;
    b.Flag(local);
    const bool ms = s.timeout == TimeoutArg::kMilliseconds;  // bound at the end
    s.timeout = local ? TimeoutArg::kLocalOnly : ms ? TimeoutArg::kMilliseconds : TimeoutArg::kDefault;
  }
  if (IsAsyncContentStep(k)) {
    bool no_event = !s.event;  // stored inverted: zero bytes give an event
    b.Flag(no_event);
    s.event = !no_event;
  }
  if (HasOverlapped(k)) b.Flag(s.null_overlapped);
  if (NullInName(k) != nullptr) b.Flag(s.null_in);
  if (HasOut(k)) b.Flag(s.null_out);
  if (HasId(k)) b.Unsigned(s.content, kMaxContentId);
  // OffsetHigh is bound at the end (a later field): here the Offset alone.
  std::uint64_t offset_high = HasHighOffset(k) ? s.offset >> 32 : 0;
  if (HasHighOffset(k)) s.offset &= 0xFFFFFFFFu;
  if (HasOffset(k)) b.Unsigned(s.offset, kMaxStepBytes);
  if (HasLength(k)) b.Unsigned(s.length, kMaxStepBytes);
  if (HasBytes(k)) {
    // Stored as the difference from the default, so zero bytes give it.
    std::uint64_t delta = (s.bytes + kMaxStepBytes + 1 - Step{}.bytes) % (kMaxStepBytes + 1);
    b.Number(delta, kMaxStepBytes);
    s.bytes = static_cast<std::uint32_t>((delta + Step{}.bytes) % (kMaxStepBytes + 1));
  }
  if (HasTag(k)) b.Unsigned(s.tag, 255);
  if (k == StepKind::kAddInfo) b.Int(s.source, kMaxObjects - 1);
  if (HasPort(k)) {
    b.Choice(s.port, {PortArg::kNone, PortArg::kNew, PortArg::kLast, PortArg::kBogus});
    b.Unsigned(s.key, ~std::uint64_t{0});
  }
  // After everything older records hold, so they keep decoding as they did:
  // 0 (no bytes) keeps the flag's timeout, N a timeout of N ms.
  if (HasTimeout(k) && s.timeout != TimeoutArg::kLocalOnly) {
    std::uint32_t ms = s.timeout == TimeoutArg::kMilliseconds ? s.timeout_ms : 0;
    b.Unsigned(ms, kMaxReadTimeoutMs);
    s.timeout = ms == 0 ? TimeoutArg::kDefault : TimeoutArg::kMilliseconds;
    s.timeout_ms = ms;
  }
  // Publish's options=, and later open-info's (after its key): older open-info
  // records decode to the default versions 1..2.
  if (HasOptions(k)) b.Unsigned(s.options, kMaxPublicationOptionsVersion);
  if (k == StepKind::kGetInfo) b.Unsigned(s.info_class, kMaxInfoClass);
  if (k == StepKind::kAddInfo) {
    b.Unsigned(s.pieces, kMaxInfoPieces);
    b.Unsigned(s.piece, kMaxInfoPieces - 1);
    // Fewer than two pieces is the whole information; a piece past the last wraps.
    if (s.pieces < 2) s.pieces = s.piece = 0;
    s.piece %= s.pieces == 0 ? 1 : s.pieces;
  }
  // After every older field: older records keep an identifier of its bytes.
  if (TakesIdentifier(k)) b.Flag(s.empty_id);
  // Later fields: older records decode to OffsetHigh 0 and a stream read
  // whose OVERLAPPED holds Offset 0.
  if (HasHighOffset(k)) {
    b.Unsigned(offset_high, kMaxOffsetHigh);
    s.offset |= offset_high << 32;
  }
  if (HasOverlappedOffset(k)) b.Unsigned(s.overlapped_offset, ~std::uint64_t{0});
}

void BindPeerStep(FieldBinder& b, Step& s) {
  b.Unsigned(s.content, kMaxContentId);
  if (s.kind != StepKind::kPeerAdd) return;
  b.Unsigned(s.offset, kMaxStepBytes);
  b.Unsigned(s.length, kMaxStepBytes);
  b.Unsigned(s.latency_ms, kMaxReadTimeoutMs);
}

void BindEnvironment(FieldBinder& b, Step& s) {
  const EnvAction wanted = s.action;
  b.Choice(s.action, {EnvAction::kEnable, EnvAction::kDisable, EnvAction::kLose, EnvAction::kRegain,
                      EnvAction::kRestart});
  // A later field, so older records keep their action: 0 keeps the one
  // above, the others replace it with an action that names its cause.
  static constexpr EnvAction kNamed[] = {EnvAction::kPolicyOff, EnvAction::kPolicyOn, EnvAction::kStop,
                                         EnvAction::kStart};
  int named = 0;
  for (int i = 0; i < 4; ++i) {
    if (kNamed[i] == wanted) named = i + 1;
  }
  b.Index(named, 5);
  if (named != 0) s.action = kNamed[named - 1];
}

void BindAdvance(FieldBinder& b, Step& s) { b.Unsigned(s.advance, kMaxAdvance); }

// Append new kinds at the end (indices are part of the corpus format).
constexpr StepCodec kCodecs[] = {
    {StepKind::kStartup, &BindStartup},
    {StepKind::kRegister, &BindRegister},
    {StepKind::kEnvironment, &BindEnvironment},
    {StepKind::kAdvance, &BindAdvance},
    {StepKind::kGetStatus, &BindGetStatus},
    {StepKind::kUnregister, &BindUnregister},
    {StepKind::kGetOverlappedResult, &BindGetOverlappedResult},
    {StepKind::kShutdown, &BindShutdown},
    // The content part (issue 3).
    {StepKind::kPublish, &BindContentStep},
    {StepKind::kAddToStream, &BindContentStep},
    {StepKind::kCompleteStream, &BindContentStep},
    {StepKind::kCloseStream, &BindContentStep},
    {StepKind::kUnpublish, &BindContentStep},
    {StepKind::kOpenInfo, &BindContentStep},
    {StepKind::kRetrieveInfo, &BindContentStep},
    {StepKind::kCloseInfo, &BindContentStep},
    {StepKind::kServerCancel, &BindContentStep},
    {StepKind::kOpenContent, &BindContentStep},
    {StepKind::kCloseContent, &BindContentStep},
    {StepKind::kAddInfo, &BindContentStep},
    {StepKind::kCompleteInfo, &BindContentStep},
    {StepKind::kAddData, &BindContentStep},
    {StepKind::kBlockRead, &BindContentStep},
    {StepKind::kStreamRead, &BindContentStep},
    {StepKind::kFlush, &BindContentStep},
    {StepKind::kGetInfo, &BindContentStep},
    {StepKind::kClientCancel, &BindContentStep},
    // The peer network (issue 12).
    {StepKind::kPeerAdd, &BindPeerStep},
    {StepKind::kPeerRemove, &BindPeerStep},
};

}  // namespace

const StepCodec* StepCodecs() { return kCodecs; }
std::size_t StepCodecCount() { return std::size(kCodecs); }

int StepCodecIndex(StepKind kind) {
  for (std::size_t i = 0; i < std::size(kCodecs); ++i) {
    if (kCodecs[i].kind == kind) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace pd
