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
  EXPECT_NE(html.find("<td class=\"num\">7</td>"), std::string::npos);
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

TEST(HtmlReport, Deterministic) { EXPECT_EQ(RenderHtmlReport(SampleReport()), RenderHtmlReport(SampleReport())); }

}  // namespace
}  // namespace pd
