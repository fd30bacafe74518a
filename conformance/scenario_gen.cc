#include "conformance/scenario_gen.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

#include "scenario/scenario_text.h"
#include "scenario/step_fields.h"
#include "sim/peerdist_version.h"

namespace pd {

// ---------------------------------------------------------------------------
// The model.

GenModel::GenModel(PEERDIST_STATUS initial, bool content_steps)
    : enabled(initial != PEERDIST_STATUS_DISABLED),
      reachable(initial != PEERDIST_STATUS_UNAVAILABLE),
      content(content_steps) {}

GenModel::GenModel(PEERDIST_STATUS initial, ContentMode mode)
    : GenModel(initial, mode != ContentMode::kNone) {
  chain = mode == ContentMode::kChain || mode == ContentMode::kReads || mode == ContentMode::kRangedReads;
  if (mode != ContentMode::kReads && mode != ContentMode::kRangedReads) return;
  reads = true;
  for (const Step& step : mode == ContentMode::kReads ? ReadsPrefix() : RangedReadsPrefix()) Apply(step);
}

namespace {

// The read prefix, its information opened for (info_offset, info_length).
std::vector<Step> MakeReadsPrefix(std::uint64_t info_offset, std::uint64_t info_length) {
  std::vector<Step> steps;
  auto add = [&steps](StepKind kind, int session, auto&& set) {
    Step step;
    step.kind = kind;
    step.session = session;
    set(step);
    steps.push_back(step);
  };
  const auto none = [](Step&) {};
  add(StepKind::kEnvironment, 0, [](Step& s) { s.action = EnvAction::kEnable; });
  add(StepKind::kEnvironment, 0, [](Step& s) { s.action = EnvAction::kRegain; });
  add(StepKind::kAdvance, 0, [](Step& s) { s.advance = 300 * kMillisecond; });
  add(StepKind::kStartup, 0, none);
  add(StepKind::kStartup, 1, none);
  add(StepKind::kPublish, 0, [](Step& s) { s.content = 1; s.length = 256; });
  add(StepKind::kAddToStream, 0, [](Step& s) { s.bytes = 256; });
  add(StepKind::kCompleteStream, 0, none);
  add(StepKind::kAdvance, 0, [](Step& s) { s.advance = 100 * kMillisecond; });
  add(StepKind::kOpenInfo, 0, [&](Step& s) {
    s.content = 1;
    s.offset = info_offset;
    s.length = info_length;
  });
  add(StepKind::kRetrieveInfo, 0, [](Step& s) { s.bytes = 4096; });
  add(StepKind::kAdvance, 0, [](Step& s) { s.advance = 100 * kMillisecond; });
  add(StepKind::kOpenContent, 1, [](Step& s) { s.tag = 1; });
  add(StepKind::kAddInfo, 1, none);
  add(StepKind::kCompleteInfo, 1, none);
  add(StepKind::kAdvance, 0, [](Step& s) { s.advance = 100 * kMillisecond; });
  assert(steps.size() == static_cast<std::size_t>(kReadsPrefixSteps));
  return steps;
}

}  // namespace

const std::vector<Step>& ReadsPrefix() {
  static const std::vector<Step> prefix = MakeReadsPrefix(0, 0);
  return prefix;
}

const std::vector<Step>& RangedReadsPrefix() {
  static const std::vector<Step> prefix = MakeReadsPrefix(64, 128);
  return prefix;
}

namespace {

// The content number whose identifier ("pd-content-10") has content 1's
// ("pd-content-1") as a prefix.
constexpr std::uint32_t kLongerIdentifier = 10;

// A retrieve this large takes the whole content information of any content
// the generator publishes at once.
constexpr std::uint32_t kWholeInformation = 4096;

// OffsetHigh 1: an offset this far is past the end of every content the
// generator publishes (CBLOCKREAD-15, CADDDATA-10, CSTREAMREAD-15).
constexpr std::uint64_t kPastFourGiB = std::uint64_t{1} << 32;

// The handle slots of the kind a content step names (nullptr for none).
std::array<GenModel::ObjectSlot, kMaxObjects>* SlotsFor(GenModel& m, StepKind kind) {
  switch (kind) {
    case StepKind::kPublish:
    case StepKind::kAddToStream:
    case StepKind::kCompleteStream:
    case StepKind::kCloseStream: return &m.streams;
    case StepKind::kOpenInfo:
    case StepKind::kRetrieveInfo:
    case StepKind::kCloseInfo: return &m.infos;
    case StepKind::kOpenContent:
    case StepKind::kCloseContent:
    case StepKind::kAddInfo:
    case StepKind::kCompleteInfo:
    case StepKind::kAddData:
    case StepKind::kBlockRead:
    case StepKind::kStreamRead:
    case StepKind::kGetInfo:
    case StepKind::kClientCancel: return &m.contents;
    default: return nullptr;
  }
}

bool IsOpenStep(StepKind kind) {
  return kind == StepKind::kPublish || kind == StepKind::kOpenInfo || kind == StepKind::kOpenContent;
}
bool IsCloseStep(StepKind kind) {
  return kind == StepKind::kCloseStream || kind == StepKind::kCloseInfo || kind == StepKind::kCloseContent;
}

}  // namespace

PEERDIST_STATUS GenModel::status() const {
  if (!enabled || stopped) return PEERDIST_STATUS_DISABLED;
  return reachable ? PEERDIST_STATUS_AVAILABLE : PEERDIST_STATUS_UNAVAILABLE;
}

// A request the reference accepts: from 1.0 up to PEERDIST_VERSION.
bool IsSupportedRequest(DWORD version) {
  const PeerDistVersion requested = DecodeVersion(version);
  return requested.major >= 1 && CompareVersions(requested, DecodeVersion(PEERDIST_VERSION)) <= 0;
}

void GenModel::Apply(const Step& step) {
  const int s = step.session;
  const bool slot_open = step.handle == HandleArg::kSlot && s >= 0 && s < kMaxSessions && open[s];
  // Only the step right after an operation's start finds it surely in flight.
  const bool settled_and_available = status() == PEERDIST_STATUS_AVAILABLE && unsettled == 0;
  in_flight = false;
  // The follow-up of a flush survives steps of other kinds in between (a
  // status call drawn between the flush and its read would otherwise end it):
  // it waits for its advance (2), then for a read (1).
  const int followup = flush_followup;
  const bool is_read = step.kind == StepKind::kBlockRead || step.kind == StepKind::kStreamRead;
  flush_followup = followup == 1 && !is_read ? 1 : followup == 2 ? 2 : 0;
  if (reads && step.kind == StepKind::kFlush) {
    flush_followup = 2;
    flush_other_tag = step.tag >= 16;
  }
  if (reads && step.kind == StepKind::kAddData && step.object == 0 && step.offset == 0 && step.bytes >= 64 &&
      !step.corrupt && !step.null_in) {
    block0_added = true;
  }
  if (reads && step.kind == StepKind::kAddData && step.object == 0 && !step.corrupt && !step.null_in &&
      !step.null_overlapped && step.bytes >= 64 && step.offset % 64 == 0) {
    // Inside what the read prefix's information describes (a ranged
    // prefix's [64, 192), else [0, 256)), so the add surely succeeds.
    const bool ranged = infos[contents[0].info_source].ranged;
    const std::uint64_t begin = ranged ? 64 : 0, end = ranged ? 192 : 256;
    if (step.offset >= begin && step.offset + step.bytes <= end) {
      block_added_at = static_cast<std::int64_t>(step.offset);
      // Every other such add (by its size, no draw) is flushed afterwards.
      flush_wanted = flush_wanted || step.bytes == 64;
    }
  }
  if (followup == 2 && step.kind == StepKind::kAdvance) flush_followup = 1;
  // After a quiet long enough for every read to have ended, c0's tag is
  // flushed next (flush-forgets judges only flushes no pending operation
  // can refill).
  if (reads && step.kind == StepKind::kAdvance && step.advance >= kFlushQuiet && followup == 0) {
    flush_due = true;
    flush_wanted = false;
  }
  if (step.kind == StepKind::kFlush) flush_due = false;
  const int query = query_followup;
  query_followup = 0;
  if (query == 3 && step.kind == StepKind::kAdvance) query_followup = 2;
  if (query == 2 && step.kind == StepKind::kGetOverlappedResult && query_reads) query_followup = 1;
  if (reads && step.kind == StepKind::kAddData && step.handle == HandleArg::kSlot && !step.null_in &&
      !step.null_overlapped && !step.corrupt && step.object >= 0 && step.object < kMaxObjects) {
    query_followup = 3;
    query_object = step.object;
    query_offset = step.offset;
    query_operation = operations;  // counted below
    query_reads = step.bytes >= 128 && step.offset < 128;
  }
  switch (step.kind) {
    case StepKind::kStartup:
      if (!step.null_out && IsSupportedRequest(step.version) && s >= 0 && s < kMaxSessions) {
        open[s] = true;
        registered[s] = false;
      }
      break;
    case StepKind::kShutdown:
      if (slot_open) {
        open[s] = false;
        registered[s] = false;
      }
      break;
    case StepKind::kRegister:
      ++registrations;
      if (step.port == PortArg::kNew || step.port == PortArg::kLast) port = true;
      if (slot_open && !step.null_out && !step.null_overlapped && step.port != PortArg::kBogus) {
        registered[s] = true;
      }
      break;
    case StepKind::kUnregister:
      if (slot_open) registered[s] = false;
      break;
    case StepKind::kEnvironment: {
      // Bounds of WorldConfig: the action's delay, a restart's downtime.
      unsettled = std::max<Duration>(unsettled, step.action == EnvAction::kRestart ? 260 * kMillisecond
                                                                                  : 60 * kMillisecond);
      const PEERDIST_STATUS before = status();
      switch (step.action) {
        case EnvAction::kEnable: enabled = true; break;
        case EnvAction::kDisable: enabled = false; break;
        case EnvAction::kLose: reachable = false; break;
        case EnvAction::kRegain: reachable = true; break;
        case EnvAction::kRestart: break;  // down, then back to the same status
        case EnvAction::kPolicyOff: enabled = false; break;
        case EnvAction::kPolicyOn: enabled = true; break;
        case EnvAction::kStop: stopped = true; break;
        case EnvAction::kStart: stopped = false; break;
      }
      // A status change most likely completes the pending registrations.
      if (status() != before || step.action == EnvAction::kRestart) registered.fill(false);
      // A move away from AVAILABLE invalidates every handle open now.
      if (before == PEERDIST_STATUS_AVAILABLE && (status() != before || step.action == EnvAction::kRestart)) {
        for (auto* slots : {&streams, &infos, &contents}) {
          for (ObjectSlot& slot : *slots) slot.invalidated = slot.invalidated || slot.open;
        }
      }
      break;
    }
    case StepKind::kAdvance:
      unsettled -= std::min(unsettled, step.advance);
      // The reference's slowest operation takes 80 ms.
      if (step.advance >= 90 * kMillisecond) {
        busy = false;
        for (std::size_t id = 0; id < completed.size(); ++id) completed[id] = completed[id] || completing[id];
        completing.fill(false);
        for (ObjectSlot& info : infos) info.retrieved = info.retrieved || info.retrieving;
        for (ObjectSlot& content : contents) {
          content.info_ready = content.info_ready || content.info_completing;
          content.info_piece_pending = false;
        }
      }
      break;
    case StepKind::kGetStatus:
    case StepKind::kGetOverlappedResult:
      break;
    default: {
      // The content part.
      if (IsAsyncContentStep(step.kind)) {
        ++operations;
        busy = true;
      }
      auto* slots = SlotsFor(*this, step.kind);
      if (slots == nullptr || step.object < 0 || step.object >= kMaxObjects) break;
      ObjectSlot& slot = (*slots)[step.object];
      const bool info_exists = step.kind != StepKind::kOpenInfo ||
                               (step.content < completed.size() && completed[step.content]);
      if (IsOpenStep(step.kind) && slot_open && !step.null_in && !step.null_out && step.port != PortArg::kBogus &&
          status() == PEERDIST_STATUS_AVAILABLE && unsettled == 0 && info_exists) {
        slot.used = true;
        slot.open = true;
        slot.session = s;
        slot.content = step.content;
        slot.retrieving = slot.retrieved = slot.probed = false;
        slot.ranged = step.kind == StepKind::kOpenInfo && (step.offset != 0 || step.length != 0);
        slot.info_added = slot.info_completing = slot.info_ready = slot.added = false;
        slot.declared = step.kind == StepKind::kPublish && step.length != 0;
        slot.declared_left = slot.declared ? step.length : 0;
        slot.data_at = -1;
        slot.info_pieces = slot.info_next_piece = 0;
        slot.info_piece_pending = false;
        slot.invalidated = false;
      }
      const bool served = slot.open && slot.session == s && !step.null_overlapped;
      if (IsAsyncContentStep(step.kind) && served && slot_open && !slot.invalidated && !step.null_in &&
          settled_and_available) {
        in_flight = true;
        in_flight_kind = step.kind;
        in_flight_with_data =
            (step.kind == StepKind::kBlockRead || step.kind == StepKind::kStreamRead) && slot.info_ready;
        in_flight_object = step.object;
        in_flight_session = s;
      }
      if (step.kind == StepKind::kAddToStream && served && !step.null_in && step.bytes > 0) {
        slot.added = true;
        slot.declared_left -= std::min<std::uint64_t>(slot.declared_left, step.bytes);
      }
      if (step.kind == StepKind::kAddInfo && served && !step.null_in && !step.corrupt && step.source >= 0 &&
          step.source < kMaxObjects && infos[step.source].retrieved) {
        // Information in portions is added once its last portion is.
        slot.info_added = step.pieces < 2 || step.piece + 1 >= step.pieces;
        slot.info_pieces = step.pieces < 2 ? 0 : step.pieces;
        slot.info_next_piece = step.pieces < 2 ? 0 : step.piece + 1;
        slot.info_source = step.source;
        slot.info_piece_pending = step.pieces >= 2;
        slot.content = infos[step.source].content;  // what its reads read
      }
      if (step.kind == StepKind::kCompleteInfo && served && slot.info_added) slot.info_completing = true;
      if (step.kind == StepKind::kAddData && served && !step.null_in && !step.corrupt) {
        slot.data_at = static_cast<std::int64_t>(step.offset);
      }
      if (step.kind == StepKind::kRetrieveInfo && slot.open && slot.session == s && !step.null_in &&
          !step.null_overlapped && step.bytes > 0) {
        if (step.bytes < kWholeInformation && !slot.probed && !slot.retrieving) {
          slot.probed = true;
        } else {
          slot.retrieving = true;
        }
      }
      if (step.kind == StepKind::kCompleteStream && slot.open && slot.session == s && slot.content < completed.size()) {
        completing[slot.content] = true;
      }
      if (IsCloseStep(step.kind) && slot_open && slot.session == s) slot.open = false;
      break;
    }
  }
  if ((step.kind == StepKind::kPeerAdd || step.kind == StepKind::kPeerRemove) && step.content < peered.size()) {
    peered[step.content] = step.kind == StepKind::kPeerAdd;
    peer_seen[step.content] = peer_seen[step.content] || step.kind == StepKind::kPeerAdd;
  }
  if (step.kind == StepKind::kUnpublish && slot_open && step.content < completed.size()) {
    completed[step.content] = false;
    completing[step.content] = false;
  }
  if (step.kind == StepKind::kShutdown && slot_open) {
    for (auto* slots : {&streams, &infos, &contents}) {
      for (ObjectSlot& slot : *slots) {
        if (slot.session == s) slot.open = false;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// The command.

bool StepFits(const Step& step, StepIntent intent, const GenModel& model) {
  if (intent == StepIntent::kInvalid) return true;
  const int s = step.session;
  const bool in_range = s >= 0 && s < kMaxSessions;
  switch (step.kind) {
    case StepKind::kStartup:
      return in_range && !model.open[s];
    case StepKind::kShutdown:
    case StepKind::kGetStatus:
    case StepKind::kRegister:
    case StepKind::kUnregister:
      return in_range && step.handle == HandleArg::kSlot && model.open[s];
    case StepKind::kGetOverlappedResult:
      return step.registration >= 0 &&
             step.registration < (step.of_operation ? model.operations : model.registrations);
    case StepKind::kEnvironment:
    case StepKind::kAdvance:
    case StepKind::kPeerAdd:
    case StepKind::kPeerRemove:
      return true;
    default:
      break;
  }
  // The content part: an open session, and the handle slot open by it.
  if (!model.content || !in_range || step.handle != HandleArg::kSlot || !model.open[s]) return false;
  if (IsOpenStep(step.kind)) return true;
  auto* slots = SlotsFor(const_cast<GenModel&>(model), step.kind);
  if (slots == nullptr) return true;  // unpublish, server-cancel, flush
  const GenModel::ObjectSlot& slot = (*slots)[step.object];
  return slot.open && slot.session == s;
}

void StepCommand::checkPreconditions(const GenModel& model) const {
  RC_PRE(StepFits(step_, intent_, model));
}

void StepCommand::apply(GenModel& model) const { model.Apply(step_); }

void StepCommand::run(const GenModel&, Scenario& scenario) const { scenario.steps.push_back(step_); }

void StepCommand::show(std::ostream& os) const { os << RenderStep(step_); }

// ---------------------------------------------------------------------------
// Drawing one step.

namespace {

// Draws from a copy of the RapidCheck random stream.
class Draw {
 public:
  explicit Draw(const rc::Random& random) : random_(random) {}

  std::uint64_t Next() { return random_.next(); }
  // Uniform in [0, n); n > 0.
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  // Uniform in [lo, hi].
  std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool Percent(int p) { return Below(100) < p; }
  // Index chosen with the given weights (at least one positive).
  int Weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int pick = Below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (pick < weights[i]) return static_cast<int>(i);
      pick -= weights[i];
    }
    return static_cast<int>(weights.size()) - 1;
  }
  template <typename T>
  const T& Of(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(Below(static_cast<int>(items.size())))];
  }

 private:
  rc::Random random_;
};

// Any server or client function, for a call with a session handle that is
// not open (invalid-handle judges every function that takes hPeerDist).
StepKind AnyContentKind(Draw& d) {
  constexpr int first = static_cast<int>(StepKind::kPublish);
  constexpr int count = static_cast<int>(StepKind::kClientCancel) - first + 1;
  return static_cast<StepKind>(first + d.Below(count));
}

std::vector<int> OpenSlots(const GenModel& m) {
  std::vector<int> out;
  for (int s = 0; s < kMaxSessions; ++s) {
    if (m.open[s]) out.push_back(s);
  }
  return out;
}

std::vector<int> ClosedSlots(const GenModel& m) {
  std::vector<int> out;
  for (int s = 0; s < kMaxSessions; ++s) {
    if (!m.open[s]) out.push_back(s);
  }
  return out;
}

std::uint64_t DrawKey(Draw& d) {
  switch (d.Weighted({25, 55, 20})) {
    case 0: return 0;
    case 1: return static_cast<std::uint64_t>(d.Between(1, 1000));
    default: return d.Next() | 1u;  // a full-width value, never 0
  }
}

Duration DrawAdvance(Draw& d) {
  switch (d.Weighted({40, 40, 20})) {
    case 0: return d.Between(0, 20 * kMillisecond);                           // short
    case 1: return d.Between(20 * kMillisecond + 1, 150 * kMillisecond);      // medium
    default: return d.Between(150 * kMillisecond + 1, 1 * kSecond);           // long
  }
}

EnvAction DrawEnvAction(Draw& d, const GenModel& m) {
  static const EnvAction kActions[] = {EnvAction::kEnable,   EnvAction::kDisable,  EnvAction::kLose,
                                       EnvAction::kRegain,   EnvAction::kRestart,  EnvAction::kPolicyOff,
                                       EnvAction::kPolicyOn, EnvAction::kStop,     EnvAction::kStart};
  std::vector<int> weights;
  for (EnvAction action : kActions) {
    GenModel after = m;
    Step step;
    step.kind = StepKind::kEnvironment;
    step.action = action;
    after.Apply(step);
    if (action == EnvAction::kRestart) {
      weights.push_back(m.status() == PEERDIST_STATUS_DISABLED ? 1 : 3);
    } else if (NamesCause(action)) {
      // Less often than the original actions, whose draws the older rules
      // were tuned with; a named cause is what service-state-rows judges in
      // full. Never an action that changes nothing the model tracks.
      const bool moves = after.enabled != m.enabled || after.stopped != m.stopped;
      weights.push_back(after.status() != m.status() ? 4 : moves ? 1 : 0);
    } else {
      weights.push_back(after.status() != m.status() ? 6 : 1);  // prefer real changes
    }
  }
  return kActions[d.Weighted(weights)];
}

// A registration that is well-formed for open session `s`.
Step ValidRegister(Draw& d, const GenModel& m, int s) {
  Step step;
  step.kind = StepKind::kRegister;
  step.session = s;
  step.ex = d.Percent(50);
  step.port = m.port ? std::vector<PortArg>{PortArg::kNone, PortArg::kNone, PortArg::kNew, PortArg::kLast,
                                            PortArg::kLast}[d.Below(5)]
                     : (d.Percent(50) ? PortArg::kNone : PortArg::kNew);
  step.key = DrawKey(d);
  step.event = d.Percent(85);
  return step;
}

struct ObjectRef {
  StepKind kind_of_slots;  // a step naming that kind of slot (kPublish, kOpenInfo or kOpenContent)
  int slot;
  int session;
};

// Open (or, `open` false, used but closed) handle slots of every kind.
std::vector<ObjectRef> Objects(const GenModel& m, bool open) {
  std::vector<ObjectRef> out;
  const std::pair<StepKind, const std::array<GenModel::ObjectSlot, kMaxObjects>*> kinds[] = {
      {StepKind::kPublish, &m.streams}, {StepKind::kOpenInfo, &m.infos}, {StepKind::kOpenContent, &m.contents}};
  for (const auto& [kind, slots] : kinds) {
    for (int i = 0; i < kMaxObjects; ++i) {
      const GenModel::ObjectSlot& slot = (*slots)[i];
      if (open ? slot.open : (slot.used && !slot.open)) out.push_back({kind, i, slot.session});
    }
  }
  return out;
}

// A call on the handle in `ref` (any function that takes its kind).
Step CallOn(Draw& d, const GenModel& m, const ObjectRef& ref) {
  Step step;
  step.session = ref.session;
  step.object = ref.slot;
  step.event = d.Percent(85);
  switch (ref.kind_of_slots) {
    case StepKind::kPublish:
      step.kind = std::vector<StepKind>{StepKind::kAddToStream, StepKind::kCompleteStream,
                                        StepKind::kCloseStream}[d.Weighted({45, 45, m.busy ? 3 : 12})];
      // Now and then no data at all: a second bad argument besides the
      // handle's (see PassesNoData in conformance/handle_history.cc).
      step.bytes = d.Percent(4) ? 0 : static_cast<std::uint32_t>(d.Between(16, 200));
      break;
    case StepKind::kOpenInfo:
      step.kind = d.Percent(55) ? StepKind::kRetrieveInfo : StepKind::kCloseInfo;
      step.bytes = d.Percent(4) ? 0 : d.Percent(70) ? 4096 : static_cast<std::uint32_t>(d.Between(16, 128));
      break;
    default: {
      static const StepKind kCalls[] = {StepKind::kAddInfo,   StepKind::kCompleteInfo, StepKind::kAddData,
                                        StepKind::kBlockRead, StepKind::kStreamRead,   StepKind::kGetInfo,
                                        StepKind::kClientCancel, StepKind::kCloseContent};
      step.kind = kCalls[d.Weighted({15, 12, 8, 18, 12, 8, 14, 13})];
      step.source = d.Below(kMaxObjects);
      // Mostly an info slot whose content information was retrieved: only
      // then does complete-info succeed and do reads deliver data.
      if (step.kind == StepKind::kAddInfo) {
        std::vector<int> retrieved;
        for (int i = 0; i < kMaxObjects; ++i) {
          if (m.infos[i].retrieved && !m.infos[i].ranged) retrieved.push_back(i);
        }
        if (!retrieved.empty() && d.Percent(80)) step.source = d.Of(retrieved);
      }
      step.content = static_cast<std::uint32_t>(d.Below(3));
      step.offset = static_cast<std::uint64_t>(d.Below(4)) * 64;
      step.bytes = step.kind == StepKind::kAddData ? (d.Percent(4) ? 0 : d.Percent(50) ? 64 : 128)
                                                   : static_cast<std::uint32_t>(d.Between(0, 128));
      // A get-info buffer too small for PEERDIST_CLIENT_BASIC_INFO now and
      // then (client-info), folded from the same draw.
      if (step.kind == StepKind::kGetInfo && step.bytes > 64) step.bytes %= 8;
      // One get-info in two passes a class outside the enumeration
      // (MaximumPeerDistClientInfoByHandlesClass and beyond: info-class),
      // folded from draws already made (get-info uses no source).
      if (step.kind == StepKind::kGetInfo && step.source >= kMaxObjects / 2) step.info_class = 1 + step.bytes % 3;
      step.corrupt = step.kind == StepKind::kAddData && d.Percent(10);
      // Now and then data past the end of any content (add-data's
      // PEERDIST_ERROR_OUT_OF_BOUNDS).
      if (step.kind == StepKind::kAddData && d.Percent(20)) step.offset = 4096;
      step.timeout = d.Percent(20) ? TimeoutArg::kLocalOnly : TimeoutArg::kDefault;
      if (step.kind == StepKind::kClientCancel) {
        step.all = d.Percent(15);
        step.registration = m.operations > 0 && d.Percent(75) ? m.operations - 1 : d.Below(m.operations + 1);
      }
      break;
    }
  }
  return step;
}

// Content 1 published (a stream of it open, or completed): now and then
// (`percent`) content 10 instead of 1 for a call that names an identifier
// (publish, unpublish, open-info, the server cancel): "pd-content-10"
// begins with "pd-content-1"'s bytes, and an implementation that compares
// identifiers over the shorter one's length takes one for the other. Drawn
// only then, so other scenarios stay as they were.
std::uint32_t LongerNowAndThen(Draw& d, const GenModel& m, std::uint32_t content, int percent = 20) {
  if (content != 1) return content;
  bool one_published = m.completed[1] || m.completing[1];
  for (const GenModel::ObjectSlot& slot : m.streams) one_published = one_published || (slot.open && slot.content == 1);
  return one_published && d.Percent(percent) ? kLongerIdentifier : content;
}

// An open call for open session `s`.
Step OpenFor(Draw& d, const GenModel& m, int s) {
  Step step;
  step.session = s;
  bool any_completed = false;
  for (bool c : m.completed) any_completed = any_completed || c;
  // Content information only once some stream surely completed.
  step.kind = std::vector<StepKind>{StepKind::kPublish, StepKind::kOpenInfo,
                                    StepKind::kOpenContent}[d.Weighted({35, any_completed ? 80 : 3, 35})];
  const auto& slots = step.kind == StepKind::kPublish ? m.streams : step.kind == StepKind::kOpenInfo ? m.infos
                                                                                                     : m.contents;
  std::vector<int> free;
  for (int i = 0; i < kMaxObjects; ++i) {
    if (!slots[i].open) free.push_back(i);
  }
  // All taken: a slot whose handle a move invalidated is the next best.
  for (int i = 0; i < kMaxObjects && free.empty(); ++i) {
    if (slots[i].invalidated) free.push_back(i);
  }
  step.object = !free.empty() && d.Percent(85) ? free.front() : d.Below(kMaxObjects);
  step.content = static_cast<std::uint32_t>(d.Below(3));
  if (step.kind == StepKind::kOpenInfo) {
    // Mostly content whose stream was completed: information exists for it.
    std::vector<std::uint32_t> done;
    for (std::uint32_t id = 0; id < m.completed.size(); ++id) {
      if (m.completed[id]) done.push_back(id);
    }
    if (!done.empty() && d.Percent(85)) step.content = d.Of(done);
    step.content = LongerNowAndThen(d, m, step.content);
  } else if (step.kind == StepKind::kPublish) {
    // Mostly content not published yet (publishing twice fails).
    std::vector<std::uint32_t> fresh;
    for (std::uint32_t id = 0; id < m.completed.size(); ++id) {
      if (!m.completed[id]) fresh.push_back(id);
    }
    if (!fresh.empty() && d.Percent(70)) step.content = d.Of(fresh);
    // A new identifier ("pd-content-10") whose bytes begin with the published
    // one's: a publication is its identifier's bytes, all of them.
    step.content = LongerNowAndThen(d, m, step.content, 50);
    // Now and then PEERDIST_PUBLICATION_OPTIONS: mostly a version the page
    // lists (1, 2), sometimes one it does not.
    if (d.Percent(25)) step.options = static_cast<std::uint32_t>(d.Percent(85) ? 1 + d.Below(2) : 3 + d.Below(3));
  }
  step.ex = step.kind == StepKind::kOpenInfo && d.Percent(40);
  // Now and then an Ex open asks one content information version
  // (info-version): mostly one the implementation may support (1, 2),
  // sometimes one no implementation knows.
  if (step.ex && d.Percent(30)) step.options = static_cast<std::uint32_t>(d.Percent(85) ? 1 + d.Below(2) : 3);
  step.tag = static_cast<std::uint8_t>(d.Below(3));
  if (d.Percent(30)) {
    step.port = m.port && d.Percent(50) ? PortArg::kLast : PortArg::kNew;
    step.key = DrawKey(d);
  }
  // Now and then the information of a range (info-range): block-aligned, a
  // block to three long, mostly inside the content the chain publishes.
  if (step.kind == StepKind::kOpenInfo && d.Percent(20)) {
    step.offset = static_cast<std::uint64_t>(d.Below(3)) * 64;
    step.length = static_cast<std::uint64_t>(d.Between(1, 3)) * 64;
  }
  return step;
}

// The next step of the longest chain, content read back by a client: the
// server's information retrieved, added to a content handle, completed,
// then read. Each link is a call on an open handle; false when none is due.
bool NextReadChainStep(Draw& d, const GenModel& m, Step* out) {
  // Handles invalidated by a move are of no use to the chain any more: it
  // opens new ones once the service is back.
  const auto usable = [](const GenModel::ObjectSlot& slot) { return slot.open && !slot.invalidated; };
  if (m.flush_due && usable(m.contents[0]) && m.contents[0].info_ready) {
    Step step;
    step.event = true;
    step.kind = StepKind::kFlush;
    step.session = m.contents[0].session;
    step.tag = 1;
    *out = step;
    return true;
  }
  if (m.flush_followup > 0 && usable(m.contents[0]) && m.contents[0].info_ready) {
    Step step;
    step.event = true;
    if (m.flush_followup == 2) {
      // Long enough for reads still queued on the handle to end (the
      // slowest peer answers within 10 s): the local-cache-only read after it
      // is then served at once, not queued behind them.
      step.kind = StepKind::kAdvance;
      step.advance = kFlushQuiet;
    } else {
      step.kind = d.Percent(50) ? StepKind::kBlockRead : StepKind::kStreamRead;
      step.session = m.contents[0].session;
      step.bytes = d.Percent(25) ? 0 : 64;
      step.timeout = TimeoutArg::kLocalOnly;
      step.content = m.contents[0].content;
      // A block read looks where the handle last added data: what the
      // flush must have dropped (its tag's) or kept (another tag's block 0).
      if (m.block_added_at >= 0) {
        step.kind = StepKind::kBlockRead;
        step.offset = static_cast<std::uint64_t>(m.block_added_at);
      }
      if (m.flush_other_tag) {
        step.kind = StepKind::kBlockRead;
        step.bytes = 64;
        step.offset = 0;
      }
    }
    *out = step;
    return true;
  }
  if (m.query_followup > 0 && usable(m.contents[m.query_object]) && m.contents[m.query_object].info_ready) {
    const GenModel::ObjectSlot& content = m.contents[m.query_object];
    Step step;
    step.event = true;
    if (m.query_followup == 3) {
      step.kind = StepKind::kAdvance;
      step.advance = 200 * kMillisecond;
    } else if (m.query_followup == 2) {
      step.kind = StepKind::kGetOverlappedResult;
      step.session = 0;
      step.of_operation = true;
      step.registration = m.query_operation;
    } else {
      // A stream read after data added from offset 0 (where a stream that
      // read nothing yet stands), a block read at the add's offset else.
      step.kind = m.query_offset == 0 ? StepKind::kStreamRead : StepKind::kBlockRead;
      step.session = content.session;
      step.object = m.query_object;
      step.bytes = 0;
      step.offset = m.query_offset;
      step.content = content.content;
    }
    *out = step;
    return true;
  }
  // A block added whole to c0 is flushed again once its follow-up is done:
  // first the quiet wait (the flush comes after it).
  if (m.flush_wanted && usable(m.contents[0]) && m.contents[0].info_ready) {
    Step step;
    step.kind = StepKind::kAdvance;
    step.advance = kFlushQuiet;
    *out = step;
    return true;
  }
  std::vector<int> retrieved;
  for (int i = 0; i < kMaxObjects; ++i) {
    // Ranged information too: its reads before, inside, at the end of and
    // past the range are what the range remarks of the read pages are about.
    if (usable(m.infos[i]) && m.infos[i].retrieved) retrieved.push_back(i);
  }
  std::vector<Step> due;
  for (int i = 0; i < kMaxObjects; ++i) {
    const GenModel::ObjectSlot& info = m.infos[i];
    // After a probe, the rest once the probe surely completed.
    if (!usable(info) || info.retrieving || (info.probed && m.busy)) continue;
    Step step;
    step.kind = StepKind::kRetrieveInfo;
    step.session = info.session;
    step.object = i;
    step.bytes = !info.probed && d.Percent(40) ? static_cast<std::uint32_t>(d.Between(16, 64)) : kWholeInformation;
    step.event = true;
    due.push_back(step);
  }
  for (int c = 0; c < kMaxObjects; ++c) {
    const GenModel::ObjectSlot& content = m.contents[c];
    if (!usable(content)) continue;
    Step step;
    step.session = content.session;
    step.object = c;
    step.event = true;
    if (content.info_ready) {
      // Mostly a read; now and then data added to the handle it could read,
      // or the peers and the publication moved under it (peer-only content
      // is what the timeouts are about), or time for slow peers.
      // First the publication goes (then only the peers and the cache
      // serve the content) and a peer gains a copy, most of the time.
      const std::uint32_t id = content.content < m.completed.size() ? content.content : 0;
      const bool published = m.completed[id] || m.completing[id];
      const int unpublish = published ? (m.chain ? 45 : 6) : 0;
      const int peer_add = m.peered[id] ? 4 : m.chain ? 45 : 8;
      step.kind = std::vector<StepKind>{StepKind::kBlockRead, StepKind::kStreamRead, StepKind::kAddData,
                                        StepKind::kPeerAdd,   StepKind::kUnpublish,  StepKind::kAdvance,
                                        StepKind::kPeerRemove}[d.Weighted({35, 35, m.chain ? 30 : 0, peer_add,
                                                                           unpublish, 10,
                                                                           m.reads && m.peered[id] ? 10 : 2})];
      // A read-prefix scenario takes the publication away and gives a peer
      // a copy before anything else: its reads are about the peers.
      if (m.reads && published) step.kind = StepKind::kUnpublish;
      if (m.reads && !published && !m.peer_seen[id]) step.kind = StepKind::kPeerAdd;
      step.offset = static_cast<std::uint64_t>(d.Below(4)) * 64;
      if (step.kind == StepKind::kAddData) {
        step.bytes = d.Percent(50) ? 64 : 128;
      } else {
        // One read in sixteen or so of 0 bytes (a NULL pBuffer the pages
        // allow; read-local-only's count of the cache): the same two draws
        // as ever, so the rest of the scenario is drawn as before.
        const bool zero_allowed = d.Percent(8);
        const auto drawn = static_cast<std::uint32_t>(d.Between(zero_allowed ? 0 : 2, 128));
        step.bytes = zero_allowed && drawn < 96 ? 0 : drawn;
        // The query goes where data was last added (no draw: the rest of
        // the scenario is drawn as before).
        if (step.bytes == 0 && content.data_at >= 0) step.offset = static_cast<std::uint64_t>(content.data_at);
      }
      if (d.Percent(20)) {
        step.timeout = TimeoutArg::kLocalOnly;
      } else if (d.Percent(30)) {
        step.timeout = TimeoutArg::kMilliseconds;
        step.timeout_ms = std::vector<std::uint32_t>{300, 1500, 4000}[d.Below(3)];
      }
      step.content = content.content;
      // Now and then past the end of the read prefix's 256 bytes.
      if (m.reads && d.Percent(10)) step.offset = 320;
      // Now and then data past the end of the content (add-data's
      // PEERDIST_ERROR_OUT_OF_BOUNDS).
      // Half of those past 2^32: OffsetHigh 1 over an Offset inside the
      // content, where an add that drops OffsetHigh would succeed.
      if (step.kind == StepKind::kAddData && d.Percent(25)) {
        step.offset = step.bytes == 128 ? kPastFourGiB + 64 : 4096;
      }
      // No new draw decides the offsets below (the rest of the scenario is
      // drawn as before). A block read of an odd size past the read
      // prefix's end goes past 2^32 instead: OffsetHigh 1 over Offset 64,
      // beyond the end of any content as before (so it completes as
      // before), where a read that drops OffsetHigh finds the bytes at 64.
      if (step.kind == StepKind::kBlockRead && step.offset == 320 && step.bytes % 2 == 1) {
        step.offset = kPastFourGiB + 64;
      }
      // A stream read with an odd size leaves the drawn offset in its
      // OVERLAPPED (one past the read prefix's end goes past 2^32 as well):
      // the stream position, not Offset/OffsetHigh, is where it reads.
      if (step.kind == StepKind::kStreamRead && step.bytes % 2 == 1) {
        step.overlapped_offset = step.offset == 320 ? kPastFourGiB + 64 : step.offset;
      }
      if (step.kind == StepKind::kPeerAdd || step.kind == StepKind::kPeerRemove) {
        step.session = 0;
        step.object = 0;
        step.offset = m.reads ? 0 : static_cast<std::uint64_t>(d.Below(2)) * 64;
        step.length = d.Percent(70) ? 512 : 64;
        step.latency_ms = std::vector<std::uint32_t>{100, 1000, 3000, 7000, 10000}[d.Below(5)];
        // Removing the copy no peer holds would change nothing: the handle
        // is asked for information of a class outside the enumeration
        // instead (info-class), from the draws made.
        if (step.kind == StepKind::kPeerRemove && !m.peered[id]) {
          step.kind = StepKind::kGetInfo;
          step.session = content.session;
          step.object = c;
          step.bytes = 64;
          step.info_class = 1 + step.latency_ms % 3;
        }
      } else if (step.kind == StepKind::kUnpublish) {
        step.object = 0;
        for (const GenModel::ObjectSlot& stream : m.streams) {
          if (stream.used && stream.content == content.content) step.session = stream.session;
        }
        if (!m.open[step.session]) continue;
      } else if (step.kind == StepKind::kAdvance) {
        step.session = 0;
        step.object = 0;
        step.advance = static_cast<Duration>(d.Between(1, 6)) * kSecond;
        // One wait in four of a read-prefix scenario is kFlushQuiet, after
        // which the read handle's tag is flushed (the prefix opens it with
        // tag 1; GenModel::flush_due): reads after it find the cache emptied
        // (flush-forgets). The wait lets reads still waiting on slow peers
        // end first (one still pending may fetch data after the flush, and
        // the rule then judges nothing). From draws already made.
        if (m.reads && c == 0 && step.offset == 64) step.advance = kFlushQuiet;
        // Once data covers c0's block 0, the waits at offsets 128 and 192 flush a tag
        // one byte apart from the read handle's (TagOf) instead: its data
        // must stay (flush-forgets: all 16 bytes of a tag count); the read
        // after it looks at block 0. From draws already made.
        if (m.reads && c == 0 && step.offset >= 128 && m.block0_added) {
          step.kind = StepKind::kFlush;
          step.session = content.session;
          step.tag = static_cast<std::uint8_t>(1 + 16 * (1 + step.bytes % 15));
        }
      }
    } else if (content.info_piece_pending) {
      continue;  // the portion before completes first: the order is then the calls' (info-portions)
    } else if (content.info_next_piece < content.info_pieces) {
      step.kind = StepKind::kAddInfo;
      step.source = content.info_source;
      step.piece = content.info_next_piece;
      step.pieces = content.info_pieces;
    } else if (content.info_added && !content.info_completing) {
      step.kind = StepKind::kCompleteInfo;
    } else if (!content.info_added && !retrieved.empty()) {
      step.kind = StepKind::kAddInfo;
      step.source = d.Of(retrieved);
      // One handle in three takes the information in two or three portions
      // (info-portions), chosen by the count of operations so far: no new
      // draw, so other scenarios are drawn as before.
      if (m.operations % 3 == 1) step.pieces = 2 + static_cast<std::uint32_t>(m.operations % 2);
    } else {
      continue;
    }
    due.push_back(step);
  }
  if (!due.empty()) {
    *out = d.Of(due);
    return true;
  }
  // Earlier links: content published and completed, time for it to land,
  // information opened, a content handle to add it to.
  const std::vector<int> sessions = OpenSlots(m);
  if (sessions.empty()) return false;
  Step step;
  step.session = d.Of(sessions);
  step.event = true;
  bool waiting = m.busy;
  for (const GenModel::ObjectSlot& info : m.infos) waiting = waiting || (info.retrieving && !info.retrieved);
  for (const GenModel::ObjectSlot& content : m.contents) {
    waiting = waiting || (content.info_completing && !content.info_ready);
  }
  std::vector<std::uint32_t> done;
  for (std::uint32_t id = 0; id < m.completed.size(); ++id) {
    if (m.completed[id]) done.push_back(id);
  }
  bool any_info = false, any_content = false;
  for (const GenModel::ObjectSlot& info : m.infos) any_info = any_info || usable(info);
  for (const GenModel::ObjectSlot& content : m.contents) any_content = any_content || usable(content);
  if (waiting) {
    step.kind = StepKind::kAdvance;
    step.session = 0;
    step.advance = 100 * kMillisecond;
  } else if (done.empty()) {
    // Nothing completed: publish, add to and complete a stream of one session.
    int stream = -1;
    for (int t = 0; t < kMaxObjects; ++t) {
      const GenModel::ObjectSlot& slot = m.streams[t];
      if (usable(slot) && slot.content < m.completing.size() && !m.completing[slot.content]) stream = t;
    }
    if (stream < 0) {
      step = OpenFor(d, m, step.session);
      step.kind = StepKind::kPublish;
      std::vector<std::uint32_t> fresh;
      for (std::uint32_t id = 0; id < m.completed.size(); ++id) {
        if (!m.completing[id]) fresh.push_back(id);
      }
      if (fresh.empty()) return false;
      step.content = d.Of(fresh);
      // Half the time a declared content length, which the adds then fill
      // exactly before the complete (declared-length).
      step.length = d.Percent(50) ? static_cast<std::uint64_t>(d.Between(100, 700)) : 0;
    } else {
      const GenModel::ObjectSlot& slot = m.streams[stream];
      step.session = slot.session;
      step.object = stream;
      step.kind = slot.added && d.Percent(50) ? StepKind::kCompleteStream : StepKind::kAddToStream;
      step.bytes = static_cast<std::uint32_t>(d.Between(16, 200));
      if (slot.declared) {
        step.kind = slot.declared_left == 0 ? StepKind::kCompleteStream : StepKind::kAddToStream;
        step.bytes = static_cast<std::uint32_t>(std::min<std::uint64_t>(step.bytes, slot.declared_left));
      }
    }
  } else if (!any_info) {
    step = OpenFor(d, m, step.session);
    step.kind = StepKind::kOpenInfo;
    step.content = d.Of(done);
    // Most Ex opens of the chain ask for the Windows 7 format, whose
    // information the chain then retrieves (info-version), folded from the
    // tag drawn (an open-info passes none).
    if (step.ex && step.options == 0 && step.tag != 0) step.options = PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1;
    // Now and then a range request (ullContentOffset, cbContentLength): the
    // information of a sub-range, and reads before, inside and past it
    // (the range remarks of the read pages; read-range).
    // The range is the content's second and third 64-byte blocks.
    if (d.Percent(40)) {
      step.offset = 64;
      step.length = 128;
    }
  } else if (any_info && !any_content) {
    step = OpenFor(d, m, step.session);
    step.kind = StepKind::kOpenContent;
    // A handle of tag 2 completes through a port of its own: the chain's
    // operations on it then post packets (own-overlapped judges each
    // pointer they carry). Folded from the tag drawn.
    if (step.port == PortArg::kNone && step.tag == 2) step.port = PortArg::kNew;
  } else {
    return false;
  }
  *out = step;
  return true;
}

// A move away from AVAILABLE right after an operation started on a working
// handle, so that it is in flight at the move: the situation of
// in-flight-operations and of the ambiguity in-flight-at-invalidation.
// Likeliest after a read with data to deliver (the longest chain to build)
// and after the operations the other steps start least often; a chain
// scenario moves early only now and then (its chain ends in reads, and in
// data added to a handle that could read it). The World draws the move's
// delay (up to 50 ms) and the operation's duration (1 to 30 ms, reads 2 to
// 80 ms, later behind the handle's earlier operations), so only a part of
// these moves find the operation still pending.
bool InFlightMove(Draw& d, const GenModel& m, Step* out) {
  if (!m.in_flight || m.status() != PEERDIST_STATUS_AVAILABLE || m.unsettled != 0) return false;
  const bool rare = m.in_flight_kind == StepKind::kAddData || m.in_flight_kind == StepKind::kAddInfo ||
                    m.in_flight_kind == StepKind::kCompleteInfo || m.in_flight_kind == StepKind::kRetrieveInfo;
  const bool chain_end = m.in_flight_kind == StepKind::kAddData;
  const int percent = m.reads                  ? 2
                      : m.in_flight_with_data ? 60
                      : chain_end || (rare && !m.chain) ? 35
                      : m.chain               ? 4
                                              : 12;
  if (!d.Percent(percent)) return false;
  Step step;
  step.kind = StepKind::kEnvironment;
  step.action = std::vector<EnvAction>{EnvAction::kLose, EnvAction::kDisable, EnvAction::kRestart,
                                       EnvAction::kPolicyOff, EnvAction::kStop}[d.Weighted({45, 40, 15, 10, 10})];
  // One time in three after a server operation, a server cancel of it
  // instead, mostly from another open session (server-cancel-scope), else
  // from its own (cancel-aborts, or cancel-unknown-operation below). Folded from the operation count: the
  // draws stay those made before.
  const auto* slots = SlotsFor(const_cast<GenModel&>(m), m.in_flight_kind);
  if (m.operations % 3 == 0 && (slots == &m.streams || slots == &m.infos)) {
    step = Step{};
    step.kind = StepKind::kServerCancel;
    step.content = (*slots)[static_cast<std::size_t>(m.in_flight_object)].content;
    step.registration = m.operations - 1;
    step.session = m.in_flight_session;
    for (int other = 0; other < kMaxSessions && m.operations % 2 != 0; ++other) {
      if (m.open[other] && other != m.in_flight_session) {
        step.session = other;
        break;
      }
    }    // From its own session, one time in two it names another identifier
    // (cancel-unknown-operation: PEERDIST_ERROR_OPERATION_NOTFOUND), for
    // content 1 the longer "pd-content-10" (identifiers are all their bytes).
    if (m.operations % 2 == 0 && (m.operations / 6) % 2 == 1) {
      step.content = step.content == 1 ? kLongerIdentifier : (step.content + 1) % 3;
    }
  }
  *out = step;
  return true;
}

// A close of the content handle right after an operation started on it, so
// that the close finds it pending (close-cancels); one time in three a cancel
// of it instead, one of those in two with a NULL OVERLAPPED (cancel-aborts:
// a cancel of a pending operation succeeds). Folded from the operation count,
// so the draws stay those made before.
bool InFlightClose(Draw& d, const GenModel& m, Step* out) {
  if (!m.in_flight || SlotsFor(const_cast<GenModel&>(m), m.in_flight_kind) != &m.contents) return false;
  if (!d.Percent(12)) return false;
  Step step;
  step.kind = StepKind::kCloseContent;
  step.session = m.in_flight_session;
  step.object = m.in_flight_object;
  if (m.operations % 3 == 0) {
    step.kind = StepKind::kClientCancel;
    step.registration = m.operations - 1;
    step.all = m.operations % 2 == 0;
  }
  *out = step;
  return true;
}

// One content step: opens, calls on open handles, the handle-less calls,
// and about a sixth deliberately invalid shapes.
StepIntent ChooseContentStep(Draw& d, const GenModel& m, Step* out) {
  if (InFlightMove(d, m, out)) return StepIntent::kValid;
  if (InFlightClose(d, m, out)) return StepIntent::kValid;
  if (m.status() == PEERDIST_STATUS_AVAILABLE && m.unsettled == 0 && d.Percent(m.chain ? 90 : 60) &&
      NextReadChainStep(d, m, out)) {
    return StepIntent::kValid;
  }
  const std::vector<int> open = OpenSlots(m);
  const std::vector<ObjectRef> objects = Objects(m, true);
  const std::vector<ObjectRef> closed = Objects(m, false);
  const bool available = m.status() == PEERDIST_STATUS_AVAILABLE;
  enum Choice { kOpen, kCall, kMisc, kInvalid, kMakeAvailable, kSettle, kMove };
  Step step;
  StepIntent intent = StepIntent::kValid;
  bool completing = false;
  for (bool c : m.completing) completing = completing || c;
  const int settle_weight = m.unsettled > 0 ? 45 : completing ? 30 : m.busy ? 12 : 0;
  // kOpen, kCall, kMisc (handle-less calls, short advances), kInvalid, and
  // while the service is not available, an action that makes it so (handles
  // are opened while AVAILABLE, and only then can a move invalidate them).
  bool any_completed = false, any_info = false;
  for (bool c : m.completed) any_completed = any_completed || c;
  for (const GenModel::ObjectSlot& slot : m.infos) any_info = any_info || slot.open;
  // Content information is the longest chain (publish, add, complete, wait,
  // open): once it is possible, opening it is the likeliest step.
  const int open_weight = !available ? 5 : any_completed && !any_info ? 70 : 30;
  switch (d.Weighted({open_weight, objects.empty() ? 0 : 45, 10, 11,
                      available || m.unsettled > 0 ? 0 : 25, settle_weight,
                      // with handles open, a status move (the invalidation rules' subject)
                      objects.empty() ? 0 : any_info ? 22 : 14})) {
    case kOpen:
      step = OpenFor(d, m, d.Of(open));
      break;
    case kCall: {
      // A kind first, then a handle of it: content information handles are
      // the rarest, and every kind should see its calls.
      std::vector<StepKind> kinds;
      for (const ObjectRef& ref : objects) {
        if (std::find(kinds.begin(), kinds.end(), ref.kind_of_slots) == kinds.end()) kinds.push_back(ref.kind_of_slots);
      }
      const StepKind kind = d.Of(kinds);
      std::vector<ObjectRef> of_kind;
      for (const ObjectRef& ref : objects) {
        if (ref.kind_of_slots == kind) of_kind.push_back(ref);
      }
      step = CallOn(d, m, d.Of(of_kind));
      break;
    }
    case kMisc:
      step.session = d.Of(open);
      switch (d.Weighted({2, 2, 3, m.operations > 0 ? 4 : 0, 6})) {
        case 0:
          step.kind = StepKind::kUnpublish;
          step.content = static_cast<std::uint32_t>(d.Below(60));
          // Now and then (one draw in thirty) an identifier of 0 bytes (invalid-parameter).
          step.empty_id = step.content >= 58;
          step.content = LongerNowAndThen(d, m, step.content % 3);
          break;
        case 1:
          step.kind = StepKind::kFlush;
          // Now and then (two draws in thirty) a flush of tag 0 or 1 passes a port that is none
          // (invalid-parameter), folded into the tag's draw.
          step.tag = static_cast<std::uint8_t>(d.Below(30));
          if (step.tag >= 27 && step.tag != 29) step.port = PortArg::kBogus;
          step.tag %= 3;
          // A flush of tag 2 completes through a port of its own, with a key
          // (flush-port-and-key): from the draw made, so the rest of the
          // scenario is drawn as before (the model does not follow flushes).
          if (step.tag == 2) {
            step.port = PortArg::kNew;
            step.key = 0x2F00 + static_cast<std::uint64_t>(step.session);
          }
          break;
        case 2:
          step.kind = StepKind::kServerCancel;
          step.content = static_cast<std::uint32_t>(d.Below(60));
          // Now and then (one draw in thirty) an identifier of 0 bytes (invalid-parameter).
          step.empty_id = step.content >= 58;
          step.content = LongerNowAndThen(d, m, step.content % 3);
          step.registration = m.operations > 0 && d.Percent(70) ? m.operations - 1 : d.Below(m.operations + 1);
          // Right after a server operation started, its identifier (folded:
          // no draw), so that the cancel finds it pending, from its own
          // session or another (cancel-aborts, server-cancel-scope).
          if (m.in_flight && step.registration == m.operations - 1) {
            const auto* slots = SlotsFor(const_cast<GenModel&>(m), m.in_flight_kind);
            if (slots == &m.streams || slots == &m.infos) {
              step.content = (*slots)[static_cast<std::size_t>(m.in_flight_object)].content;
            }
          }
          break;
        case 3:
          step.kind = StepKind::kGetOverlappedResult;
          step.session = 0;
          step.of_operation = true;
          step.registration = d.Percent(50) ? m.operations - 1 : d.Below(m.operations);
          step.wait = d.Percent(10);
          break;
        default:
          // Long enough for the operations started so far to complete.
          step.kind = StepKind::kAdvance;
          step.session = 0;
          step.advance = static_cast<Duration>(d.Between(20, 90)) * kMillisecond;
          break;
      }
      break;
    case kMakeAvailable:
      step.kind = StepKind::kEnvironment;
      step.action = m.stopped ? EnvAction::kStart : !m.enabled ? EnvAction::kEnable : EnvAction::kRegain;
      break;
    case kMove:
      step.kind = StepKind::kEnvironment;
      step.action = DrawEnvAction(d, m);
      // Steer towards the rarest transitions, through UNAVAILABLE: a restart
      // while UNAVAILABLE goes unavailable->disabled->unavailable; losing
      // reachability while DISABLED makes the next enable disabled->unavailable.
      if (d.Percent(40)) {
        switch (m.status()) {
          case PEERDIST_STATUS_AVAILABLE: step.action = EnvAction::kLose; break;
          case PEERDIST_STATUS_UNAVAILABLE: step.action = EnvAction::kRestart; break;
          case PEERDIST_STATUS_DISABLED: step.action = m.reachable ? EnvAction::kLose : EnvAction::kEnable; break;
        }
      }
      break;
    case kSettle:
      // Until the environment surely moved and operations surely completed.
      step.kind = StepKind::kAdvance;
      step.session = 0;
      step.advance = std::max<Duration>(m.unsettled, 90 * kMillisecond) + static_cast<Duration>(d.Between(0, 20)) * kMillisecond;
      break;
    default: {
      intent = StepIntent::kInvalid;
      switch (d.Weighted({closed.empty() ? 1 : 5, 2, objects.empty() ? 0 : 3, objects.empty() ? 0 : 2})) {
        case 0: {  // a call (often the close) on a handle closed before, or on a slot never used
          if (!closed.empty()) {
            const ObjectRef ref = d.Of(closed);
            step = CallOn(d, m, ref);
            if (d.Percent(50)) {
              step.kind = ref.kind_of_slots == StepKind::kPublish    ? StepKind::kCloseStream
                          : ref.kind_of_slots == StepKind::kOpenInfo ? StepKind::kCloseInfo
                                                                     : StepKind::kCloseContent;
            }
          } else {
            step = CallOn(d, m, ObjectRef{StepKind::kOpenContent, d.Below(kMaxObjects), d.Of(open)});
          }
          step.session = d.Of(open);
          break;
        }
        case 1: {  // a NULL required pointer on an open call, or (invalid-parameter) a port that is none or
                   // an identifier of 0 bytes
          step = OpenFor(d, m, d.Of(open));
          const int pick = d.Below(100);
          if (pick < 40) {
            step.null_in = true;
          } else if (pick < 80) {
            step.null_out = true;
          } else if (pick < 90 && TakesIdentifier(step.kind)) {
            step.empty_id = true;
          } else {
            step.port = PortArg::kBogus;
          }
          break;
        }
        case 2: {  // a NULL pointer on a call on a handle (or a handle-less one)
          step = objects.empty() ? OpenFor(d, m, d.Of(open)) : CallOn(d, m, d.Of(objects));
          if (IsAsyncContentStep(step.kind) && d.Percent(50)) {
            step.null_overlapped = true;
          } else if (step.kind == StepKind::kGetInfo) {
            step.null_out = true;
          } else {
            step.null_in = true;
          }
          break;
        }
        default:  // cancelling an operation that never existed
          step = CallOn(d, m, d.Of(objects));
          step.kind = StepKind::kClientCancel;
          step.all = false;
          step.registration = std::min(m.operations + d.Below(3), kMaxSteps);
          break;
      }
      break;
    }
  }
  *out = step;
  return intent;
}

// One well-formed step, or an invalid shape; returns the intent.
StepIntent ChooseStep(Draw& d, const GenModel& m, Step* out) {
  const std::vector<int> open = OpenSlots(m);
  const std::vector<int> closed = ClosedSlots(m);
  const bool any_open = !open.empty();
  if (m.content && any_open && d.Percent(m.chain ? 90 : 75)) return ChooseContentStep(d, m, out);

  enum Choice { kStartup, kRegister, kEnv, kAdvance, kGetStatus, kUnregister, kResult, kShutdown, kInvalid };
  const int startup_weight = !any_open ? 60 : closed.empty() ? 0 : open.size() == 1 ? 8 : 3;
  const std::vector<int> weights = {
      startup_weight,                 // kStartup
      any_open ? 26 : 0,              // kRegister
      13,                             // kEnv
      16,                             // kAdvance
      any_open ? 9 : 0,               // kGetStatus
      any_open ? 5 : 0,               // kUnregister
      m.registrations > 0 ? 7 : 0,    // kResult
      any_open ? 3 : 0,               // kShutdown
      7,                              // kInvalid
  };
  Step step;
  StepIntent intent = StepIntent::kValid;
  switch (d.Weighted(weights)) {
    case kStartup:
      step.kind = StepKind::kStartup;
      // Mostly the lowest free slot, so sessions fill s0, s1, ...
      step.session = d.Percent(75) ? closed.front() : d.Of(closed);
      // Mostly PEERDIST_VERSION; sometimes Windows 7, 1.2 (0x0201: below
      // 2.0 although the larger number), 2.1 and 3.0 (above it): what
      // startup-version judges.
      switch (const int v = d.Below(100); v < 5 ? 0 : v < 7 ? 1 : v < 9 ? 2 : v < 10 ? 3 : 4) {
        case 0: step.version = PEERDIST_VERSION_WIN7; break;
        case 1: step.version = MakeWord(1, 2); break;
        case 2: step.version = MakeWord(2, 1); break;
        case 3: step.version = MakeWord(3, 0); break;
        default: break;
      }
      break;
    case kRegister: {
      std::vector<int> idle;
      for (int s : open) {
        if (!m.registered[s]) idle.push_back(s);
      }
      const int s = (!idle.empty() && d.Percent(70)) ? d.Of(idle) : d.Of(open);
      step = ValidRegister(d, m, s);
      break;
    }
    case kEnv:
      step.kind = StepKind::kEnvironment;
      step.action = DrawEnvAction(d, m);
      break;
    case kAdvance:
      step.kind = StepKind::kAdvance;
      step.advance = DrawAdvance(d);
      break;
    case kGetStatus:
      step.kind = StepKind::kGetStatus;
      step.session = d.Of(open);
      step.ex = d.Percent(50);
      break;
    case kUnregister: {
      std::vector<int> busy;
      for (int s : open) {
        if (m.registered[s]) busy.push_back(s);
      }
      step.kind = StepKind::kUnregister;
      step.session = (!busy.empty() && d.Percent(80)) ? d.Of(busy) : d.Of(open);
      break;
    }
    case kResult:
      step.kind = StepKind::kGetOverlappedResult;
      step.registration = d.Percent(50) ? m.registrations - 1 : d.Below(m.registrations);
      step.wait = d.Percent(10);
      break;
    case kShutdown:
      step.kind = StepKind::kShutdown;
      step.session = d.Of(open);
      break;
    case kInvalid: {
      intent = StepIntent::kInvalid;
      static const StepKind kHandleKinds[] = {StepKind::kShutdown, StepKind::kGetStatus, StepKind::kRegister,
                                              StepKind::kUnregister};
      const int any_slot = d.Below(kMaxSessions);
      const int an_open = any_open ? d.Of(open) : any_slot;
      const int a_closed = closed.empty() ? any_slot : d.Of(closed);
      switch (d.Weighted({4, 3, 4, 2, 2, 1, 1, 1})) {
        case 0:  // handle=bogus
          step.kind = kHandleKinds[d.Below(4)];
          if (m.content && d.Percent(40)) step.kind = AnyContentKind(d);
          step.session = an_open;
          step.handle = HandleArg::kBogus;
          break;
        case 1:  // a call on a closed (or never opened) slot
          step.kind = kHandleKinds[d.Below(4)];
          if (m.content && d.Percent(40)) step.kind = AnyContentKind(d);
          step.session = a_closed;
          if (closed.empty()) step.handle = HandleArg::kBogus;
          break;
        case 2:  // out=null
          switch (d.Below(3)) {
            case 0:
              step.kind = StepKind::kStartup;
              step.session = a_closed;
              break;
            case 1:
              step.kind = StepKind::kGetStatus;
              step.session = an_open;
              step.ex = d.Percent(50);
              break;
            default:
              step = ValidRegister(d, m, an_open);
              break;
          }
          step.null_out = true;
          break;
        case 3:  // overlapped=null
          step = ValidRegister(d, m, an_open);
          step.null_overlapped = true;
          break;
        case 4:  // port=bogus
          step = ValidRegister(d, m, an_open);
          step.port = PortArg::kBogus;
          break;
        case 5:  // version=0
          step.kind = StepKind::kStartup;
          step.session = a_closed;
          step.version = 0;
          break;
        case 6:  // a registration index no registration has
          step.kind = StepKind::kGetOverlappedResult;
          step.registration = std::min(m.registrations + d.Below(3), kMaxSteps);
          break;
        default:  // bytes=null on an existing registration (or none)
          step.kind = StepKind::kGetOverlappedResult;
          step.registration = m.registrations > 0 ? m.registrations - 1 : 0;
          step.null_out = true;
          break;
      }
      break;
    }
  }
  *out = step;
  return intent;
}

// Shrink candidates for one step, each a copy with one argument made
// simpler, in the order offered; the step itself is never offered.
class ShrinkCandidates {
 public:
  explicit ShrinkCandidates(const Step& step) : step_(step) {}

  template <typename Field, typename Value>
  void Set(Field Step::*field, Value value) {
    Step candidate = step_;
    candidate.*field = static_cast<Field>(value);
    Add(candidate);
  }
  void Add(const Step& candidate) {
    if (!(candidate == step_)) out_.push_back(candidate);
  }
  std::vector<Step> Take() { return std::move(out_); }

 private:
  const Step& step_;
  std::vector<Step> out_;
};

}  // namespace

// Simpler versions of a step (never a different kind). The command's
// precondition filters out the ones the model does not allow.
std::vector<Step> StepShrinks(const Step& step) {
  ShrinkCandidates c(step);
  if (step.handle == HandleArg::kBogus) c.Set(&Step::handle, HandleArg::kSlot);
  for (int session = 0; session < step.session; ++session) c.Set(&Step::session, session);
  switch (step.kind) {
    case StepKind::kStartup:
      c.Set(&Step::version, PEERDIST_VERSION);
      c.Set(&Step::null_out, false);
      break;
    case StepKind::kGetStatus:
      c.Set(&Step::ex, false);
      c.Set(&Step::null_out, false);
      break;
    case StepKind::kRegister:
      c.Set(&Step::null_overlapped, false);
      c.Set(&Step::null_out, false);
      c.Set(&Step::port, PortArg::kNone);
      if (step.port == PortArg::kLast) c.Set(&Step::port, PortArg::kNew);
      c.Set(&Step::ex, false);
      c.Set(&Step::event, true);
      c.Set(&Step::key, 0);
      if (step.key > 1) c.Set(&Step::key, 1);
      break;
    case StepKind::kGetOverlappedResult:
      c.Set(&Step::wait, false);
      c.Set(&Step::null_out, false);
      if (step.registration > 0) {
        c.Set(&Step::registration, 0);
        c.Set(&Step::registration, step.registration - 1);
      }
      break;
    case StepKind::kAdvance:
      for (Duration shorter : {Duration{0}, step.advance / 2, step.advance - step.advance / 4,
                               step.advance / kMillisecond * kMillisecond}) {
        if (shorter < step.advance) c.Set(&Step::advance, shorter);
      }
      break;
    case StepKind::kShutdown:
    case StepKind::kUnregister:
    case StepKind::kEnvironment:
      break;
    default:
      // The content part: drop the optional shapes one by one.
      for (auto field : {&Step::null_in, &Step::null_out, &Step::null_overlapped, &Step::corrupt, &Step::ex,
                         &Step::all, &Step::empty_id}) {
        if (step.*field) c.Set(field, false);
      }
      if (!step.event) c.Set(&Step::event, true);
      if (step.port != PortArg::kNone) {
        Step no_port = step;
        no_port.port = PortArg::kNone;
        no_port.key = 0;
        c.Add(no_port);
      }
      if (step.offset != 0) c.Set(&Step::offset, std::uint64_t{0});
      if (step.bytes != Step{}.bytes) c.Set(&Step::bytes, Step{}.bytes);
      if (step.registration > 0) c.Set(&Step::registration, step.registration - 1);
      break;
  }
  return c.Take();
}

namespace {

// The initial status: DISABLED most often; shrinks towards DISABLED.
rc::Gen<PEERDIST_STATUS> GenInitialStatus() {
  return rc::Gen<PEERDIST_STATUS>([](const rc::Random& random, int) {
    Draw d(random);
    static const PEERDIST_STATUS kStatuses[] = {PEERDIST_STATUS_DISABLED, PEERDIST_STATUS_UNAVAILABLE,
                                                PEERDIST_STATUS_AVAILABLE};
    const PEERDIST_STATUS status = kStatuses[d.Weighted({60, 15, 25})];
    return rc::shrinkable::shrinkRecur(status, [](PEERDIST_STATUS s) {
      return s == PEERDIST_STATUS_DISABLED ? rc::Seq<PEERDIST_STATUS>() : rc::seq::just(PEERDIST_STATUS_DISABLED);
    });
  });
}

// The World's seed: any 64-bit value; shrinks towards 0 (small seeds read
// better in a counterexample).
rc::Gen<std::uint64_t> GenSeed() {
  return rc::Gen<std::uint64_t>([](const rc::Random& random, int) {
    rc::Random r = random;
    return rc::shrinkable::shrinkRecur(r.next(), [](std::uint64_t x) {
      return rc::shrink::towards<std::uint64_t>(x, 0);
    });
  });
}

// The command sequence's length grows with RapidCheck's size, from at most
// 13 steps at size 0 to at most kMaxGeneratedCommands.
int CommandsSizeFor(int size) {
  const int clamped = std::max(0, std::min(size, 100));
  return std::min(kMaxGeneratedCommands - 1, 12 + clamped * (kMaxGeneratedCommands - 13) / 99);
}

}  // namespace

rc::Gen<StepCommandPtr> GenStepCommand(const GenModel& model) {
  return rc::Gen<StepCommandPtr>([model](const rc::Random& random, int) {
    Draw d(random);
    Step step;
    const StepIntent intent = ChooseStep(d, model, &step);
    auto shrinks = [](const Step& s) { return rc::seq::fromContainer(StepShrinks(s)); };
    return rc::shrinkable::map(rc::shrinkable::shrinkRecur(step, shrinks), [intent](const Step& s) {
      return StepCommandPtr(std::make_shared<const StepCommand>(s, intent));
    });
  });
}

// Whether a scenario has content steps: half of them, a third of those
// (ContentMode::kChain) mostly building the read chain; shrinks to "no",
// a chain scenario first to a plain content one.
rc::Gen<ContentMode> GenContentSteps() {
  return rc::Gen<ContentMode>([](const rc::Random& random, int) {
    Draw d(random);
    static const ContentMode kModes[] = {ContentMode::kNone, ContentMode::kContent, ContentMode::kChain};
    ContentMode drawn = kModes[d.Weighted({50, 33, 17})];
    // A further draw (the earlier ones keep their meaning): half the chain
    // scenarios and a third of the content ones start from the read prefix.
    if (drawn == ContentMode::kChain && d.Percent(50)) drawn = ContentMode::kReads;
    if (drawn == ContentMode::kContent && d.Percent(35)) drawn = ContentMode::kReads;
    // And a third of the read-prefix ones read the information of a range.
    if (drawn == ContentMode::kReads && d.Percent(33)) drawn = ContentMode::kRangedReads;
    return rc::shrinkable::shrinkRecur(drawn, [](ContentMode mode) {
      switch (mode) {
        case ContentMode::kRangedReads: return rc::seq::just(ContentMode::kReads, ContentMode::kNone);
        case ContentMode::kReads: return rc::seq::just(ContentMode::kChain, ContentMode::kNone);
        case ContentMode::kChain: return rc::seq::just(ContentMode::kContent, ContentMode::kNone);
        case ContentMode::kContent: return rc::seq::just(ContentMode::kNone);
        case ContentMode::kNone: break;
      }
      return rc::Seq<ContentMode>();
    });
  });
}

rc::Gen<Scenario> GenScenario() {
  using Commands = rc::state::Commands<StepCommand::CommandType>;
  using Start = std::pair<PEERDIST_STATUS, ContentMode>;  // initial status, content steps
  const rc::Gen<Start> start = rc::gen::apply(
      [](PEERDIST_STATUS initial, ContentMode content) { return Start(initial, content); }, GenInitialStatus(),
      GenContentSteps());
  rc::Gen<std::pair<Start, Commands>> body = rc::gen::mapcat(start, [](Start begin) {
    const rc::Gen<Commands> commands = rc::gen::withSize([begin](int size) {
      return rc::gen::resize(CommandsSizeFor(size),
                             rc::state::gen::commands(GenModel(begin.first, begin.second), &GenStepCommand));
    });
    return rc::gen::map(commands, [begin](Commands c) { return std::make_pair(begin, std::move(c)); });
  });
  return rc::gen::apply(
      [](const std::pair<Start, Commands>& body, std::uint64_t seed) {
        Scenario scenario;
        scenario.seed = seed;
        scenario.initial_status = body.first.first;
        GenModel model(body.first.first, body.first.second);
        if (body.first.second == ContentMode::kReads) scenario.steps = ReadsPrefix();
        if (body.first.second == ContentMode::kRangedReads) scenario.steps = RangedReadsPrefix();
        for (const auto& command : body.second) {
          command->run(model, scenario);
          command->apply(model);
        }
        // Cannot happen (the length is bounded above); kept as a guard so a
        // generated scenario is always replayable.
        if (scenario.steps.size() > static_cast<std::size_t>(kMaxSteps)) scenario.steps.resize(kMaxSteps);
        return scenario;
      },
      body, GenSeed());
}

void showValue(const Scenario& scenario, std::ostream& os) { os << RenderScenario(scenario); }

}  // namespace pd
