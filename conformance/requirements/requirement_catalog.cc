#include "conformance/requirements/requirement_catalog.h"

#include <cstdlib>
#include <iostream>
#include <map>
#include <variant>

#include "conformance/requirements/catalog_data.h"
#include "conformance/requirements/catalog_file.h"

namespace pd {
namespace {

[[noreturn]] void Defect(const std::string& line) {
  std::cerr << "requirements catalog: " << line << "\n";
  std::abort();
}

std::vector<RequirementPage> Load() {
  std::map<std::string, const std::string*> texts;
  for (const CatalogFileText& file : CatalogFileTexts()) texts[file.name] = &file.text;
  const auto index_text = texts.find("INDEX");
  if (index_text == texts.end()) Defect("catalog/INDEX is missing");
  auto index = ParseCatalogIndex(*index_text->second, "INDEX");
  if (const auto* error = std::get_if<std::string>(&index)) Defect(*error);
  std::vector<RequirementPage> pages;
  for (const std::string& name : std::get<std::vector<std::string>>(index)) {
    const auto text = texts.find(name);
    if (text == texts.end()) Defect("INDEX lists " + name + ", which is not in catalog/");
    auto page = ParseCatalogFile(*text->second, name);
    if (const auto* error = std::get_if<std::string>(&page)) Defect(*error);
    pages.push_back(std::move(std::get<RequirementPage>(page)));
  }
  return pages;
}

}  // namespace

const std::vector<RequirementPage>& RequirementPages() {
  static const std::vector<RequirementPage> pages = Load();
  return pages;
}

const Requirement* FindRequirement(const std::string& id) {
  static const std::map<std::string, const Requirement*> by_id = [] {
    std::map<std::string, const Requirement*> map;
    for (const RequirementPage& page : RequirementPages()) {
      for (const Requirement& entry : page.entries) map[entry.id] = &entry;
    }
    return map;
  }();
  const auto found = by_id.find(id);
  return found == by_id.end() ? nullptr : found->second;
}

const RequirementPage* FindRequirementPage(const std::string& name) {
  for (const RequirementPage& page : RequirementPages()) {
    if (page.name == name) return &page;
  }
  return nullptr;
}

std::string CitationOf(const Requirement& requirement) {
  return requirement.id + " (" + requirement.page + ", " + requirement.section + "): \"" + requirement.quote + "\"";
}

}  // namespace pd
