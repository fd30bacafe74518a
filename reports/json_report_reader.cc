#include "reports/json_report_reader.h"

#include <limits>

#include <nlohmann/json.hpp>

namespace pd {
namespace {

using Json = nlohmann::json;

// The integer, when the number is one and fits.
std::optional<std::int64_t> AsInt64(const Json& value) {
  if (value.is_number_unsigned()) {
    const std::uint64_t number = value.get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(number);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return std::nullopt;
}

std::optional<std::uint64_t> AsUint64(const Json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  return std::nullopt;
}

// Walks the document, remembering the first error with its path; after an
// error every accessor returns a default and the caller's result is dropped.
class Reader {
 public:
  const std::string& error() const { return error_; }

  const Json* Member(const Json& object, const std::string& path, const std::string& key, Json::value_t type,
                     bool nullable = false) {
    if (!error_.empty()) return nullptr;
    const auto found = object.find(key);
    if (found == object.end()) {
      Fail(path, "missing member \"" + key + "\"");
      return nullptr;
    }
    const Json& value = *found;
    if (nullable && value.is_null()) return &value;
    if (!HasType(value, type)) {
      Fail(path + "." + key, std::string("expected ") + (type == Json::value_t::object ? "an " : "a ") +
                                 Json(type).type_name() + ", got " + value.type_name());
      return nullptr;
    }
    return &value;
  }

  std::string String(const Json& object, const std::string& path, const std::string& key) {
    const Json* value = Member(object, path, key, Json::value_t::string);
    return value ? value->get<std::string>() : "";
  }

  // Calls read(item, item_path) for each element of the array member `key`
  // of `object`, in order; an element that is not an object is an error, and
  // the walk stops at the first error.
  template <typename Read>
  void Objects(const Json& object, const std::string& path, const std::string& key, Read read) {
    const Json* array = Member(object, path, key, Json::value_t::array);
    if (array == nullptr) return;
    for (std::size_t i = 0; i < array->size() && error_.empty(); ++i) {
      const std::string at = path + "." + key + "[" + std::to_string(i) + "]";
      if (!(*array)[i].is_object()) {
        Fail(at, "expected an object");
        return;
      }
      read((*array)[i], at);
    }
  }

  bool Bool(const Json& object, const std::string& path, const std::string& key) {
    const Json* value = Member(object, path, key, Json::value_t::boolean);
    return value ? value->get<bool>() : false;
  }

  std::int64_t Int(const Json& object, const std::string& path, const std::string& key, std::int64_t min,
                   std::int64_t max) {
    const Json* value = Member(object, path, key, Json::value_t::number_float);
    if (value == nullptr) return 0;
    const std::optional<std::int64_t> number = AsInt64(*value);
    if (!number || *number < min || *number > max) {
      Fail(path + "." + key, "expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) +
                                 "], got " + value->dump());
      return 0;
    }
    return *number;
  }

  int SmallInt(const Json& object, const std::string& path, const std::string& key, int min = -2) {
    return static_cast<int>(Int(object, path, key, min, std::numeric_limits<int>::max()));
  }

  std::uint64_t Uint(const Json& object, const std::string& path, const std::string& key) {
    const Json* value = Member(object, path, key, Json::value_t::number_float);
    if (value == nullptr) return 0;
    const std::optional<std::uint64_t> number = AsUint64(*value);
    if (!number) {
      Fail(path + "." + key, "expected a non-negative integer below 2^64, got " + value->dump());
      return 0;
    }
    return *number;
  }

  void Fail(const std::string& path, const std::string& what) {
    if (error_.empty()) error_ = path + ": " + what;
  }

 private:
  // Numbers come as three types (unsigned, signed, floating); a member that
  // must be a number accepts all three here and checks the value after.
  static bool HasType(const Json& value, Json::value_t type) {
    if (type == Json::value_t::number_float) return value.is_number();
    return value.type() == type;
  }

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

std::vector<TimelineEvent> ReadTimeline(Reader& reader, const Json& object, const std::string& path) {
  std::vector<TimelineEvent> timeline;
  reader.Objects(object, path, "timeline", [&](const Json& item, const std::string& at) {
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
  });
  return timeline;
}

PairedScenarioReport ReadPaired(Reader& reader, const Json& object, const std::string& path) {
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

CounterexampleReport ReadCounterexample(Reader& reader, const Json& object, const std::string& path) {
  CounterexampleReport counterexample;
  counterexample.steps = reader.SmallInt(object, path, "steps", 0);
  counterexample.file = reader.String(object, path, "file");
  counterexample.trace_file = reader.String(object, path, "trace");
  counterexample.replay = reader.String(object, path, "replay");
  if (const Json* violation = reader.Member(object, path, "violation", Json::value_t::object)) {
    const std::string at = path + ".violation";
    counterexample.violation.step = reader.SmallInt(*violation, at, "step", -1);
    counterexample.violation.time = reader.Uint(*violation, at, "time");
    counterexample.violation.message = reader.String(*violation, at, "message");
  }
  counterexample.scenario = reader.String(object, path, "scenario");
  counterexample.timeline = ReadTimeline(reader, object, path);
  counterexample.trace_truncated = reader.Bool(object, path, "trace_truncated");
  // Added within version 1: present only for a violation across two scenarios.
  if (object.contains("paired")) {
    if (const Json* paired = reader.Member(object, path, "paired", Json::value_t::object)) {
      counterexample.paired = ReadPaired(reader, *paired, path + ".paired");
    }
  }
  return counterexample;
}

RuleReport ReadRule(Reader& reader, const Json& object, const std::string& path) {
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
  rule.reached = object.contains("reached") ? reader.SmallInt(object, path, "reached", 0) : rule.cases;
  if (object.contains("skipped")) rule.skipped = reader.SmallInt(object, path, "skipped", 0);
  if (reader.error().empty() && rule.reached > rule.cases) {
    reader.Fail(path + ".reached", "more cases reached their end (" + std::to_string(rule.reached) + ") than ran (" +
                                       std::to_string(rule.cases) + ")");
  }
  if (const Json* error = reader.Member(object, path, "error", Json::value_t::string, true)) {
    rule.error = error->is_null() ? "" : error->get<std::string>();
  }
  if (const Json* counterexample =
          reader.Member(object, path, "counterexample", Json::value_t::object, true)) {
    if (!counterexample->is_null()) {
      rule.counterexample = ReadCounterexample(reader, *counterexample, path + ".counterexample");
    }
  }
  rule.baseline = MarkOf(reader, path + ".baseline", reader.String(object, path, "baseline"));
  return rule;
}

AmbiguityReport ReadAmbiguity(Reader& reader, const Json& object, const std::string& path) {
  AmbiguityReport ambiguity;
  ambiguity.id = reader.String(object, path, "id");
  ambiguity.question = reader.String(object, path, "question");
  ambiguity.verdict = reader.String(object, path, "verdict");
  if (const Json* occurrences = reader.Member(object, path, "occurrences", Json::value_t::object)) {
    for (const auto& [interpretation, count] : occurrences->items()) {
      ambiguity.occurrences[interpretation] = reader.SmallInt(*occurrences, path + ".occurrences", interpretation, 0);
    }
  }
  reader.Objects(object, path, "interpretations", [&](const Json& item, const std::string& at) {
    ambiguity.interpretations.emplace_back(reader.String(item, at, "id"), reader.String(item, at, "description"));
  });
  return ambiguity;
}

void ReadStrings(Reader& reader, const Json& array, const std::string& path, std::vector<std::string>& out) {
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string()) {
      reader.Fail(path + "[" + std::to_string(i) + "]", "expected a string");
      return;
    }
    out.push_back(array[i].get<std::string>());
  }
}

// One table: rows, columns, counts[row][column] (the coverage matrix, and
// the in-flight table inside it).
void ReadCountTable(Reader& reader, const Json& object, const std::string& path, std::vector<std::string>& rows,
                    std::vector<std::string>& columns, std::vector<std::vector<std::uint64_t>>& table) {
  if (const Json* names = reader.Member(object, path, "rows", Json::value_t::array)) {
    ReadStrings(reader, *names, path + ".rows", rows);
  }
  if (const Json* names = reader.Member(object, path, "columns", Json::value_t::array)) {
    ReadStrings(reader, *names, path + ".columns", columns);
  }
  if (const Json* counts = reader.Member(object, path, "counts", Json::value_t::array)) {
    for (std::size_t r = 0; r < counts->size(); ++r) {
      const Json& row = (*counts)[r];
      const std::string at = path + ".counts[" + std::to_string(r) + "]";
      if (!row.is_array()) {
        reader.Fail(at, "expected an array");
        return;
      }
      table.emplace_back();
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::optional<std::uint64_t> count = AsUint64(row[c]);
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

void ReadCoverage(Reader& reader, const Json& object, CoverageReport& coverage) {
  const std::string path = "$.coverage";
  ReadCountTable(reader, object, path, coverage.rows, coverage.columns, coverage.counts);
  // Added within version 1: absent in older reports (not recorded).
  if (!reader.error().empty() || !object.contains("in_flight")) return;
  if (const Json* in_flight = reader.Member(object, path, "in_flight", Json::value_t::object)) {
    CoverageReport::InFlight& table = coverage.in_flight;
    ReadCountTable(reader, *in_flight, path + ".in_flight", table.rows, table.columns, table.counts);
  }
}

RequirementEntryReport ReadRequirementEntry(Reader& reader, const Json& object, const std::string& path) {
  RequirementEntryReport entry;
  entry.id = reader.String(object, path, "id");
  entry.section = reader.String(object, path, "section");
  entry.klass = reader.String(object, path, "class");
  // Written only when non-empty (untestable-here entries).
  if (object.contains("reason")) entry.reason = reader.String(object, path, "reason");
  entry.quote = reader.String(object, path, "quote");
  if (const Json* checked_by = reader.Member(object, path, "checked_by", Json::value_t::array)) {
    ReadStrings(reader, *checked_by, path + ".checked_by", entry.checked_by);
  }
  if (const Json* partly_by = reader.Member(object, path, "partly_by", Json::value_t::array)) {
    ReadStrings(reader, *partly_by, path + ".partly_by", entry.partly_by);
  }
  // Added within version 1: present only for a statement divided into parts.
  if (!reader.error().empty() || !object.contains("parts")) return entry;
  reader.Objects(object, path, "parts", [&](const Json& part_object, const std::string& part_path) {
    RequirementPartReport part;
    part.part = reader.String(part_object, part_path, "part");
    if (const Json* checked_by = reader.Member(part_object, part_path, "checked_by", Json::value_t::array)) {
      ReadStrings(reader, *checked_by, part_path + ".checked_by", part.checked_by);
    }
    entry.parts.push_back(std::move(part));
  });
  return entry;
}

RequirementPageReport ReadRequirementPage(Reader& reader, const Json& object, const std::string& path) {
  RequirementPageReport page;
  page.page = reader.String(object, path, "page");
  page.file = reader.String(object, path, "file");
  page.checked = reader.SmallInt(object, path, "checked", 0);
  page.testable = reader.SmallInt(object, path, "testable", 0);
  reader.Objects(object, path, "entries", [&](const Json& item, const std::string& at) {
    page.entries.push_back(ReadRequirementEntry(reader, item, at));
  });
  return page;
}

void ReadRequirements(Reader& reader, const Json& object, RequirementsReport& requirements) {
  const std::string path = "$.requirements";
  requirements.checked = reader.SmallInt(object, path, "checked", 0);
  requirements.testable = reader.SmallInt(object, path, "testable", 0);
  reader.Objects(object, path, "pages", [&](const Json& item, const std::string& at) {
    requirements.pages.push_back(ReadRequirementPage(reader, item, at));
  });
}

// nlohmann's message without its exception prefix: "line 1, column 2: syntax
// error while parsing object key - unexpected end of input; ...".
std::string SyntaxError(const Json::parse_error& error) {
  const std::string what = error.what();
  const std::string marker = "parse error at ";
  const std::size_t at = what.find(marker);
  return at == std::string::npos ? what : what.substr(at + marker.size());
}

}  // namespace

std::variant<Report, std::string> ReadJsonReport(const std::string& name, const std::string& text) {
  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::parse_error& error) {
    return name + ": " + SyntaxError(error);
  }
  if (!root.is_object()) return name + ": $: expected an object";
  const auto schema = root.find("schema");
  if (schema == root.end() || !schema->is_string()) return name + ": $: missing member \"schema\"; not a pdconform report";
  if (schema->get<std::string>() != kReportSchema) {
    return name + ": unsupported report schema \"" + schema->get<std::string>() + "\" (this harness reads \"" +
           kReportSchema + "\")";
  }

  Reader reader;
  Report report;
  report.impl = reader.String(root, "$", "impl");
  report.seed = reader.Uint(root, "$", "seed");
  report.cases = reader.SmallInt(root, "$", "cases", 0);
  // Added within version 1: absent from reports written before it.
  if (root.contains("timeout_ms")) report.timeout_ms = reader.SmallInt(root, "$", "timeout_ms", 0);
  if (const Json* shard = reader.Member(root, "$", "shard", Json::value_t::object)) {
    report.shard_index = reader.SmallInt(*shard, "$.shard", "index", 0);
    report.shard_count = reader.SmallInt(*shard, "$.shard", "count", 1);
  }
  report.merged_shards = reader.SmallInt(root, "$", "merged_shards", 0);
  if (const Json* gate = reader.Member(root, "$", "gate", Json::value_t::object)) {
    report.gate.passed = reader.Bool(*gate, "$.gate", "passed");
    if (const Json* baseline = reader.Member(*gate, "$.gate", "baseline", Json::value_t::string, true)) {
      report.gate.baseline = baseline->is_null() ? "" : baseline->get<std::string>();
    }
    report.gate.new_violations = reader.SmallInt(*gate, "$.gate", "new_violations", 0);
    report.gate.known = reader.SmallInt(*gate, "$.gate", "known", 0);
    report.gate.fixed = reader.SmallInt(*gate, "$.gate", "fixed", 0);
    report.gate.errors = reader.SmallInt(*gate, "$.gate", "errors", 0);
    if (gate->contains("not_checked")) report.gate.not_checked = reader.SmallInt(*gate, "$.gate", "not_checked", 0);
  }
  reader.Objects(root, "$", "rules", [&](const Json& item, const std::string& at) {
    report.rules.push_back(ReadRule(reader, item, at));
  });
  // Added within version 1, written only when a rule was left out.
  if (root.contains("left_out")) {
    reader.Objects(root, "$", "left_out", [&](const Json& item, const std::string& at) {
      report.left_out.push_back({reader.String(item, at, "id"), reader.String(item, at, "why")});
    });
  }
  reader.Objects(root, "$", "ambiguities", [&](const Json& item, const std::string& at) {
    report.ambiguities.push_back(ReadAmbiguity(reader, item, at));
  });
  if (const Json* coverage = reader.Member(root, "$", "coverage", Json::value_t::object)) {
    ReadCoverage(reader, *coverage, report.coverage);
  }
  // Added within version 1, and written only when recorded: absent, the
  // report has no requirements section.
  if (root.contains("requirements")) {
    if (const Json* requirements = reader.Member(root, "$", "requirements", Json::value_t::object)) {
      ReadRequirements(reader, *requirements, report.requirements);
    }
  }
  if (const Json* totals = reader.Member(root, "$", "totals", Json::value_t::object)) {
    report.totals.rules = reader.SmallInt(*totals, "$.totals", "rules", 0);
    report.totals.held = reader.SmallInt(*totals, "$.totals", "held", 0);
    report.totals.violated = reader.SmallInt(*totals, "$.totals", "violated", 0);
    report.totals.errors = reader.SmallInt(*totals, "$.totals", "errors", 0);
    if (totals->contains("not_checked")) {
      report.totals.not_checked = reader.SmallInt(*totals, "$.totals", "not_checked", 0);
    }
    report.totals.scenarios = reader.Uint(*totals, "$.totals", "scenarios");
    report.totals.api_calls = reader.Uint(*totals, "$.totals", "api_calls");
  }
  if (!reader.error().empty()) return name + ": " + reader.error();
  return report;
}

}  // namespace pd
