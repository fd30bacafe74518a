#include "live/diff_report.h"
#include "reports/xml_escape.h"

namespace pd {
namespace {

std::string Attribute(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + XmlEscapeAttribute(value) + "\"";
}

std::string Message(const DiffCase& diff_case) {
  const TraceDifference& difference = *diff_case.difference;
  return diff_case.name + ": observable line " + std::to_string(difference.line + 1) + ": recorded \"" +
         difference.recorded + "\", replayed \"" + difference.replayed + "\"";
}

std::string Body(const DiffCase& diff_case) {
  return Message(diff_case) + "\nscenario: " + DiffScenarioFile(diff_case.name) +
         "\nreplay in the report directory: " + diff_case.replay + "\n\n" +
         SideBySide(diff_case.recorded_trace, diff_case.replayed_trace, 70);
}

}  // namespace

std::string RenderDiffJunit(const DiffRun& run) {
  const std::string suite_name = "pdconform.diff." + run.impl;
  const std::string tests = std::to_string(run.cases.size());
  const std::string failures = std::to_string(run.Differences());
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites" + Attribute("name", "pdconform") + Attribute("tests", tests) +
         Attribute("failures", failures) + Attribute("errors", "0") + ">\n";
  out += "  <testsuite" + Attribute("name", suite_name) + Attribute("tests", tests) +
         Attribute("failures", failures) + Attribute("errors", "0") + Attribute("skipped", "0") + ">\n";
  out += "    <properties>\n";
  out += "      <property" + Attribute("name", "impl") + Attribute("value", run.impl) + "/>\n";
  out += "      <property" + Attribute("name", "recorded_dir") + Attribute("value", run.recorded_dir) + "/>\n";
  out += "    </properties>\n";
  for (const DiffCase& diff_case : run.cases) {
    out += "    <testcase" + Attribute("name", diff_case.name) + Attribute("classname", suite_name) + ">\n";
    if (diff_case.difference) {
      out += "      <failure" + Attribute("message", Message(diff_case)) + Attribute("type", "difference") + ">" +
             XmlEscapeText(Body(diff_case)) + "</failure>\n";
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
  out += "</testsuites>\n";
  return out;
}

}  // namespace pd
