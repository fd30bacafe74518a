// What kept the service DISABLED at each point of a trace, as its
// kServiceCause events say (sim/service_model.h). A trace has them only from
// the first environment action that names its cause on; before that (and in
// every trace without one) the cause is unknown. The fuzz oracle runs
// without step labels: the events, not the steps, are what it reads.
#ifndef CONFORMANCE_SERVICE_CAUSE_HISTORY_H_
#define CONFORMANCE_SERVICE_CAUSE_HISTORY_H_

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "conformance/trace_view.h"
#include "sim/service_model.h"
#include "sim/trace.h"

namespace pd {

class ServiceCauseHistory {
 public:
  explicit ServiceCauseHistory(const TraceView& view) {
    const std::vector<TraceEvent>& events = view.events();
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i].kind != TraceKind::kServiceCause) continue;
      // A detail the harness did not write (a hand-edited trace) reads as
      // unknown: lenient, never a false alarm.
      std::optional<ServiceCauses> causes = ParseServiceCauses(events[i].detail);
      changes_.emplace_back(i, causes.value_or(Unknown()));
    }
  }

  // The causes once trace event `index` has happened: the last kServiceCause
  // event before it; "unknown" alone before the first.
  ServiceCauses At(std::size_t index) const {
    const auto after = std::upper_bound(changes_.begin(), changes_.end(), index,
                                        [](std::size_t at, const auto& change) { return at < change.first; });
    return after == changes_.begin() ? Unknown() : std::prev(after)->second;
  }

  // Whether the trace names a cause anywhere (the rules that judge causes
  // have nothing to judge otherwise).
  bool any() const { return !changes_.empty(); }

 private:
  static ServiceCauses Unknown() {
    ServiceCauses causes;
    causes.unknown = true;
    return causes;
  }

  std::vector<std::pair<std::size_t, ServiceCauses>> changes_;
};

}  // namespace pd

#endif  // CONFORMANCE_SERVICE_CAUSE_HISTORY_H_
