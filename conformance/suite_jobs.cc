// --jobs: the suite's rules checked in job processes, N at a time.
//
// Each rule is checked in a process forked for it (CheckRule, as in the
// calling process), which sends back, as lines: its outcome, its counts and
// its evidence (the ambiguity occurrences run-length encoded, the first
// scenario of each stance for consistency across the run, the coverage
// cells). The suite takes them in rule order, exactly as if the rules had run
// one after another in one process, so every report is the same for every N:
//   - occurrences: AmbiguityObservation::AddRepeated over the runs, in order;
//   - consistency: a scenario whose stance the job already sent cannot change
//     RunConsistency (its stance is kept already, or a disagreement was
//     found before it), so only the first of each stance travels;
//   - the hang budget (--max-hangs) depends on the hangs of earlier rules: a
//     job checks its rule as if they had none, and a rule for which that
//     would make a difference is checked again, knowing them.
//
// The implementation: a built-in one is inherited by the fork. An external
// one is opened in the job (SuiteOptions::open_impl): a plugin is loaded in
// the job and called directly, the World in the same process, pd_plugin_init
// at every case (the persistent worker); an exec: program gets a process per
// job. A job that dies (the plugin crashed or hung in it) is replaced: its
// rule is checked again with each case in a fresh process (isolated), where
// the crash or hang becomes the finding of the case that caused it; later
// rules start isolated too.
//
// Every counterexample is replayed alone in a fresh process before it is
// reported; one that does not reproduce there is an incomplete reset.
#include <poll.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "adapters/child_process.h"
#include "adapters/implementation_process.h"
#include "conformance/suite_rule.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

// --- words on the job's lines: no spaces, no newlines --------------------

std::string Escape(const std::string& text) {
  if (text.empty()) return "\\e";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ' ': out += "\\s"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Unescape(const std::string& word) {
  if (word == "\\e") return "";
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] != '\\' || i + 1 == word.size()) {
      out += word[i];
      continue;
    }
    const char next = word[++i];
    out += next == 's' ? ' ' : next == 'n' ? '\n' : next;
  }
  return out;
}

std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string Join(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(1, separator) : "") + items[i];
  return out;
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> items;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, separator)) items.push_back(item);
  return items;
}

std::uint64_t Number(const std::string& word) { return std::strtoull(word.c_str(), nullptr, 10); }

// --- the job's side --------------------------------------------------------

// What a job's cases show beyond the rule's verdict (see the file comment).
class JobEvidence {
 public:
  JobEvidence() : runs_(AllAmbiguities().size()), stances_(AllAmbiguities().size()) {}

  void Record(const Scenario& scenario, const TraceView& view) {
    const std::vector<Ambiguity>& ambiguities = AllAmbiguities();
    for (std::size_t i = 0; i < ambiguities.size(); ++i) {
      const Ambiguity& ambiguity = ambiguities[i];
      try {
        if (ambiguity.locate) {
          const std::vector<Occurrence> located = ambiguity.locate(view);
          for (const Occurrence& occurrence : located) {
            AddRun(i, occurrence.compatible.empty() ? occurrence.interpretation : Join(occurrence.compatible, ','));
          }
          if (!ambiguity.checked_for_consistency) continue;
          const std::optional<TraceStance> stance = StanceOf(ambiguity, located);
          if (stance && stances_[i].insert(Join(stance->compatible, ',') + "|" + stance->value).second) {
            WriteCandidate(i, scenario, located);
          }
        } else if (ambiguity.classify) {
          for (const std::string& id : ambiguity.classify(view)) AddRun(i, id);
        }
      } catch (const std::exception&) {
        // As in the suite: a classifier that cannot read a trace says nothing.
      }
    }
    coverage_.Add(view);
  }

  // Everything but the candidates (written as they come).
  void WriteTo(std::string& out) const {
    for (std::size_t i = 0; i < runs_.size(); ++i) {
      for (std::size_t start = 0; start < runs_[i].size(); start += kRunsPerLine) {
        out += "runs " + std::to_string(i);
        for (std::size_t j = start; j < runs_[i].size() && j < start + kRunsPerLine; ++j) {
          out += " " + Escape(runs_[i][j].first) + " " + std::to_string(runs_[i][j].second);
        }
        out += "\n";
      }
    }
    for (std::size_t r = 0; r < CoverageMatrix::Rows().size(); ++r) {
      for (std::size_t c = 0; c < CoverageMatrix::Columns().size(); ++c) {
        if (coverage_.Count(r, c) > 0) out += "cov " + std::to_string(r) + " " + std::to_string(c) + " " + std::to_string(coverage_.Count(r, c)) + "\n";
      }
    }
    for (std::size_t r = 0; r < CoverageMatrix::InFlightRows().size(); ++r) {
      for (std::size_t c = 0; c < CoverageMatrix::InFlightColumns().size(); ++c) {
        if (coverage_.InFlightCount(r, c) > 0) {
          out += "inflight " + std::to_string(r) + " " + std::to_string(c) + " " +
                 std::to_string(coverage_.InFlightCount(r, c)) + "\n";
        }
      }
    }
    for (std::size_t r = 0; r < CoverageMatrix::OutcomeRows().size(); ++r) {
      for (std::size_t c = 0; c < CoverageMatrix::OutcomeColumns().size(); ++c) {
        if (coverage_.OutcomeCount(r, c) > 0) {
          out += "outcome " + std::to_string(r) + " " + std::to_string(c) + " " +
                 std::to_string(coverage_.OutcomeCount(r, c)) + "\n";
        }
      }
    }
  }

  std::string candidates;  // "cand" and "occ" lines

 private:
  static constexpr std::size_t kRunsPerLine = 400;

  void AddRun(std::size_t i, const std::string& key) {
    if (!runs_[i].empty() && runs_[i].back().first == key) {
      ++runs_[i].back().second;
    } else {
      runs_[i].emplace_back(key, 1);
    }
  }

  void WriteCandidate(std::size_t i, const Scenario& scenario, const std::vector<Occurrence>& located) {
    candidates += "cand " + std::to_string(i) + " " + Escape(RenderScenario(scenario)) + "\n";
    for (const Occurrence& o : located) {
      candidates += "occ " + Escape(o.interpretation) + " " + Escape(Join(o.compatible, ',')) + " " + Escape(o.value) +
                    " " + std::to_string(o.index) + " " + std::to_string(o.step) + " " + std::to_string(o.time) + " " +
                    Escape(o.note) + "\n";
    }
  }

  std::vector<std::vector<std::pair<std::string, int>>> runs_;
  std::vector<std::set<std::string>> stances_;
  CoverageMatrix coverage_;
};

void WriteAll(int fd, const std::string& data) {
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t put = write(fd, data.data() + written, data.size() - written);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) _exit(0);  // the suite is gone
    written += static_cast<std::size_t>(put);
  }
}

// How often a job says how far it is (in generated cases), for the progress line.
constexpr std::uint64_t kProgressEvery = 64;

// One rule checked in a job process: its result, as lines, ending "end".
std::string CheckInJob(const Rule& rule, const SuiteOptions& options, const ImplFactory& make_impl,
                       const rc::Gen<Scenario>& generator, int prior_hangs, int out_fd) {
  JobEvidence evidence;
  const CaseRecorder recorder = [&evidence](const Scenario& scenario, const TraceView& view) {
    evidence.Record(scenario, view);
  };
  SuiteResult scratch;
  scratch.hangs = prior_hangs;
  RunConsistency unused;
  std::uint64_t said = 0;
  const auto on_case = [out_fd, &said](std::uint64_t cases) {
    if (cases >= said + kProgressEvery) {
      said = cases;
      WriteAll(out_fd, "p " + std::to_string(cases) + "\n");
    }
  };
  const RuleOutcome outcome =
      CheckRule(rule, options, make_impl, generator, scratch, unused, on_case, &recorder, /*replay=*/false);
  std::string out = "outcome " + std::to_string(outcome.violated ? 1 : 0) + " " + std::to_string(outcome.cases_run) +
                    " " + std::to_string(outcome.cases_reached) + " " + std::to_string(outcome.cases_hung) + " " +
                    std::to_string(outcome.cases_skipped) + " " + std::to_string(scratch.scenarios_run) + " " +
                    std::to_string(scratch.api_calls) + " " + std::to_string(scratch.hangs - prior_hangs) + " " +
                    std::to_string(scratch.cases_skipped) + "\n";
  if (!outcome.error.empty()) out += "error " + Escape(outcome.error) + "\n";
  if (outcome.counterexample) out += "cx " + Escape(RenderScenario(*outcome.counterexample)) + "\n";
  // What this process saw, for an incomplete-reset finding (the suite's own
  // replay in a fresh process may not see it).
  if (outcome.violation) {
    out += "vio " + std::to_string(outcome.violation->step) + " " + std::to_string(outcome.violation->time) + " " +
           Escape(outcome.violation->message) + "\n";
  }
  evidence.WriteTo(out);
  out += evidence.candidates;
  return out;
}

// Blocking: the next line from the suite, false at its end.
bool ReadCommand(int fd, std::string& pending, std::string* line) {
  for (;;) {
    const std::size_t newline = pending.find('\n');
    if (newline != std::string::npos) {
      line->assign(pending, 0, newline);
      pending.erase(0, newline + 1);
      return true;
    }
    char chunk[256];
    const ssize_t got = read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    pending.append(chunk, static_cast<std::size_t>(got));
  }
}

// The body of a job process, kept for the run (forking a process per rule
// costs more than some rules: its pages are copied as they are written):
// opens the implementation once, then checks each rule the suite names
// ("rule INDEX PRIOR_HANGS") until its input ends.
int RunJobProcess(const std::vector<const Rule*>& rules, const SuiteOptions& options, const ImplFactory& inherited,
                  const rc::Gen<Scenario>& generator, bool isolated, int in_fd, int out_fd) {
  ImplFactory make_impl = inherited;
  std::string open_error;
  if (options.open_impl) {
    auto opened = options.open_impl(isolated);
    if (auto* error = std::get_if<std::string>(&opened)) {
      open_error = *error;
    } else {
      make_impl = std::get<ImplFactory>(std::move(opened));
    }
  }
  std::string pending, line;
  while (ReadCommand(in_fd, pending, &line)) {
    const std::vector<std::string> words = Words(line);
    const std::size_t index = words.size() == 3 ? Number(words[1]) : rules.size();
    if (index >= rules.size()) return 70;  // the suite's fault
    std::string out = open_error.empty() ? CheckInJob(*rules[index], options, make_impl, generator,
                                                      static_cast<int>(Number(words[2])), out_fd)
                                         : "fail " + Escape(open_error) + "\n";
    // Between rules the job waits for the suite, as long as it takes: no
    // case's watchdog (a plugin's, see ExternalImplOpener) runs meanwhile.
    const itimerval off{};
    setitimer(ITIMER_REAL, &off, nullptr);
    WriteAll(out_fd, out + "end\n");
  }
  make_impl = nullptr;  // an exec: process ends here
  return 0;
}

// --- the suite's side ------------------------------------------------------

// A rule handed to a job.
struct Assigned {
  std::size_t rule = 0;  // index into the rules
  int prior_hangs = 0;
};

// A job process and the rules handed to it: the first it is checking, the
// next waiting in its input (see kRulesPerJob).
struct Job {
  std::unique_ptr<ChildProcess> process;
  bool isolated = false;
  std::deque<Assigned> assigned;
  std::uint64_t cases = 0;  // generated cases of the first so far (progress)
  std::vector<std::string> lines;  // what the first has sent so far
  bool busy() const { return !assigned.empty(); }
};

// Rules a job holds at once: the one it checks and the next, already in its
// input, so that it starts the next as it ends one instead of waiting while
// the suite takes in the evidence (a pause per rule, on every job).
constexpr std::size_t kRulesPerJob = 2;

// A finished job's lines, kept until the rule's turn to be taken.
struct Finished {
  bool isolated = false;
  int prior_hangs = 0;
  std::vector<std::string> lines;
  std::string died;  // non-empty: the job ended without its result, how
};

std::string DescribeDeath(ChildProcess& process) { return process.DescribeEnd(kExitGraceMs); }

class JobRunner {
 public:
  JobRunner(const std::vector<const Rule*>& rules, const SuiteOptions& options, const ImplFactory& make_impl,
            const rc::Gen<Scenario>& generator, SuiteResult& result, RunConsistency& run)
      : rules_(rules),
        options_(options),
        make_impl_(make_impl),
        generator_(generator),
        result_(result),
        run_(run),
        finished_(rules.size()) {
    for (std::size_t i = 0; i < rules.size(); ++i) pending_.push_back({i, false, 0});
    progress_.rules_total = static_cast<int>(rules.size());
    rule_cases_ = static_cast<std::uint64_t>(ShardCasesOf(options.cases, options.shard_index, options.shard_count));
    progress_.cases_planned = static_cast<std::uint64_t>(rules.size()) * rule_cases_;
  }

  void Run() {
    while (taken_ < rules_.size()) {
      while (!pending_.empty() && Start()) {
      }
      Wait();
      Take();
    }
    jobs_.clear();  // each sees its input end and exits; reaped
  }

 private:
  struct Pending {
    std::size_t rule;
    bool isolated;
    int prior_hangs;
  };

  static int ShardCasesOf(int cases, int index, int count) {
    if (cases <= 0) return 0;
    return cases / count + (index < cases % count ? 1 : 0);
  }

  // Hands the next pending rule to an idle job of its kind, started if need
  // be, else queues it behind the rule of a job of its kind; false when it
  // cannot go anywhere yet.
  bool Start() {
    Pending next = pending_.front();
    const bool one_at_a_time = options_.max_hangs > 0 && hangs_seen_;
    if (one_at_a_time) {
      // Hangs cost wall time, and the budget depends on the hangs of every
      // rule before: from the first one on, one rule at a time, each
      // knowing the hangs before it.
      if (Busy() > 0 || next.rule != taken_) return false;
      next.prior_hangs = result_.hangs;
    }
    const bool isolated = next.isolated || all_isolated_;
    Job* job = nullptr;
    for (auto& candidate : jobs_) {
      if (!candidate->busy() && candidate->isolated == isolated) job = candidate.get();
    }
    if (job == nullptr) {
      // Room for one more: a job of the wrong kind that is idle makes room.
      for (std::size_t i = 0; i < jobs_.size() && static_cast<int>(jobs_.size()) >= options_.jobs;) {
        if (!jobs_[i]->busy()) {
          jobs_.erase(jobs_.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
          ++i;
        }
      }
      if (static_cast<int>(jobs_.size()) < options_.jobs) {
        job = StartJob(isolated);
        if (job == nullptr) {
          pending_.pop_front();
          return true;  // its rule is settled: the job could not start
        }
      }
    }
    // Near the end, a rule queued behind a long one would wait while another
    // job idles: the last rules go to whichever job is free first.
    const bool queue_behind = !one_at_a_time && pending_.size() > static_cast<std::size_t>(options_.jobs);
    if (job == nullptr && queue_behind) {
      // Behind the rule of the job of its kind that holds the fewest.
      for (auto& candidate : jobs_) {
        if (candidate->isolated != isolated || candidate->assigned.size() >= kRulesPerJob) continue;
        if (job == nullptr || candidate->assigned.size() < job->assigned.size()) job = candidate.get();
      }
    }
    if (job == nullptr) return false;
    pending_.pop_front();
    if (!job->busy()) {
      job->cases = 0;
      job->lines.clear();
    }
    job->assigned.push_back({next.rule, next.prior_hangs});
    // A job that cannot take it is gone: Wait() settles its rules.
    job->process->WriteLine("rule " + std::to_string(next.rule) + " " + std::to_string(next.prior_hangs),
                            kDefaultAnswerTimeoutMs);
    return true;
  }

  // A new job process of the kind, or nullptr (the next pending rule is then
  // settled: the job could not start).
  Job* StartJob(bool isolated) {
    auto started = std::make_unique<Job>();
    started->isolated = isolated;
    std::string error;
    started->process = ChildProcess::Fork(
        [&](int in, int out) { return RunJobProcess(rules_, options_, make_impl_, generator_, isolated, in, out); },
        &error);
    if (!started->process) {
      Finished failed;
      failed.died = "could not start: " + error;
      finished_[pending_.front().rule] = std::move(failed);
      return nullptr;
    }
    jobs_.push_back(std::move(started));
    return jobs_.back().get();
  }

  int Busy() const {
    int busy = 0;
    for (const auto& job : jobs_) busy += job->busy() ? 1 : 0;
    return busy;
  }

  // Until some job has finished a rule, ended, or said how far it is.
  void Wait() {
    std::vector<Job*> busy;
    std::vector<pollfd> fds;
    for (const auto& job : jobs_) {
      if (!job->busy()) continue;
      busy.push_back(job.get());
      fds.push_back(pollfd{job->process->output_fd(), POLLIN, 0});
    }
    if (busy.empty()) return;
    while (poll(fds.data(), fds.size(), -1) < 0 && errno == EINTR) {
    }
    bool moved = false;
    for (std::size_t i = 0; i < busy.size(); ++i) {
      if (fds[i].revents != 0) moved = Drain(*busy[i]) || moved;
    }
    for (std::size_t i = 0; i < jobs_.size();) {
      Job& job = *jobs_[i];
      if (!job.busy() || job.process->output_fd() >= 0) {
        ++i;
        continue;
      }
      // Gone before the "end" of its first rule: that rule is settled with
      // how it died; those behind it were not begun, and wait again.
      const Assigned first = job.assigned.front();
      job.assigned.pop_front();
      for (const Assigned& waiting : job.assigned) Requeue({waiting.rule, job.isolated, waiting.prior_hangs});
      Finished done;
      done.isolated = job.isolated;
      done.prior_hangs = first.prior_hangs;
      done.died = DescribeDeath(*job.process);
      jobs_.erase(jobs_.begin() + static_cast<std::ptrdiff_t>(i));  // reaped
      Settle(first.rule, std::move(done));
    }
    if (moved) Report();
  }

  // A job that died without a result: the plugin crashed or hung in it. Its
  // rule runs again isolated, and so does every rule not started yet.
  void Settle(std::size_t rule, Finished done) {
    if (!done.died.empty() && !done.isolated && options_.open_impl) {
      all_isolated_ = true;
      Requeue({rule, true, done.prior_hangs});
      return;
    }
    for (const std::string& line : done.lines) {
      const std::vector<std::string> w = line.rfind("outcome ", 0) == 0 ? Words(line) : std::vector<std::string>{};
      if (w.size() > 8 && Number(w[8]) > 0) hangs_seen_ = true;
    }
    finished_[rule] = std::move(done);
  }

  // Pending rules stay in rule order.
  void Requeue(Pending again) {
    auto at = pending_.begin();
    while (at != pending_.end() && at->rule < again.rule) ++at;
    pending_.insert(at, again);
  }

  // Reads what the job wrote, settling each rule whose "end" arrived; true
  // when it said how far it is or ended a rule.
  bool Drain(Job& job) {
    bool moved = false;
    for (;;) {
      std::string line;
      switch (job.process->ReadLine(0, &line)) {
        case ChildProcess::ReadResult::kLine:
          if (line.rfind("p ", 0) == 0) {
            job.cases = Number(line.substr(2));
            moved = true;
          } else if (line == "end") {
            EndFirst(job);
            moved = true;
          } else {
            job.lines.push_back(std::move(line));
          }
          continue;
        case ChildProcess::ReadResult::kTooLong:
          job.lines.push_back("error " + Escape("a job's line was over the bound: a harness fault"));
          EndFirst(job);
          return true;
        case ChildProcess::ReadResult::kEnd:
        case ChildProcess::ReadResult::kTimeout:
          return moved;
      }
    }
  }

  // The job's first rule is done: its lines are its result.
  void EndFirst(Job& job) {
    if (!job.busy()) return;
    Finished done;
    done.isolated = job.isolated;
    done.prior_hangs = job.assigned.front().prior_hangs;
    done.lines = std::move(job.lines);
    const std::size_t rule = job.assigned.front().rule;
    job.assigned.pop_front();
    job.lines.clear();
    job.cases = 0;
    Settle(rule, std::move(done));
  }

  // Takes the finished rules whose turn it is, in rule order.
  void Take() {
    while (taken_ < rules_.size() && finished_[taken_]) {
      Finished done = std::move(*finished_[taken_]);
      finished_[taken_].reset();
      const Rule& rule = *rules_[taken_];
      if (!done.died.empty()) {
        RuleOutcome outcome;
        outcome.rule = &rule;
        outcome.error = "the job process checking this rule " + done.died;
        Append(std::move(outcome));
        continue;
      }
      const std::vector<std::string>* outcome_line = nullptr;
      std::vector<std::vector<std::string>> words;
      for (const std::string& line : done.lines) words.push_back(Words(line));
      for (const auto& w : words) {
        if (!w.empty() && w[0] == "outcome") outcome_line = &w;
      }
      const int hangs = outcome_line != nullptr && outcome_line->size() > 8 ? static_cast<int>(Number((*outcome_line)[8])) : 0;
      if (!BudgetAgrees(rule, done.prior_hangs, hangs)) {
        Requeue({taken_, done.isolated, result_.hangs});
        return;
      }
      Append(Apply(rule, done, words));
    }
  }

  // Whether the job checked its rule as it would have with the hangs of the
  // rules before it (see the file comment).
  bool BudgetAgrees(const Rule& rule, int prior, int hangs) const {
    if (options_.max_hangs <= 0 || rule.judges_cut_short_cases) return true;
    if (prior == result_.hangs) return true;
    return prior == 0 && result_.hangs + hangs < options_.max_hangs;
  }

  RuleOutcome Apply(const Rule& rule, const Finished& done, const std::vector<std::vector<std::string>>& lines) {
    RuleOutcome outcome;
    outcome.rule = &rule;
    std::optional<Violation> seen_in_job;
    std::size_t candidate = 0;
    std::optional<Scenario> candidate_scenario;
    std::vector<Occurrence> candidate_occurrences;
    const auto flush_candidate = [&] {
      if (candidate_scenario) run_.Add(candidate, *candidate_scenario, candidate_occurrences);
      candidate_scenario.reset();
      candidate_occurrences.clear();
    };
    for (const std::vector<std::string>& w : lines) {
      if (w.empty()) continue;
      const std::string& verb = w[0];
      if (verb == "fail" && w.size() >= 2) {
        outcome.error = Unescape(w[1]);
      } else if (verb == "outcome" && w.size() >= 10) {
        outcome.violated = w[1] == "1";
        outcome.cases_run = static_cast<int>(Number(w[2]));
        outcome.cases_reached = static_cast<int>(Number(w[3]));
        outcome.cases_hung = static_cast<int>(Number(w[4]));
        outcome.cases_skipped = static_cast<int>(Number(w[5]));
        result_.scenarios_run += Number(w[6]);
        result_.api_calls += Number(w[7]);
        result_.hangs += static_cast<int>(Number(w[8]));
        result_.cases_skipped += Number(w[9]);
      } else if (verb == "error" && w.size() >= 2) {
        outcome.error = Unescape(w[1]);
      } else if (verb == "cx" && w.size() >= 2) {
        const auto parsed = ParseScenario(Unescape(w[1]));
        if (const Scenario* scenario = std::get_if<Scenario>(&parsed)) outcome.counterexample = *scenario;
      } else if (verb == "vio" && w.size() >= 4) {
        seen_in_job = Violation{static_cast<int>(std::strtol(w[1].c_str(), nullptr, 10)),
                                static_cast<VirtualTime>(Number(w[2])),
                                Unescape(w[3])};
      } else if (verb == "runs" && w.size() >= 2) {
        const std::size_t i = Number(w[1]);
        if (i >= result_.ambiguities.size()) continue;
        for (std::size_t j = 2; j + 1 < w.size(); j += 2) {
          Occurrence occurrence;
          occurrence.compatible = Split(Unescape(w[j]), ',');
          result_.ambiguities[i].AddRepeated(occurrence, static_cast<int>(Number(w[j + 1])));
        }
      } else if ((verb == "cov" || verb == "inflight" || verb == "outcome") && w.size() == 4) {
        const std::size_t r = Number(w[1]), c = Number(w[2]);
        if (verb == "cov") {
          result_.coverage.AddCount(r, c, Number(w[3]));
        } else if (verb == "inflight") {
          result_.coverage.AddInFlightCount(r, c, Number(w[3]));
        } else {
          result_.coverage.AddOutcomeCount(r, c, Number(w[3]));
        }
      } else if (verb == "cand" && w.size() >= 3) {
        flush_candidate();
        candidate = Number(w[1]);
        const auto parsed = ParseScenario(Unescape(w[2]));
        if (const Scenario* scenario = std::get_if<Scenario>(&parsed)) candidate_scenario = *scenario;
      } else if (verb == "occ" && w.size() >= 8) {
        Occurrence o;
        o.interpretation = Unescape(w[1]);
        const std::string compatible = Unescape(w[2]);
        if (!compatible.empty()) o.compatible = Split(compatible, ',');
        o.value = Unescape(w[3]);
        o.index = Number(w[4]);
        o.step = static_cast<int>(std::strtol(w[5].c_str(), nullptr, 10));
        o.time = Number(w[6]);
        o.note = Unescape(w[7]);
        candidate_occurrences.push_back(std::move(o));
      }
    }
    flush_candidate();
    if (outcome.violated && outcome.counterexample) Confirm(rule, done, outcome, seen_in_job);
    return outcome;
  }

  // The counterexample replayed alone, in a fresh process.
  void Confirm(const Rule& rule, const Finished& done, RuleOutcome& outcome, const std::optional<Violation>& seen) {
    ImplFactory alone = make_impl_;
    if (options_.open_impl) {
      auto opened = options_.open_impl(/*isolated=*/true);
      if (auto* error = std::get_if<std::string>(&opened)) {
        outcome.error = "the counterexample could not be replayed alone: " + *error;
        return;
      }
      alone = std::get<ImplFactory>(std::move(opened));
    }
    const bool persistent = options_.open_impl && !done.isolated;
    ReplayCounterexample(rule, alone, outcome, result_,
                         persistent ? IncompleteReset(seen) : std::string(kNotReproduced));
  }

  static std::string IncompleteReset(const std::optional<Violation>& seen) {
    std::string message =
        "incomplete reset: this case violated the rule in an implementation process that had run earlier cases, "
        "but holds when replayed alone in a fresh process (the replay command beside it): the implementation's "
        "behaviour depends on earlier cases (pd_plugin_init or `reset` leaves state behind)";
    if (seen) {
      message += "; in that process, step " + std::to_string(seen->step) + ", t=" + std::to_string(seen->time) +
                 " us: " + seen->message;
    }
    return message;
  }

  void Append(RuleOutcome outcome) {
    result_.rules.push_back(std::move(outcome));
    ++taken_;
    if (options_.progress) options_.progress(static_cast<int>(taken_), static_cast<int>(rules_.size()));
    if (options_.on_progress) {
      progress_.rules_done = static_cast<int>(taken_);
      progress_.rule = result_.rules.back().rule;
      progress_.finished = &result_.rules.back();
      progress_.cases_done = CasesDone();
      options_.on_progress(progress_);
    }
  }

  // As in the suite: a finished rule counts its whole budget.
  std::uint64_t CasesDone() const {
    std::uint64_t cases = 0;
    for (std::size_t i = 0; i < finished_.size(); ++i) cases += i < taken_ || finished_[i] ? rule_cases_ : 0;
    for (const auto& job : jobs_) cases += job->busy() ? std::min(job->cases, rule_cases_) : 0;
    return cases;
  }

  void Report() {
    const Job* first = nullptr;
    for (const auto& job : jobs_) {
      if (job->busy() && (first == nullptr || job->assigned.front().rule < first->assigned.front().rule)) {
        first = job.get();
      }
    }
    if (!options_.on_progress || first == nullptr) return;
    progress_.rule = rules_[first->assigned.front().rule];
    progress_.finished = nullptr;
    progress_.cases_done = CasesDone();
    options_.on_progress(progress_);
  }

  const std::vector<const Rule*>& rules_;
  const SuiteOptions& options_;
  const ImplFactory& make_impl_;
  const rc::Gen<Scenario>& generator_;
  SuiteResult& result_;
  RunConsistency& run_;
  std::deque<Pending> pending_;
  std::vector<std::unique_ptr<Job>> jobs_;
  std::vector<std::optional<Finished>> finished_;
  std::size_t taken_ = 0;
  bool all_isolated_ = false;
  std::uint64_t rule_cases_ = 0;  // this shard's cases of each rule
  bool hangs_seen_ = false;  // some case of the run was cut short by a hang
  SuiteProgress progress_;
};

}  // namespace

void CheckRulesInJobs(const std::vector<const Rule*>& rules, const SuiteOptions& options, const ImplFactory& make_impl,
                      const rc::Gen<Scenario>& generator, SuiteResult& result, RunConsistency& run) {
  JobRunner(rules, options, make_impl, generator, result, run).Run();
}

}  // namespace pd
