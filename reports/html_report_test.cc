#include "reports/html_report.h"

#include <gtest/gtest.h>

#include "reports/baseline.h"
#include "reports/report_testing.h"

namespace pd {
namespace {

TEST(HtmlReport, SelfContainedPage) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  // Nothing to fetch: no external reference of any kind, no script.
  for (const char* banned : {"http:", "https:", "src=", "<link", "@import", "url(", "<script"}) {
    EXPECT_EQ(html.find(banned), std::string::npos) << banned;
  }
  EXPECT_NE(html.find("<style>"), std::string::npos);
  // The <main> part is XML-well-formed (the head has void <meta> tags).
  const std::size_t begin = html.find("<main>"), end = html.find("</main>");
  ASSERT_NE(begin, std::string::npos);
  EXPECT_EQ(CheckWellFormedXml(html.substr(begin, end + 7 - begin)), "");
}

TEST(HtmlReport, RuleTableWithCitationVerdictAndCases) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_NE(html.find("<tr id=\"rule-first-notify\" class=\"violated\" data-rule=\"first-notify\" data-verdict=\"violated\">"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"verdict violated\">VIOLATED</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"verdict holds\">holds</span>"), std::string::npos);
  EXPECT_NE(html.find("the \"first\" call's baseline is PEERDIST_STATUS_DISABLED &amp; &lt;nothing&gt; else"),
            std::string::npos);
  EXPECT_NE(html.find("<cite>PeerDistRegisterForStatusChangeNotification</cite>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">7</td><td class=\"num\" title=\"7 of 7 cases reached their end\">7</td>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<a href=\"#violation-first-notify\">first-notify</a>"), std::string::npos);
}

TEST(HtmlReport, AmbiguitiesShowTheInterpretationFollowed) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_NE(html.find("<tr data-ambiguity=\"second-registration-error\">"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"followed\">already-exists</td>"), std::string::npos);
  EXPECT_NE(html.find("<li class=\"followed\"><code>already-exists</code> (3): PEERDIST_ERROR_ALREADY_EXISTS"),
            std::string::npos);
  EXPECT_NE(html.find("<li><code>other-error</code> (0)"), std::string::npos);
}

TEST(HtmlReport, ViolationWithTimelineStepsAndReplay) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_NE(html.find("<article class=\"violation\" id=\"violation-first-notify\" data-rule=\"first-notify\">"),
            std::string::npos);
  EXPECT_NE(html.find("<svg class=\"timeline\" data-rule=\"first-notify\""), std::string::npos);
  EXPECT_NE(html.find("<li class=\"violating\" data-step=\"1\">"), std::string::npos);
  EXPECT_NE(html.find("<code class=\"replay\">pdconform --impl mutant:notify-every-registration --replay 'out "
                      "dir/counterexamples/first-notify.pdscenario'</code>"),
            std::string::npos);
  EXPECT_NE(html.find("notified with status\tDISABLED\n(&lt;0&gt;) at once"), std::string::npos);
  EXPECT_NE(html.find("<mark>t=1500 step=1 signal"), std::string::npos);
}

TEST(HtmlReport, GateBannerFollowsTheBaseline) {
  Report report = SampleReport();
  ComputeGate(report);
  std::string html = RenderHtmlReport(report);
  EXPECT_NE(html.find("<p class=\"banner fail\" id=\"gate\">FAIL: 1 of 2 rules hold; 1 new violation</p>"),
            std::string::npos)
      << html;
  Baseline baseline;
  baseline.entries.push_back({report.impl, "first-notify", "", 2});
  ApplyBaseline(baseline, "known.txt", report);
  html = RenderHtmlReport(report);
  EXPECT_NE(html.find("<p class=\"banner pass\" id=\"gate\">PASS: 1 of 2 rules hold; 1 known violation (baseline)</p>"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"tag known\""), std::string::npos);
  EXPECT_NE(html.find("<dt>baseline</dt><dd><code>known.txt</code></dd>"), std::string::npos);
}

TEST(HtmlReport, NotCheckedRulesSayHowManyCasesReachedTheirEnd) {
  Report report = SampleReport();
  report.rules[0].verdict = RuleVerdict::kNotChecked;
  report.rules[0].cases = 3;
  report.rules[0].reached = 1;
  report.rules[0].skipped = 47;
  CountVerdicts(report);
  ComputeGate(report);
  const std::string html = RenderHtmlReport(report);
  EXPECT_NE(html.find("<p class=\"banner fail\" id=\"gate\">FAIL: 0 of 2 rules hold; 1 new violation, 1 rule not "
                      "checked (cases cut short)</p>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"verdict not-checked\">NOT CHECKED</span>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#not-checked\">Not checked</a>"), std::string::npos);
  EXPECT_NE(html.find("<li id=\"violation-change-only\" data-rule=\"change-only\"><code>change-only</code>: 1 of 3 "
                      "cases reached their end, 47 skipped (hang budget)</li>"),
            std::string::npos)
      << html;
  // Not among the violations.
  EXPECT_EQ(html.find("<article class=\"violation\" id=\"violation-change-only\""), std::string::npos);
  const std::size_t begin = html.find("<main>"), end = html.find("</main>");
  EXPECT_EQ(CheckWellFormedXml(html.substr(begin, end + 7 - begin)), "");
}

TEST(HtmlReport, CoverageMatrixWhenComputed) {
  Report report = SampleReport();
  EXPECT_EQ(RenderHtmlReport(report).find("id=\"coverage\""), std::string::npos);
  report.coverage.rows = {"PeerDistClientBlockRead/content", "PeerDistServerCloseStreamHandle/stream"};
  report.coverage.columns = {"available->disabled", "available->unavailable"};
  report.coverage.counts = {{3, 0}, {1, 12}};
  const std::string html = RenderHtmlReport(report);
  EXPECT_NE(html.find("<section id=\"coverage\">"), std::string::npos);
  EXPECT_NE(html.find("3 of 4 cells exercised"), std::string::npos);
  EXPECT_NE(html.find("<th>available-&gt;unavailable</th>"), std::string::npos);
  EXPECT_NE(html.find("<tr><th scope=\"row\"><code>PeerDistClientBlockRead/content</code></th><td class=\"num\">3</td>"
                      "<td class=\"num unexercised\" title=\"never exercised\">-</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"#coverage\">Coverage</a>"), std::string::npos);
  EXPECT_EQ(html.find("In flight at the move"), std::string::npos);
  report.coverage.in_flight.rows = {"PeerDistClientBlockRead/content with data"};
  report.coverage.in_flight.columns = {"available->unavailable", "available->disabled"};
  report.coverage.in_flight.counts = {{5, 0}};
  const std::string with_in_flight = RenderHtmlReport(report);
  EXPECT_NE(with_in_flight.find("<h3 id=\"in-flight\">In flight at the move</h3>"), std::string::npos);
  EXPECT_NE(with_in_flight.find("1 of 2 cells exercised"), std::string::npos);
  EXPECT_NE(with_in_flight.find("<tr><th scope=\"row\"><code>PeerDistClientBlockRead/content with data</code></th>"
                                "<td class=\"num\">5</td><td class=\"num unexercised\" title=\"never exercised\">-</td>"
                                "</tr>"),
            std::string::npos);
}

TEST(HtmlReport, PairedScenarioOfAViolationAcrossTwoScenarios) {
  EXPECT_EQ(RenderHtmlReport(SampleReport()).find("Paired scenario"), std::string::npos);
  const std::string html = RenderHtmlReport(PairedSampleReport());
  EXPECT_NE(html.find("<h4>Paired scenario</h4>"), std::string::npos);
  EXPECT_NE(html.find("Unregister &lt;with&gt; nothing \"registered\" &amp; ERROR_SUCCESS"), std::string::npos);
  EXPECT_NE(html.find("<code>out dir/counterexamples/first-notify.paired.pdscenario</code>"), std::string::npos);
  EXPECT_NE(html.find("--paired 'out dir/counterexamples/first-notify.paired.pdscenario'"), std::string::npos)
      << "the counterexample's replay command names both files";
  EXPECT_NE(html.find("<summary>Paired scenario (1 steps)</summary>"), std::string::npos);
}

TEST(HtmlReport, RequirementsPerPageAfterCoverage) {
  Report report = SampleReport();
  report.coverage.rows = {"PeerDistClientBlockRead/content"};
  report.coverage.columns = {"available->disabled"};
  report.coverage.counts = {{3}};
  const std::string html = RenderHtmlReport(report);
  EXPECT_NE(html.find("<a href=\"#coverage\">Coverage</a><a href=\"#requirements\">Requirements</a>"),
            std::string::npos);
  const std::size_t section = html.find("<section id=\"requirements\">\n<h2>Requirements</h2>\n");
  ASSERT_NE(section, std::string::npos) << html;
  EXPECT_LT(html.find("<section id=\"coverage\">"), section);
  EXPECT_LT(section, html.find("<section id=\"ambiguities\">"));
  EXPECT_NE(html.find("<strong id=\"requirements-checked\">2 of 3 testable statements checked</strong>"), std::string::npos);
  // One collapsed block per page, its counts in the summary.
  EXPECT_NE(html.find("<details class=\"requirements incomplete\" id=\"requirements-"
                      "PeerDistRegisterForStatusChangeNotification\" data-page=\"PeerDistRegisterForStatusChangeNotification\">"
                      "<summary><h3><code>PeerDistRegisterForStatusChangeNotification</code>: <span class=\"count\">1 of 2 "
                      "testable statements checked</span></h3><span class=\"legend\">"
                      "nf-peerdist-peerdistregisterforstatuschangenotification.md</span></summary>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<details class=\"requirements\" id=\"requirements-PEERDIST_STATUS\" data-page=\"PEERDIST_STATUS\">"
                      "<summary><h3><code>PEERDIST_STATUS</code>: <span class=\"count\">1 of 1 testable statements "
                      "checked</span></h3>"),
            std::string::npos);
  EXPECT_EQ(html.find("<details class=\"requirements\" open"), std::string::npos);
  EXPECT_EQ(html.find("<details class=\"requirements incomplete\" open"), std::string::npos);
  // Checked: the rule, linked to its row; the quote escaped.
  EXPECT_NE(html.find("<tr id=\"req-REGISTER-1\" class=\"testable\" data-requirement=\"REGISTER-1\"><td><code>REGISTER-1"
                      "</code></td><td>Remarks</td><td>testable</td><td>No notification is sent while the status is "
                      "PEERDIST_STATUS_DISABLED &amp; &lt;nothing&gt; \"else\".</td><td><code><a href=\"#rule-first-notify\">"
                      "first-notify</a></code></td></tr>"),
            std::string::npos);
  // Only partly checked: NOT CHECKED, and the partial checker.
  EXPECT_NE(html.find("<tr id=\"req-REGISTER-3\" class=\"testable not-checked\" data-requirement=\"REGISTER-3\">"),
            std::string::npos);
  EXPECT_NE(html.find("<td><span class=\"not-checked-mark\">NOT CHECKED</span>, <code><a href=\"#rule-change-only\">"
                      "change-only</a></code> (partly)</td></tr>"),
            std::string::npos);
  // A caller's duty is not NOT CHECKED; an untestable statement shows why.
  EXPECT_NE(html.find("<td>caller-obligation</td><td>The OVERLAPPED structure must remain valid until the operation "
                      "completes.</td><td>-</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>untestable-here</td><td>The feature is disabled by Group Policy or the service is not "
                      "running.</td><td><div class=\"legend\">why the service is disabled (Group Policy &lt;or&gt; not "
                      "running) is not visible through the API</div></td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<code><a href=\"#rule-change-only\">change-only</a></code>, <code><a href=\"#rule-first-notify\">"
                      "first-notify</a></code></td></tr>"),
            std::string::npos);
  std::size_t not_checked = 0;
  for (std::size_t at = html.find("NOT CHECKED"); at != std::string::npos; at = html.find("NOT CHECKED", at + 1)) {
    ++not_checked;
  }
  EXPECT_EQ(not_checked, 1u);
  const std::size_t begin = html.find("<main>"), end = html.find("</main>");
  EXPECT_EQ(CheckWellFormedXml(html.substr(begin, end + 7 - begin)), "");
}

TEST(HtmlReport, NoRequirementsNoSection) {
  Report report = SampleReport();
  report.requirements = RequirementsReport();
  const std::string html = RenderHtmlReport(report);
  EXPECT_EQ(html.find("id=\"requirements\""), std::string::npos);
  EXPECT_EQ(html.find("href=\"#requirements\""), std::string::npos);
}

TEST(HtmlReport, ALongTraceListingIsCutAroundTheViolation) {
  Report report = SampleReport();
  CounterexampleReport& counterexample = *report.rules[1].counterexample;
  const TimelineEvent early = counterexample.timeline[2];
  counterexample.timeline.insert(counterexample.timeline.begin() + 2, 4000, early);
  const std::string html = RenderHtmlReport(report);
  EXPECT_NE(html.find("... 2012 earlier events (see out dir/counterexamples/first-notify.trace)\n"), std::string::npos);
  EXPECT_NE(html.find("<mark>t=1500 step=1 signal"), std::string::npos);
}

TEST(HtmlReport, RulesLeftOutHaveASectionOnlyWhenThereAreAny) {
  Report report = SampleReport();
  EXPECT_EQ(RenderHtmlReport(report).find("id=\"left-out\""), std::string::npos);
  report.left_out = {{"no-hang", "a live run, in real time: <polling>"}};
  const std::string html = RenderHtmlReport(report);
  EXPECT_NE(html.find("<a href=\"#left-out\">Not judged</a>"), std::string::npos);
  EXPECT_NE(html.find("<tr data-rule=\"no-hang\"><td><code>no-hang</code></td><td>a live run, in real time: "
                      "&lt;polling&gt;</td></tr>"),
            std::string::npos)
      << html;
}

TEST(HtmlReport, Deterministic) { EXPECT_EQ(RenderHtmlReport(SampleReport()), RenderHtmlReport(SampleReport())); }

}  // namespace
}  // namespace pd
