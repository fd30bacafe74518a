// The RapidCheck front door: a *stateful* generator of scenarios.
//
// A scenario is generated as a sequence of rc::state commands over a small
// model of what the harness has done so far (which session slots are open,
// how many registrations were attempted, whether a completion port exists,
// a guess of the service status). Each command holds exactly one pd::Step.
// Because the sequence comes from rc::state::gen::commands, RapidCheck's
// shrinking removes steps and simplifies single steps while keeping every
// remaining step meaningful for the model: a call meant for an open session
// is regenerated if shrinking removed the startup that opened it.
//
// Weighting (per step, roughly): mostly valid calls on open sessions
// (startup early, registrations, get-status, unregister,
// get-overlapped-result on an existing rN, shutdown), environment actions,
// virtual-time advances in three bands, and about 7% deliberately invalid
// shapes (bogus or closed handles, NULL out-pointers, NULL OVERLAPPED, bogus
// port, version 0, rN out of range, NULL byte count).
//
// Half the scenarios (a flag drawn first, shrinking to "off") also exercise
// the content part: three steps in four are then content steps — opening
// streams, content information and content handles while AVAILABLE, calls
// on open handles (reads, adds, cancels of the latest operation, closes),
// status moves while handles are open (steered through UNAVAILABLE so that
// every transition occurs), moves right after an operation started on a
// working handle (so that it is in flight at the move: more often after a
// read with data to deliver, and after the rarer operations), waits long
// enough for status moves and operations to land, and invalid shapes (calls
// on closed handles, double closes, NULL pointers, cancels of operations
// that never existed). The other half is shaped exactly as before, so the
// notification rules keep their budget.
#ifndef CONFORMANCE_SCENARIO_GEN_H_
#define CONFORMANCE_SCENARIO_GEN_H_

#include <array>
#include <iosfwd>
#include <memory>

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "scenario/scenario.h"
#include "scenario/step.h"
#include "sim/peerdist_types.h"

namespace pd {

// Upper bound on the number of steps of a generated scenario (well under
// kMaxSteps, so generated scenarios are quick to run and to shrink).
constexpr int kMaxGeneratedCommands = 40;
// The steps of a kReads scenario's prefix (ReadsPrefix) come on top.
constexpr int kReadsPrefixSteps = 16;
constexpr int kMaxGeneratedSteps = kMaxGeneratedCommands + kReadsPrefixSteps;
// A wait after which every read of a read-prefix scenario has ended (the
// slowest peer answers within 10 s): the flush of c0's tag comes after it.
constexpr Duration kFlushQuiet = 10 * kSecond;
static_assert(kMaxGeneratedSteps <= kMaxSteps, "generated scenarios must stay replayable");

// Whether a scenario exercises the content part: not at all, with content
// steps among the others, or (kChain) mostly building the longest chain,
// content read back by a client, and moving the status while reads are in
// flight; or (kReads) the chain built by a fixed prefix (ReadsPrefix) and
// the steps spent on reads against the peers, the cache and the timeouts.
// kRangedReads is kReads on the information of a range request of the
// content (RangedReadsPrefix): its reads fall before, inside, at the end of
// and past the range.
enum class ContentMode : std::uint8_t { kNone, kContent, kChain, kReads, kRangedReads };

// The steps a kReads scenario begins with: two sessions, content 1 (256
// bytes) published, its information retrieved and completed on content
// handle c0 of s1.
const std::vector<Step>& ReadsPrefix();
// The same, with the information of the range [64, 192) of content 1 (a
// range request: ullContentOffset 64, cbContentLength 128) instead of the
// whole.
const std::vector<Step>& RangedReadsPrefix();

// What the generator knows (or guesses) after a prefix of steps. Everything
// here follows from the steps alone, so regenerating or shrinking a prefix
// recomputes it exactly.
struct GenModel {
  std::array<bool, kMaxSessions> open{};        // the slot holds an open session
  std::array<bool, kMaxSessions> registered{};  // guess: a registration is pending there
  int registrations = 0;                        // registration attempts so far (next rN)
  bool port = false;                            // a completion port was created
  // Guess of the service status, tracked like sim/service_model.
  bool enabled = false;
  bool reachable = true;
  bool stopped = false;  // env stop, until env start
  // The content part. A scenario either exercises it (content steps among
  // the others) or not at all, so the notification rules keep the budget of
  // scenarios shaped as before.
  bool content = false;
  bool chain = false;  // ContentMode::kChain (or kReads)
  bool reads = false;  // ContentMode::kReads
  // Read-prefix scenarios: after a flush of the read handle's tag, a wait (2)
  // and then a local-cache-only read (1) follow, so that the read finds the
  // flush done (flush-forgets).
  int flush_followup = 0;
  // Read-prefix scenarios: a wait of kFlushQuiet passed; the read chain
  // flushes c0's tag next.
  bool flush_due = false;
  // Read-prefix scenarios: a block was added whole to c0 since the last
  // flush; once the add's own follow-up is done, the chain waits
  // kFlushQuiet and flushes c0's tag (flush-forgets).
  bool flush_wanted = false;
  // Read-prefix scenarios: after data added to a content slot, a wait (3),
  // PeerDistGetOverlappedResult on the add (2: its byte count,
  // overlapped-result) and, when it covered two blocks, a read of 0 bytes
  // where it was added (1: the query finds the run in the local cache,
  // read-local-only).
  int query_followup = 0;
  int query_object = 0;
  std::uint64_t query_offset = 0;
  int query_operation = 0;  // the add's oN
  bool query_reads = false;
  // Read-prefix scenarios: an add-data covered c0's block 0; the last flush
  // named a tag one byte apart from c0's (TagOf), so the read after it is a
  // block read of block 0, data the flush must have left (flush-forgets).
  bool block0_added = false;
  // Read-prefix scenarios: where the last add-data that surely succeeded
  // put a whole block on c0 (-1: none): the block read after a flush of
  // c0's tag looks there (flush-forgets: the flush must drop it).
  std::int64_t block_added_at = -1;
  bool flush_other_tag = false;
  struct ObjectSlot {
    bool used = false;  // an open call filled it once
    bool open = false;  // guess: it holds an open handle
    int session = 0;    // the session slot that opened it
    std::uint32_t content = 0;  // streams: the content number published
    // Info slots: a retrieve-info was started on the handle, and it surely
    // completed (an advance long enough since): add-info has bytes to add.
    bool retrieving = false;
    bool retrieved = false;
    // Info slots: a first retrieve smaller than the whole information was
    // started; the chain's next retrieve fetches the rest, so a retrieve at
    // an offset past 0 happens (retrieve-offset).
    bool probed = false;
    // Info slots: opened for a range, not the whole content: its
    // information is no source for add-info (the chain reads whole content).
    bool ranged = false;
    // Content slots: retrieved information was added, complete-info was
    // started, and it surely completed: reads can deliver data.
    bool info_added = false;
    bool info_completing = false;
    bool info_ready = false;
    // Content slots: information added in portions (add-info part=K/N):
    // how many, the next one, from which info slot, and whether the last
    // one added may still be pending (the next waits for it).
    std::uint32_t info_pieces = 0;
    std::uint32_t info_next_piece = 0;
    int info_source = 0;
    bool info_piece_pending = false;
    // Stream slots: data was added to the stream.
    bool added = false;
    // Stream slots: the publish declared a content length (cbContentLength
    // not 0); how many bytes of it are still to be added (declared-length).
    bool declared = false;
    std::uint64_t declared_left = 0;
    // Content slots: the offset of the last add-data on the handle, -1 for
    // none: a read of 0 bytes queries there, where the local cache surely
    // holds a run (read-local-only's count of it).
    std::int64_t data_at = -1;
    // Guess: the status moved away from AVAILABLE since the open, so calls
    // on it fail at once (nothing can be in flight on it at a later move).
    bool invalidated = false;
  };
  std::array<ObjectSlot, kMaxObjects> streams{}, infos{}, contents{};
  int operations = 0;  // asynchronous content steps so far (next oN)
  // Guess: content numbers 0..2 whose stream was completed (content
  // information can be opened for them).
  std::array<bool, 3> completed{};
  std::array<bool, 3> completing{};  // completed, but maybe not yet (busy)
  std::array<bool, 3> peered{};      // a peer holds a copy of the content
  std::array<bool, 3> peer_seen{};   // a peer held one at some time
  // Virtual time until the environment actions so far have surely taken
  // effect (their delays are drawn), and whether content operations may
  // still be in flight: content steps that depend on them wait first.
  Duration unsettled = 0;
  bool busy = false;
  // Guess: the step just before started an asynchronous operation on a
  // working handle while AVAILABLE and settled, and no time passed since: a
  // move now most likely finds it in flight (in-flight-operations). Which
  // kind, and whether it is a read with data to deliver (its handle's
  // content information complete).
  bool in_flight = false;
  StepKind in_flight_kind = StepKind::kAdvance;
  bool in_flight_with_data = false;
  // The handle slot and session of that operation (a close of it now most
  // likely finds the operation pending: close-cancels).
  int in_flight_object = 0;
  int in_flight_session = 0;

  explicit GenModel(PEERDIST_STATUS initial = PEERDIST_STATUS_DISABLED, bool content_steps = false);
  GenModel(PEERDIST_STATUS initial, ContentMode mode);
  PEERDIST_STATUS status() const;
  // The model after `step` ran.
  void Apply(const Step& step);
};

// Why a command was generated: a well-formed call in the model's state, or a
// deliberately invalid shape (which has no precondition).
enum class StepIntent : std::uint8_t { kValid, kInvalid };

// One rc::state command: one step. The "system under test" of the command is
// the scenario being built; run() appends the step.
class StepCommand final : public rc::state::Command<GenModel, Scenario> {
 public:
  StepCommand(Step step, StepIntent intent) : step_(step), intent_(intent) {}

  const Step& step() const { return step_; }
  StepIntent intent() const { return intent_; }

  void checkPreconditions(const GenModel& model) const override;
  void apply(GenModel& model) const override;
  void run(const GenModel& model, Scenario& scenario) const override;
  void show(std::ostream& os) const override;

 private:
  Step step_;
  StepIntent intent_;
};

// Whether a step of this intent is meaningful in `model` (the precondition
// of StepCommand, as a predicate).
bool StepFits(const Step& step, StepIntent intent, const GenModel& model);

// The generator of one command in `model`'s state (a StepCommand, typed as
// the base class rc::state::gen::commands works with).
using StepCommandPtr = std::shared_ptr<const StepCommand::CommandType>;
rc::Gen<StepCommandPtr> GenStepCommand(const GenModel& model);

// Simpler versions of one step, each with one argument made simpler (never
// another kind of step), in the order shrinking tries them; the generator's
// shrinking offers these, and so does the pair shrinking of a run-level
// inconsistency (conformance/run_consistency.h).
std::vector<Step> StepShrinks(const Step& step);

// The generator of whole scenarios: seed and initial status (DISABLED most
// often) drawn too; between 1 and kMaxGeneratedSteps steps (longer as
// RapidCheck's size grows).
rc::Gen<Scenario> GenScenario();

// RapidCheck prints generated values (counterexamples) with this.
void showValue(const Scenario& scenario, std::ostream& os);

}  // namespace pd

#endif  // CONFORMANCE_SCENARIO_GEN_H_
