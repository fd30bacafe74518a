#include "reports/baseline.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "text/input_excerpt.h"

namespace pd {
namespace {

std::string Trim(const std::string& text) {
  const std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const std::size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string> Fields(const std::string& text) {
  std::vector<std::string> fields;
  std::size_t pos = 0;
  while (true) {
    pos = text.find_first_not_of(" \t", pos);
    if (pos == std::string::npos) break;
    const std::size_t end = text.find_first_of(" \t", pos);
    fields.push_back(text.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
    pos = end;
  }
  return fields;
}

// A comment must stay one line and must not end the entry early when read
// back: newlines become spaces.
std::string OneLine(const std::string& text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  constexpr std::size_t kMax = 160;
  if (out.size() > kMax) out = out.substr(0, kMax - 3) + "...";
  return Trim(out);
}

std::string EntryLine(const std::string& impl, const std::string& rule_id, const std::string& comment) {
  std::string line = impl + " " + rule_id;
  if (!comment.empty()) line += "  # " + comment;
  return line + "\n";
}

}  // namespace

const BaselineEntry* Baseline::Find(const std::string& rule_id) const {
  for (const BaselineEntry& entry : entries) {
    if (entry.rule_id == rule_id) return &entry;
  }
  return nullptr;
}

std::variant<Baseline, std::string> ParseBaseline(const std::string& name, const std::string& text,
                                                  const std::vector<std::string>& rule_ids) {
  const std::string header = "pdbaseline " + std::to_string(kBaselineFormatVersion);
  Baseline baseline;
  std::istringstream lines(text);
  std::string raw;
  int number = 0;
  auto at = [&](int line) { return name + ":" + std::to_string(line) + ": "; };
  while (std::getline(lines, raw)) {
    ++number;
    if (number == 1) {
      const std::vector<std::string> fields = Fields(Trim(raw));
      if (fields.size() == 2 && fields[0] == "pdbaseline") {
        if (fields[1] != std::to_string(kBaselineFormatVersion)) {
          return at(1) + "unsupported baseline version '" + InputExcerpt(fields[1]) + "' (this harness reads version " +
                 std::to_string(kBaselineFormatVersion) + ")";
        }
        continue;
      }
      return at(1) + "expected the header '" + header + "', got '" + InputExcerpt(Trim(raw)) + "'";
    }
    const std::size_t hash = raw.find('#');
    const std::string content = Trim(raw.substr(0, hash));
    if (content.empty()) continue;
    const std::vector<std::string> fields = Fields(content);
    if (fields.size() != 2) {
      return at(number) + "expected '<impl> <rule-id>' (then an optional '# comment'), got '" + InputExcerpt(content) + "'";
    }
    BaselineEntry entry;
    entry.impl = fields[0];
    entry.rule_id = fields[1];
    entry.comment = hash == std::string::npos ? "" : Trim(raw.substr(hash + 1));
    entry.line = number;
    if (std::find(rule_ids.begin(), rule_ids.end(), entry.rule_id) == rule_ids.end()) {
      return at(number) + "unknown rule '" + InputExcerpt(entry.rule_id) + "' (see --list-rules)";
    }
    if (!baseline.entries.empty() && entry.impl != baseline.impl()) {
      return at(number) + "names implementation '" + InputExcerpt(entry.impl) + "', but line " +
             std::to_string(baseline.entries.front().line) + " names '" + baseline.impl() +
             "' (a baseline is for one implementation)";
    }
    if (const BaselineEntry* earlier = baseline.Find(entry.rule_id)) {
      return at(number) + "rule '" + entry.rule_id + "' is already listed on line " + std::to_string(earlier->line);
    }
    baseline.entries.push_back(std::move(entry));
  }
  if (number == 0) return at(1) + "empty file; expected the header '" + header + "'";
  return baseline;
}

std::variant<Baseline, std::string> LoadBaseline(const std::string& path, const std::vector<std::string>& rule_ids) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot read: " + std::strerror(errno);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseBaseline(path, buffer.str(), rule_ids);
}

void ApplyBaseline(const Baseline& baseline, const std::string& name, Report& report) {
  for (RuleReport& rule : report.rules) {
    rule.baseline = BaselineMark::kNone;
    if (baseline.Find(rule.id) == nullptr) continue;
    switch (rule.verdict) {
      case RuleVerdict::kViolated: rule.baseline = BaselineMark::kKnown; break;
      // One shard sees a fraction of the seeds: a violation the whole run
      // finds may lie in another shard's fraction.
      case RuleVerdict::kHolds:
        rule.baseline = report.shard_count > 1 ? BaselineMark::kNotSeen : BaselineMark::kFixed;
        break;
      // Not checked: the error fails the run on its own.
      case RuleVerdict::kError:
      case RuleVerdict::kNotChecked: break;
    }
  }
  report.gate.baseline = name;
  ComputeGate(report);
}

std::string RenderBaseline(const Report& report, const Baseline& previous) {
  std::string out = "pdbaseline " + std::to_string(kBaselineFormatVersion) + "\n";
  out += "# Known deviations: one '<impl> <rule-id>' per line. pdconform --baseline FILE expects\n";
  out += "# exactly these violations; remove a line when its rule holds again.\n";
  auto find_rule = [&](const std::string& id) -> const RuleReport* {
    for (const RuleReport& rule : report.rules) {
      if (rule.id == id) return &rule;
    }
    return nullptr;
  };
  for (const BaselineEntry& entry : previous.entries) {
    const RuleReport* rule = find_rule(entry.rule_id);
    // Dropped only when the run shows that the rule holds: a rule in error
    // was not judged, and one shard does not see every violation.
    if (rule != nullptr && rule->verdict == RuleVerdict::kHolds && report.shard_count <= 1) continue;
    out += EntryLine(report.impl, entry.rule_id, entry.comment);
  }
  for (const RuleReport& rule : report.rules) {
    if (rule.verdict != RuleVerdict::kViolated || previous.Find(rule.id) != nullptr) continue;
    std::string comment;
    if (rule.counterexample) comment = rule.counterexample->violation.message;
    out += EntryLine(report.impl, rule.id, OneLine(comment));
  }
  return out;
}

}  // namespace pd
