// Randomised guard against false positives: every rule holds on the
// reference for many generated scenarios (a fixed seed keeps the test
// deterministic). It also reports, for information, how often each mutant's
// killed_by rule catches it on the same scenarios.
#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <vector>

#include "conformance/rule.h"
#include "conformance/trace_view.h"
#include "impls/impl_catalog.h"
#include "scenario/scenario_runner.h"
#include "scenario/scenario_text.h"
#include "scenario/step_fields.h"

namespace pd {
namespace {

class Generator {
 public:
  explicit Generator(std::uint64_t seed)
      : random_(seed),
        reads_random_(seed ^ 0x5EAD5),
        flush_random_(seed ^ 0xF1005),
        portions_random_(seed ^ 0x9A275) {}

  Scenario Next() {
    Scenario scenario;
    scenario.seed = random_();
    scenario.initial_status = static_cast<PEERDIST_STATUS>(Below(3));
    const int length = 1 + Below(40);
    int registrations = 0;
    int operations = 0;  // asynchronous content steps so far (next oN)
    // Most scenarios open a session or two first, so registrations matter.
    for (int session = 0; session < 2; ++session) {
      if (Below(10) < 9 - 4 * session) {
        Step startup;
        startup.kind = StepKind::kStartup;
        startup.session = session;
        // The second session sometimes asks for a version startup-version
        // judges: 3.0 (above the maximum) or 1.2 (0x0201, below 2.0).
        if (session == 1 && Below(8) == 0) startup.version = Below(2) == 0 ? 3 : 0x0201;
        scenario.steps.push_back(startup);
      }
    }
    // Some begin with content read back by a client, so that the random
    // reads after it (mostly on c0) can deliver data.
    bool read_back = false;
    if (scenario.initial_status == PEERDIST_STATUS_AVAILABLE && !scenario.steps.empty() &&
        scenario.steps[0].session == 0 && Below(3) == 0) {
      ReadBackPrelude(scenario, operations);
      read_back = true;
    }
    // Drawn from a stream of their own, so the steps above stay as they were.
    if (read_back && ReadsBelow(2) == 0) PeerReads(scenario);
    if (read_back && FlushBelow(3) == 0) FlushReads(scenario);
    for (int i = 0; i < length; ++i) {
      Step step;
      step.session = Below(10) < 7 ? Below(2) : Below(kMaxSessions);
      step.handle = Below(20) == 0 ? HandleArg::kBogus : HandleArg::kSlot;
      if (Below(3) == 0) {
        ContentStep(step, operations);
        scenario.steps.push_back(step);
        continue;
      }
      switch (Below(16)) {
        case 0:
        case 1:
          step.kind = StepKind::kStartup;
          step.null_out = Below(15) == 0;
          if (Below(15) == 0) step.version = Below(2);
          break;
        case 2:
          step.kind = StepKind::kShutdown;
          break;
        case 3:
          step.kind = StepKind::kGetStatus;
          step.ex = Below(2) == 0;
          step.null_out = Below(10) == 0;
          break;
        case 4:
        case 5:
        case 6:
          step.kind = StepKind::kRegister;
          step.ex = Below(2) == 0;
          step.port = static_cast<PortArg>(Below(10) == 0 ? 3 : Below(3));
          step.key = Below(4) == 0 ? random_() : Below(100);
          step.event = Below(4) != 0;
          step.null_overlapped = Below(15) == 0;
          step.null_out = Below(15) == 0;
          ++registrations;
          break;
        case 7:
          step.kind = StepKind::kUnregister;
          break;
        case 8:
          step.kind = StepKind::kGetOverlappedResult;
          step.registration = Below(registrations + 2);
          step.wait = Below(8) == 0;
          step.null_out = Below(15) == 0;
          break;
        case 9:
        case 10:
        case 11:
          step.kind = StepKind::kEnvironment;
          step.action = static_cast<EnvAction>(Below(9));  // the actions that name a cause too
          break;
        default:
          step.kind = StepKind::kAdvance;
          step.advance = Below(3) == 0 ? Below(30) * kMillisecond : Below(400) * kMillisecond;
          break;
      }
      scenario.steps.push_back(step);
    }
    return scenario;
  }

 private:
  int Below(int n) { return static_cast<int>(random_() % static_cast<std::uint64_t>(n)); }

  // s0 publishes content K, hands out its information (i0), and adds it to
  // content handle c0, each step waited for.
  void ReadBackPrelude(Scenario& scenario, int& operations) {
    const auto content = static_cast<std::uint32_t>(Below(3));
    auto add = [&](StepKind kind) -> Step& {
      Step step;
      step.kind = kind;
      step.session = 0;
      step.content = content;
      step.event = true;
      if (IsAsyncContentStep(kind)) ++operations;
      scenario.steps.push_back(step);
      return scenario.steps.back();
    };
    auto settle = [&] { add(StepKind::kAdvance).advance = 100 * kMillisecond; };
    // Through completion ports with keys, and in two retrieves (the server
    // rules on ports, keys, byte counts and offsets see them).
    // Content 2 is first published with options of a version the page does
    // not list, which is refused (publication-options); no draw either.
    if (content == 2) add(StepKind::kPublish).options = 3;
    Step& publish = add(StepKind::kPublish);
    const std::size_t publish_at = scenario.steps.size() - 1;  // `publish` dangles once more steps are added
    publish.port = PortArg::kNew;
    publish.key = 5;
    // Content 2 is published with version 2 options (publication-options
    // sees them); no draw, so the scenarios stay as they were otherwise.
    if (content == 2) publish.options = PEERDIST_PUBLICATION_OPTIONS_VERSION_2;
    // Content 1 is followed by content 10, whose identifier starts with
    // content 1's: a new publication (publish-already-exists); no draw.
    if (content == 1) {
      Step& longer = add(StepKind::kPublish);
      longer.content = 10;
      longer.object = 1;
    }
    const auto bytes = static_cast<std::uint32_t>(16 + Below(240));
    add(StepKind::kAddToStream).bytes = bytes;
    // Content 0 declares its length, which the add fills (declared-length);
    // no draw.
    if (content == 0) scenario.steps[publish_at].length = bytes;
    add(StepKind::kCompleteStream);
    settle();
    Step& open = add(StepKind::kOpenInfo);
    open.port = PortArg::kLast;
    open.key = 6;
    add(StepKind::kRetrieveInfo).bytes = 24;
    settle();
    add(StepKind::kRetrieveInfo).bytes = 4096;
    settle();
    // The information of a range (info-range), in slot i3: 8 bytes, less
    // than any content here, so the whole content's information differs;
    // through the Ex function (info-handles-accepted: its handle retrieves).
    // Content 1 reports the versions first (GetStatusEx) and takes the
    // default 1..2; the others ask version 1 only (info-version); no draw.
    if (content == 1) {
      Step& status = add(StepKind::kGetStatus);
      status.ex = true;
    }
    Step& range = add(StepKind::kOpenInfo);
    range.object = 3;
    range.length = 8;
    range.ex = true;
    if (content != 1) range.options = PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1;
    add(StepKind::kRetrieveInfo).object = 3;
    // A server cancel of that retrieve naming another identifier: not found
    // (cancel-unknown-operation).
    Step& cancel = add(StepKind::kServerCancel);
    cancel.registration = operations - 1;
    cancel.content = content + 1;
    // ... and from session 1, naming that identifier: not found either, the
    // retrieve being session 0's (server-cancel-scope); no draw.
    Step& foreign = add(StepKind::kServerCancel);
    foreign.session = 1;
    foreign.registration = operations - 1;
    foreign.content = content;
    settle();
    // ... and once it completed, of that identifier: not found, and no second
    // result posted (cancel-posts-once).
    Step& late = add(StepKind::kServerCancel);
    late.registration = operations - 1;
    // A stream closed with an add pending (server-cancels-pending).
    Step& other = add(StepKind::kPublish);
    other.object = 1;
    other.content = content + 3;
    Step& more = add(StepKind::kAddToStream);
    more.object = 1;
    more.content = content + 3;
    add(StepKind::kCloseStream).object = 1;
    settle();
    // Now and then a content-information handle closed with its retrieve
    // pending (info-handles-accepted); drawn from the portions' stream, whose
    // draws above moved the random steps that used to reach it.
    if (PortionsBelow(2) == 0) {
      add(StepKind::kOpenInfo).object = 2;
      add(StepKind::kRetrieveInfo).object = 2;
      add(StepKind::kCloseInfo).object = 2;
      settle();
    }
    add(StepKind::kOpenContent);
    // Now and then the information in two portions, each once the one before
    // completed (info-portions); drawn from a stream of its own.
    if (PortionsBelow(3) == 0) {
      for (std::uint32_t piece = 0; piece < 2; ++piece) {
        Step& portion = add(StepKind::kAddInfo);
        portion.piece = piece;
        portion.pieces = 2;
        settle();
      }
    } else {
      add(StepKind::kAddInfo);
    }
    add(StepKind::kCompleteInfo);
    settle();
    // Content 1: unpublishing content 10 leaves content 1 published, whose
    // information still opens (open-info-found: an identifier is all its
    // bytes); no draw.
    // Its handle is then closed with a retrieve pending (info-handles-accepted:
    // the close of a busy handle succeeds).
    if (content == 1) {
      add(StepKind::kUnpublish).content = 10;
      add(StepKind::kOpenInfo).object = 2;
      add(StepKind::kRetrieveInfo).object = 2;
      add(StepKind::kCloseInfo).object = 2;
    }
  }

  int PortionsBelow(int n) { return static_cast<int>(portions_random_() % static_cast<std::uint64_t>(n)); }
  // While the publication stands: the information of its range [64, 128)
  // (a range request) in slot i2, added to c1 and read locally from the
  // local cache only: exactly at the range's end, and in the range, where
  // nothing was added (read-range-bounds, range-info-accepted, the range
  // parts of read-end and read-missing-data), then data added past it. No draw: the scenarios stay as
  // they were otherwise; only for a publication of 128 bytes or more.
  template <typename Add>
  void RangedReads(const Scenario& scenario, Add& add) {
    std::uint32_t published = 0;
    for (const Step& step : scenario.steps) {
      if (step.kind == StepKind::kAddToStream && step.object == 0) published = step.bytes;
    }
    if (published < 128) return;
    Step& open = add(StepKind::kOpenInfo);
    open.object = 2;
    open.offset = 64;
    open.length = 64;
    add(StepKind::kRetrieveInfo).object = 2;
    add(StepKind::kAdvance).advance = 100 * kMillisecond;
    add(StepKind::kOpenContent).object = 1;
    Step& info = add(StepKind::kAddInfo);
    info.object = 1;
    info.source = 2;
    add(StepKind::kCompleteInfo).object = 1;
    add(StepKind::kAdvance).advance = 100 * kMillisecond;
    for (const std::uint64_t offset : {128, 64}) {
      Step& read = add(StepKind::kBlockRead);
      read.object = 1;
      read.offset = offset;
      read.bytes = 10;
      read.timeout = TimeoutArg::kLocalOnly;
      add(StepKind::kAdvance).advance = 100 * kMillisecond;
    }
    // Then the content's bytes past the range, inside the content
    // (add-data-outside-range); for a publication of 192 bytes or more.
    if (published >= 192) {
      Step& data = add(StepKind::kAddData);
      data.object = 1;
      data.offset = 128;
      data.bytes = 64;
      add(StepKind::kAdvance).advance = 100 * kMillisecond;
    }
  }

  int ReadsBelow(int n) { return static_cast<int>(reads_random_() % static_cast<std::uint64_t>(n)); }

  // After a read-back prelude: the publication goes, a peer holds the
  // content (latency drawn), and s0 reads c0 with drawn timeouts and waits.
  void PeerReads(Scenario& scenario) {
    const std::uint32_t content = scenario.steps.back().content;  // the prelude's
    auto add = [&](StepKind kind) -> Step& {
      Step step;
      step.kind = kind;
      step.content = content;
      scenario.steps.push_back(step);
      return scenario.steps.back();
    };
    RangedReads(scenario, add);
    if (ReadsBelow(4) != 0) add(StepKind::kUnpublish);
    if (ReadsBelow(4) != 0) {  // else nobody holds it
      Step& peer = add(StepKind::kPeerAdd);
      peer.length = 512;
      peer.latency_ms = std::vector<std::uint32_t>{50, 3000, 9000}[ReadsBelow(3)];
    }
    for (int i = 0, n = 2 + ReadsBelow(5); i < n; ++i) {
      if (ReadsBelow(4) == 0) {
        add(StepKind::kAdvance).advance = static_cast<Duration>(ReadsBelow(7)) * kSecond;
        continue;
      }
      Step& read = add(ReadsBelow(2) == 0 ? StepKind::kBlockRead : StepKind::kStreamRead);
      read.offset = static_cast<std::uint64_t>(ReadsBelow(6)) * 64;
      read.bytes = static_cast<std::uint32_t>(ReadsBelow(8) == 0 ? 0 : 1 + ReadsBelow(200));
      const int timeout = ReadsBelow(4);
      read.timeout = timeout == 0 ? TimeoutArg::kLocalOnly : timeout == 1 ? TimeoutArg::kMilliseconds : TimeoutArg::kDefault;
      read.timeout_ms = std::vector<std::uint32_t>{300, 1500, 4000}[ReadsBelow(3)];
      FoldOffsetHigh(read);
    }
    add(StepKind::kAdvance).advance = 6 * kSecond;
  }

  int FlushBelow(int n) { return static_cast<int>(flush_random_() % static_cast<std::uint64_t>(n)); }

  // After the prelude: the content unpublished (a flush need not drop what
  // this machine publishes), its data added to c0, read from the local cache,
  // c0's tag flushed, and read again (flush-forgets); c0 now and then posts
  // to the prelude's port (read-bytes-transferred sees read packets). Drawn
  // from a stream of its own, so the other steps stay as they were.
  void FlushReads(Scenario& scenario) {
    const std::uint32_t content = scenario.steps.back().content;  // the prelude's
    if (FlushBelow(2) == 0) {
      for (Step& step : scenario.steps) {
        if (step.kind != StepKind::kOpenContent) continue;
        step.port = PortArg::kLast;
        step.key = 7;
      }
    }
    auto add = [&](StepKind kind) -> Step& {
      Step step;
      step.kind = kind;
      step.content = content;
      step.event = true;
      scenario.steps.push_back(step);
      return scenario.steps.back();
    };
    auto settle = [&] { add(StepKind::kAdvance).advance = 100 * kMillisecond; };
    auto local_read = [&] {
      Step& read = add(FlushBelow(2) == 0 ? StepKind::kBlockRead : StepKind::kStreamRead);
      read.bytes = FlushBelow(4) == 0 ? 0 : 64;
      read.timeout = TimeoutArg::kLocalOnly;
      settle();
    };
    add(StepKind::kUnpublish);
    add(StepKind::kAddData).bytes = 256;
    settle();
    local_read();
    // Now and then first a flush of tag 16, c0's tag 0 with byte 1 flipped:
    // c0's data stays (flush-forgets); drawn from a stream of its own.
    if (PortionsBelow(2) == 0) {
      add(StepKind::kFlush).tag = 16;
      settle();
      Step& read = add(StepKind::kBlockRead);
      read.bytes = 64;
      read.timeout = TimeoutArg::kLocalOnly;
      settle();
    }
    Step& flush = add(StepKind::kFlush);
    // Now and then through a port of its own, with a key (flush-port-and-key).
    if (PortionsBelow(2) == 0) {
      flush.port = PortArg::kNew;
      flush.key = 9;
    }
    settle();
    local_read();
  }

  // From the values drawn (no draw of its own): now and then OffsetHigh 1
  // over a block read's or add-data's Offset, past the end of any content
  // (read-data, add-data: an implementation that drops OffsetHigh finds the
  // low offset inside it), and a stream read that leaves an offset in its
  // OVERLAPPED (read-data: the stream position decides where it reads).
  static void FoldOffsetHigh(Step& step) {
    constexpr std::uint64_t kFourGiB = std::uint64_t{1} << 32;
    if (step.kind == StepKind::kBlockRead && step.bytes % 8 == 3) step.offset = kFourGiB + step.offset % 256;
    if (step.kind == StepKind::kAddData && step.bytes % 4 == 2) step.offset = kFourGiB + step.offset % 256;
    if (step.kind == StepKind::kStreamRead && step.bytes % 2 == 1) step.overlapped_offset = step.offset + 64;
  }

  // A content step with random slots and shapes (kinds from kPublish on).
  void ContentStep(Step& step, int& operations) {
    static const StepKind kKinds[] = {
        StepKind::kPublish,     StepKind::kPublish,      StepKind::kAddToStream,  StepKind::kCompleteStream,
        StepKind::kCloseStream, StepKind::kUnpublish,    StepKind::kOpenInfo,     StepKind::kRetrieveInfo,
        StepKind::kCloseInfo,   StepKind::kServerCancel, StepKind::kOpenContent,  StepKind::kOpenContent,
        StepKind::kCloseContent, StepKind::kAddInfo,     StepKind::kCompleteInfo, StepKind::kAddData,
        StepKind::kBlockRead,   StepKind::kBlockRead,    StepKind::kStreamRead,   StepKind::kFlush,
        StepKind::kGetInfo,     StepKind::kClientCancel, StepKind::kClientCancel,
    };
    step.kind = kKinds[Below(sizeof kKinds / sizeof kKinds[0])];
    step.object = Below(10) < 7 ? 0 : Below(kMaxObjects);
    step.content = static_cast<std::uint32_t>(Below(3));
    step.offset = static_cast<std::uint64_t>(Below(3)) * 64;
    step.bytes = Below(4) == 0 ? 4096 : static_cast<std::uint32_t>(Below(200));
    step.ex = Below(3) == 0;
    step.timeout = Below(5) == 0 ? TimeoutArg::kLocalOnly : TimeoutArg::kDefault;
    step.null_in = Below(15) == 0;
    step.null_out = Below(15) == 0;
    step.null_overlapped = Below(15) == 0;
    step.event = Below(5) != 0;
    step.corrupt = Below(10) == 0;
    step.all = Below(8) == 0;
    step.registration = operations > 0 && Below(3) != 0 ? operations - 1 : Below(operations + 2);
    // Folded from the values drawn above (no draw of their own, so the
    // sequence stays as it was): a content handle with a completion port and
    // key now and then (event-and-port), get-info buffers too small for
    // PEERDIST_CLIENT_BASIC_INFO (client-info) or classes outside its
    // enumeration (info-class).
    if (step.kind == StepKind::kOpenContent && step.all) {
      step.port = PortArg::kNew;
      step.key = 40 + step.offset;
    }
    if (step.kind == StepKind::kGetInfo && step.bytes >= 100 && step.bytes < 4096) step.bytes %= 8;
    // A class outside PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS now and then (info-class).
    if (step.kind == StepKind::kGetInfo && step.ex) step.info_class = 1 + step.bytes % 3;
    // An add-data past the end of any content the prelude publishes (add-data).
    if (step.kind == StepKind::kAddData && step.bytes % 2 == 0) step.offset += 256;
    FoldOffsetHigh(step);
    // Now and then no data, or a completion port that is none (invalid-parameter).
    const bool takes_data = step.kind == StepKind::kAddToStream || step.kind == StepKind::kRetrieveInfo ||
                            step.kind == StepKind::kAddData;
    const bool takes_port = step.kind == StepKind::kPublish || step.kind == StepKind::kOpenInfo ||
                            step.kind == StepKind::kOpenContent || step.kind == StepKind::kFlush;
    if (takes_data && step.corrupt) {
      // On the read-back prelude's handles (s0's t0, i0 and c0), which are open.
      step.bytes = 0;
      step.session = 0;
      step.object = 0;
    }
    if (takes_port && step.corrupt && !step.all) step.port = PortArg::kBogus;
    // An identifier of 0 bytes now and then (invalid-parameter).
    if (TakesIdentifier(step.kind) && step.corrupt && step.all) step.empty_id = true;
    // A corrupt content open passes a tag of unusual bytes (client-handles-accepted).
    if (step.kind == StepKind::kOpenContent && step.corrupt) {
      step.tag_shape = static_cast<TagShape>(1 + step.bytes % (kTagShapes - 1));
      step.tag = 0;
    }
    // Half the corrupt add-infos add no information at all, on the open c0.
    if (step.kind == StepKind::kAddInfo && step.corrupt && step.bytes % 2 == 0) {
      step.no_info = true;
      step.session = 0;
      step.object = 0;
    }
    if (IsAsyncContentStep(step.kind)) ++operations;
  }

  std::mt19937_64 random_;
  std::mt19937_64 reads_random_;
  std::mt19937_64 flush_random_;
  std::mt19937_64 portions_random_;
};

ImplFactory Factory(const BuiltInImpl& impl) {
  return [&impl](HostServices& host) { return MakeBuiltInImpl(impl, host); };
}

constexpr int kScenarios = 20000;

TEST(RulesRandom, EveryRuleHoldsOnTheReference) {
  const BuiltInImpl& reference = *FindBuiltInImpl("reference");
  Generator generator(20261125);
  int failures = 0;
  std::size_t events = 0, completions = 0, steps = 0;
  for (int i = 0; i < kScenarios && failures < 5; ++i) {
    const Scenario scenario = generator.Next();
    const Trace trace = RunScenario(scenario, Factory(reference));
    const TraceView view(trace);
    steps += scenario.steps.size();
    events += trace.events().size();
    for (const RegistrationView& registration : view.registrations()) completions += registration.first_completion != nullptr;
    for (const Rule& rule : AllRules()) {
      const std::optional<Violation> violation = rule.judge(view);
      if (!violation) continue;
      ++failures;
      ADD_FAILURE() << rule.id << " flags the reference at step " << violation->step << ": " << violation->message
                    << "\n--- scenario\n"
                    << RenderScenario(scenario) << "--- trace\n"
                    << trace.Render();
    }
  }
  std::cout << kScenarios << " scenarios, " << steps << " steps, " << events << " trace events, " << completions
            << " completed registrations\n";
  // The generator reaches completions (a third of the steps are content steps).
  EXPECT_GT(completions, static_cast<std::size_t>(kScenarios / 2));
}

TEST(RulesRandom, MutantsAreCaughtByTheirKilledByRule) {
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (impl.killed_by.empty()) continue;
    const Rule* rule = FindRule(impl.killed_by);
    ASSERT_NE(rule, nullptr);
    Generator generator(7);
    int killed = 0;
    const int runs = kScenarios / 10;
    for (int i = 0; i < runs; ++i) {
      const Trace trace = RunScenario(generator.Next(), Factory(impl));
      if (rule->judge(TraceView(trace))) ++killed;
    }
    std::cout << impl.name << ": " << impl.killed_by << " violated in " << killed << "/" << runs << " scenarios\n";
    EXPECT_GT(killed, 0) << impl.name;
  }
}

}  // namespace
}  // namespace pd
