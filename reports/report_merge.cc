#include "reports/report_merge.h"

#include <algorithm>
#include <numeric>

namespace pd {
namespace {

std::string Describe(const Report& report) {
  return "impl " + report.impl + ", seed " + std::to_string(report.seed) + ", " + std::to_string(report.cases) +
         " cases, timeout " + std::to_string(report.timeout_ms) + " ms, " + std::to_string(report.shard_count) +
         " shards";
}

std::vector<std::string> RuleIds(const Report& report) {
  std::vector<std::string> ids;
  for (const RuleReport& rule : report.rules) ids.push_back(rule.id);
  return ids;
}

std::vector<std::string> LeftOutIds(const Report& report) {
  std::vector<std::string> ids;
  for (const LeftOutRule& rule : report.left_out) ids.push_back(rule.id);
  return ids;
}

// Shards of one run check the same statements with the same rules: the same
// pages with the same counts and the same entries.
bool SameRequirements(const RequirementsReport& a, const RequirementsReport& b) {
  if (a.checked != b.checked || a.testable != b.testable || a.pages.size() != b.pages.size()) return false;
  for (std::size_t p = 0; p < a.pages.size(); ++p) {
    const RequirementPageReport& x = a.pages[p];
    const RequirementPageReport& y = b.pages[p];
    if (x.page != y.page || x.file != y.file || x.checked != y.checked || x.testable != y.testable ||
        x.entries.size() != y.entries.size()) {
      return false;
    }
    for (std::size_t e = 0; e < x.entries.size(); ++e) {
      if (x.entries[e].id != y.entries[e].id) return false;
    }
  }
  return true;
}

}  // namespace

std::variant<Report, std::string> MergeReports(const std::vector<Report>& shards, const std::vector<std::string>& names,
                                               const AmbiguityVerdictFn& ambiguity_verdict) {
  if (shards.empty()) return "nothing to merge";
  auto name = [&](std::size_t i) { return i < names.size() ? names[i] : "report " + std::to_string(i); };

  const Report& first = shards[0];
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const Report& shard = shards[i];
    if (shard.merged_shards > 0) return name(i) + ": is itself a merged report; merge the shard reports";
    if (shard.impl != first.impl || shard.seed != first.seed || shard.cases != first.cases ||
        shard.timeout_ms != first.timeout_ms || shard.shard_count != first.shard_count) {
      return name(i) + ": from another run (" + Describe(shard) + "; " + name(0) + ": " + Describe(first) + ")";
    }
    if (RuleIds(shard) != RuleIds(first)) return name(i) + ": checks other rules than " + name(0);
    if (LeftOutIds(shard) != LeftOutIds(first)) return name(i) + ": leaves out other rules than " + name(0);
    if (shard.gate.baseline != first.gate.baseline) {
      return name(i) + ": ran with another baseline ('" + shard.gate.baseline + "'; " + name(0) + ": '" +
             first.gate.baseline + "')";
    }
  }
  // Every shard exactly once, so the merged cases are the requested budget.
  std::vector<std::size_t> by_index(static_cast<std::size_t>(first.shard_count), shards.size());
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const int index = shards[i].shard_index;
    if (index < 0 || index >= first.shard_count) return name(i) + ": shard index out of range";
    std::size_t& slot = by_index[static_cast<std::size_t>(index)];
    if (slot != shards.size()) {
      return name(i) + ": shard " + std::to_string(index) + "/" + std::to_string(first.shard_count) +
             " is given twice (also " + name(slot) + ")";
    }
    slot = i;
  }
  for (std::size_t index = 0; index < by_index.size(); ++index) {
    if (by_index[index] == shards.size()) {
      return "shard " + std::to_string(index) + "/" + std::to_string(first.shard_count) + " is missing";
    }
  }

  Report merged;
  merged.impl = first.impl;
  merged.seed = first.seed;
  merged.cases = first.cases;
  merged.timeout_ms = first.timeout_ms;
  merged.shard_index = 0;
  merged.shard_count = 1;
  merged.merged_shards = first.shard_count;
  merged.gate.baseline = first.gate.baseline;
  merged.left_out = first.left_out;
  for (std::size_t r = 0; r < first.rules.size(); ++r) {
    RuleReport rule = first.rules[r];
    rule.cases = 0;
    rule.reached = 0;
    rule.skipped = 0;
    rule.verdict = RuleVerdict::kHolds;
    rule.error.clear();
    rule.counterexample.reset();
    bool listed = false;
    const RuleReport* violated = nullptr;
    const RuleReport* errored = nullptr;
    bool not_checked = false;
    for (std::size_t index : by_index) {  // in shard order: the lowest shard wins
      const RuleReport& part = shards[index].rules[r];
      rule.cases += part.cases;
      rule.reached += part.reached;
      rule.skipped += part.skipped;
      not_checked = not_checked || part.verdict == RuleVerdict::kNotChecked;
      listed = listed || part.baseline != BaselineMark::kNone;
      if (part.verdict == RuleVerdict::kViolated && violated == nullptr) violated = &part;
      if (part.verdict == RuleVerdict::kError && errored == nullptr) errored = &part;
    }
    if (violated != nullptr) {
      rule.verdict = RuleVerdict::kViolated;
      rule.counterexample = violated->counterexample;
    } else if (errored != nullptr) {
      rule.verdict = RuleVerdict::kError;
      rule.error = errored->error;
      rule.counterexample = errored->counterexample;
    } else if (not_checked && MostlyCutShort(rule.cases, rule.reached, rule.skipped)) {
      // Judged again on the sums. A shard below the threshold is what makes
      // the sums fall below it, so a rule that is never not checked
      // (no-crash, no-hang) stays holding here too.
      rule.verdict = RuleVerdict::kNotChecked;
    }
    rule.baseline = !listed                                  ? BaselineMark::kNone
                    : rule.verdict == RuleVerdict::kViolated ? BaselineMark::kKnown
                    : rule.verdict == RuleVerdict::kHolds    ? BaselineMark::kFixed
                                                             : BaselineMark::kNone;
    merged.rules.push_back(std::move(rule));
  }
  for (std::size_t a = 0; a < first.ambiguities.size(); ++a) {
    AmbiguityReport ambiguity = first.ambiguities[a];
    ambiguity.occurrences.clear();
    for (std::size_t index : by_index) {
      const Report& shard = shards[index];
      if (a >= shard.ambiguities.size() || shard.ambiguities[a].id != ambiguity.id) {
        return name(index) + ": lists other ambiguities than " + name(0);
      }
      for (const auto& [interpretation, count] : shard.ambiguities[a].occurrences) {
        ambiguity.occurrences[interpretation] += count;
      }
    }
    ambiguity.verdict = ambiguity_verdict ? ambiguity_verdict(ambiguity) : ambiguity.verdict;
    merged.ambiguities.push_back(std::move(ambiguity));
  }
  // Coverage counts add up, cell by cell.
  merged.coverage = first.coverage;
  for (std::size_t i = 1; i < shards.size(); ++i) {
    const CoverageReport& part = shards[i].coverage;
    if (part.rows != merged.coverage.rows || part.columns != merged.coverage.columns) {
      return name(i) + ": has another coverage matrix than " + name(0);
    }
    for (std::size_t r = 0; r < part.counts.size() && r < merged.coverage.counts.size(); ++r) {
      for (std::size_t c = 0; c < part.counts[r].size() && c < merged.coverage.counts[r].size(); ++c) {
        merged.coverage.counts[r][c] += part.counts[r][c];
      }
    }
    CoverageReport::InFlight& in_flight = merged.coverage.in_flight;
    if (part.in_flight.rows != in_flight.rows || part.in_flight.columns != in_flight.columns) {
      return name(i) + ": has another in-flight table than " + name(0);
    }
    for (std::size_t r = 0; r < part.in_flight.counts.size() && r < in_flight.counts.size(); ++r) {
      for (std::size_t c = 0; c < part.in_flight.counts[r].size() && c < in_flight.counts[r].size(); ++c) {
        in_flight.counts[r][c] += part.in_flight.counts[r][c];
      }
    }
  }
  // The requirements do not add up: every shard runs every rule, so each
  // carries the whole run's; the first shard's stands for all.
  merged.requirements = first.requirements;
  for (std::size_t i = 1; i < shards.size(); ++i) {
    if (!SameRequirements(shards[i].requirements, first.requirements)) {
      return name(i) + ": has other requirements than " + name(0);
    }
  }
  for (const Report& shard : shards) {
    merged.totals.scenarios += shard.totals.scenarios;
    merged.totals.api_calls += shard.totals.api_calls;
  }
  CountVerdicts(merged);
  ComputeGate(merged);
  return merged;
}

}  // namespace pd
