#include "scenario/scenario_runner.h"

#include <array>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "adapters/implementation_lost.h"
#include "scenario/content_calls.h"
#include "scenario/scenario_text.h"
#include "sim/overlapped_slot.h"

namespace pd {
namespace {

// What the harness knows of one session slot.
struct SessionSlot {
  PEERDIST_INSTANCE_HANDLE handle = nullptr;
  int session_id = -1;  // trace id of the session it holds or last held
  bool open = false;
};

class Run {
 public:
  Run(const Scenario& scenario, const ImplFactory& make_impl, const RunConfig& config, RunStats* stats)
      : scenario_(scenario), config_(config), stats_(stats), world_(scenario.seed, WorldWith(config, scenario)) {
    impl_ = make_impl(world_);
    contents_ = std::make_unique<ContentCalls>(
        world_, *impl_,
        [this](ApiFunction function, const Step& step, PEERDIST_INSTANCE_HANDLE* handle) {
          TraceEvent call = BeginCall(function);
          *handle = HandleFor(step, call);
          return call;
        },
        [this](PortArg shape, TraceEvent& call) { return PortFor(shape, call); });
    world_.SetStatusListener([this](PEERDIST_STATUS before, PEERDIST_STATUS now) {
      impl_->OnServiceStatusChanged(before, now);
    });
  }

  Trace Execute() {
    // Step -1 records the service status at time 0, the start of the
    // status timeline every rule reads.
    TraceEvent initial = Stamp(TraceKind::kStep);
    initial.status = scenario_.initial_status;
    initial.detail = "initial";
    world_.trace().Add(std::move(initial));
    try {
      for (std::size_t i = 0; i < scenario_.steps.size(); ++i) {
        world_.set_current_step(static_cast<int>(i));
        MarkStep(config_.label_steps ? RenderStep(scenario_.steps[i]) : std::string());
        ExecuteStep(scenario_.steps[i]);
        world_.CallReturned();
        ScanOverlapped();
      }
      world_.set_current_step(static_cast<int>(scenario_.steps.size()));
      MarkStep("drain");
      world_.RunFor(config_.drain);
      ScanOverlapped();
      MarkStep("end");
    } catch (const ImplementationLost& lost) {
      // A plugin or process implementation crashed, hung or broke the
      // protocol: the finding names the rule (no-crash, no-hang); the case ends.
      world_.Finding(lost.finding);
      if (stats_ != nullptr && lost.finding.rfind(kHangFindingPrefix, 0) == 0) stats_->hung = true;
    } catch (const WorldBoundExceeded& bound) {
      world_.Finding(FindingOf(bound));
    } catch (const std::exception& error) {
      // An in-process implementation's crash: no-crash names it.
      world_.Finding(Crashed(std::string("the implementation threw an exception: ") + error.what()).finding);
    }
    // The run ends here: hand the trace over instead of copying every
    // event (measurable in the fuzzer's executions per second).
    return std::move(world_.trace());
  }

 private:
  // A bound the implementation ran into is a livelock in virtual time, for
  // no-hang; one the scenario's own caller ran into stays a plain finding.
  static std::string FindingOf(const WorldBoundExceeded& bound) {
    if (bound.cause == WorldBoundExceeded::Cause::kCaller) return "world bound exceeded: " + bound.what;
    return Hung("the implementation " + bound.what + " (a livelock in virtual time)").finding;
  }

  static WorldConfig WorldWith(const RunConfig& config, const Scenario& scenario) {
    WorldConfig world = config.world;
    world.initial_status = scenario.initial_status;
    return world;
  }

  TraceEvent Stamp(TraceKind kind) const {
    TraceEvent event;
    event.kind = kind;
    event.time = world_.Now();
    event.step = world_.current_step();
    return event;
  }

  void MarkStep(const std::string& text) {
    TraceEvent event = Stamp(TraceKind::kStep);
    event.detail = text;
    world_.trace().Add(std::move(event));
  }

  // The handle a call passes, and whether it is open.
  PEERDIST_INSTANCE_HANDLE HandleFor(const Step& step, TraceEvent& call) {
    const SessionSlot& slot = slots_[step.session];
    if (step.handle == HandleArg::kBogus || slot.session_id < 0) {
      call.handle_open = 0;
      return World::BogusHandle(step.session);
    }
    call.session = slot.session_id;
    call.handle_open = slot.open ? 1 : 0;
    return slot.handle;
  }

  TraceEvent BeginCall(ApiFunction function) {
    if (stats_ != nullptr) ++stats_->api_calls;
    TraceEvent call = Stamp(TraceKind::kCall);
    call.function = function;
    return call;
  }

  TraceEvent ReturnOf(const TraceEvent& call, DWORD code) const {
    TraceEvent ret = Stamp(TraceKind::kReturn);
    ret.function = call.function;
    ret.session = call.session;
    ret.overlapped = call.overlapped;
    ret.code = code;
    return ret;
  }

  void ExecuteStep(const Step& step) {
    switch (step.kind) {
      case StepKind::kStartup: return Startup(step);
      case StepKind::kShutdown: return Shutdown(step);
      case StepKind::kGetStatus: return step.ex ? GetStatusEx(step) : GetStatus(step);
      case StepKind::kRegister: return Register(step);
      case StepKind::kUnregister: return Unregister(step);
      case StepKind::kGetOverlappedResult: return GetOverlappedResult(step);
      case StepKind::kEnvironment: return world_.Environment(step.action);
      case StepKind::kAdvance: return world_.RunFor(step.advance);
      case StepKind::kPeerAdd:
        return world_.AddPeerCopy(step.content, step.offset, step.length, step.latency_ms * kMillisecond);
      case StepKind::kPeerRemove: return world_.RemovePeerCopies(step.content);
      default: return contents_->Execute(step);
    }
  }

  void Startup(const Step& step) {
    TraceEvent call = BeginCall(ApiFunction::kStartup);
    call.null_arg = step.null_out ? 1 : 0;
    call.detail = "version=" + std::to_string(step.version);
    world_.trace().Add(call);
    PEERDIST_INSTANCE_HANDLE* handle =
        Out<PEERDIST_INSTANCE_HANDLE>(nullptr, ApiFunction::kStartup, "phPeerDist", "PEERDIST_INSTANCE_HANDLE");
    DWORD* supported = Out<DWORD>(kUnwrittenDword, ApiFunction::kStartup, "pdwSupportedVersion", "DWORD");
    const DWORD code = impl_->PeerDistStartup(step.version, step.null_out ? nullptr : handle, supported);
    TraceEvent ret = ReturnOf(call, code);
    if (code == ERROR_SUCCESS && !step.null_out) {
      ret.detail = "supported=" + std::to_string(*supported) + HandleFlaw(*handle);
      SessionSlot& slot = slots_[step.session];
      slot.handle = *handle;
      slot.session_id = next_session_id_++;
      slot.open = true;
      ret.session = slot.session_id;
    }
    world_.trace().Add(std::move(ret));
  }

  // What is wrong with the handle a successful Startup wrote, for
  // startup-version (STARTUP-1/4: a newly created handle): "" when nothing
  // (so traces of good implementations are unchanged).
  std::string HandleFlaw(PEERDIST_INSTANCE_HANDLE handle) const {
    if (handle == nullptr) return " handle=null";
    for (const SessionSlot& other : slots_) {
      if (other.open && other.handle == handle) return " handle=s" + std::to_string(other.session_id);
    }
    return "";
  }

  void Shutdown(const Step& step) {
    TraceEvent call = BeginCall(ApiFunction::kShutdown);
    PEERDIST_INSTANCE_HANDLE handle = HandleFor(step, call);
    world_.trace().Add(call);
    const DWORD code = impl_->PeerDistShutdown(handle);
    if (code == ERROR_SUCCESS && call.handle_open == 1) slots_[step.session].open = false;
    world_.trace().Add(ReturnOf(call, code));
  }

  void GetStatus(const Step& step) {
    TraceEvent call = BeginCall(ApiFunction::kGetStatus);
    PEERDIST_INSTANCE_HANDLE handle = HandleFor(step, call);
    call.null_arg = step.null_out ? 1 : 0;
    world_.trace().Add(call);
    PEERDIST_STATUS* status = Out(static_cast<PEERDIST_STATUS>(kUnwrittenStatus), ApiFunction::kGetStatus,
                                  "pPeerDistStatus", "PEERDIST_STATUS");
    const DWORD code = impl_->PeerDistGetStatus(handle, step.null_out ? nullptr : status);
    TraceEvent ret = ReturnOf(call, code);
    if (!step.null_out) ret.status = *status;
    world_.trace().Add(std::move(ret));
  }

  void GetStatusEx(const Step& step) {
    TraceEvent call = BeginCall(ApiFunction::kGetStatusEx);
    PEERDIST_INSTANCE_HANDLE handle = HandleFor(step, call);
    call.null_arg = step.null_out ? 1 : 0;
    world_.trace().Add(call);
    // cbSize is the size the block has: writing more is writing outside it.
    PEERDIST_STATUS_INFO* info =
        Out(UnwrittenInfo(), ApiFunction::kGetStatusEx, "pPeerDistStatus", "PEERDIST_STATUS_INFO");
    const DWORD code = impl_->PeerDistGetStatusEx(handle, step.null_out ? nullptr : info);
    TraceEvent ret = ReturnOf(call, code);
    if (!step.null_out) {
      ret.status = info->status;
      ret.info_size = info->cbSize;
      ret.info_min = info->dwMinVer;
      ret.info_max = info->dwMaxVer;
    }
    world_.trace().Add(std::move(ret));
  }

  HANDLE PortFor(PortArg shape, TraceEvent& call) {
    switch (shape) {
      case PortArg::kNone: return nullptr;
      case PortArg::kBogus: call.port = -2; return World::BogusHandle(100);
      case PortArg::kLast:
        if (last_port_ >= 0) break;
        [[fallthrough]];
      case PortArg::kNew: last_port_ = world_.CreateCompletionPort(); break;
    }
    call.port = last_port_;
    return world_.HandleOf(last_port_);
  }

  void Register(const Step& step) {
    TraceEvent call = BeginCall(step.ex ? ApiFunction::kRegisterEx : ApiFunction::kRegister);
    PEERDIST_INSTANCE_HANDLE handle = HandleFor(step, call);
    HANDLE port = PortFor(step.port, call);
    call.key = static_cast<std::int64_t>(step.key & 0x7FFFFFFFFFFFFFFFull);
    call.null_arg = (step.null_out || step.null_overlapped) ? 1 : 0;
    OverlappedSlot* slot = nullptr;
    if (!step.null_overlapped) {
      const int event_id = step.event ? world_.CreateEvent(/*manual_reset=*/true, false) : -1;
      const World::SlotStatus out = step.null_out ? World::SlotStatus::kNone
                                    : step.ex     ? World::SlotStatus::kInfo
                                                  : World::SlotStatus::kStatus;
      slot = &world_.NewOverlappedSlot(event_id, call.function, out);
      slot->uses_info = step.ex;
      call.overlapped = slot->id;
      call.event = event_id;
    }
    registrations_.push_back(slot != nullptr ? slot->id : -1);
    call.detail = "r" + std::to_string(registrations_.size() - 1);
    world_.trace().Add(call);
    LPOVERLAPPED overlapped = slot != nullptr ? &slot->overlapped : nullptr;
    DWORD code;
    if (step.ex) {
      PEERDIST_STATUS_INFO* out = (slot != nullptr && !step.null_out) ? &slot->status_info_out : nullptr;
      // Without an OVERLAPPED the call should fail, but an implementation
      // that keeps the pointer may write it later: run-scoped.
      if (slot == nullptr && !step.null_out) {
        out = world_.caller_memory().New(UnwrittenInfo(),
                                         {ApiFunctionName(call.function), "pPeerDistStatus", "PEERDIST_STATUS_INFO"},
                                         CallerMemory::Scope::kRun);
      }
      code = impl_->PeerDistRegisterForStatusChangeNotificationEx(handle, port, step.key, overlapped, out);
    } else {
      PEERDIST_STATUS* out = (slot != nullptr && !step.null_out) ? &slot->status_out : nullptr;
      if (slot == nullptr && !step.null_out) {
        out = world_.caller_memory().New(static_cast<PEERDIST_STATUS>(kUnwrittenStatus),
                                         {ApiFunctionName(call.function), "pPeerDistStatus", "PEERDIST_STATUS"},
                                         CallerMemory::Scope::kRun);
      }
      code = impl_->PeerDistRegisterForStatusChangeNotification(handle, port, step.key, overlapped, out);
    }
    TraceEvent ret = ReturnOf(call, code);
    if (slot != nullptr && !step.null_out) {
      if (step.ex) {
        ret.status = slot->status_info_out.status;
        ret.info_size = slot->status_info_out.cbSize;
        ret.info_min = slot->status_info_out.dwMinVer;
        ret.info_max = slot->status_info_out.dwMaxVer;
      } else {
        ret.status = slot->status_out;
      }
    }
    world_.trace().Add(std::move(ret));
  }

  void Unregister(const Step& step) {
    TraceEvent call = BeginCall(ApiFunction::kUnregister);
    PEERDIST_INSTANCE_HANDLE handle = HandleFor(step, call);
    world_.trace().Add(call);
    const DWORD code = impl_->PeerDistUnregisterForStatusChangeNotification(handle);
    world_.trace().Add(ReturnOf(call, code));
  }

  void GetOverlappedResult(const Step& step) {
    TraceEvent call = BeginCall(ApiFunction::kGetOverlappedResult);
    const int index = step.registration;
    int slot_id = index < static_cast<int>(registrations_.size()) ? registrations_[index] : -1;
    if (step.of_operation) slot_id = contents_->OperationSlot(index);
    OverlappedSlot* slot = world_.SlotById(slot_id);
    call.overlapped = slot_id;
    call.null_arg = (slot == nullptr || step.null_out) ? 1 : 0;
    call.detail = std::string(step.of_operation ? "o" : "r") + std::to_string(index) + (step.wait ? " wait" : "");
    world_.trace().Add(call);
    DWORD* bytes = Out<DWORD>(kUnwrittenDword, ApiFunction::kGetOverlappedResult, "lpNumberOfBytesTransferred", "DWORD");
    world_.SetLastError(ERROR_SUCCESS);
    const BOOL ok = impl_->PeerDistGetOverlappedResult(slot != nullptr ? &slot->overlapped : nullptr,
                                                       step.null_out ? nullptr : bytes,
                                                       step.wait ? kTrue : kFalse);
    TraceEvent ret = ReturnOf(call, ok ? ERROR_SUCCESS : world_.GetLastError());
    ret.bool_result = ok ? 1 : 0;
    if (ok && !step.null_out) ret.bytes = *bytes;
    world_.trace().Add(std::move(ret));
  }

  // A call-scoped out-parameter in caller memory, holding `init`.
  template <typename T>
  T* Out(const T& init, ApiFunction function, const char* parameter, const char* type) {
    return world_.caller_memory().New(init, {ApiFunctionName(function), parameter, type}, CallerMemory::Scope::kCall);
  }

  static PEERDIST_STATUS_INFO UnwrittenInfo() {
    return PEERDIST_STATUS_INFO{sizeof(PEERDIST_STATUS_INFO), static_cast<PEERDIST_STATUS>(kUnwrittenStatus),
                                kUnwrittenDword, kUnwrittenDword};
  }

  void ScanOverlapped() {
    world_.NoteOverlappedTransitions();
    contents_->Scan();
  }

  const Scenario& scenario_;
  const RunConfig& config_;
  RunStats* stats_;
  World world_;
  std::unique_ptr<PeerDistAdapter> impl_;
  std::unique_ptr<ContentCalls> contents_;
  std::array<SessionSlot, kMaxSessions> slots_{};
  int next_session_id_ = 0;
  int last_port_ = -1;
  std::vector<int> registrations_;  // slot id per registration attempt, -1: NULL OVERLAPPED
};

}  // namespace

Trace RunScenario(const Scenario& scenario, const ImplFactory& make_impl, const RunConfig& config,
                  RunStats* stats) {
  Run run(scenario, make_impl, config, stats);
  return run.Execute();
}

}  // namespace pd
