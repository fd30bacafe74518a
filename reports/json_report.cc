#include "reports/json_report.h"

#include "reports/json_escape.h"

namespace pd {
namespace {

// Appends `"key": ` at the given indentation, after a comma when needed.
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, int indent) : out_(out), indent_(indent) { out_ += "{"; }

  std::string& Key(const std::string& key) {
    out_ += first_ ? "\n" : ",\n";
    first_ = false;
    out_.append(indent_ + 2, ' ');
    out_ += JsonString(key) + ": ";
    return out_;
  }
  void String(const std::string& key, const std::string& value) { Key(key) += JsonString(value); }
  template <typename T>
  void Number(const std::string& key, T value) {
    Key(key) += std::to_string(value);
  }
  void Close() {
    if (!first_) {
      out_ += "\n";
      out_.append(indent_, ' ');
    }
    out_ += "}";
  }
  int inner() const { return indent_ + 2; }

 private:
  std::string& out_;
  int indent_;
  bool first_ = true;
};

// One event per line: a timeline has hundreds, and diffs stay readable.
void Timeline(std::string& out, ObjectWriter& object, const std::vector<TimelineEvent>& timeline) {
  object.Key("timeline");
  if (timeline.empty()) {
    out += "[]";
    return;
  }
  out += "[";
  const std::string pad(static_cast<std::size_t>(object.inner() + 2), ' ');
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const TimelineEvent& event = timeline[i];
    out += (i == 0 ? "\n" : ",\n") + pad;
    out += "{\"time\": " + std::to_string(event.time) + ", \"step\": " + std::to_string(event.step) +
           ", \"kind\": " + JsonString(event.kind) + ", \"session\": " + std::to_string(event.session) +
           ", \"overlapped\": " + std::to_string(event.overlapped) + ", \"function\": " + JsonString(event.function) +
           ", \"status\": " + JsonString(event.status) + ", \"code\": " + JsonString(event.code) +
           ", \"text\": " + JsonString(event.text) + "}";
  }
  out += "\n";
  out.append(static_cast<std::size_t>(object.inner()), ' ');
  out += "]";
}

void Counterexample(std::string& out, int indent, const CounterexampleReport& counterexample) {
  ObjectWriter object(out, indent);
  object.Number("steps", counterexample.steps);
  object.String("file", counterexample.file);
  object.String("trace", counterexample.trace_file);
  object.String("replay", counterexample.replay);
  object.Key("violation");
  ObjectWriter violation(out, object.inner());
  violation.Number("step", counterexample.violation.step);
  violation.Number("time", counterexample.violation.time);
  violation.String("message", counterexample.violation.message);
  violation.Close();
  object.String("scenario", counterexample.scenario);
  Timeline(out, object, counterexample.timeline);
  object.Key("trace_truncated") += counterexample.trace_truncated ? "true" : "false";
  // Added within version 1: only for a violation across two scenarios.
  if (counterexample.paired) {
    const PairedScenarioReport& paired = *counterexample.paired;
    object.Key("paired");
    ObjectWriter pair(out, object.inner());
    pair.Number("steps", paired.steps);
    pair.String("file", paired.file);
    pair.String("trace", paired.trace_file);
    pair.String("replay", paired.replay);
    pair.String("note", paired.note);
    pair.Number("step", paired.step);
    pair.Number("time", paired.time);
    pair.String("scenario", paired.scenario);
    Timeline(out, pair, paired.timeline);
    pair.Key("trace_truncated") += paired.trace_truncated ? "true" : "false";
    pair.Close();
  }
  object.Close();
}

template <typename Item, typename Write>
void Array(std::string& out, int indent, const std::vector<Item>& items, Write write) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  out += "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out.append(indent + 2, ' ');
    write(items[i], indent + 2);
  }
  out += "\n";
  out.append(indent, ' ');
  out += "]";
}

// A list of rule ids on one line: most entries name none or one.
std::string InlineStrings(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + JsonString(items[i]);
  return out + "]";
}

void Requirements(std::string& out, int indent, const RequirementsReport& requirements) {
  ObjectWriter object(out, indent);
  object.Number("checked", requirements.checked);
  object.Number("testable", requirements.testable);
  object.Key("pages");
  Array(out, object.inner(), requirements.pages, [&](const RequirementPageReport& page, int page_indent) {
    ObjectWriter page_object(out, page_indent);
    page_object.String("page", page.page);
    page_object.String("file", page.file);
    page_object.Number("checked", page.checked);
    page_object.Number("testable", page.testable);
    page_object.Key("entries");
    Array(out, page_object.inner(), page.entries, [&](const RequirementEntryReport& entry, int entry_indent) {
      ObjectWriter entry_object(out, entry_indent);
      entry_object.String("id", entry.id);
      entry_object.String("section", entry.section);
      entry_object.String("class", entry.klass);
      if (!entry.reason.empty()) entry_object.String("reason", entry.reason);
      entry_object.String("quote", entry.quote);
      entry_object.Key("checked_by") += InlineStrings(entry.checked_by);
      entry_object.Key("partly_by") += InlineStrings(entry.partly_by);
      entry_object.Close();
    });
    page_object.Close();
  });
  object.Close();
}

}  // namespace

std::string RenderJsonReport(const Report& report) {
  std::string out;
  ObjectWriter root(out, 0);
  root.String("schema", kReportSchema);
  root.String("impl", report.impl);
  root.Number("seed", report.seed);
  root.Number("cases", report.cases);
  root.Number("timeout_ms", report.timeout_ms);
  root.Key("shard");
  {
    ObjectWriter shard(out, root.inner());
    shard.Number("index", report.shard_index);
    shard.Number("count", report.shard_count);
    shard.Close();
  }
  root.Number("merged_shards", report.merged_shards);
  root.Key("gate");
  {
    ObjectWriter gate(out, root.inner());
    gate.Key("passed") += report.gate.passed ? "true" : "false";
    if (report.gate.baseline.empty()) {
      gate.Key("baseline") += "null";
    } else {
      gate.String("baseline", report.gate.baseline);
    }
    gate.Number("new_violations", report.gate.new_violations);
    gate.Number("known", report.gate.known);
    gate.Number("fixed", report.gate.fixed);
    gate.Number("errors", report.gate.errors);
    gate.Number("not_checked", report.gate.not_checked);
    gate.Close();
  }
  root.Key("rules");
  Array(out, root.inner(), report.rules, [&](const RuleReport& rule, int indent) {
    ObjectWriter object(out, indent);
    object.String("id", rule.id);
    object.String("strength", rule.strength);
    object.String("source", rule.source);
    object.String("citation", rule.citation);
    object.String("summary", rule.summary);
    object.String("verdict", RuleVerdictName(rule.verdict));
    object.Number("cases", rule.cases);
    object.Number("reached", rule.reached);
    object.Number("skipped", rule.skipped);
    if (rule.error.empty()) {
      object.Key("error") += "null";
    } else {
      object.String("error", rule.error);
    }
    if (rule.counterexample) {
      object.Key("counterexample");
      Counterexample(out, object.inner(), *rule.counterexample);
    } else {
      object.Key("counterexample") += "null";
    }
    object.String("baseline", BaselineMarkName(rule.baseline));
    object.Close();
  });
  root.Key("ambiguities");
  Array(out, root.inner(), report.ambiguities, [&](const AmbiguityReport& ambiguity, int indent) {
    ObjectWriter object(out, indent);
    object.String("id", ambiguity.id);
    object.String("question", ambiguity.question);
    object.String("verdict", ambiguity.verdict);
    object.Key("occurrences");
    ObjectWriter occurrences(out, object.inner());
    for (const auto& [interpretation, count] : ambiguity.occurrences) occurrences.Number(interpretation, count);
    occurrences.Close();
    object.Key("interpretations");
    Array(out, object.inner(), ambiguity.interpretations,
          [&](const std::pair<std::string, std::string>& interpretation, int inner) {
            ObjectWriter item(out, inner);
            item.String("id", interpretation.first);
            item.String("description", interpretation.second);
            item.Close();
          });
    object.Close();
  });
  // The coverage matrix: rows, columns and counts[row][column].
  root.Key("coverage");
  {
    ObjectWriter coverage(out, root.inner());
    coverage.Key("rows");
    Array(out, coverage.inner(), report.coverage.rows, [&](const std::string& row, int) { out += JsonString(row); });
    coverage.Key("columns");
    Array(out, coverage.inner(), report.coverage.columns,
          [&](const std::string& column, int) { out += JsonString(column); });
    const auto counts_row = [&](const std::vector<std::uint64_t>& row, int) {
      out += "[";
      for (std::size_t i = 0; i < row.size(); ++i) out += (i == 0 ? "" : ", ") + std::to_string(row[i]);
      out += "]";
    };
    coverage.Key("counts");
    Array(out, coverage.inner(), report.coverage.counts, counts_row);
    // The in-flight table, when recorded (added within version 1).
    const CoverageReport::InFlight& in_flight = report.coverage.in_flight;
    if (!in_flight.rows.empty()) {
      coverage.Key("in_flight");
      ObjectWriter table(out, coverage.inner());
      table.Key("rows");
      Array(out, table.inner(), in_flight.rows, [&](const std::string& row, int) { out += JsonString(row); });
      table.Key("columns");
      Array(out, table.inner(), in_flight.columns, [&](const std::string& column, int) { out += JsonString(column); });
      table.Key("counts");
      Array(out, table.inner(), in_flight.counts, counts_row);
      table.Close();
    }
    coverage.Close();
  }
  // The requirements catalog as this run's rules check it; written only when
  // recorded, so a run without it keeps the bytes it had before the field.
  if (!report.requirements.pages.empty()) {
    root.Key("requirements");
    Requirements(out, root.inner(), report.requirements);
  }
  root.Key("totals");
  {
    ObjectWriter totals(out, root.inner());
    totals.Number("rules", report.totals.rules);
    totals.Number("held", report.totals.held);
    totals.Number("violated", report.totals.violated);
    totals.Number("errors", report.totals.errors);
    totals.Number("not_checked", report.totals.not_checked);
    totals.Number("scenarios", report.totals.scenarios);
    totals.Number("api_calls", report.totals.api_calls);
    totals.Close();
  }
  root.Close();
  out += "\n";
  return out;
}

}  // namespace pd
