// Draws a counterexample's trace as an inline SVG timeline for report.html:
//
//   steps    | #0 startup | #1 register | #2 env | #3 advance ...   (the violating step in red)
//   service  [ disabled ........................ ][ available ....]
//   s0       [Startup] [Register]              o signal  <> packet
//   s1                 ...
//   time     t=0                                t=45.706 ms
//
// The x axis is event order, not virtual time to scale: most of a shrunk
// scenario happens at t=0 and would collapse to one point. Time is labelled
// where it moves. Every event takes one column; a call is a bar from its
// call to its return, in the lane of its session; signals, packets and
// OVERLAPPED completions are marks in the lane of the session whose
// registration they complete. A trace longer than 400 events (a runaway
// implementation) is drawn around the violation. Classes and data- attributes name what each
// element is, for the headless-browser test and for anyone's CSS.
#ifndef REPORTS_TIMELINE_SVG_H_
#define REPORTS_TIMELINE_SVG_H_

#include <string>

#include "reports/report_model.h"

namespace pd {

// "" when the counterexample has no timeline.
std::string RenderTimelineSvg(const std::string& rule_id, const CounterexampleReport& counterexample);

// "0", "750 us", "45.706 ms", "2.5 s": virtual time for people.
std::string FormatVirtualTime(std::uint64_t microseconds);

// The short name drawn on a call bar: "PeerDistRegisterForStatusChangeNotificationEx" -> "RegisterEx".
std::string ShortFunctionName(const std::string& function);

}  // namespace pd

#endif  // REPORTS_TIMELINE_SVG_H_
