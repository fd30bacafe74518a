#include "fuzz/scenario_minimizer.h"

#include <vector>

#include "fuzz/fuzz_check.h"
#include "fuzz/scenario_decoder.h"

namespace pd {
namespace {

class Minimizer {
 public:
  Minimizer(const ShowsViolation& shows, int max_runs) : shows_(shows), max_runs_(max_runs) {}

  MinimizeResult Run(const Scenario& input) {
    MinimizeResult result;
    best_ = input;
    result.reproduced = Try(input);
    if (result.reproduced) {
      // Each pass only ever accepts smaller scenarios, so this ends; the
      // round bound is a second guard.
      for (int round = 0; round < 16 && runs_ < max_runs_; ++round) {
        bool changed = DropSteps();
        changed = LowerRecordBytes() || changed;
        changed = LowerHeader() || changed;
        if (!changed) break;
      }
    }
    result.scenario = best_;
    result.runs = runs_;
    return result;
  }

 private:
  bool Try(const Scenario& candidate) {
    if (runs_ >= max_runs_) return false;
    ++runs_;
    if (!shows_(candidate)) return false;
    best_ = candidate;
    return true;
  }

  // Drops chunks of consecutive steps, largest chunks first.
  bool DropSteps() {
    bool changed = false;
    for (std::size_t chunk = best_.steps.size() / 2; chunk >= 1; chunk /= 2) {
      for (std::size_t at = 0; at + chunk <= best_.steps.size();) {
        Scenario candidate = best_;
        candidate.steps.erase(candidate.steps.begin() + static_cast<std::ptrdiff_t>(at),
                              candidate.steps.begin() + static_cast<std::ptrdiff_t>(at + chunk));
        if (Try(candidate)) {
          changed = true;  // same `at`: the next chunk slid into place
        } else {
          at += chunk;
        }
      }
    }
    return changed;
  }

  // Lowers each field byte of each step record: to 0 (the field's default),
  // else to half its value. The kind byte is left alone.
  bool LowerRecordBytes() {
    bool changed = false;
    for (std::size_t step = 0; step < best_.steps.size(); ++step) {
      for (std::size_t offset = 1; offset < kRecordSize; ++offset) {
        while (runs_ < max_runs_) {
          std::vector<std::uint8_t> bytes = EncodeScenario(best_);
          const std::size_t at = kHeaderSize + step * kRecordSize + offset;
          if (at >= bytes.size() || bytes[at] == 0) break;
          const std::uint8_t original = bytes[at];
          bool lowered = false;
          for (std::uint8_t lower : {std::uint8_t{0}, static_cast<std::uint8_t>(original / 2)}) {
            if (lower >= original) continue;
            bytes[at] = lower;
            const Scenario candidate = DecodeScenario(bytes);
            if (candidate == best_) continue;  // a byte the step does not use
            if (Try(candidate)) {
              lowered = true;
              break;
            }
          }
          if (!lowered) break;
          changed = true;
        }
      }
    }
    return changed;
  }

  bool LowerHeader() {
    bool changed = false;
    if (best_.seed != 0) {
      Scenario candidate = best_;
      candidate.seed = 0;
      changed = Try(candidate) || changed;
    }
    if (best_.initial_status != PEERDIST_STATUS_DISABLED) {
      Scenario candidate = best_;
      candidate.initial_status = PEERDIST_STATUS_DISABLED;
      changed = Try(candidate) || changed;
    }
    return changed;
  }

  const ShowsViolation& shows_;
  const int max_runs_;
  int runs_ = 0;
  Scenario best_;
};

}  // namespace

MinimizeResult MinimizeScenario(const Scenario& input, const ShowsViolation& shows, int max_runs) {
  return Minimizer(shows, max_runs).Run(input);
}

ShowsViolation ShowsRule(const std::string& rule_id, const ImplFactory& make_impl) {
  return [rule_id, make_impl](const Scenario& scenario) {
    for (const FuzzFinding& finding : CheckScenarioAll(scenario, make_impl)) {
      if (finding.rule_id == rule_id) return true;
    }
    return false;
  };
}

}  // namespace pd
