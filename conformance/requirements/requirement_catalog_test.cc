// The catalog against its sources: every quote is found word for word in the
// section it names, on the vendored page it names (pages/, read as the page
// renders: page_text.h). A quote edited in the catalog and not on the page
// (or the other way round) fails here, with the entry's file and line.
#include "conformance/requirements/requirement_catalog.h"

#include <dirent.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "conformance/requirements/page_text.h"

namespace pd {
namespace {

constexpr char kDir[] = "conformance/requirements";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> FilesIn(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> names;
  if (DIR* handle = opendir(dir.c_str())) {
    while (dirent* entry = readdir(handle)) {
      const std::string name = entry->d_name;
      if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        names.push_back(name);
      }
    }
    closedir(handle);
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(RequirementCatalog, IndexListsEveryCatalogFile) {
  std::vector<std::string> listed;
  for (const RequirementPage& page : RequirementPages()) listed.push_back(page.catalog_file);
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, FilesIn(std::string(kDir) + "/catalog", ".req"));
}

TEST(RequirementCatalog, CoversTheWholeApiAndEveryVendoredPage) {
  std::set<std::string> files, names, prefixes;
  int functions = 0;
  for (const RequirementPage& page : RequirementPages()) {
    EXPECT_TRUE(files.insert(page.file).second) << page.file << " has two catalog files";
    EXPECT_TRUE(names.insert(page.name).second) << page.name;
    EXPECT_TRUE(prefixes.insert(page.prefix).second) << page.catalog_file << ": prefix " << page.prefix << " taken";
    EXPECT_EQ(page.catalog_file, page.name + ".req");
    if (page.kind == "function") ++functions;
  }
  // DESIGN §8: 23 functions of Windows 7, five more of Windows 8.
  EXPECT_EQ(functions, 28);
  const std::vector<std::string> vendored = FilesIn(std::string(kDir) + "/pages", ".md");
  EXPECT_EQ(std::vector<std::string>(files.begin(), files.end()), vendored)
      << "every vendored page has exactly one catalog file";
}

TEST(RequirementCatalog, EveryQuoteIsVerbatimInItsSection) {
  int quotes = 0;
  for (const RequirementPage& page : RequirementPages()) {
    const std::string markdown = ReadFile(std::string(kDir) + "/pages/" + page.file);
    ASSERT_FALSE(markdown.empty()) << page.file << " is missing or empty";
    std::map<std::string, std::string> sections;
    for (const PageSection& section : PageSections(markdown)) sections[section.name] += section.text;
    for (const Requirement& entry : page.entries) {
      const std::string where = "catalog/" + page.catalog_file + ":" + std::to_string(entry.line) + ": " + entry.id;
      const auto section = sections.find(entry.section);
      if (section == sections.end()) {
        ADD_FAILURE() << where << ": " << page.file << " has no section '" << entry.section << "'";
        continue;
      }
      EXPECT_EQ(RenderedText(entry.quote), entry.quote) << where << ": the quote is not in rendered form";
      EXPECT_NE(section->second.find(entry.quote), std::string::npos)
          << where << ": the quote is not word for word in section '" << entry.section << "' of " << page.file
          << "\n  quote:   " << entry.quote << "\n  section: " << section->second;
      ++quotes;
    }
  }
  EXPECT_GT(quotes, 0);
}

TEST(RequirementCatalog, FindsEntriesAndPagesAndCitesThem) {
  const RequirementPage& first = RequirementPages().front();
  const Requirement& entry = first.entries.front();
  EXPECT_EQ(FindRequirement(entry.id), &entry);
  EXPECT_EQ(FindRequirement("NO-SUCH-1"), nullptr);
  EXPECT_EQ(FindRequirementPage(first.name), &first);
  EXPECT_EQ(CitationOf(entry),
            entry.id + " (" + first.name + ", " + entry.section + "): \"" + entry.quote + "\"");
}

}  // namespace
}  // namespace pd
