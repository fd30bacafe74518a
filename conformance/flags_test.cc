#include "conformance/flags.h"

#include <gtest/gtest.h>

#include "conformance/suite.h"

namespace pd {
namespace {

Flags Parse(const std::vector<std::string>& args) {
  auto parsed = ParseFlags(args);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    ADD_FAILURE() << "unexpected error: " << *error;
    return Flags();
  }
  return std::get<Flags>(parsed);
}

std::string Error(const std::vector<std::string>& args) {
  auto parsed = ParseFlags(args);
  if (!std::holds_alternative<std::string>(parsed)) {
    ADD_FAILURE() << "expected an error";
    return "";
  }
  const std::string error = std::get<std::string>(parsed);
  EXPECT_EQ(error.find('\n'), std::string::npos) << "errors are one line: " << error;
  EXPECT_FALSE(error.empty());
  return error;
}

// The usage text states defaults that live elsewhere (the suite's cases per
// rule, Flags' own timeout): written by hand, so checked here.
TEST(UsageText, StatesTheDefaultsInForce) {
  const std::string usage = UsageText();
  EXPECT_NE(usage.find("scenarios per rule (default: " + std::to_string(kDefaultCasesPerRule) + ")"),
            std::string::npos);
  EXPECT_NE(usage.find("(default: " + std::to_string(Flags{}.timeout_ms) + "); a miss is a no-hang finding"),
            std::string::npos);
  EXPECT_NE(usage.find("skip that rule's remaining cases (default: " + std::to_string(Flags{}.max_rule_hangs) +
                       "; 0: no bound)"),
            std::string::npos);
  EXPECT_NE(usage.find("(default: " + std::to_string(Flags{}.max_hangs) + "; 0: no bound)"), std::string::npos);
}

TEST(ParseFlags, Defaults) {
  const Flags flags = Parse({});
  EXPECT_EQ(flags.command, Command::kRun);
  EXPECT_EQ(flags.impl, "reference");
  EXPECT_EQ(flags.seed, 1u);
  EXPECT_FALSE(flags.cases.has_value());
  EXPECT_TRUE(flags.rules.empty());
  EXPECT_EQ(flags.report_dir, "pdconform-report");
  EXPECT_FALSE(flags.no_report);
  EXPECT_EQ(flags.shard_index, 0);
  EXPECT_EQ(flags.shard_count, 1);
}

TEST(ParseFlags, EveryRunFlagInBothSpellings) {
  const Flags flags = Parse({"--impl", "mutant:x", "--seed=18446744073709551615", "--cases", "7",
                             "--rules=first-notify,change-only", "--report-dir", "out dir", "--shard=2/5"});
  EXPECT_EQ(flags.impl, "mutant:x");
  EXPECT_EQ(flags.seed, 18446744073709551615u);
  EXPECT_EQ(flags.cases, 7);
  EXPECT_EQ(flags.rules, (std::vector<std::string>{"first-notify", "change-only"}));
  EXPECT_EQ(flags.report_dir, "out dir");
  EXPECT_EQ(flags.shard_index, 2);
  EXPECT_EQ(flags.shard_count, 5);
}

TEST(ParseFlags, HangBudget) {
  EXPECT_EQ(Parse({}).max_rule_hangs, 3);
  EXPECT_EQ(Parse({}).max_hangs, 10);
  const Flags flags = Parse({"--max-hangs", "0", "--max-rule-hangs=7"});
  EXPECT_EQ(flags.max_hangs, 0);
  EXPECT_EQ(flags.max_rule_hangs, 7);
  EXPECT_EQ(Error({"--max-hangs", "-1"}),
            "--max-hangs: expected a number of hangs between 0 (no bound) and 1000000, got '-1'");
  EXPECT_EQ(Error({"--max-rule-hangs", "x"}),
            "--max-rule-hangs: expected a number of hangs between 0 (no bound) and 1000000, got 'x'");
  EXPECT_EQ(Error({"--replay", "f", "--max-hangs", "3"}), "--max-hangs: not used with --replay");
  EXPECT_EQ(Error({"--merge", "a", "--max-rule-hangs", "3"}), "--max-rule-hangs: not used with --merge");
}

TEST(ParseFlags, Commands) {
  EXPECT_EQ(Parse({"--help"}).command, Command::kHelp);
  EXPECT_EQ(Parse({"-h"}).command, Command::kHelp);
  EXPECT_EQ(Parse({"--list-impls"}).command, Command::kListImpls);
  EXPECT_EQ(Parse({"--list-rules"}).command, Command::kListRules);
  EXPECT_EQ(Parse({"--list-requirements"}).command, Command::kListRequirements);
  const Flags requirements = Parse({"--list-requirements", "--rules", "a,b"});
  EXPECT_EQ(requirements.command, Command::kListRequirements);
  EXPECT_EQ(requirements.rules, (std::vector<std::string>{"a", "b"}));
  const Flags replay = Parse({"--replay", "x.pdscenario", "--impl", "m", "--trace-out", "t", "--rules", "a"});
  EXPECT_EQ(replay.command, Command::kReplay);
  EXPECT_EQ(replay.replay_file, "x.pdscenario");
  EXPECT_EQ(replay.trace_out, "t");
  EXPECT_EQ(replay.paired_file, "");
  const Flags diff = Parse({"--diff", "recorded", "--impl", "reference"});
  EXPECT_EQ(diff.command, Command::kDiff);
  EXPECT_EQ(diff.diff_dir, "recorded");
  EXPECT_EQ(Error({"--diff", "d", "--cases", "3"}), "--cases: not used with --diff");
  EXPECT_EQ(Parse({"--diff", "d", "--report-dir", "out"}).report_dir, "out");
  EXPECT_TRUE(Parse({"--diff", "d", "--no-report"}).no_report);
  EXPECT_EQ(Error({"--diff", "d", "--no-report", "--report-dir", "o"}), "--report-dir and --no-report exclude each other");
  EXPECT_EQ(Error({"--diff", "d", "extra"}), "unexpected argument 'extra' (flags start with --; see --help)");
  const Flags record = Parse({"--record", "out", "a.pdscenario", "--impl", "live:x", "corpus/"});
  EXPECT_EQ(record.command, Command::kRecord);
  EXPECT_EQ(record.record_dir, "out");
  EXPECT_EQ(record.record_inputs, (std::vector<std::string>{"a.pdscenario", "corpus/"}));
  EXPECT_EQ(Error({"--record", "out"}),
            "--record: expected the scenarios to record (.pdscenario files or directories of them)");
  EXPECT_EQ(Error({"--record="}), "--record: expected the directory to record traces into, got ''");
  EXPECT_EQ(Error({"--record", "out", "a", "--report-dir", "r"}), "--report-dir: not used with --record");
  EXPECT_EQ(Error({"--record", "out", "a", "--diff", "d"}),
            "--help, --list-impls, --list-rules, --list-requirements, --replay, --merge, --diff and --record exclude each other");
  EXPECT_EQ(Parse({"--liveness-ms", "300"}).liveness_ms, 300);
  EXPECT_EQ(Error({"--liveness-ms", "901"}), "--liveness-ms: expected milliseconds between 1 and 900, got '901'");
  EXPECT_EQ(Parse({"--impl", "live:pdlive.exe"}).impl, "live:pdlive.exe");
  const Flags pair = Parse({"--replay", "x.pdscenario", "--paired", "y.pdscenario"});
  EXPECT_EQ(pair.command, Command::kReplay);
  EXPECT_EQ(pair.paired_file, "y.pdscenario");
  EXPECT_TRUE(Parse({"--no-report"}).no_report);
}

TEST(ParseFlags, CasesErrors) {
  EXPECT_EQ(Error({"--cases", "x"}), "--cases: expected a positive integer, got 'x'");
  EXPECT_EQ(Error({"--cases", "0"}), "--cases: expected a positive integer, got '0'");
  EXPECT_EQ(Error({"--cases", "-3"}), "--cases: expected a positive integer, got '-3'");
  EXPECT_EQ(Error({"--cases", "1.5"}), "--cases: expected a positive integer, got '1.5'");
  EXPECT_EQ(Error({"--cases=", ""}), "--cases: expected a positive integer, got ''");
  EXPECT_EQ(Error({"--cases", "99999999999"}), "--cases: expected a positive integer at most 1000000, got '99999999999'");
  EXPECT_EQ(Error({"--cases"}), "--cases: missing value");
}

TEST(ParseFlags, SeedErrors) {
  EXPECT_EQ(Error({"--seed", "abc"}), "--seed: expected a non-negative integer below 2^64, got 'abc'");
  EXPECT_EQ(Error({"--seed", "18446744073709551616"}),
            "--seed: expected a non-negative integer below 2^64, got '18446744073709551616'");
  EXPECT_EQ(Error({"--seed", "+1"}), "--seed: expected a non-negative integer below 2^64, got '+1'");
  EXPECT_EQ(Error({"--seed"}), "--seed: missing value");
}

TEST(ParseFlags, ShardErrors) {
  for (const char* bad : {"4/4", "1", "a/b", "0/0", "/3", "1/", "-1/3", "1/2/3"}) {
    EXPECT_EQ(Error({"--shard", bad}), std::string("--shard: expected I/N with 0 <= I < N (e.g. 0/4), got '") + bad + "'");
  }
}

TEST(ParseFlags, RulesErrors) {
  EXPECT_EQ(Error({"--rules", ""}), "--rules: expected a comma-separated list of rule ids, got ''");
  EXPECT_EQ(Error({"--rules", "a,,b"}), "--rules: empty rule id in 'a,,b'");
  EXPECT_EQ(Error({"--rules", "a,"}), "--rules: empty rule id in 'a,'");
  EXPECT_EQ(Error({"--rules", "a,b,a"}), "--rules: rule 'a' listed twice");
}

TEST(ParseFlags, ShapeErrors) {
  EXPECT_EQ(Error({"--frobnicate"}), "unknown flag '--frobnicate' (see --help)");
  EXPECT_EQ(Error({"--frobnicate=1"}), "unknown flag '--frobnicate' (see --help)");
  EXPECT_EQ(Error({"-x"}), "unexpected argument '-x' (flags start with --; see --help)");
  EXPECT_EQ(Error({"stray"}), "unexpected argument 'stray' (flags start with --; see --help)");
  EXPECT_EQ(Error({"--"}), "unexpected argument '--' (flags start with --; see --help)");
  EXPECT_EQ(Error({"--seed", "1", "--seed", "2"}), "--seed: given twice");
  EXPECT_EQ(Error({"--help=yes"}), "--help: takes no value, got 'yes'");
  EXPECT_EQ(Error({"--impl"}), "--impl: missing value");
  EXPECT_EQ(Error({"--impl="}), "--impl: expected an implementation name (see --list-impls), got ''");
  EXPECT_EQ(Error({"--report-dir="}),
            "--report-dir: expected a directory, got '' (use --no-report to write no files)");
  EXPECT_EQ(Error({"--replay="}), "--replay: expected a scenario file, got ''");
  EXPECT_EQ(Error({"--trace-out="}), "--trace-out: expected a file, got ''");
}

TEST(ParseFlags, CombinationErrors) {
  EXPECT_EQ(Error({"--list-impls", "--list-rules"}),
            "--help, --list-impls, --list-rules, --list-requirements, --replay, --merge, --diff and --record exclude each other");
  EXPECT_EQ(Error({"--replay", "f", "--help"}), "--help, --list-impls, --list-rules, --list-requirements, --replay, --merge, --diff and --record exclude each other");
  EXPECT_EQ(Error({"--replay", "f", "--merge", "a"}),
            "--help, --list-impls, --list-rules, --list-requirements, --replay, --merge, --diff and --record exclude each other");
  EXPECT_EQ(Error({"--replay", "f", "--seed", "3"}), "--seed: not used with --replay (the scenario file fixes the run)");
  EXPECT_EQ(Error({"--replay", "f", "--cases", "3"}), "--cases: not used with --replay (the scenario file fixes the run)");
  EXPECT_EQ(Error({"--replay", "f", "--shard", "0/2"}), "--shard: not used with --replay (the scenario file fixes the run)");
  EXPECT_EQ(Error({"--replay", "f", "--report-dir", "d"}), "--report-dir: not used with --replay");
  EXPECT_EQ(Error({"--list-rules", "--impl", "x"}), "--impl: not used with --list-rules");
  EXPECT_EQ(Error({"--list-requirements", "--seed", "2"}), "--seed: not used with --list-requirements");
  EXPECT_EQ(Error({"--list-requirements", "--list-rules"}),
            "--help, --list-impls, --list-rules, --list-requirements, --replay, --merge, --diff and --record exclude each other");
  EXPECT_EQ(Error({"--list-impls", "--cases", "3"}), "--cases: not used with --list-impls");
  EXPECT_EQ(Error({"--trace-out", "t"}), "--trace-out: only used with --replay");
  EXPECT_EQ(Error({"--paired", "p"}), "--paired: only used with --replay");
  EXPECT_EQ(Error({"--paired="}), "--paired: expected a scenario file, got ''");
  EXPECT_EQ(Error({"--merge", "a", "--paired", "p"}), "--paired: not used with --merge");
  EXPECT_EQ(Error({"--no-report", "--report-dir", "d"}), "--report-dir and --no-report exclude each other");
  // --help wins over anything else that is well-formed.
  EXPECT_EQ(Parse({"--cases", "3", "--help"}).command, Command::kHelp);
}

TEST(ParseFlags, Baselines) {
  const Flags flags = Parse({"--baseline", "known.pdbaseline", "--write-baseline=new.pdbaseline"});
  EXPECT_EQ(flags.command, Command::kRun);
  EXPECT_EQ(flags.baseline, "known.pdbaseline");
  EXPECT_EQ(flags.write_baseline, "new.pdbaseline");
  EXPECT_EQ(Error({"--baseline="}), "--baseline: expected a baseline file, got ''");
  EXPECT_EQ(Error({"--write-baseline="}), "--write-baseline: expected a file, got ''");
  EXPECT_EQ(Error({"--replay", "f", "--baseline", "b"}), "--baseline: not used with --replay");
  EXPECT_EQ(Error({"--list-rules", "--write-baseline", "b"}), "--write-baseline: not used with --list-rules");
}

TEST(ParseFlags, Merge) {
  const Flags flags = Parse({"--merge", "shard0", "out/shard1/report.json", "--report-dir", "all", "--baseline", "b"});
  EXPECT_EQ(flags.command, Command::kMerge);
  EXPECT_EQ(flags.merge_inputs, (std::vector<std::string>{"shard0", "out/shard1/report.json"}));
  EXPECT_EQ(flags.report_dir, "all");
  EXPECT_EQ(flags.baseline, "b");
  // Operands may come before the flag too; only --merge takes any.
  EXPECT_EQ(Parse({"a", "b", "--merge"}).merge_inputs, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Error({"--merge"}),
            "--merge: expected the shard reports to merge (report directories or report.json files)");
  EXPECT_EQ(Error({"--merge", "a", "--seed", "3"}), "--seed: not used with --merge");
  EXPECT_EQ(Error({"--merge", "a", "--shard", "0/2"}), "--shard: not used with --merge");
  EXPECT_EQ(Error({"--merge", "a", "--no-report"}), "--no-report: not used with --merge");
}

TEST(CheckNames, UnknownImplAndRule) {
  Flags flags;
  EXPECT_EQ(CheckNames(flags, {"reference"}, {"a"}), "");
  flags.impl = "nope";
  EXPECT_EQ(CheckNames(flags, {"reference"}, {"a"}), "--impl: unknown implementation 'nope' (see --list-impls)");
  flags.impl = "reference";
  flags.rules = {"a", "zz"};
  EXPECT_EQ(CheckNames(flags, {"reference"}, {"a"}), "--rules: unknown rule 'zz' (see --list-rules)");
}

TEST(ShellQuote, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(ShellQuote("mutant:notify-every-registration"), "mutant:notify-every-registration");
  EXPECT_EQ(ShellQuote("dir/counterexamples/a.pdscenario"), "dir/counterexamples/a.pdscenario");
  EXPECT_EQ(ShellQuote("out dir/x"), "'out dir/x'");
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuote("$HOME"), "'$HOME'");
  EXPECT_EQ(ShellQuote(""), "''");
}

TEST(UsageText, MentionsEveryFlag) {
  const std::string usage = UsageText();
  for (const char* flag : {"--impl", "--seed", "--cases", "--rules", "--shard", "--report-dir", "--no-report",
                           "--replay", "--trace-out", "--list-impls", "--list-rules", "--help", "--baseline",
                           "--write-baseline", "--merge", "--paired", "--timeout-ms", "--max-hangs",
                           "--max-rule-hangs"}) {
    EXPECT_NE(usage.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace pd
