#include "reports/json_report.h"

#include <nlohmann/json.hpp>

#include "reports/json_layout.h"

namespace pd {
namespace {

using Json = nlohmann::ordered_json;

Json Timeline(const std::vector<TimelineEvent>& timeline) {
  Json events = Json::array();
  for (const TimelineEvent& event : timeline) {
    events.push_back({{"time", event.time},
                      {"step", event.step},
                      {"kind", event.kind},
                      {"session", event.session},
                      {"overlapped", event.overlapped},
                      {"function", event.function},
                      {"status", event.status},
                      {"code", event.code},
                      {"text", event.text}});
  }
  return events;
}

Json Paired(const PairedScenarioReport& paired) {
  return {{"steps", paired.steps},       {"file", paired.file},   {"trace", paired.trace_file},
          {"replay", paired.replay},     {"note", paired.note},   {"step", paired.step},
          {"time", paired.time},         {"scenario", paired.scenario},
          {"timeline", Timeline(paired.timeline)}, {"trace_truncated", paired.trace_truncated}};
}

Json Counterexample(const CounterexampleReport& counterexample) {
  Json object = {{"steps", counterexample.steps},
                 {"file", counterexample.file},
                 {"trace", counterexample.trace_file},
                 {"replay", counterexample.replay},
                 {"violation",
                  {{"step", counterexample.violation.step},
                   {"time", counterexample.violation.time},
                   {"message", counterexample.violation.message}}},
                 {"scenario", counterexample.scenario},
                 {"timeline", Timeline(counterexample.timeline)},
                 {"trace_truncated", counterexample.trace_truncated}};
  // Added within version 1: only for a violation across two scenarios.
  if (counterexample.paired) object["paired"] = Paired(*counterexample.paired);
  return object;
}

Json Rule(const RuleReport& rule) {
  return {{"id", rule.id},
          {"strength", rule.strength},
          {"source", rule.source},
          {"citation", rule.citation},
          {"summary", rule.summary},
          {"verdict", RuleVerdictName(rule.verdict)},
          {"cases", rule.cases},
          {"reached", rule.reached},
          {"skipped", rule.skipped},
          {"error", rule.error.empty() ? Json(nullptr) : Json(rule.error)},
          {"counterexample", rule.counterexample ? Counterexample(*rule.counterexample) : Json(nullptr)},
          {"baseline", BaselineMarkName(rule.baseline)}};
}

Json Ambiguity(const AmbiguityReport& ambiguity) {
  Json occurrences = Json::object();
  for (const auto& [interpretation, count] : ambiguity.occurrences) occurrences[interpretation] = count;
  Json interpretations = Json::array();
  for (const auto& [id, description] : ambiguity.interpretations) {
    interpretations.push_back({{"id", id}, {"description", description}});
  }
  return {{"id", ambiguity.id},
          {"question", ambiguity.question},
          {"verdict", ambiguity.verdict},
          {"occurrences", occurrences},
          {"interpretations", interpretations}};
}

// rows, columns and counts[row][column].
Json CountTable(const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                const std::vector<std::vector<std::uint64_t>>& counts) {
  return {{"rows", rows}, {"columns", columns}, {"counts", counts}};
}

Json Coverage(const CoverageReport& coverage) {
  Json object = CountTable(coverage.rows, coverage.columns, coverage.counts);
  // The in-flight table, when recorded (added within version 1).
  const CoverageReport::InFlight& in_flight = coverage.in_flight;
  if (!in_flight.rows.empty()) object["in_flight"] = CountTable(in_flight.rows, in_flight.columns, in_flight.counts);
  return object;
}

Json Requirements(const RequirementsReport& requirements) {
  Json pages = Json::array();
  for (const RequirementPageReport& page : requirements.pages) {
    Json entries = Json::array();
    for (const RequirementEntryReport& entry : page.entries) {
      Json object = {{"id", entry.id}, {"section", entry.section}, {"class", entry.klass}};
      if (!entry.reason.empty()) object["reason"] = entry.reason;
      object["quote"] = entry.quote;
      object["checked_by"] = entry.checked_by;
      object["partly_by"] = entry.partly_by;
      // Added within version 1: written only for a statement the catalog divides into parts.
      if (!entry.parts.empty()) {
        Json parts = Json::array();
        for (const RequirementPartReport& part : entry.parts) {
          parts.push_back({{"part", part.part}, {"checked_by", part.checked_by}});
        }
        object["parts"] = std::move(parts);
      }
      entries.push_back(std::move(object));
    }
    pages.push_back({{"page", page.page},
                     {"file", page.file},
                     {"checked", page.checked},
                     {"testable", page.testable},
                     {"entries", std::move(entries)}});
  }
  return {{"checked", requirements.checked}, {"testable", requirements.testable}, {"pages", std::move(pages)}};
}

Json Gate(const GateReport& gate) {
  return {{"passed", gate.passed},
          {"baseline", gate.baseline.empty() ? Json(nullptr) : Json(gate.baseline)},
          {"new_violations", gate.new_violations},
          {"known", gate.known},
          {"fixed", gate.fixed},
          {"errors", gate.errors},
          {"not_checked", gate.not_checked}};
}

Json Totals(const ReportTotals& totals) {
  return {{"rules", totals.rules},         {"held", totals.held},
          {"violated", totals.violated},   {"errors", totals.errors},
          {"not_checked", totals.not_checked}, {"scenarios", totals.scenarios},
          {"api_calls", totals.api_calls}};
}

}  // namespace

std::string RenderJsonReport(const Report& report) {
  Json root = {{"schema", kReportSchema},
               {"impl", report.impl},
               {"seed", report.seed},
               {"cases", report.cases},
               {"timeout_ms", report.timeout_ms},
               {"shard", {{"index", report.shard_index}, {"count", report.shard_count}}},
               {"merged_shards", report.merged_shards},
               {"gate", Gate(report.gate)}};
  Json rules = Json::array();
  for (const RuleReport& rule : report.rules) rules.push_back(Rule(rule));
  root["rules"] = std::move(rules);
  // Written only when a rule was left out, so other runs keep their bytes.
  if (!report.left_out.empty()) {
    Json left_out = Json::array();
    for (const LeftOutRule& rule : report.left_out) left_out.push_back({{"id", rule.id}, {"why", rule.why}});
    root["left_out"] = std::move(left_out);
  }
  Json ambiguities = Json::array();
  for (const AmbiguityReport& ambiguity : report.ambiguities) ambiguities.push_back(Ambiguity(ambiguity));
  root["ambiguities"] = std::move(ambiguities);
  root["coverage"] = Coverage(report.coverage);
  // Written only when recorded, so a run without it keeps the bytes it had
  // before the field.
  if (!report.requirements.pages.empty()) root["requirements"] = Requirements(report.requirements);
  root["totals"] = Totals(report.totals);
  return LayOutJson(root, {"checked_by", "partly_by"}, {"timeline", "counts"});
}

}  // namespace pd
