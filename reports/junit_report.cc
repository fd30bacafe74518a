#include "reports/junit_report.h"

#include "reports/xml_escape.h"

namespace pd {
namespace {

std::string Attribute(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + XmlEscapeAttribute(value) + "\"";
}

// How much of the rule's budget ran, in every test case's details.
std::string CasesLine(const RuleReport& rule) { return "cases:    " + DescribeReached(rule) + "\n"; }

std::string FailureMessage(const RuleReport& rule) {
  std::string message = "rule " + rule.id + " violated";
  if (rule.counterexample) message += ": " + rule.counterexample->violation.message;
  message += " | " + rule.source + ": \"" + rule.citation + "\"";
  if (rule.counterexample) message += " | replay in the report directory: " + rule.counterexample->replay;
  return message;
}

std::string FailureBody(const RuleReport& rule) {
  std::string body = "rule:     " + rule.id + " (" + rule.strength + ")\n";
  body += "checks:   " + rule.summary + "\n";
  body += "source:   " + rule.source + "\n";
  body += "citation: " + rule.citation + "\n";
  body += CasesLine(rule);
  if (rule.counterexample) {
    const CounterexampleReport& counterexample = *rule.counterexample;
    body += "violation at step " + std::to_string(counterexample.violation.step) + ", virtual time " +
            std::to_string(counterexample.violation.time) + " us: " + counterexample.violation.message + "\n";
    body += "counterexample: " + std::to_string(counterexample.steps) + " steps in " + counterexample.file + "\n";
    if (counterexample.paired) {
      body += "paired:   " + std::to_string(counterexample.paired->steps) + " steps in " + counterexample.paired->file +
              ": " + counterexample.paired->note + "\n";
    }
    body += "replay in the report directory: " + counterexample.replay + "\n";
  }
  return body;
}

}  // namespace

std::string RenderJunitReport(const Report& report) {
  const std::string suite_name = "pdconform." + report.impl;
  // A known deviation (listed in the baseline) is a skipped test case, so CI
  // shows it without failing; a listed rule that holds is a failure, so the
  // baseline shrinks.
  int failures_count = 0, skipped_count = 0;
  for (const RuleReport& rule : report.rules) {
    if (rule.verdict == RuleVerdict::kViolated) {
      ++(rule.baseline == BaselineMark::kKnown ? skipped_count : failures_count);
    } else if (rule.verdict == RuleVerdict::kHolds && rule.baseline == BaselineMark::kFixed) {
      ++failures_count;
    }
  }
  // A rule left out of the run (live: what real time cannot judge) is a
  // skipped test case that says why, so CI lists it instead of losing it.
  skipped_count += static_cast<int>(report.left_out.size());
  const std::string tests = std::to_string(report.totals.rules + static_cast<int>(report.left_out.size()));
  const std::string failures = std::to_string(failures_count);
  // A rule not checked (its cases mostly cut short) is an error like one
  // the checker could not judge: the test did not run as it should.
  const std::string errors = std::to_string(report.totals.errors + report.totals.not_checked);
  const std::string baseline = report.gate.baseline.empty() ? "the baseline" : "the baseline " + report.gate.baseline;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites" + Attribute("name", "pdconform") + Attribute("tests", tests) +
         Attribute("failures", failures) + Attribute("errors", errors) + ">\n";
  out += "  <testsuite" + Attribute("name", suite_name) + Attribute("tests", tests) +
         Attribute("failures", failures) + Attribute("errors", errors) + Attribute("skipped", std::to_string(skipped_count)) +
         ">\n";
  out += "    <properties>\n";
  const std::pair<std::string, std::string> properties[] = {
      {"impl", report.impl},
      {"seed", std::to_string(report.seed)},
      {"cases", std::to_string(report.cases)},
      {"shard", std::to_string(report.shard_index) + "/" + std::to_string(report.shard_count)},
      {"scenarios", std::to_string(report.totals.scenarios)},
      {"api_calls", std::to_string(report.totals.api_calls)},
      {"baseline", report.gate.baseline.empty() ? "none" : report.gate.baseline},
      {"gate", report.gate.passed ? "pass" : "fail"},
  };
  for (const auto& [name, value] : properties) {
    out += "      <property" + Attribute("name", name) + Attribute("value", value) + "/>\n";
  }
  for (const AmbiguityReport& ambiguity : report.ambiguities) {
    out += "      <property" + Attribute("name", "ambiguity." + ambiguity.id) +
           Attribute("value", ambiguity.verdict) + "/>\n";
  }
  out += "    </properties>\n";
  for (const RuleReport& rule : report.rules) {
    out += "    <testcase" + Attribute("name", rule.id) + Attribute("classname", suite_name) +
           Attribute("assertions", std::to_string(rule.cases));
    out += ">\n";
    if (rule.verdict == RuleVerdict::kHolds && rule.baseline != BaselineMark::kFixed) {
      out += "      <system-out>" + XmlEscapeText(CasesLine(rule)) + "</system-out>\n";
      out += "    </testcase>\n";
      continue;
    }
    if (rule.verdict == RuleVerdict::kHolds) {
      const std::string message = "rule " + rule.id + " holds, but " + baseline +
                                  " lists it as a known violation: remove its line";
      out += "      <failure" + Attribute("message", message) + Attribute("type", "baseline-fixed") + ">" +
             XmlEscapeText(FailureBody(rule)) + "</failure>\n";
      out += "    </testcase>\n";
      continue;
    }
    if (rule.verdict == RuleVerdict::kViolated && rule.baseline == BaselineMark::kKnown) {
      const std::string message = "known deviation: " + FailureMessage(rule) + " (expected by " + baseline + ")";
      out += "      <skipped" + Attribute("message", message) + "/>\n";
      out += "      <system-out>" + XmlEscapeText(FailureBody(rule)) + "</system-out>\n";
      out += "    </testcase>\n";
      continue;
    }
    if (rule.verdict == RuleVerdict::kNotChecked) {
      const std::string message = "rule " + rule.id + " not checked: " + DescribeReached(rule) +
                                  " (a crash or a hang cut most cases short; see no-crash and no-hang)";
      out += "      <error" + Attribute("message", message) + Attribute("type", "not-checked") + ">" +
             XmlEscapeText(FailureBody(rule)) + "</error>\n";
      out += "    </testcase>\n";
      continue;
    }
    if (rule.verdict == RuleVerdict::kError) {
      const std::string message = "rule " + rule.id + " could not be checked: " + rule.error;
      out += "      <error" + Attribute("message", message) + Attribute("type", "checker-error") + ">" +
             XmlEscapeText(FailureBody(rule) + "error:    " + rule.error + "\n") + "</error>\n";
      out += "    </testcase>\n";
      continue;
    }
    out += "      <failure" + Attribute("message", FailureMessage(rule)) + Attribute("type", "violation") + ">" +
           XmlEscapeText(FailureBody(rule)) + "</failure>\n";
    out += "    </testcase>\n";
  }
  for (const LeftOutRule& rule : report.left_out) {
    out += "    <testcase" + Attribute("name", rule.id) + Attribute("classname", suite_name) + ">\n";
    out += "      <skipped" + Attribute("message", "rule " + rule.id + " not judged in this run: " + rule.why) + "/>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
  out += "</testsuites>\n";
  return out;
}

}  // namespace pd
