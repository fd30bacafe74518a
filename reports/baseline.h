// A baseline of known deviations, in the spirit of Wine's todo_wine and
// test262's expectation files: the violations listed are expected, so CI fails
// only on new violations and on listed ones that now hold (the baseline can
// only shrink). The file is plain text, one expected violation per line:
//
//   pdbaseline 1                          format version; always the first line
//   # any comment
//   my-port first-notify        # why it is expected
//   my-port single-registration
//
// Fields are separated by spaces or tabs; '#' starts a comment. A baseline
// belongs to one implementation under test, like a test262 expectation file
// to one engine: the first field records which implementation the line was
// written for, and every line must name the same one. The lines apply to
// whatever implementation is run with the file, so running the fixed
// implementation (a new build, or another name) against its old baseline
// reports the listed rules that now hold.
#ifndef REPORTS_BASELINE_H_
#define REPORTS_BASELINE_H_

#include <string>
#include <variant>
#include <vector>

#include "reports/report_model.h"

namespace pd {

constexpr int kBaselineFormatVersion = 1;

struct BaselineEntry {
  std::string impl;
  std::string rule_id;
  std::string comment;  // after '#', trimmed; "" none
  int line = 0;         // where it was read (0: not read from a file)
};

struct Baseline {
  std::vector<BaselineEntry> entries;

  const BaselineEntry* Find(const std::string& rule_id) const;
  // The implementation the lines name; "" for a baseline without lines.
  std::string impl() const { return entries.empty() ? "" : entries.front().impl; }
};

// Parses a baseline; `name` stands for the file in errors. `rule_ids` are the
// rules the harness knows: a line naming another one is an error, since a
// typo would otherwise never match and silently expect nothing. Returns the
// baseline or one line of error: "NAME:LINE: what is wrong".
std::variant<Baseline, std::string> ParseBaseline(const std::string& name, const std::string& text,
                                                  const std::vector<std::string>& rule_ids);

// Reads and parses the file at `path`.
std::variant<Baseline, std::string> LoadBaseline(const std::string& path, const std::vector<std::string>& rule_ids);

// Marks every rule of `report` the baseline lists (known, fixed, or, in one
// shard of a sharded run, not-seen), sets report.gate.baseline to `name`, and
// recomputes the gate.
void ApplyBaseline(const Baseline& baseline, const std::string& name, Report& report);

// The baseline that expects exactly the violations of `report`, its lines
// naming report.impl. Lines of `previous` that stay (still violated, or for
// rules this run did not check or, in a shard, did not see fail) keep their
// comment and their place; new lines (comment: the violation) follow in rule
// order.
std::string RenderBaseline(const Report& report, const Baseline& previous);

}  // namespace pd

#endif  // REPORTS_BASELINE_H_
