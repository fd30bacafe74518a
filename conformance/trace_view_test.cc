// TraceView's own indexes: where each scenario step starts, and the derived
// indexes rules share (built once per view, one per type).
#include "conformance/trace_view.h"

#include <gtest/gtest.h>

#include "sim/trace.h"

namespace pd {
namespace {

TraceEvent Marker(VirtualTime time, int step, const std::string& detail) {
  TraceEvent event;
  event.kind = TraceKind::kStep;
  event.time = time;
  event.step = step;
  event.detail = detail;
  return event;
}

Trace ThreeSteps() {
  Trace trace;
  trace.Add(Marker(0, -1, "initial"));
  trace.Add(Marker(0, 0, "startup s0"));
  trace.Add(Marker(5, 1, ""));  // an unlabelled marker (the fuzz oracle's)
  trace.Add(Marker(9, 1, "drain"));  // a later marker of the same step
  trace.Add(Marker(12, 3, "end"));
  return trace;
}

TEST(TraceViewTest, StepStartIsTheFirstMarkerOfTheStep) {
  const Trace trace = ThreeSteps();
  const TraceView view(trace);
  EXPECT_EQ(view.StepStart(0), (std::pair<std::size_t, VirtualTime>{1, 0}));
  EXPECT_EQ(view.StepStart(1), (std::pair<std::size_t, VirtualTime>{2, 5}));
  EXPECT_EQ(view.StepStart(3), (std::pair<std::size_t, VirtualTime>{4, 12}));
  // No marker: the start of the trace, as before the index existed.
  EXPECT_EQ(view.StepStart(2), (std::pair<std::size_t, VirtualTime>{0, 0}));
  EXPECT_EQ(view.StepStart(7), (std::pair<std::size_t, VirtualTime>{0, 0}));
  EXPECT_EQ(view.StepStart(-1), (std::pair<std::size_t, VirtualTime>{0, 0}));
  EXPECT_TRUE(view.complete());
}

TraceEvent StatusChange(VirtualTime time, int status) {
  TraceEvent event;
  event.kind = TraceKind::kStatusChange;
  event.time = time;
  event.status = status;
  return event;
}

TEST(TraceViewTest, StatusAfterEventCountsEveryValidChangeUpToIt) {
  Trace trace;
  TraceEvent initial = Marker(0, -1, "initial");
  initial.status = PEERDIST_STATUS_AVAILABLE;
  trace.Add(initial);                                        // 0
  trace.Add(Marker(0, 0, "startup s0"));                     // 1
  trace.Add(StatusChange(3, PEERDIST_STATUS_DISABLED));      // 2
  trace.Add(Marker(4, 1, ""));                               // 3
  trace.Add(StatusChange(5, 77));                            // 4: not a status: ignored
  trace.Add(StatusChange(6, PEERDIST_STATUS_UNAVAILABLE));   // 5
  const TraceView view(trace);
  EXPECT_EQ(view.StatusAfterEvent(0), PEERDIST_STATUS_AVAILABLE);
  EXPECT_EQ(view.StatusAfterEvent(1), PEERDIST_STATUS_AVAILABLE);
  EXPECT_EQ(view.StatusAfterEvent(2), PEERDIST_STATUS_DISABLED);  // the change itself counts
  EXPECT_EQ(view.StatusAfterEvent(4), PEERDIST_STATUS_DISABLED);
  EXPECT_EQ(view.StatusAfterEvent(5), PEERDIST_STATUS_UNAVAILABLE);
  EXPECT_EQ(view.StatusAfterEvent(99), PEERDIST_STATUS_UNAVAILABLE);
}

// Counts how often it is built; remembers the view it was built from.
struct CountingIndex {
  static int built;
  explicit CountingIndex(const TraceView& view) : view(&view) { ++built; }
  const TraceView* view;
};
int CountingIndex::built = 0;

struct OtherIndex {
  explicit OtherIndex(const TraceView& view) : events(view.events().size()) {}
  std::size_t events;
};

TEST(TraceViewTest, ADerivedIndexIsBuiltOncePerViewAndType) {
  const Trace trace = ThreeSteps();
  CountingIndex::built = 0;
  const TraceView view(trace);
  const CountingIndex& first = view.Derived<CountingIndex>();
  const CountingIndex& again = view.Derived<CountingIndex>();
  EXPECT_EQ(&first, &again);
  EXPECT_EQ(first.view, &view);
  EXPECT_EQ(CountingIndex::built, 1);
  EXPECT_EQ(view.Derived<OtherIndex>().events, trace.events().size());
  EXPECT_EQ(CountingIndex::built, 1);

  const TraceView second_view(trace);
  EXPECT_NE(&second_view.Derived<CountingIndex>(), &first);
  EXPECT_EQ(CountingIndex::built, 2);
}

}  // namespace
}  // namespace pd
