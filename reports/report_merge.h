// Joins the reports of the shards of one sharded run (pdconform --shard I/N,
// or a Bazel conformance test with shard_count) into the report of the whole
// run, as pdconform --merge does.
#ifndef REPORTS_REPORT_MERGE_H_
#define REPORTS_REPORT_MERGE_H_

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "reports/report_model.h"

namespace pd {

// The merged ambiguity verdict from the summed occurrences: the checker's
// own wording (AmbiguityObservation::Verdict), which the reports layer does
// not know.
using AmbiguityVerdictFn = std::function<std::string(const AmbiguityReport&)>;

// `shards` must come from one run: the same impl, seed, cases, rules and
// shard count, each shard index 0..N-1 exactly once (any order). Per rule:
// cases, reached and skipped cases add up; violated when any shard violated
// it (the counterexample of the lowest such shard), else error when any shard
// could not check it, else not checked when some shard said so and the sums
// are still mostly cut short (MostlyCutShort), else holds. Ambiguity occurrences and coverage counts add up; the requirements
// (the same in every shard: same pages, counts and entries, else refused)
// are the first shard's. Baseline marks carry over when every
// shard ran with the same baseline: listed rules (known or not-seen in some
// shard) become known when violated, fixed when they hold everywhere.
// Returns the merged report (shard 0/1, merged_shards = N) or one line of
// error naming the offending input by its index in `names`.
std::variant<Report, std::string> MergeReports(const std::vector<Report>& shards, const std::vector<std::string>& names,
                                               const AmbiguityVerdictFn& ambiguity_verdict);

}  // namespace pd

#endif  // REPORTS_REPORT_MERGE_H_
