// Where the documentation leaves a choice open, the harness does not pick
// silently: each ambiguity lists its interpretations and a classifier that
// says which of them a trace shows. The suite accepts every interpretation,
// reports the one an implementation followed, and flags an implementation
// that follows two of them (see AMBIGUITIES.md beside this file).
#ifndef CONFORMANCE_AMBIGUITIES_AMBIGUITY_H_
#define CONFORMANCE_AMBIGUITIES_AMBIGUITY_H_

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conformance/requirements/citation.h"
#include "conformance/trace_view.h"
#include "sim/virtual_time.h"

namespace pd {

struct Interpretation {
  std::string id;           // kebab-case, stable
  std::string description;  // one line
};

// One place in a trace that shows evidence about an ambiguity.
struct Occurrence {
  // The interpretation this occurrence is counted as (resolved: see
  // ResolveInterpretations).
  std::string interpretation;
  // Every interpretation this one observation is consistent with, in the
  // ambiguity's order (a non-Ex registration returning ERROR_IO_PENDING fits
  // both as-documented and always-io-pending). Empty means {interpretation}.
  std::vector<std::string> compatible;
  // The raw observation, e.g. the error code "4058"; compared instead of the
  // interpretation when Ambiguity::consistency_by_value is set.
  std::string value;
  std::size_t index = 0;  // trace position where the evidence shows
  int step = -1;          // scenario step of that event
  VirtualTime time = 0;   // virtual time of that event
  std::string note;       // one line: what was seen
};

struct Ambiguity {
  std::string id;        // kebab-case, stable
  std::string question;  // what the documentation leaves open, one line
  // The catalog statements that leave it open (conformance/requirements/).
  std::vector<RequirementRef> cites;
  std::string source;    // their pages, ", "-joined (derived from cites)
  std::string citation;  // CitationText(cites) (derived)
  std::vector<Interpretation> interpretations;
  // The interpretation ids a trace shows evidence of, one entry per
  // occurrence (a trace may show none, or the same one several times).
  std::function<std::vector<std::string>(const TraceView&)> classify;
  // The same occurrences with their positions, in trace order, resolved.
  // classify(view) == the interpretation ids of locate(view).
  std::function<std::vector<Occurrence>(const TraceView&)> locate;
  // The same occurrences as found, before resolution (each one's
  // interpretation is the first it fits). Consistency (FindInconsistency)
  // reads only compatible sets and values, which resolution leaves alone, so
  // the consistent-interpretation rule judges on this and resolves only to
  // word a violation.
  std::vector<Occurrence> (*evidence)(const TraceView&) = nullptr;
  // Whether one trace may show two interpretations (false for timing
  // dependent ambiguities such as transient-flap).
  bool checked_for_consistency = true;
  // Consistency compares Occurrence::value, not the interpretation (the
  // second-registration error: two distinct codes are inconsistent even when
  // both count as other-error).
  bool consistency_by_value = false;
};

const std::vector<Ambiguity>& AllAmbiguities();
const Ambiguity* FindAmbiguity(const std::string& id);

// Gives each occurrence one interpretation from its compatible set. Walking
// in order, occurrences whose compatible sets still share an interpretation
// form one run; each run takes the first shared interpretation in `order`.
// A run ends where an occurrence shares nothing with it, so two consecutive
// runs never take the same interpretation.
void ResolveInterpretations(std::vector<Occurrence>& occurrences, const std::vector<Interpretation>& order);

// The first pair (earlier, later) of occurrences that show two different
// interpretations of `ambiguity` (by value when consistency_by_value), or
// nullopt when they are consistent. Ignores checked_for_consistency.
std::optional<std::pair<std::size_t, std::size_t>> FindInconsistency(const Ambiguity& ambiguity,
                                                                     const std::vector<Occurrence>& occurrences);

// What a whole suite run saw of one ambiguity.
struct AmbiguityObservation {
  std::string ambiguity_id;
  std::map<std::string, int> occurrences;  // interpretation id -> count (ordered)

  // Incremental ResolveInterpretations over every occurrence added so far,
  // in the order added: the runs already closed (counted in `occurrences`
  // terms), and the open run's shared interpretations and length.
  std::map<std::string, int> closed_runs;
  std::vector<std::string> open_run;
  int open_run_size = 0;

  // Each id counts as an occurrence that fits that interpretation only.
  void Add(const std::vector<std::string>& interpretation_ids);
  // Preferred: keeps each occurrence's compatible set, so evidence that fits
  // two interpretations (a trace with only non-Ex registrations returning
  // ERROR_IO_PENDING) is settled by later traces instead of being counted as
  // an interpretation of its own: AddOccurrences(ambiguity.locate(view)).
  void AddOccurrences(const std::vector<Occurrence>& located);
  // The same as AddOccurrences with `times` copies of `occurrence`, at the
  // cost of one (a job process sends its occurrences run-length encoded:
  // conformance/suite_jobs.h).
  void AddRepeated(const Occurrence& occurrence, int times);
  // "not exercised", "<id>", "inconsistent: <id> (n), <id> (m)", or for an
  // ambiguity not checked for consistency "varies with timing: ...".
  std::string Verdict() const;
  bool Consistent() const { return occurrences.size() <= 1; }
};

}  // namespace pd

#endif  // CONFORMANCE_AMBIGUITIES_AMBIGUITY_H_
