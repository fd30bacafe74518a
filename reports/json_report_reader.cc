#include "reports/json_report_reader.h"

#include <limits>

#include "reports/json_value.h"

namespace pd {
namespace {

// Walks the document, remembering the first error with its path; after an
// error every accessor returns a default and the caller's result is dropped.
class Reader {
 public:
  const std::string& error() const { return error_; }

  const JsonValue* Member(const JsonValue& object, const std::string& path, const std::string& key,
                          JsonValue::Type type, bool nullable = false) {
    if (!error_.empty()) return nullptr;
    const JsonValue* value = object.Find(key);
    if (value == nullptr) {
      Fail(path, "missing member \"" + key + "\"");
      return nullptr;
    }
    if (nullable && value->is_null()) return value;
    if (value->type() != type) {
      Fail(path + "." + key, std::string("expected ") + (type == JsonValue::Type::kObject ? "an " : "a ") +
                                 JsonTypeName(type) + ", got " + JsonTypeName(value->type()));
      return nullptr;
    }
    return value;
  }

  std::string String(const JsonValue& object, const std::string& path, const std::string& key) {
    const JsonValue* value = Member(object, path, key, JsonValue::Type::kString);
    return value ? value->string_value() : "";
  }

  bool Bool(const JsonValue& object, const std::string& path, const std::string& key) {
    const JsonValue* value = Member(object, path, key, JsonValue::Type::kBool);
    return value ? value->bool_value() : false;
  }

  std::int64_t Int(const JsonValue& object, const std::string& path, const std::string& key, std::int64_t min,
                   std::int64_t max) {
    const JsonValue* value = Member(object, path, key, JsonValue::Type::kNumber);
    if (value == nullptr) return 0;
    const std::optional<std::int64_t> number = value->AsInt64();
    if (!number || *number < min || *number > max) {
      Fail(path + "." + key, "expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) +
                                 "], got " + value->number_literal());
      return 0;
    }
    return *number;
  }

  int SmallInt(const JsonValue& object, const std::string& path, const std::string& key, int min = -2) {
    return static_cast<int>(Int(object, path, key, min, std::numeric_limits<int>::max()));
  }

  std::uint64_t Uint(const JsonValue& object, const std::string& path, const std::string& key) {
    const JsonValue* value = Member(object, path, key, JsonValue::Type::kNumber);
    if (value == nullptr) return 0;
    const std::optional<std::uint64_t> number = value->AsUint64();
    if (!number) {
      Fail(path + "." + key, "expected a non-negative integer below 2^64, got " + value->number_literal());
      return 0;
    }
    return *number;
  }

  void Fail(const std::string& path, const std::string& what) {
    if (error_.empty()) error_ = path + ": " + what;
  }

 private:
  std::string error_;
};

RuleVerdict VerdictOf(Reader& reader, const std::string& path, const std::string& name) {
  for (RuleVerdict verdict :
       {RuleVerdict::kHolds, RuleVerdict::kViolated, RuleVerdict::kError, RuleVerdict::kNotChecked}) {
    if (name == RuleVerdictName(verdict)) return verdict;
  }
  reader.Fail(path, "unknown verdict \"" + name + "\"");
  return RuleVerdict::kError;
}

BaselineMark MarkOf(Reader& reader, const std::string& path, const std::string& name) {
  for (BaselineMark mark : {BaselineMark::kNone, BaselineMark::kKnown, BaselineMark::kFixed, BaselineMark::kNotSeen}) {
    if (name == BaselineMarkName(mark)) return mark;
  }
  reader.Fail(path, "unknown baseline mark \"" + name + "\"");
  return BaselineMark::kNone;
}

std::vector<TimelineEvent> ReadTimeline(Reader& reader, const JsonValue& object, const std::string& path) {
  std::vector<TimelineEvent> timeline;
  if (const JsonValue* events = reader.Member(object, path, "timeline", JsonValue::Type::kArray)) {
    for (std::size_t i = 0; i < events->items().size(); ++i) {
      const std::string at = path + ".timeline[" + std::to_string(i) + "]";
      const JsonValue& item = events->items()[i];
      if (!item.is_object()) {
        reader.Fail(at, "expected an object");
        break;
      }
      TimelineEvent event;
      event.time = reader.Uint(item, at, "time");
      event.step = reader.SmallInt(item, at, "step", -1);
      event.kind = reader.String(item, at, "kind");
      event.session = reader.SmallInt(item, at, "session");
      event.overlapped = reader.SmallInt(item, at, "overlapped");
      event.function = reader.String(item, at, "function");
      event.status = reader.String(item, at, "status");
      event.code = reader.String(item, at, "code");
      event.text = reader.String(item, at, "text");
      timeline.push_back(std::move(event));
    }
  }
  return timeline;
}

PairedScenarioReport ReadPaired(Reader& reader, const JsonValue& object, const std::string& path) {
  PairedScenarioReport paired;
  paired.steps = reader.SmallInt(object, path, "steps", 0);
  paired.file = reader.String(object, path, "file");
  paired.trace_file = reader.String(object, path, "trace");
  paired.replay = reader.String(object, path, "replay");
  paired.note = reader.String(object, path, "note");
  paired.step = reader.SmallInt(object, path, "step", -1);
  paired.time = reader.Uint(object, path, "time");
  paired.scenario = reader.String(object, path, "scenario");
  paired.timeline = ReadTimeline(reader, object, path);
  paired.trace_truncated = reader.Bool(object, path, "trace_truncated");
  return paired;
}

CounterexampleReport ReadCounterexample(Reader& reader, const JsonValue& object, const std::string& path) {
  CounterexampleReport counterexample;
  counterexample.steps = reader.SmallInt(object, path, "steps", 0);
  counterexample.file = reader.String(object, path, "file");
  counterexample.trace_file = reader.String(object, path, "trace");
  counterexample.replay = reader.String(object, path, "replay");
  if (const JsonValue* violation = reader.Member(object, path, "violation", JsonValue::Type::kObject)) {
    const std::string at = path + ".violation";
    counterexample.violation.step = reader.SmallInt(*violation, at, "step", -1);
    counterexample.violation.time = reader.Uint(*violation, at, "time");
    counterexample.violation.message = reader.String(*violation, at, "message");
  }
  counterexample.scenario = reader.String(object, path, "scenario");
  counterexample.timeline = ReadTimeline(reader, object, path);
  counterexample.trace_truncated = reader.Bool(object, path, "trace_truncated");
  // Added within version 1: present only for a violation across two scenarios.
  if (object.Find("paired") != nullptr) {
    if (const JsonValue* paired = reader.Member(object, path, "paired", JsonValue::Type::kObject)) {
      counterexample.paired = ReadPaired(reader, *paired, path + ".paired");
    }
  }
  return counterexample;
}

RuleReport ReadRule(Reader& reader, const JsonValue& object, const std::string& path) {
  RuleReport rule;
  rule.id = reader.String(object, path, "id");
  rule.strength = reader.String(object, path, "strength");
  rule.source = reader.String(object, path, "source");
  rule.citation = reader.String(object, path, "citation");
  rule.summary = reader.String(object, path, "summary");
  rule.verdict = VerdictOf(reader, path + ".verdict", reader.String(object, path, "verdict"));
  rule.cases = reader.SmallInt(object, path, "cases", 0);
  // Added within version 1: a report written before them did not count, and
  // called every case reached.
  rule.reached = object.Find("reached") != nullptr ? reader.SmallInt(object, path, "reached", 0) : rule.cases;
  if (object.Find("skipped") != nullptr) rule.skipped = reader.SmallInt(object, path, "skipped", 0);
  if (reader.error().empty() && rule.reached > rule.cases) {
    reader.Fail(path + ".reached", "more cases reached their end (" + std::to_string(rule.reached) + ") than ran (" +
                                       std::to_string(rule.cases) + ")");
  }
  if (const JsonValue* error = reader.Member(object, path, "error", JsonValue::Type::kString, true)) {
    rule.error = error->is_null() ? "" : error->string_value();
  }
  if (const JsonValue* counterexample =
          reader.Member(object, path, "counterexample", JsonValue::Type::kObject, true)) {
    if (!counterexample->is_null()) {
      rule.counterexample = ReadCounterexample(reader, *counterexample, path + ".counterexample");
    }
  }
  rule.baseline = MarkOf(reader, path + ".baseline", reader.String(object, path, "baseline"));
  return rule;
}

AmbiguityReport ReadAmbiguity(Reader& reader, const JsonValue& object, const std::string& path) {
  AmbiguityReport ambiguity;
  ambiguity.id = reader.String(object, path, "id");
  ambiguity.question = reader.String(object, path, "question");
  ambiguity.verdict = reader.String(object, path, "verdict");
  if (const JsonValue* occurrences = reader.Member(object, path, "occurrences", JsonValue::Type::kObject)) {
    for (const auto& [interpretation, count] : occurrences->members()) {
      ambiguity.occurrences[interpretation] = reader.SmallInt(*occurrences, path + ".occurrences", interpretation, 0);
    }
  }
  if (const JsonValue* interpretations = reader.Member(object, path, "interpretations", JsonValue::Type::kArray)) {
    for (std::size_t i = 0; i < interpretations->items().size(); ++i) {
      const std::string at = path + ".interpretations[" + std::to_string(i) + "]";
      const JsonValue& item = interpretations->items()[i];
      if (!item.is_object()) {
        reader.Fail(at, "expected an object");
        break;
      }
      ambiguity.interpretations.emplace_back(reader.String(item, at, "id"), reader.String(item, at, "description"));
    }
  }
  return ambiguity;
}

void ReadStrings(Reader& reader, const JsonValue& array, const std::string& path, std::vector<std::string>& out) {
  for (std::size_t i = 0; i < array.items().size(); ++i) {
    if (!array.items()[i].is_string()) {
      reader.Fail(path + "[" + std::to_string(i) + "]", "expected a string");
      return;
    }
    out.push_back(array.items()[i].string_value());
  }
}

// One table: rows, columns, counts[row][column] (the coverage matrix, and
// the in-flight table inside it).
void ReadCountTable(Reader& reader, const JsonValue& object, const std::string& path, std::vector<std::string>& rows,
                    std::vector<std::string>& columns, std::vector<std::vector<std::uint64_t>>& table) {
  if (const JsonValue* names = reader.Member(object, path, "rows", JsonValue::Type::kArray)) {
    ReadStrings(reader, *names, path + ".rows", rows);
  }
  if (const JsonValue* names = reader.Member(object, path, "columns", JsonValue::Type::kArray)) {
    ReadStrings(reader, *names, path + ".columns", columns);
  }
  if (const JsonValue* counts = reader.Member(object, path, "counts", JsonValue::Type::kArray)) {
    for (std::size_t r = 0; r < counts->items().size(); ++r) {
      const JsonValue& row = counts->items()[r];
      const std::string at = path + ".counts[" + std::to_string(r) + "]";
      if (!row.is_array()) {
        reader.Fail(at, "expected an array");
        return;
      }
      table.emplace_back();
      for (std::size_t c = 0; c < row.items().size(); ++c) {
        const std::optional<std::uint64_t> count = row.items()[c].AsUint64();
        if (!count) {
          reader.Fail(at + "[" + std::to_string(c) + "]", "expected a non-negative integer");
          return;
        }
        table.back().push_back(*count);
      }
    }
  }
  if (!reader.error().empty()) return;
  if (table.size() != rows.size()) {
    reader.Fail(path, "counts has " + std::to_string(table.size()) + " rows, rows names " +
                          std::to_string(rows.size()));
  }
  for (std::size_t r = 0; r < table.size() && reader.error().empty(); ++r) {
    if (table[r].size() != columns.size()) {
      reader.Fail(path + ".counts[" + std::to_string(r) + "]", "expected one count per column");
    }
  }
}

void ReadCoverage(Reader& reader, const JsonValue& object, CoverageReport& coverage) {
  const std::string path = "$.coverage";
  ReadCountTable(reader, object, path, coverage.rows, coverage.columns, coverage.counts);
  // Added within version 1: absent in older reports (not recorded).
  if (!reader.error().empty() || object.Find("in_flight") == nullptr) return;
  if (const JsonValue* in_flight = reader.Member(object, path, "in_flight", JsonValue::Type::kObject)) {
    CoverageReport::InFlight& table = coverage.in_flight;
    ReadCountTable(reader, *in_flight, path + ".in_flight", table.rows, table.columns, table.counts);
  }
}

RequirementEntryReport ReadRequirementEntry(Reader& reader, const JsonValue& object, const std::string& path) {
  RequirementEntryReport entry;
  entry.id = reader.String(object, path, "id");
  entry.section = reader.String(object, path, "section");
  entry.klass = reader.String(object, path, "class");
  // Written only when non-empty (untestable-here entries).
  if (object.Find("reason") != nullptr) entry.reason = reader.String(object, path, "reason");
  entry.quote = reader.String(object, path, "quote");
  if (const JsonValue* checked_by = reader.Member(object, path, "checked_by", JsonValue::Type::kArray)) {
    ReadStrings(reader, *checked_by, path + ".checked_by", entry.checked_by);
  }
  if (const JsonValue* partly_by = reader.Member(object, path, "partly_by", JsonValue::Type::kArray)) {
    ReadStrings(reader, *partly_by, path + ".partly_by", entry.partly_by);
  }
  return entry;
}

RequirementPageReport ReadRequirementPage(Reader& reader, const JsonValue& object, const std::string& path) {
  RequirementPageReport page;
  page.page = reader.String(object, path, "page");
  page.file = reader.String(object, path, "file");
  page.checked = reader.SmallInt(object, path, "checked", 0);
  page.testable = reader.SmallInt(object, path, "testable", 0);
  if (const JsonValue* entries = reader.Member(object, path, "entries", JsonValue::Type::kArray)) {
    for (std::size_t i = 0; i < entries->items().size() && reader.error().empty(); ++i) {
      const std::string at = path + ".entries[" + std::to_string(i) + "]";
      if (!entries->items()[i].is_object()) {
        reader.Fail(at, "expected an object");
        break;
      }
      page.entries.push_back(ReadRequirementEntry(reader, entries->items()[i], at));
    }
  }
  return page;
}

void ReadRequirements(Reader& reader, const JsonValue& object, RequirementsReport& requirements) {
  const std::string path = "$.requirements";
  requirements.checked = reader.SmallInt(object, path, "checked", 0);
  requirements.testable = reader.SmallInt(object, path, "testable", 0);
  if (const JsonValue* pages = reader.Member(object, path, "pages", JsonValue::Type::kArray)) {
    for (std::size_t i = 0; i < pages->items().size() && reader.error().empty(); ++i) {
      const std::string at = path + ".pages[" + std::to_string(i) + "]";
      if (!pages->items()[i].is_object()) {
        reader.Fail(at, "expected an object");
        break;
      }
      requirements.pages.push_back(ReadRequirementPage(reader, pages->items()[i], at));
    }
  }
}

}  // namespace

std::variant<Report, std::string> ReadJsonReport(const std::string& name, const std::string& text) {
  auto parsed = ParseJson(text);
  if (auto* error = std::get_if<std::string>(&parsed)) return name + ":" + *error;
  const JsonValue& root = std::get<JsonValue>(parsed);
  if (!root.is_object()) return name + ": $: expected an object";
  const JsonValue* schema = root.Find("schema");
  if (schema == nullptr || !schema->is_string()) return name + ": $: missing member \"schema\"; not a pdconform report";
  if (schema->string_value() != kReportSchema) {
    return name + ": unsupported report schema \"" + schema->string_value() + "\" (this harness reads \"" +
           kReportSchema + "\")";
  }

  Reader reader;
  Report report;
  report.impl = reader.String(root, "$", "impl");
  report.seed = reader.Uint(root, "$", "seed");
  report.cases = reader.SmallInt(root, "$", "cases", 0);
  // Added within version 1: absent from reports written before it.
  if (root.Find("timeout_ms") != nullptr) report.timeout_ms = reader.SmallInt(root, "$", "timeout_ms", 0);
  if (const JsonValue* shard = reader.Member(root, "$", "shard", JsonValue::Type::kObject)) {
    report.shard_index = reader.SmallInt(*shard, "$.shard", "index", 0);
    report.shard_count = reader.SmallInt(*shard, "$.shard", "count", 1);
  }
  report.merged_shards = reader.SmallInt(root, "$", "merged_shards", 0);
  if (const JsonValue* gate = reader.Member(root, "$", "gate", JsonValue::Type::kObject)) {
    report.gate.passed = reader.Bool(*gate, "$.gate", "passed");
    if (const JsonValue* baseline = reader.Member(*gate, "$.gate", "baseline", JsonValue::Type::kString, true)) {
      report.gate.baseline = baseline->is_null() ? "" : baseline->string_value();
    }
    report.gate.new_violations = reader.SmallInt(*gate, "$.gate", "new_violations", 0);
    report.gate.known = reader.SmallInt(*gate, "$.gate", "known", 0);
    report.gate.fixed = reader.SmallInt(*gate, "$.gate", "fixed", 0);
    report.gate.errors = reader.SmallInt(*gate, "$.gate", "errors", 0);
    if (gate->Find("not_checked") != nullptr) report.gate.not_checked = reader.SmallInt(*gate, "$.gate", "not_checked", 0);
  }
  if (const JsonValue* rules = reader.Member(root, "$", "rules", JsonValue::Type::kArray)) {
    for (std::size_t i = 0; i < rules->items().size() && reader.error().empty(); ++i) {
      const std::string at = "$.rules[" + std::to_string(i) + "]";
      if (!rules->items()[i].is_object()) {
        reader.Fail(at, "expected an object");
        break;
      }
      report.rules.push_back(ReadRule(reader, rules->items()[i], at));
    }
  }
  if (const JsonValue* ambiguities = reader.Member(root, "$", "ambiguities", JsonValue::Type::kArray)) {
    for (std::size_t i = 0; i < ambiguities->items().size() && reader.error().empty(); ++i) {
      const std::string at = "$.ambiguities[" + std::to_string(i) + "]";
      if (!ambiguities->items()[i].is_object()) {
        reader.Fail(at, "expected an object");
        break;
      }
      report.ambiguities.push_back(ReadAmbiguity(reader, ambiguities->items()[i], at));
    }
  }
  if (const JsonValue* coverage = reader.Member(root, "$", "coverage", JsonValue::Type::kObject)) {
    ReadCoverage(reader, *coverage, report.coverage);
  }
  // Added within version 1, and written only when recorded: absent, the
  // report has no requirements section.
  if (root.Find("requirements") != nullptr) {
    if (const JsonValue* requirements = reader.Member(root, "$", "requirements", JsonValue::Type::kObject)) {
      ReadRequirements(reader, *requirements, report.requirements);
    }
  }
  if (const JsonValue* totals = reader.Member(root, "$", "totals", JsonValue::Type::kObject)) {
    report.totals.rules = reader.SmallInt(*totals, "$.totals", "rules", 0);
    report.totals.held = reader.SmallInt(*totals, "$.totals", "held", 0);
    report.totals.violated = reader.SmallInt(*totals, "$.totals", "violated", 0);
    report.totals.errors = reader.SmallInt(*totals, "$.totals", "errors", 0);
    if (totals->Find("not_checked") != nullptr) {
      report.totals.not_checked = reader.SmallInt(*totals, "$.totals", "not_checked", 0);
    }
    report.totals.scenarios = reader.Uint(*totals, "$.totals", "scenarios");
    report.totals.api_calls = reader.Uint(*totals, "$.totals", "api_calls");
  }
  if (!reader.error().empty()) return name + ": " + reader.error();
  return report;
}

}  // namespace pd
