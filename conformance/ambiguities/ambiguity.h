// Where the documentation leaves a choice open, the harness does not pick
// silently: each ambiguity lists its interpretations and a classifier that
// says which of them a trace shows. The suite accepts every interpretation,
// reports the one an implementation followed, and flags an implementation
// that follows two of them (see AMBIGUITIES.md beside this file).
#ifndef CONFORMANCE_AMBIGUITIES_AMBIGUITY_H_
#define CONFORMANCE_AMBIGUITIES_AMBIGUITY_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "conformance/trace_view.h"

namespace pd {

struct Interpretation {
  std::string id;           // kebab-case, stable
  std::string description;  // one line
};

struct Ambiguity {
  std::string id;        // kebab-case, stable
  std::string question;  // what the documentation leaves open, one line
  std::string source;    // documentation page
  std::string citation;  // the sentence(s) that leave it open
  std::vector<Interpretation> interpretations;
  // The interpretation ids a trace shows evidence of, one entry per
  // occurrence (a trace may show none, or the same one several times).
  std::function<std::vector<std::string>(const TraceView&)> classify;
};

const std::vector<Ambiguity>& AllAmbiguities();

// What a whole suite run saw of one ambiguity.
struct AmbiguityObservation {
  std::string ambiguity_id;
  std::map<std::string, int> occurrences;  // interpretation id -> count (ordered)

  void Add(const std::vector<std::string>& interpretation_ids);
  // "not exercised", "<id>", or "inconsistent: <id> (n), <id> (m)".
  std::string Verdict() const;
  bool Consistent() const { return occurrences.size() <= 1; }
};

}  // namespace pd

#endif  // CONFORMANCE_AMBIGUITIES_AMBIGUITY_H_
