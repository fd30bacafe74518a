// The rules against the requirements catalog: every rule and every ambiguity
// cites catalog entries that exist, on the pages it names as its source; the
// catalog's checked-by lines and the rules' citations say the same thing in
// both directions; a rule that is not `documented` says why.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "conformance/ambiguities/ambiguity.h"
#include "conformance/requirements/requirement_catalog.h"
#include "conformance/requirements_coverage.h"
#include "conformance/rule.h"

namespace pd {
namespace {

std::set<std::string> SplitPages(const std::string& source) {
  std::set<std::string> pages;
  std::stringstream in(source);
  std::string page;
  while (std::getline(in, page, ',')) {
    const std::size_t begin = page.find_first_not_of(' ');
    if (begin != std::string::npos) pages.insert(page.substr(begin));
  }
  return pages;
}

std::set<std::string> PagesOf(const std::vector<RequirementRef>& cites) {
  std::set<std::string> pages;
  for (const RequirementRef& cite : cites) {
    if (const Requirement* requirement = FindRequirement(cite.id)) pages.insert(requirement->page);
  }
  return pages;
}

TEST(RuleCitations, EveryRuleCitesExistingTestableEntriesOfItsSourcePages) {
  ASSERT_FALSE(AllRules().empty());
  for (const Rule& rule : AllRules()) {
    EXPECT_FALSE(rule.cites.empty()) << rule.id << " cites no catalog entry";
    std::set<std::string> ids;
    for (const RequirementRef& cite : rule.cites) {
      EXPECT_TRUE(ids.insert(cite.id).second) << rule.id << " cites " << cite.id << " twice";
      const Requirement* requirement = FindRequirement(cite.id);
      if (requirement == nullptr) {
        ADD_FAILURE() << rule.id << " cites " << cite.id << ", which is not in the catalog";
        continue;
      }
      EXPECT_EQ(requirement->klass, RequirementClass::kTestable)
          << rule.id << " cites " << cite.id << ", a " << RequirementClassName(requirement->klass) << " statement";
    }
    EXPECT_EQ(SplitPages(rule.source), PagesOf(rule.cites))
        << rule.id << ": its source (\"" << rule.source << "\") must name exactly the pages of the entries it cites";
    EXPECT_EQ(rule.citation, CitationText(rule.cites)) << rule.id;
  }
}

// How a citation checks its statement, as the catalog writes it after the rule's id.
std::string HowChecked(bool partly, const std::string& part) {
  if (!part.empty()) return " (part: " + part + ")";
  return partly ? " (partly)" : "";
}

TEST(RuleCitations, CatalogCheckedByAndRuleCitesAgree) {
  // (entry, rule) -> how, from each side.
  std::map<std::pair<std::string, std::string>, std::string> from_rules, from_catalog;
  for (const Rule& rule : AllRules()) {
    for (const RequirementRef& cite : rule.cites) {
      EXPECT_TRUE(cite.part.empty() || cite.partly) << rule.id << " cites a part of " << cite.id << ": mark it kPartly";
      from_rules[{cite.id, rule.id}] = HowChecked(cite.partly, cite.part);
    }
  }
  for (const RequirementPage& page : RequirementPages()) {
    for (const Requirement& entry : page.entries) {
      for (const RequirementChecker& checker : entry.checked_by) {
        EXPECT_NE(FindRule(checker.rule), nullptr)
            << "catalog/" << page.catalog_file << ":" << entry.line << ": " << entry.id << " is checked by '"
            << checker.rule << "', which is no rule";
        from_catalog[{entry.id, checker.rule}] = HowChecked(checker.partly, checker.part);
      }
    }
  }
  for (const auto& [key, how] : from_rules) {
    const auto other = from_catalog.find(key);
    if (other == from_catalog.end()) {
      ADD_FAILURE() << key.second << " cites " << key.first << " but the catalog's checked-by of " << key.first
                    << " does not list it: add \"" << key.second << how << "\"";
    } else {
      EXPECT_EQ(other->second, how) << key.first << " / " << key.second
                                    << ": the rule and the catalog disagree on how (\"(partly)\", \"(part: ...)\")";
    }
  }
  for (const auto& [key, how] : from_catalog) {
    EXPECT_NE(from_rules.count(key), 0u) << "the catalog says " << key.second << " checks " << key.first << how
                                         << ", but the rule does not cite it";
  }
}

TEST(RuleCitations, OnlyDocumentedRulesGoWithoutAReason) {
  for (const Rule& rule : AllRules()) {
    if (rule.strength == Strength::kDocumented) {
      EXPECT_TRUE(rule.strength_reason.empty()) << rule.id << ": a documented rule needs no strength reason";
    } else {
      EXPECT_FALSE(rule.strength_reason.empty()) << rule.id << " is " << StrengthName(rule.strength)
                                                 << ": say in one line what it asks beyond its pages";
      EXPECT_EQ(rule.strength_reason.find('\n'), std::string::npos) << rule.id;
    }
  }
}

TEST(RuleCitations, EveryAmbiguityCitesTheStatementsThatLeaveItOpen) {
  for (const Ambiguity& ambiguity : AllAmbiguities()) {
    EXPECT_FALSE(ambiguity.cites.empty()) << ambiguity.id;
    for (const RequirementRef& cite : ambiguity.cites) {
      EXPECT_NE(FindRequirement(cite.id), nullptr) << ambiguity.id << " cites " << cite.id;
    }
    EXPECT_EQ(SplitPages(ambiguity.source), PagesOf(ambiguity.cites)) << ambiguity.id;
    EXPECT_EQ(ambiguity.citation, CitationText(ambiguity.cites)) << ambiguity.id;
  }
}

TEST(RequirementsCoverage, CountsOnlyFullCheckersOfTheGivenRules) {
  std::vector<const Rule*> all;
  for (const Rule& rule : AllRules()) all.push_back(&rule);
  const RequirementsReport every = CheckedRequirements(all);
  const RequirementsReport none = CheckedRequirements({});
  EXPECT_EQ(none.checked, 0);
  EXPECT_EQ(none.testable, every.testable);
  EXPECT_GT(every.checked, 0);
  int testable = 0, checked = 0;
  for (const RequirementPageReport& page : every.pages) {
    testable += page.testable;
    checked += page.checked;
    for (const RequirementEntryReport& entry : page.entries) {
      if (entry.klass != "testable") EXPECT_TRUE(entry.checked_by.empty() && entry.partly_by.empty());
    }
  }
  EXPECT_EQ(testable, every.testable);
  EXPECT_EQ(checked, every.checked);
  const std::string listing = RenderRequirementsListing(every);
  EXPECT_NE(listing.find("\nall pages: " + CheckedLine(every.checked, every.testable) + "\n"), std::string::npos);
  EXPECT_NE(listing.find("NOT CHECKED"), std::string::npos);
}

}  // namespace
}  // namespace pd
