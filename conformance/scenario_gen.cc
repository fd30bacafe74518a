#include "conformance/scenario_gen.h"

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

#include "scenario/scenario_text.h"

namespace pd {

// ---------------------------------------------------------------------------
// The model.

GenModel::GenModel(PEERDIST_STATUS initial)
    : enabled(initial != PEERDIST_STATUS_DISABLED), reachable(initial != PEERDIST_STATUS_UNAVAILABLE) {}

PEERDIST_STATUS GenModel::status() const {
  if (!enabled) return PEERDIST_STATUS_DISABLED;
  return reachable ? PEERDIST_STATUS_AVAILABLE : PEERDIST_STATUS_UNAVAILABLE;
}

void GenModel::Apply(const Step& step) {
  const int s = step.session;
  const bool slot_open = step.handle == HandleArg::kSlot && s >= 0 && s < kMaxSessions && open[s];
  switch (step.kind) {
    case StepKind::kStartup:
      if (!step.null_out && step.version >= PEERDIST_VERSION_WIN7 && s >= 0 && s < kMaxSessions) {
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
      const PEERDIST_STATUS before = status();
      switch (step.action) {
        case EnvAction::kEnable: enabled = true; break;
        case EnvAction::kDisable: enabled = false; break;
        case EnvAction::kLose: reachable = false; break;
        case EnvAction::kRegain: reachable = true; break;
        case EnvAction::kRestart: break;  // down, then back to the same status
      }
      // A status change most likely completes the pending registrations.
      if (status() != before || step.action == EnvAction::kRestart) registered.fill(false);
      break;
    }
    case StepKind::kGetStatus:
    case StepKind::kGetOverlappedResult:
    case StepKind::kAdvance:
      break;
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
      return step.registration >= 0 && step.registration < model.registrations;
    case StepKind::kEnvironment:
    case StepKind::kAdvance:
      return true;
  }
  return false;
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
  static const EnvAction kActions[] = {EnvAction::kEnable, EnvAction::kDisable, EnvAction::kLose,
                                       EnvAction::kRegain, EnvAction::kRestart};
  std::vector<int> weights;
  for (EnvAction action : kActions) {
    GenModel after = m;
    Step step;
    step.kind = StepKind::kEnvironment;
    step.action = action;
    after.Apply(step);
    if (action == EnvAction::kRestart) {
      weights.push_back(m.status() == PEERDIST_STATUS_DISABLED ? 1 : 3);
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

// One well-formed step, or an invalid shape; returns the intent.
StepIntent ChooseStep(Draw& d, const GenModel& m, Step* out) {
  const std::vector<int> open = OpenSlots(m);
  const std::vector<int> closed = ClosedSlots(m);
  const bool any_open = !open.empty();

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
      if (d.Percent(5)) step.version = PEERDIST_VERSION_WIN7;
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
          step.session = an_open;
          step.handle = HandleArg::kBogus;
          break;
        case 1:  // a call on a closed (or never opened) slot
          step.kind = kHandleKinds[d.Below(4)];
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

// Simpler versions of a step (never a different kind). The command's
// precondition filters out the ones the model does not allow.
std::vector<Step> StepShrinks(const Step& step) {
  std::vector<Step> out;
  auto add = [&](const Step& candidate) {
    if (!(candidate == step)) out.push_back(candidate);
  };
  Step s = step;
  if (step.handle == HandleArg::kBogus) {
    s = step;
    s.handle = HandleArg::kSlot;
    add(s);
  }
  for (int session = 0; session < step.session; ++session) {
    s = step;
    s.session = session;
    add(s);
  }
  switch (step.kind) {
    case StepKind::kStartup:
      s = step;
      s.version = PEERDIST_VERSION;
      add(s);
      s = step;
      s.null_out = false;
      add(s);
      break;
    case StepKind::kGetStatus:
      s = step;
      s.ex = false;
      add(s);
      s = step;
      s.null_out = false;
      add(s);
      break;
    case StepKind::kRegister:
      s = step;
      s.null_overlapped = false;
      add(s);
      s = step;
      s.null_out = false;
      add(s);
      s = step;
      s.port = PortArg::kNone;
      add(s);
      if (step.port == PortArg::kLast) {
        s = step;
        s.port = PortArg::kNew;
        add(s);
      }
      s = step;
      s.ex = false;
      add(s);
      s = step;
      s.event = true;
      add(s);
      s = step;
      s.key = 0;
      add(s);
      if (step.key > 1) {
        s = step;
        s.key = 1;
        add(s);
      }
      break;
    case StepKind::kGetOverlappedResult:
      s = step;
      s.wait = false;
      add(s);
      s = step;
      s.null_out = false;
      add(s);
      if (step.registration > 0) {
        s = step;
        s.registration = 0;
        add(s);
        s.registration = step.registration - 1;
        add(s);
      }
      break;
    case StepKind::kAdvance:
      if (step.advance > 0) {
        for (Duration shorter : {Duration{0}, step.advance / 2, step.advance - step.advance / 4,
                                 step.advance / kMillisecond * kMillisecond}) {
          s = step;
          s.advance = shorter;
          if (shorter < step.advance) add(s);
        }
      }
      break;
    case StepKind::kShutdown:
    case StepKind::kUnregister:
    case StepKind::kEnvironment:
      break;
  }
  return out;
}

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
// 13 steps at size 0 to at most kMaxGeneratedSteps.
int CommandsSizeFor(int size) {
  const int clamped = std::max(0, std::min(size, 100));
  return std::min(kMaxGeneratedSteps - 1, 12 + clamped * (kMaxGeneratedSteps - 13) / 99);
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

rc::Gen<Scenario> GenScenario() {
  using Commands = rc::state::Commands<StepCommand::CommandType>;
  rc::Gen<std::pair<PEERDIST_STATUS, Commands>> body =
      rc::gen::mapcat(GenInitialStatus(), [](PEERDIST_STATUS initial) {
        const rc::Gen<Commands> commands = rc::gen::withSize([initial](int size) {
          return rc::gen::resize(CommandsSizeFor(size),
                                 rc::state::gen::commands(GenModel(initial), &GenStepCommand));
        });
        return rc::gen::map(commands, [initial](Commands c) { return std::make_pair(initial, std::move(c)); });
      });
  return rc::gen::apply(
      [](const std::pair<PEERDIST_STATUS, Commands>& body, std::uint64_t seed) {
        Scenario scenario;
        scenario.seed = seed;
        scenario.initial_status = body.first;
        GenModel model(body.first);
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
