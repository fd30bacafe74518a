#include "conformance/requirements_coverage.h"

#include <map>
#include <utility>

#include "conformance/requirements/requirement_catalog.h"

namespace pd {

RequirementsReport CheckedRequirements(const std::vector<const Rule*>& rules) {
  // requirement id -> the rules of the run citing it (fully, partly), in rule order;
  // (requirement id, part) -> the rules checking that part.
  std::map<std::string, std::vector<std::string>> full, partial;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> by_part;
  for (const Rule* rule : rules) {
    for (const RequirementRef& cite : rule->cites) {
      if (!cite.part.empty()) {
        by_part[{cite.id, cite.part}].push_back(rule->id);
      } else {
        (cite.partly ? partial : full)[cite.id].push_back(rule->id);
      }
    }
  }
  RequirementsReport report;
  for (const RequirementPage& page : RequirementPages()) {
    RequirementPageReport page_report;
    page_report.page = page.name;
    page_report.file = page.file;
    for (const Requirement& entry : page.entries) {
      RequirementEntryReport entry_report;
      entry_report.id = entry.id;
      entry_report.section = entry.section;
      entry_report.klass = RequirementClassName(entry.klass);
      entry_report.reason = entry.reason;
      entry_report.quote = entry.quote;
      if (entry.klass == RequirementClass::kTestable) {
        entry_report.checked_by = full[entry.id];
        entry_report.partly_by = partial[entry.id];
        for (const std::string& part : entry.parts) entry_report.parts.push_back({part, by_part[{entry.id, part}]});
        ++page_report.testable;
        if (entry_report.Checked()) ++page_report.checked;
      }
      page_report.entries.push_back(std::move(entry_report));
    }
    report.testable += page_report.testable;
    report.checked += page_report.checked;
    report.pages.push_back(std::move(page_report));
  }
  return report;
}

std::string CheckedLine(int checked, int testable) {
  return std::to_string(checked) + " of " + std::to_string(testable) + " testable statements checked";
}

std::string RenderRequirementsListing(const RequirementsReport& requirements) {
  std::string out;
  for (const RequirementPageReport& page : requirements.pages) {
    out += page.page + " (" + page.file + ")\n";
    for (const RequirementEntryReport& entry : page.entries) {
      std::string verdict;
      if (entry.klass == "testable") {
        for (const std::string& rule : entry.checked_by) verdict += (verdict.empty() ? "" : ", ") + rule;
        for (const RequirementPartReport& part : entry.parts) {
          for (const std::string& rule : part.checked_by) {
            verdict += (verdict.empty() ? "" : ", ") + rule + " (part: " + part.part + ")";
          }
        }
        for (const std::string& rule : entry.partly_by) {
          verdict += (verdict.empty() ? "" : ", ") + rule + " (partly)";
        }
        if (!entry.Checked()) verdict = "NOT CHECKED" + (verdict.empty() ? "" : " (partly: " + verdict + ")");
      } else {
        verdict = entry.klass + (entry.reason.empty() ? "" : ": " + entry.reason);
      }
      out += "  " + entry.id + "  [" + entry.section + "]  " + verdict + "\n";
      out += "      \"" + entry.quote + "\"\n";
    }
  }
  out += "\n";
  for (const RequirementPageReport& page : requirements.pages) {
    out += page.page + ": " + CheckedLine(page.checked, page.testable) + "\n";
  }
  out += "all pages: " + CheckedLine(requirements.checked, requirements.testable) + "\n";
  return out;
}

}  // namespace pd
