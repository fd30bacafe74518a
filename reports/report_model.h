// The data every report writer renders: one suite run, already judged. It is
// a plain value with no link to the checker, so writers are tested without a
// suite and stay byte-for-byte deterministic: nothing here is wall time, and
// every path is the one the user gave.
#ifndef REPORTS_REPORT_MODEL_H_
#define REPORTS_REPORT_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pd {

// The version of report.json's layout; bump it when a field changes meaning
// or disappears (adding a field keeps the version).
constexpr char kReportSchema[] = "pdconform-report/1";

struct ViolationReport {
  int step = -1;               // scenario step at which the rule broke
  std::uint64_t time = 0;      // virtual time, microseconds
  std::string message;
};

// One event of a counterexample's trace, as the HTML timeline draws it. The
// fields are the ones the drawing places an event by; `text` is the trace
// line itself (tooltips, the trace listing, and the .trace file on merge).
struct TimelineEvent {
  std::uint64_t time = 0;  // virtual time, microseconds
  int step = -1;           // scenario step running (-1: before the first)
  std::string kind;        // TraceKindName(): step, call, return, status, signal, packet, ...
  int session = -1;        // session slot of a call/return, -1 none
  int overlapped = -1;     // OVERLAPPED slot, -1 none, -2 foreign
  std::string function;    // API function of a call/return, "" none
  std::string status;      // status name carried by the event, "" none
  std::string code;        // error/return code name, "" none
  std::string text;        // the rendered trace line
};

// consistent-interpretation across the scenarios of a run: the earlier
// scenario a counterexample disagrees with (each alone follows one
// interpretation; together two). `pdconform --replay FILE --paired PAIRED`
// replays the pair.
struct PairedScenarioReport {
  int steps = 0;               // length of the shrunk scenario
  std::string file;            // its scenario file, beside the counterexample's (report-relative)
  std::string trace_file;      // its rendered trace
  std::string replay;          // the command that replays it alone
  std::string note;            // what it shows: "<ambiguity>: <interpretation> at step N: ..."
  int step = -1;               // where it shows it (step, virtual time)
  std::uint64_t time = 0;
  std::string scenario;        // text form
  std::vector<TimelineEvent> timeline;
  bool trace_truncated = false;
};

struct CounterexampleReport {
  int steps = 0;               // length of the shrunk scenario
  // Paths and the command a report saves are relative to the report
  // directory (the directory may move as a CI artifact); `replay_here` is the
  // same command from where pdconform ran, for the console only.
  std::string file;            // the scenario file: "counterexamples/<rule>.pdscenario"
  std::string trace_file;      // its rendered trace, beside it
  std::string replay;          // the exact command that replays it, run in the report directory
  std::string replay_here;     // not saved
  ViolationReport violation;
  // The shrunk scenario in its text form (RenderScenario) and its trace, so
  // report.json alone is enough to redraw the timeline and to rewrite the
  // counterexample files (pdconform --merge).
  std::string scenario;
  std::vector<TimelineEvent> timeline;
  bool trace_truncated = false;
  // The paired scenario, for a violation across two scenarios of a run; the
  // replay command above then replays both.
  std::optional<PairedScenarioReport> paired;
};

// kError: the rule could not be checked (the property engine gave up or
// failed, or a counterexample did not reproduce); such a rule does not hold.
// kNotChecked: no violation, but most of the rule's cases were cut short (a
// crash or a hang ended them before their last step, or the hang budget
// skipped them; see MostlyCutShort): the rule was hardly exercised, so it
// does not hold either. Both fail the gate.
enum class RuleVerdict { kHolds, kViolated, kError, kNotChecked };

// "holds" / "violated" / "error" / "not-checked"
const char* RuleVerdictName(RuleVerdict verdict);

// How a baseline of known deviations (--baseline) judged a rule.
enum class BaselineMark {
  kNone,     // not listed (or no baseline): the verdict alone gates
  kKnown,    // listed and violated: expected, does not fail the run
  kFixed,    // listed but holds: fails the run until the line is removed
  kNotSeen,  // listed, holds in this shard of a sharded run: the merge decides
};

const char* BaselineMarkName(BaselineMark mark);  // "none" / "known" / "fixed" / "not-seen"

struct RuleReport {
  std::string id;
  std::string strength;        // StrengthName()
  std::string source;          // documentation page
  std::string citation;        // the sentence(s) of that page
  std::string summary;         // the rule as checked
  RuleVerdict verdict = RuleVerdict::kHolds;
  int cases = 0;               // scenarios run for this rule (skipped ones not included)
  // Of `cases`, how many reached their end: every step run and the drain
  // done, no crash or hang of the implementation cutting them short.
  int reached = 0;
  // Cases not run at all: the hang budget (pdconform --max-rule-hangs,
  // --max-hangs) ran out before them.
  int skipped = 0;
  std::optional<CounterexampleReport> counterexample;  // when violated
  std::string error;           // kError: what went wrong, one line
  BaselineMark baseline = BaselineMark::kNone;
};

struct AmbiguityReport {
  std::string id;
  std::string question;
  std::string verdict;                     // AmbiguityObservation::Verdict()
  std::map<std::string, int> occurrences;  // interpretation id -> count
  // Every interpretation the harness accepts: (id, one-line description).
  std::vector<std::pair<std::string, std::string>> interpretations;
};

struct ReportTotals {
  int rules = 0;
  int held = 0;
  int violated = 0;
  int errors = 0;    // rules that could not be checked
  int not_checked = 0;  // rules whose cases were mostly cut short
  std::uint64_t scenarios = 0;  // scenarios executed, shrinking included
  std::uint64_t api_calls = 0;  // simulated API calls
};

// The CI verdict: the exit status follows `passed`.
struct GateReport {
  std::string baseline;  // the --baseline file as given, "" none
  bool passed = true;
  int new_violations = 0;  // violated and not listed
  int known = 0;           // violated and listed
  int fixed = 0;           // listed but holds (not counted for a shard)
  int errors = 0;          // rules that could not be checked: always fail
  int not_checked = 0;     // rules whose cases were mostly cut short: always fail
};

// The coverage matrix of the content part (conformance/coverage_matrix.h):
// calls of a function on a handle of a kind (row), opened before a status
// move of a kind (column) and made after it. Empty when not computed.
struct CoverageReport {
  std::vector<std::string> rows;     // "PeerDistClientBlockRead/content"
  std::vector<std::string> columns;  // "available->unavailable"
  std::vector<std::vector<std::uint64_t>> counts;  // [row][column]
  // The in-flight table beside it: asynchronous operations still pending on
  // a handle when a move (column) invalidated it, by function (row; reads
  // with data to deliver once more: "PeerDistClientBlockRead/content with
  // data"). Empty when not recorded (a report.json written before it).
  struct InFlight {
    std::vector<std::string> rows;
    std::vector<std::string> columns;
    std::vector<std::vector<std::uint64_t>> counts;  // [row][column]
    bool operator==(const InFlight& other) const {
      return rows == other.rows && columns == other.columns && counts == other.counts;
    }
  };
  InFlight in_flight;
  // The error paths of the client functions on a content handle and of the
  // stream functions on a stream handle: function
  // (row) x the handle's state and the outcome (column, "closed: refused");
  // a cell a conforming implementation cannot reach is counted but not
  // expected. Console only (not in report.json).
  InFlight outcomes;
};

// Which statements of the documentation the rules of this run check: the
// requirements catalog (conformance/requirements/) joined with the rules'
// citations. A statement counts as checked when a rule of the run checks it
// fully, or when the catalog divides it into parts and each part has a rule
// of the run; a rule that checks part of it is listed in partly_by. Empty (no
// pages) when not recorded (a report.json written before the field existed).
struct RequirementPartReport {
  std::string part;                     // "hPeerDist": the catalog entry's name for it
  std::vector<std::string> checked_by;  // rules of the run that check this part fully
};

struct RequirementEntryReport {
  std::string id;         // "REGISTER-4": page prefix + number
  std::string section;    // "Remarks", "Parameters: hCompletionPort", ...
  std::string klass;      // "testable", "caller-obligation" or "untestable-here"
  std::string reason;     // why untestable-here, "" otherwise
  std::string quote;      // verbatim from the page
  std::vector<std::string> checked_by;  // rules of the run that check it fully
  std::vector<std::string> partly_by;   // rules of the run that check part of it
  std::vector<RequirementPartReport> parts;  // empty unless the catalog divides the statement

  bool Checked() const {
    if (!checked_by.empty()) return true;
    if (parts.empty()) return false;
    for (const RequirementPartReport& part : parts) {
      if (part.checked_by.empty()) return false;
    }
    return true;
  }
};

struct RequirementPageReport {
  std::string page;  // function or structure name, e.g. "PeerDistStartup"
  std::string file;  // the page's source file, e.g. "nf-peerdist-peerdiststartup.md"
  int testable = 0;  // testable statements on the page
  int checked = 0;   // of which checked fully by a rule of the run
  std::vector<RequirementEntryReport> entries;  // in page order
};

struct RequirementsReport {
  int testable = 0;  // over every page
  int checked = 0;
  std::vector<RequirementPageReport> pages;  // in catalog order
};

// A rule the run did not judge although it would by default, and why (a
// live: run leaves out the rules real time cannot judge).
struct LeftOutRule {
  std::string id;
  std::string why;  // one line
};

struct Report {
  std::string impl;
  std::uint64_t seed = 0;
  int cases = 0;  // requested scenarios per rule
  // The wall-clock bound on each answer of a plugin:/exec: implementation
  // (--timeout-ms), so a merged report's replay commands keep it; 0 when not
  // recorded (a report.json written before the field existed).
  int timeout_ms = 0;
  int shard_index = 0;
  int shard_count = 1;
  int merged_shards = 0;  // pdconform --merge: how many shard reports this joins; 0 otherwise
  std::vector<RuleReport> rules;
  std::vector<LeftOutRule> left_out;  // in the order of the rule list
  std::vector<AmbiguityReport> ambiguities;
  CoverageReport coverage;
  RequirementsReport requirements;
  ReportTotals totals;
  GateReport gate;

  bool AllHold() const { return totals.violated == 0 && totals.errors == 0 && totals.not_checked == 0; }
};

// Whether a rule's cases were mostly cut short, so that no violation means
// little: fewer than half of its planned cases (run + skipped) reached their
// end. A rule with no planned case (a shard with no share of a tiny budget)
// is not. pdconform reports such a rule as not checked instead of holding,
// except no-crash and no-hang, which judge exactly the crashes and hangs that
// cut cases short (Rule::judges_cut_short_cases).
bool MostlyCutShort(int cases, int reached, int skipped);

// One line on how much of a rule's budget ran: "2 of 5 cases reached their
// end, 995 skipped (hang budget)".
std::string DescribeReached(const RuleReport& rule);

// Fills report.totals.rules/held/violated/errors/not_checked from report.rules.
void CountVerdicts(Report& report);

// Fills report.gate (all but gate.baseline) from the rules' verdicts and
// baseline marks: the run passes when no rule is new-violated, fixed, in
// error or not checked.
void ComputeGate(Report& report);

}  // namespace pd

#endif  // REPORTS_REPORT_MODEL_H_
