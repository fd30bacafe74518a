#include "live/diff_report.h"

#include <gtest/gtest.h>

namespace pd {
namespace {

DiffRun TwoCases() {
  DiffRun run;
  run.impl = "reference";
  run.recorded_dir = "live/testdata/wine";
  run.rediff = "pdconform --diff counterexamples --impl reference";
  DiffCase same;
  same.name = "same_case";
  same.scenario = "pdscenario 1\n";
  same.recorded_trace = same.replayed_trace = "t=0 step=0 call PeerDistStartup -> ERROR_SUCCESS\n";
  run.cases.push_back(same);
  DiffCase different;
  different.name = "second<registration>";
  different.scenario = "pdscenario 1\nseed 7\n";
  different.recorded_trace = "t=0 step=0 call A -> 1\nt=5 step=1 call B -> 2\n";
  different.replayed_trace = "t=0 step=0 call A -> 1\nt=9 step=1 call B -> 3 & more\n";
  different.difference = FirstDifference(different.recorded_trace, different.replayed_trace);
  different.replay = "pdconform --impl reference --replay 'counterexamples/second<registration>.pdscenario'";
  run.cases.push_back(different);
  return run;
}

TEST(DiffReport, FilesOfEachDifferingCaseThenTheReports) {
  const std::vector<ReportFile> files = DiffReportFiles(TwoCases());
  std::vector<std::string> names;
  for (const ReportFile& file : files) names.push_back(file.name);
  EXPECT_EQ(names, (std::vector<std::string>{"counterexamples/second<registration>.pdscenario",
                                             "counterexamples/second<registration>.trace",
                                             "counterexamples/second<registration>.replayed.trace", "report.html",
                                             "junit.xml", "report.json"}));
  EXPECT_EQ(files[0].contents, "pdscenario 1\nseed 7\n");
  EXPECT_EQ(files[1].contents, TwoCases().cases[1].recorded_trace);
  EXPECT_EQ(files[2].contents, TwoCases().cases[1].replayed_trace);
}

TEST(DiffReport, HtmlShowsBothTracesSideBySideAndEscapes) {
  const std::string html = RenderDiffHtml(TwoCases());
  EXPECT_NE(html.find("FAIL: 2 recorded cases, 1 difference in what a caller observes"), std::string::npos);
  EXPECT_NE(html.find("id=\"case-second_registration_\""), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"differs first\"><td class=\"n\">2</td><td>step=1 call B -&gt; 2</td>"
                      "<td>step=1 call B -&gt; 3 &amp; more</td></tr>"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("<registration>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html, RenderDiffHtml(TwoCases()));
}

TEST(DiffReport, JsonAndJunitCarryTheVerdict) {
  const std::string json = RenderDiffJson(TwoCases());
  EXPECT_NE(json.find("\"schema\": \"pdconform-diff/1\""), std::string::npos);
  EXPECT_NE(json.find("\"passed\": false"), std::string::npos);
  EXPECT_NE(json.find("\"differences\": 1"), std::string::npos);
  EXPECT_NE(json.find("\"difference\": {\"observable_line\": 2, \"recorded\": \"step=1 call B -> 2\""),
            std::string::npos)
      << json;
  const std::string junit = RenderDiffJunit(TwoCases());
  EXPECT_NE(junit.find("tests=\"2\" failures=\"1\""), std::string::npos);
  EXPECT_NE(junit.find("<testcase name=\"same_case\" classname=\"pdconform.diff.reference\">\n    </testcase>"),
            std::string::npos)
      << junit;
  EXPECT_NE(junit.find("type=\"difference\""), std::string::npos);
  EXPECT_NE(junit.find("RECORDED (live)"), std::string::npos);
}

TEST(DiffReport, NoDifferenceIsAPass) {
  DiffRun run = TwoCases();
  run.cases.pop_back();
  EXPECT_NE(RenderDiffHtml(run).find("PASS: 1 recorded case, 0 differences"), std::string::npos);
  EXPECT_NE(RenderDiffJson(run).find("\"passed\": true"), std::string::npos);
  EXPECT_EQ(DiffReportFiles(run).size(), 3u);
}

}  // namespace
}  // namespace pd
