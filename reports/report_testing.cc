#include "reports/report_testing.h"

#include <utility>
#include <vector>

namespace pd {

Report PairedSampleReport() {
  Report report = SampleReport();
  CounterexampleReport& counterexample = *report.rules[1].counterexample;
  counterexample.replay += " --paired 'out dir/counterexamples/first-notify.paired.pdscenario'";
  PairedScenarioReport paired;
  paired.steps = 1;
  paired.file = "out dir/counterexamples/first-notify.paired.pdscenario";
  paired.trace_file = "out dir/counterexamples/first-notify.paired.trace";
  paired.replay =
      "pdconform --impl mutant:notify-every-registration --replay "
      "'out dir/counterexamples/first-notify.paired.pdscenario'";
  paired.note = "unregister-when-idle: success at step 0: Unregister <with> nothing \"registered\" & ERROR_SUCCESS";
  paired.step = 0;
  paired.time = 0;
  paired.scenario = "pdscenario 1\nseed 0\nstartup s0\n";
  paired.timeline = {counterexample.timeline[0], counterexample.timeline[1], counterexample.timeline[2],
                     counterexample.timeline[3]};
  counterexample.paired = paired;
  return report;
}

Report SampleReport() {
  Report report;
  report.impl = "mutant:notify-every-registration";
  report.seed = 42;
  report.cases = 50;
  report.timeout_ms = 2000;
  RuleReport holds;
  holds.id = "change-only";
  holds.strength = "documented";
  holds.source = "PeerDistRegisterForStatusChangeNotificationEx";
  holds.citation = "A notification is sent only if the status differs from the previous one.";
  holds.summary = "no notification for an unchanged status";
  holds.verdict = RuleVerdict::kHolds;
  holds.cases = 50;
  holds.reached = 50;
  report.rules.push_back(holds);

  RuleReport violated;
  violated.id = "first-notify";
  violated.strength = "documented";
  violated.source = "PeerDistRegisterForStatusChangeNotification";
  violated.citation = "the \"first\" call's baseline is PEERDIST_STATUS_DISABLED & <nothing> else";
  violated.summary = "no notification while DISABLED";
  violated.verdict = RuleVerdict::kViolated;
  violated.cases = 7;
  violated.reached = 7;
  CounterexampleReport counterexample;
  counterexample.steps = 2;
  counterexample.file = "out dir/counterexamples/first-notify.pdscenario";
  counterexample.trace_file = "out dir/counterexamples/first-notify.trace";
  counterexample.replay =
      "pdconform --impl mutant:notify-every-registration --replay 'out dir/counterexamples/first-notify.pdscenario'";
  counterexample.violation.step = 1;
  counterexample.violation.time = 1500;
  counterexample.violation.message = "notified with status\tDISABLED\n(<0>) at once";
  counterexample.scenario = "pdscenario 1\nseed 9\nstartup s0\nregister s0 port=new key=7\n";
  // A small trace with every kind of mark the timeline draws.
  auto event = [](std::uint64_t time, int step, const char* kind, int session, int overlapped, const char* function,
                  const char* status, const char* code, const char* text) {
    TimelineEvent e;
    e.time = time;
    e.step = step;
    e.kind = kind;
    e.session = session;
    e.overlapped = overlapped;
    e.function = function;
    e.status = status;
    e.code = code;
    e.text = text;
    return e;
  };
  counterexample.timeline = {
      event(0, -1, "step", -1, -1, "", "disabled", "", "t=0 step=-1 step status=disabled | initial"),
      event(0, 0, "step", -1, -1, "", "", "", "t=0 step=0 step | startup s0"),
      event(0, 0, "call", -1, -1, "PeerDistStartup", "", "", "t=0 step=0 call PeerDistStartup | version=2"),
      event(0, 0, "return", 0, -1, "PeerDistStartup", "", "ERROR_SUCCESS",
            "t=0 step=0 return PeerDistStartup session=0 code=ERROR_SUCCESS | supported=2"),
      event(0, 1, "step", -1, -1, "", "", "", "t=0 step=1 step | register s0 port=new key=7"),
      event(0, 1, "call", 0, 0, "PeerDistRegisterForStatusChangeNotification", "", "",
            "t=0 step=1 call PeerDistRegisterForStatusChangeNotification session=0 ov=0 event=1 port=0 key=7 | r0"),
      event(1500, 1, "signal", -1, 0, "", "disabled", "ERROR_SUCCESS",
            "t=1500 step=1 signal ov=0 event=1 code=ERROR_SUCCESS status=disabled <&>"),
      event(1500, 1, "packet", -1, 0, "", "disabled", "ERROR_SUCCESS",
            "t=1500 step=1 packet ov=0 port=0 code=ERROR_SUCCESS status=disabled key=7"),
      event(1500, 1, "return", 0, 0, "PeerDistRegisterForStatusChangeNotification", "disabled", "ERROR_SUCCESS",
            "t=1500 step=1 return PeerDistRegisterForStatusChangeNotification session=0 ov=0 code=ERROR_SUCCESS"),
      event(1500, 1, "overlapped-done", -1, 0, "", "disabled", "ERROR_SUCCESS",
            "t=1500 step=1 overlapped-done ov=0 code=ERROR_SUCCESS status=disabled"),
      event(1500, 2, "step", -1, -1, "", "", "", "t=1500 step=2 step | drain"),
      event(46000, 2, "status", -1, -1, "", "available", "", "t=46000 step=2 status from=disabled status=available"),
  };
  violated.counterexample = counterexample;
  report.rules.push_back(violated);

  AmbiguityReport ambiguity;
  ambiguity.id = "second-registration-error";
  ambiguity.question = "Which error does a second registration return?";
  ambiguity.verdict = "already-exists";
  ambiguity.occurrences = {{"already-exists", 3}};
  ambiguity.interpretations = {{"already-exists", "PEERDIST_ERROR_ALREADY_EXISTS (4058)"},
                               {"other-error", "another error code, \"consistently\""}};
  report.ambiguities.push_back(ambiguity);

  // Two pages of the requirements catalog: an entry checked fully, one only
  // partly (so not checked), a caller obligation and an untestable one.
  auto entry = [](const char* id, const char* section, const char* klass, const char* reason, const char* quote,
                  std::vector<std::string> checked_by, std::vector<std::string> partly_by) {
    RequirementEntryReport e;
    e.id = id;
    e.section = section;
    e.klass = klass;
    e.reason = reason;
    e.quote = quote;
    e.checked_by = std::move(checked_by);
    e.partly_by = std::move(partly_by);
    return e;
  };
  RequirementPageReport register_page;
  register_page.page = "PeerDistRegisterForStatusChangeNotification";
  register_page.file = "nf-peerdist-peerdistregisterforstatuschangenotification.md";
  register_page.testable = 2;
  register_page.checked = 1;
  register_page.entries = {
      entry("REGISTER-1", "Remarks", "testable", "",
            "No notification is sent while the status is PEERDIST_STATUS_DISABLED & <nothing> \"else\".",
            {"first-notify"}, {}),
      entry("REGISTER-2", "Parameters: lpOverlapped", "caller-obligation", "",
            "The OVERLAPPED structure must remain valid until the operation completes.", {}, {}),
      entry("REGISTER-3", "Return value", "testable", "",
            "ERROR_IO_PENDING: the status will be reported when it changes.", {}, {"change-only"}),
  };
  RequirementPageReport status_page;
  status_page.page = "PEERDIST_STATUS";
  status_page.file = "ne-peerdist-peerdist_status.md";
  status_page.testable = 1;
  status_page.checked = 1;
  status_page.entries = {
      entry("STATUS-1", "Constants: PEERDIST_STATUS_DISABLED", "untestable-here",
            "why the service is disabled (Group Policy <or> not running) is not visible through the API",
            "The feature is disabled by Group Policy or the service is not running.", {}, {}),
      entry("STATUS-2", "Constants: PEERDIST_STATUS_AVAILABLE", "testable", "",
            "The feature is available and ready for use.", {"change-only", "first-notify"}, {}),
  };
  report.requirements.testable = 3;
  report.requirements.checked = 2;
  report.requirements.pages = {register_page, status_page};

  report.totals.scenarios = 57;
  report.totals.api_calls = 400;
  CountVerdicts(report);
  ComputeGate(report);
  return report;
}

namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == ':';
}

// Checks the text between markup: '&' only as a known entity or a character
// reference, no '<' (callers stop at '<'), no '>' after "]]".
std::string CheckCharacterData(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') return "raw '<' in character data";
    if (text[i] != '&') continue;
    const std::size_t end = text.find(';', i);
    if (end == std::string::npos) return "unterminated entity";
    const std::string entity = text.substr(i + 1, end - i - 1);
    const bool known = entity == "amp" || entity == "lt" || entity == "gt" || entity == "quot" || entity == "apos";
    bool reference = entity.size() > 1 && entity[0] == '#';
    for (std::size_t k = 1; reference && k < entity.size(); ++k) reference = entity[k] >= '0' && entity[k] <= '9';
    if (!known && !reference) return "unknown entity '&" + entity + ";'";
    i = end;
  }
  return "";
}

}  // namespace

std::string CheckWellFormedXml(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t pos = 0;
  bool seen_root = false;
  if (xml.rfind("<?xml", 0) == 0) {
    pos = xml.find("?>");
    if (pos == std::string::npos) return "unterminated XML declaration";
    pos += 2;
  }
  while (pos < xml.size()) {
    const std::size_t lt = xml.find('<', pos);
    const std::string text = xml.substr(pos, lt == std::string::npos ? std::string::npos : lt - pos);
    if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string::npos) return "text outside the root";
    if (std::string error = CheckCharacterData(text); !error.empty()) return error;
    if (lt == std::string::npos) break;
    std::size_t i = lt + 1;
    const bool closing = i < xml.size() && xml[i] == '/';
    if (closing) ++i;
    const std::size_t name_start = i;
    while (i < xml.size() && IsNameChar(xml[i])) ++i;
    const std::string name = xml.substr(name_start, i - name_start);
    if (name.empty()) return "tag without a name at byte " + std::to_string(lt);
    if (closing) {
      while (i < xml.size() && xml[i] == ' ') ++i;
      if (i >= xml.size() || xml[i] != '>') return "malformed end tag </" + name;
      if (open.empty() || open.back() != name) {
        return "end tag </" + name + "> does not match <" + (open.empty() ? std::string() : open.back()) + ">";
      }
      open.pop_back();
      pos = i + 1;
      continue;
    }
    if (open.empty() && seen_root) return "second root element <" + name + ">";
    seen_root = true;
    std::vector<std::string> attributes;
    for (;;) {
      while (i < xml.size() && (xml[i] == ' ' || xml[i] == '\n' || xml[i] == '\t')) ++i;
      if (i >= xml.size()) return "unterminated tag <" + name;
      if (xml[i] == '>' || (xml[i] == '/' && i + 1 < xml.size() && xml[i + 1] == '>')) break;
      const std::size_t attribute_start = i;
      while (i < xml.size() && IsNameChar(xml[i])) ++i;
      const std::string attribute = xml.substr(attribute_start, i - attribute_start);
      if (attribute.empty() || i + 1 >= xml.size() || xml[i] != '=' || xml[i + 1] != '"') {
        return "malformed attribute in <" + name + ">";
      }
      for (const std::string& seen : attributes) {
        if (seen == attribute) return "duplicate attribute " + attribute + " in <" + name + ">";
      }
      attributes.push_back(attribute);
      const std::size_t value_end = xml.find('"', i + 2);
      if (value_end == std::string::npos) return "unterminated attribute value in <" + name + ">";
      const std::string value = xml.substr(i + 2, value_end - i - 2);
      if (std::string error = CheckCharacterData(value); !error.empty()) return error + " in attribute " + attribute;
      i = value_end + 1;
    }
    if (xml[i] == '/') {
      pos = i + 2;  // empty-element tag
    } else {
      open.push_back(name);
      pos = i + 1;
    }
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  if (!seen_root) return "no root element";
  return "";
}

}  // namespace pd
