#include "reports/timeline_svg.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

#include "reports/xml_escape.h"

namespace pd {
namespace {

constexpr int kColumn = 34;        // px per event
constexpr int kLeft = 96;          // lane titles
constexpr int kTop = 8;
constexpr int kLane = 30;          // lane height
constexpr int kBar = 16;           // call bar / status band height
constexpr int kAxis = 34;          // time axis under the lanes
constexpr int kMinLabelGap = 90;   // px between two time labels
constexpr double kCharWidth = 7.3;  // a monospace character at 12px
constexpr int kMaxStepLabel = 190; // px a step's label may widen its column to
constexpr std::size_t kMaxDrawnEvents = 400;

int TextWidth(const std::string& text) { return static_cast<int>(static_cast<double>(text.size()) * kCharWidth + 0.5); }

std::string Attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + XmlEscapeAttribute(value) + "\"";
}

std::string Title(const std::string& text) { return "<title>" + XmlEscapeText(text) + "</title>"; }

// The text after " | " in a step event: the step as the scenario writes it.
std::string StepText(const TimelineEvent& event) {
  const std::size_t bar = event.text.find(" | ");
  return bar == std::string::npos ? "" : event.text.substr(bar + 3);
}

const char* StatusFill(const std::string& status) {
  if (status == "available") return "#2e8b57";
  if (status == "unavailable") return "#e39b2d";
  if (status == "disabled") return "#8d959e";
  return "#c7ccd1";
}

// Fill of a call bar by how the call returned.
const char* CodeFill(const std::string& code) {
  if (code.empty() || code == "ERROR_SUCCESS") return "#4a7fc1";
  if (code == "ERROR_IO_PENDING") return "#7d6ac4";
  return "#c4473a";
}

struct Lane {
  std::string id;     // data-lane
  std::string title;  // drawn on the left
  int y = 0;          // top
};

}  // namespace

std::string FormatVirtualTime(std::uint64_t us) {
  char buffer[48];
  if (us == 0) return "0";
  if (us < 1000) {
    std::snprintf(buffer, sizeof buffer, "%llu us", static_cast<unsigned long long>(us));
  } else if (us < 1000000) {
    std::snprintf(buffer, sizeof buffer, "%.3f ms", static_cast<double>(us) / 1e3);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3f s", static_cast<double>(us) / 1e6);
  }
  std::string out = buffer;
  // 45.700 ms -> 45.7 ms
  const std::size_t space = out.find(' ');
  if (out.find('.') != std::string::npos && space != std::string::npos) {
    std::size_t end = space;
    while (end > 0 && out[end - 1] == '0') --end;
    if (end > 0 && out[end - 1] == '.') --end;
    out = out.substr(0, end) + out.substr(space);
  }
  return out;
}

std::string ShortFunctionName(const std::string& function) {
  std::string name = function;
  for (const char* prefix : {"PeerDist"}) {
    if (name.rfind(prefix, 0) == 0) name = name.substr(std::string(prefix).size());
  }
  const std::string long_part = "ForStatusChangeNotification";
  if (const std::size_t at = name.find(long_part); at != std::string::npos) name.erase(at, long_part.size());
  if (name == "GetOverlappedResult") return "GetOvResult";
  return name;
}

std::string RenderTimelineSvg(const std::string& rule_id, const CounterexampleReport& counterexample) {
  const std::vector<TimelineEvent>& all = counterexample.timeline;
  if (all.empty()) return "";

  // The session each event is drawn in. A Startup call has no session yet:
  // it takes the one its return hands out. Completions and
  // GetOverlappedResult carry only the OVERLAPPED: they take the session of
  // the call that passed it.
  std::vector<int> all_session_of(all.size(), -1);
  std::map<int, int> owner;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const TimelineEvent& event = all[i];
    int session = event.session;
    if (session < 0 && event.kind == "call") {
      // The return follows its call closely (completions may come between).
      for (std::size_t r = i + 1; r < all.size() && r <= i + 64; ++r) {
        if (all[r].kind == "return" && all[r].function == event.function) {
          session = all[r].session;
          break;
        }
      }
    }
    if (session < 0 && event.overlapped >= 0) {
      const auto found = owner.find(event.overlapped);
      if (found != owner.end()) session = found->second;
    }
    if (session >= 0 && event.overlapped >= 0 && event.kind == "call") owner.emplace(event.overlapped, session);
    all_session_of[i] = session;
  }

  // A long trace (a runaway implementation) is drawn around the violation:
  // at most kMaxDrawnEvents columns, the status carried in from before.
  std::size_t begin = 0, end = all.size();
  if (all.size() > kMaxDrawnEvents) {
    std::size_t violating = 0;
    while (violating < all.size() && all[violating].step != counterexample.violation.step) ++violating;
    if (violating == all.size()) violating = 0;
    begin = violating > kMaxDrawnEvents / 2 ? violating - kMaxDrawnEvents / 2 : 0;
    end = std::min(all.size(), begin + kMaxDrawnEvents);
    begin = end - kMaxDrawnEvents;
  }
  std::string status_before;
  for (std::size_t i = 0; i < begin; ++i) {
    const bool initial = all[i].kind == "step" && all[i].step < 0 && !all[i].status.empty();
    if (all[i].kind == "status" || initial) status_before = all[i].status;
  }
  const std::vector<TimelineEvent> events(all.begin() + static_cast<std::ptrdiff_t>(begin),
                                          all.begin() + static_cast<std::ptrdiff_t>(end));
  const std::vector<int> session_of(all_session_of.begin() + static_cast<std::ptrdiff_t>(begin),
                                    all_session_of.begin() + static_cast<std::ptrdiff_t>(end));
  const std::size_t count = events.size();
  std::set<int> sessions;
  bool unattributed = false;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& kind = events[i].kind;
    const bool drawn_in_session =
        kind == "call" || kind == "return" || kind == "signal" || kind == "packet" || kind == "overlapped-done";
    if (!drawn_in_session) continue;
    if (session_of[i] >= 0) {
      sessions.insert(session_of[i]);
    } else {
      unattributed = true;
    }
  }

  std::vector<Lane> lanes = {{"steps", "steps", 0}, {"service", "service", 0}};
  std::map<int, std::size_t> session_lane;
  for (int session : sessions) {
    session_lane[session] = lanes.size();
    lanes.push_back({"session-" + std::to_string(session), "session s" + std::to_string(session), 0});
  }
  const std::size_t other_lane = lanes.size();
  if (unattributed) lanes.push_back({"other", "no session", 0});
  for (std::size_t i = 0; i < lanes.size(); ++i) lanes[i].y = kTop + static_cast<int>(i) * kLane;
  auto lane_of = [&](int column) {
    const auto found = session_lane.find(session_of[static_cast<std::size_t>(column)]);
    return found == session_lane.end() ? other_lane : found->second;
  };

  const int columns = static_cast<int>(events.size());
  const ViolationReport& violation = counterexample.violation;
  struct Band {
    int step;
    int first;
    int last;
    std::string label;  // "#3 register s0 port=new"
    std::string text;   // the step as the scenario writes it
  };
  std::vector<Band> bands;
  for (int c = 0; c < columns; ++c) {
    const TimelineEvent& event = events[static_cast<std::size_t>(c)];
    if (bands.empty() || bands.back().step != event.step) {
      Band band{event.step, c, c, "", event.kind == "step" ? StepText(event) : ""};
      band.label = band.step < 0 ? "init" : band.step >= counterexample.steps ? "after" : "#" + std::to_string(band.step);
      if (!band.text.empty() && band.step >= 0) band.label += " " + band.text;
      bands.push_back(band);
    } else {
      bands.back().last = c;
    }
  }
  // Column edges. A step whose events are too few for its label gets a wider
  // first column (up to kMaxStepLabel), so every step reads as text.
  std::vector<int> edge(static_cast<std::size_t>(columns) + 1, kLeft);
  std::vector<int> extra(static_cast<std::size_t>(columns), 0);
  for (const Band& band : bands) {
    const int natural = (band.last - band.first + 1) * kColumn;
    const int wanted = std::min(kMaxStepLabel, TextWidth(band.label) + 10);
    if (wanted > natural) extra[static_cast<std::size_t>(band.first)] = wanted - natural;
  }
  for (int c = 0; c < columns; ++c) {
    edge[static_cast<std::size_t>(c) + 1] = edge[static_cast<std::size_t>(c)] + kColumn + extra[static_cast<std::size_t>(c)];
  }
  auto x_of = [&edge](int column) { return edge[static_cast<std::size_t>(column)]; };
  // The centre of the kColumn-wide part of a column, where its mark goes.
  auto centre_of = [&](int column) { return x_of(column + 1) - kColumn / 2; };
  const int width = x_of(columns) + 16;
  const int lanes_bottom = kTop + static_cast<int>(lanes.size()) * kLane;
  const int height = lanes_bottom + kAxis;
  auto mid = [](const Lane& lane) { return lane.y + kLane / 2; };

  std::string svg = "<svg class=\"timeline\"" + Attr("data-rule", rule_id) +
                    Attr("width", std::to_string(width)) + Attr("height", std::to_string(height)) +
                    Attr("viewBox", "0 0 " + std::to_string(width) + " " + std::to_string(height)) +
                    " role=\"img\"" + Attr("aria-label", "timeline of the counterexample for " + rule_id) +
                    " font-family=\"ui-monospace, SFMono-Regular, Menlo, Consolas, monospace\" font-size=\"12\">\n";
  std::string title = "Counterexample for " + rule_id + ": " + std::to_string(counterexample.steps) +
                      " steps; violation at step " + std::to_string(violation.step) + ", t=" +
                      FormatVirtualTime(violation.time);
  if (count < all.size()) {
    title += "; events " + std::to_string(begin + 1) + " to " + std::to_string(end) + " of " +
             std::to_string(all.size()) + " drawn";
  }
  svg += Title(title);

  // Lane backgrounds and titles.
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const Lane& lane = lanes[i];
    svg += "<g class=\"lane\"" + Attr("data-lane", lane.id) + ">";
    svg += "<rect class=\"lane-bg\" x=\"0\"" + Attr("y", std::to_string(lane.y)) + Attr("width", std::to_string(width)) +
           Attr("height", std::to_string(kLane)) + Attr("fill", i % 2 == 0 ? "#f6f8fa" : "#ffffff") + "/>";
    svg += "<text class=\"lane-title\" x=\"8\"" + Attr("y", std::to_string(mid(lane) + 4)) +
           " fill=\"#24292f\" font-weight=\"600\">" + XmlEscapeText(lane.title) + "</text></g>\n";
  }

  // Step bands: from a step's first column to the next step's. The violating
  // step's band is tinted across every lane.
  svg += "<g class=\"steps\">";
  for (const Band& band : bands) {
    const int x = x_of(band.first);
    const int w = x_of(band.last + 1) - x;
    const bool violating = band.step == violation.step;
    const bool drain = band.step >= counterexample.steps;
    // Cut to the band's width.
    std::string label = band.label;
    const std::size_t fits = static_cast<std::size_t>(std::max(0, static_cast<int>((w - 8) / kCharWidth)));
    if (label.size() > fits) label = fits >= 4 ? label.substr(0, fits - 1) + "\xE2\x80\xA6" : label.substr(0, fits);
    std::string title = band.step < 0 ? "before the first step" : drain ? "after the last step (time drains)"
                                                                        : "step " + std::to_string(band.step);
    if (!band.text.empty()) title += ": " + band.text;
    if (violating) title += " (the violation: " + violation.message + ")";
    if (violating) {
      svg += "<rect class=\"violating-step\"" + Attr("data-step", std::to_string(band.step)) + Attr("x", std::to_string(x)) +
             Attr("y", std::to_string(kTop)) + Attr("width", std::to_string(w)) +
             Attr("height", std::to_string(lanes_bottom - kTop)) +
             " fill=\"#d73a49\" fill-opacity=\"0.14\" stroke=\"#d73a49\" stroke-width=\"2\">" + Title(title) + "</rect>";
    }
    svg += "<line class=\"step-edge\"" + Attr("x1", std::to_string(x)) + Attr("x2", std::to_string(x)) +
           Attr("y1", std::to_string(kTop)) + Attr("y2", std::to_string(lanes_bottom)) +
           " stroke=\"#d0d7de\" stroke-dasharray=\"2,3\"/>";
    svg += "<g class=\"step" + std::string(violating ? " violating" : "") + "\"" +
           Attr("data-step", std::to_string(band.step)) + ">" + Title(title);
    svg += "<rect" + Attr("x", std::to_string(x + 1)) + Attr("y", std::to_string(lanes[0].y + 6)) +
           Attr("width", std::to_string(w - 2)) + Attr("height", std::to_string(kBar + 2)) + " rx=\"3\"" +
           Attr("fill", violating ? "#d73a49" : "#e1e4e8") + "/>";
    svg += "<text" + Attr("x", std::to_string(x + 4)) + Attr("y", std::to_string(mid(lanes[0]) + 4)) +
           Attr("fill", violating ? "#ffffff" : "#24292f") + ">" + XmlEscapeText(label) + "</text></g>";
  }
  svg += "</g>\n";

  // Service status: bands between status changes.
  {
    const Lane& lane = lanes[1];
    std::string status = status_before;
    int from = 0;
    svg += "<g class=\"status-lane\">";
    auto flush = [&](int to) {  // columns [from, to)
      if (to <= from) return;
      const int x = x_of(from), w = x_of(to) - x_of(from);
      svg += "<g class=\"status\"" + Attr("data-status", status.empty() ? "unknown" : status) + ">" +
             Title("service " + (status.empty() ? std::string("status unknown") : status)) + "<rect" +
             Attr("x", std::to_string(x)) + Attr("y", std::to_string(lane.y + (kLane - kBar) / 2)) +
             Attr("width", std::to_string(w)) + Attr("height", std::to_string(kBar)) + Attr("fill", StatusFill(status)) +
             "/>";
      if (w >= TextWidth(status) + 8) {
        svg += "<text" + Attr("x", std::to_string(x + 4)) + Attr("y", std::to_string(mid(lane) + 4)) +
               " fill=\"#ffffff\">" + XmlEscapeText(status) + "</text>";
      }
      svg += "</g>";
    };
    for (int c = 0; c < columns; ++c) {
      const TimelineEvent& event = events[static_cast<std::size_t>(c)];
      const bool initial = event.kind == "step" && event.step < 0 && !event.status.empty();
      if ((event.kind == "status" || initial) && event.status != status) {
        flush(c);
        from = c;
        status = event.status;
      }
    }
    flush(columns);
    svg += "</g>\n";
  }

  // Calls (bar to the matching return), completions and findings.
  std::vector<bool> done(static_cast<std::size_t>(columns), false);
  svg += "<g class=\"events\">";
  for (int c = 0; c < columns; ++c) {
    const TimelineEvent& event = events[static_cast<std::size_t>(c)];
    const Lane& lane = lanes[lane_of(c)];
    const int cx = centre_of(c);
    const int cy = mid(lane);
    const std::string step_attr = Attr("data-step", std::to_string(event.step));
    if (event.kind == "call") {
      // The return is the next return of the same function and session.
      int end = c;
      for (int r = c + 1; r < columns; ++r) {
        const TimelineEvent& other = events[static_cast<std::size_t>(r)];
        if (other.kind == "return" && other.function == event.function && lane_of(r) == lane_of(c)) {
          end = r;
          break;
        }
      }
      const bool returned = end != c;
      const TimelineEvent& ret = events[static_cast<std::size_t>(end)];
      done[static_cast<std::size_t>(end)] = true;
      // A call that never returned (the implementation crashed or hung in it)
      // must not look like a success: grey with a dashed red edge, it runs to
      // the end of the timeline and says so.
      const std::string code = returned ? ret.code : "no-return";
      const int last = returned ? end : columns - 1;
      // From the call's mark to the return's, over any wide step column.
      const int x = x_of(c + 1) - kColumn + 2, w = x_of(last + 1) - x - 2;
      std::string title = event.text;
      title += returned ? "\n" + ret.text : "\nnever returned (the implementation crashed or hung in this call)";
      svg += std::string(returned ? "<g class=\"call\"" : "<g class=\"call no-return\"") + step_attr +
             Attr("data-function", event.function) + Attr("data-code", code) + ">" + Title(title) + "<rect" +
             Attr("x", std::to_string(x)) + Attr("y", std::to_string(cy - kBar / 2)) + Attr("width", std::to_string(w)) +
             Attr("height", std::to_string(kBar)) + " rx=\"4\"" +
             Attr("fill", returned ? CodeFill(code) : "#5b5f66") +
             (returned ? "" : " stroke=\"#c4473a\" stroke-dasharray=\"4 3\"") + "/>";
      const std::string name = ShortFunctionName(event.function);
      if (TextWidth(name) + 6 <= w) {
        svg += "<text" + Attr("x", std::to_string(x + 3)) + Attr("y", std::to_string(cy + 4)) + " fill=\"#ffffff\">" +
               XmlEscapeText(name) + "</text>";
      }
      svg += "</g>";
    } else if (event.kind == "return" && !done[static_cast<std::size_t>(c)]) {
      svg += "<g class=\"return\"" + step_attr + ">" + Title(event.text) + "<rect" + Attr("x", std::to_string(cx - 3)) +
             Attr("y", std::to_string(cy - kBar / 2)) + " width=\"6\"" + Attr("height", std::to_string(kBar)) +
             Attr("fill", CodeFill(event.code)) + "/></g>";
    } else if (event.kind == "signal") {
      svg += "<g class=\"signal\"" + step_attr + ">" + Title(event.text) + "<circle" + Attr("cx", std::to_string(cx)) +
             Attr("cy", std::to_string(cy)) + " r=\"6\" fill=\"#f2c500\" stroke=\"#6a5300\" stroke-width=\"1.5\"/></g>";
    } else if (event.kind == "packet") {
      const std::string d = "M" + std::to_string(cx) + " " + std::to_string(cy - 8) + " L" + std::to_string(cx + 7) + " " +
                            std::to_string(cy) + " L" + std::to_string(cx) + " " + std::to_string(cy + 8) + " L" +
                            std::to_string(cx - 7) + " " + std::to_string(cy) + " Z";
      svg += "<g class=\"packet\"" + step_attr + ">" + Title(event.text) + "<path" + Attr("d", d) +
             " fill=\"#1f9bcf\" stroke=\"#0b4f6c\" stroke-width=\"1.5\"/></g>";
    } else if (event.kind == "overlapped-done") {
      svg += "<g class=\"overlapped-done\"" + step_attr + ">" + Title(event.text) + "<rect" +
             Attr("x", std::to_string(cx - 5)) + Attr("y", std::to_string(cy - 5)) +
             " width=\"10\" height=\"10\" fill=\"#ffffff\" stroke=\"#57606a\" stroke-width=\"1.5\"/></g>";
    } else if (event.kind == "finding") {
      const Lane& steps = lanes[0];
      svg += "<g class=\"finding\"" + step_attr + ">" + Title(event.text) + "<text" + Attr("x", std::to_string(cx - 4)) +
             Attr("y", std::to_string(mid(steps) + 5)) + " fill=\"#d73a49\" font-weight=\"700\" font-size=\"14\">!</text></g>";
    }
  }
  svg += "</g>\n";

  // The violation: a marker at its first event (its step, at or after its time).
  int marker = -1;
  for (int c = 0; c < columns; ++c) {
    const TimelineEvent& event = events[static_cast<std::size_t>(c)];
    if (event.step == violation.step && event.time >= violation.time && event.kind != "step") {
      marker = c;
      break;
    }
  }
  if (marker < 0) {
    for (const Band& band : bands) {
      if (band.step == violation.step) marker = band.first;
    }
  }
  if (marker >= 0) {
    const int x = centre_of(marker);
    svg += "<g class=\"violation-marker\"" + Attr("data-step", std::to_string(violation.step)) + ">" +
           Title("violation: " + violation.message) + "<rect" + Attr("x", std::to_string(x - 1)) +
           Attr("y", std::to_string(kTop)) + " width=\"2\"" + Attr("height", std::to_string(lanes_bottom - kTop)) +
           " fill=\"#d73a49\"/></g>\n";
  }

  // Time axis: a tick where virtual time moves, a label when there is room.
  svg += "<g class=\"time-axis\">";
  svg += "<line" + Attr("x1", std::to_string(kLeft)) + Attr("x2", std::to_string(width - 8)) +
         Attr("y1", std::to_string(lanes_bottom + 4)) + Attr("y2", std::to_string(lanes_bottom + 4)) +
         " stroke=\"#57606a\"/>";
  svg += "<text x=\"8\"" + Attr("y", std::to_string(lanes_bottom + 22)) + " fill=\"#24292f\" font-weight=\"600\">time</text>";
  int last_label = -1000;
  for (int c = 0; c < columns; ++c) {
    const TimelineEvent& event = events[static_cast<std::size_t>(c)];
    if (c > 0 && event.time == events[static_cast<std::size_t>(c - 1)].time) continue;
    const int x = x_of(c);
    svg += "<line" + Attr("x1", std::to_string(x)) + Attr("x2", std::to_string(x)) +
           Attr("y1", std::to_string(lanes_bottom)) + Attr("y2", std::to_string(lanes_bottom + 9)) +
           " stroke=\"#57606a\"/>";
    if (x - last_label >= kMinLabelGap) {
      svg += "<text class=\"time-label\"" + Attr("x", std::to_string(x + 2)) + Attr("y", std::to_string(lanes_bottom + 22)) +
             " fill=\"#57606a\">" + XmlEscapeText("t=" + FormatVirtualTime(event.time)) + "</text>";
      last_label = x;
    }
  }
  svg += "</g>\n</svg>";
  return svg;
}

}  // namespace pd
