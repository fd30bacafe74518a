#include "fuzz/step_codecs.h"

#include <iterator>

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
}

void BindEnvironment(FieldBinder& b, Step& s) {
  b.Choice(s.action, {EnvAction::kEnable, EnvAction::kDisable, EnvAction::kLose, EnvAction::kRegain,
                      EnvAction::kRestart});
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
