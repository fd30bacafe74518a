#include "conformance/rule.h"

#include <algorithm>


namespace pd {
namespace {

std::vector<Rule>& Registry() {
  static std::vector<Rule> rules;
  return rules;
}

}  // namespace

const char* StrengthName(Strength strength) {
  switch (strength) {
    case Strength::kDocumented: return "documented";
    case Strength::kImplied: return "implied";
    case Strength::kInterpretation: return "interpretation";
  }
  return "?";
}

namespace internal {

bool RegisterRule(Rule rule) {
  rule.citation = CitationText(rule.cites);
  std::vector<Rule>& rules = Registry();
  rules.push_back(std::move(rule));
  std::stable_sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) {
    return a.order != b.order ? a.order < b.order : a.id < b.id;
  });
  return true;
}

}  // namespace internal

const std::vector<Rule>& AllRules() { return Registry(); }

const Rule* FindRule(const std::string& id) {
  for (const Rule& rule : AllRules()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

}  // namespace pd
