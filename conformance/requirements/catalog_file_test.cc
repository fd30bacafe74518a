#include "conformance/requirements/catalog_file.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace pd {
namespace {

constexpr char kHeader[] =
    "# a comment\n"
    "page: PeerDistStartup\n"
    "kind: function\n"
    "file: nf-peerdist-peerdiststartup.md\n"
    "commit: dfca4aca2444d6ca87b32fe61628bd78640b295e\n"
    "prefix: STARTUP\n"
    "\n";

std::string Error(const std::string& text) {
  auto parsed = ParseCatalogFile(text, "PeerDistStartup.req");
  const std::string* error = std::get_if<std::string>(&parsed);
  return error == nullptr ? "(parsed)" : *error;
}

TEST(CatalogFile, ParsesHeaderAndEntries) {
  const std::string text = std::string(kHeader) +
                           "id: STARTUP-1\n"
                           "section: Return value\n"
                           "class: testable\n"
                           "quote: If the function succeeds, the return value is ERROR_SUCCESS.\n"
                           "checked-by: invalid-handle, null-argument (partly)\n"
                           "note: a note\n"
                           "\n"
                           "id: STARTUP-2\n"
                           "section: Remarks\n"
                           "class: untestable-here\n"
                           "reason: no observation decides it\n"
                           "quote: Something: with a colon.\n"
                           "\n"
                           "id: STARTUP-3\n"
                           "section: Remarks\n"
                           "class: caller-obligation\n"
                           "quote: The caller must do it.\n";
  auto parsed = ParseCatalogFile(text, "PeerDistStartup.req");
  ASSERT_TRUE(std::holds_alternative<RequirementPage>(parsed)) << std::get<std::string>(parsed);
  const RequirementPage& page = std::get<RequirementPage>(parsed);
  EXPECT_EQ(page.name, "PeerDistStartup");
  EXPECT_EQ(page.prefix, "STARTUP");
  EXPECT_EQ(page.catalog_file, "PeerDistStartup.req");
  ASSERT_EQ(page.entries.size(), 3u);
  const Requirement& first = page.entries[0];
  EXPECT_EQ(first.id, "STARTUP-1");
  EXPECT_EQ(first.page, "PeerDistStartup");
  EXPECT_EQ(first.section, "Return value");
  EXPECT_EQ(first.klass, RequirementClass::kTestable);
  EXPECT_EQ(first.quote, "If the function succeeds, the return value is ERROR_SUCCESS.");
  ASSERT_EQ(first.checked_by.size(), 2u);
  EXPECT_EQ(first.checked_by[0], (RequirementChecker{"invalid-handle", false, ""}));
  EXPECT_EQ(first.checked_by[1], (RequirementChecker{"null-argument", true, ""}));
  EXPECT_EQ(first.note, "a note");
  EXPECT_EQ(first.line, 8);
  EXPECT_EQ(page.entries[1].klass, RequirementClass::kUntestableHere);
  EXPECT_EQ(page.entries[1].reason, "no observation decides it");
  EXPECT_EQ(page.entries[1].quote, "Something: with a colon.");
  EXPECT_EQ(page.entries[2].klass, RequirementClass::kCallerObligation);
  EXPECT_STREQ(RequirementClassName(page.entries[2].klass), "caller-obligation");
}

TEST(CatalogFile, RefusesMalformedFilesWithTheirLine) {
  const std::string entry = "id: STARTUP-1\nsection: Remarks\nclass: testable\nquote: Q.\n";
  EXPECT_EQ(Error(""), "PeerDistStartup.req:0: empty catalog file");
  EXPECT_EQ(Error(kHeader), "PeerDistStartup.req:7: no entries");
  EXPECT_EQ(Error(std::string(kHeader) + "id: STARTUP-2\nsection: Remarks\nclass: testable\nquote: Q.\n"),
            "PeerDistStartup.req:8: id: 'STARTUP-2', expected 'STARTUP-1' (numbered in page order)");
  EXPECT_EQ(Error(std::string(kHeader) + "id: STARTUP-1\nclass: testable\nquote: Q.\n"),
            "PeerDistStartup.req:9: expected 'section:' before 'class:'");
  EXPECT_EQ(Error(std::string(kHeader) + "id: STARTUP-1\nsection: Remarks\nclass: sometimes\nquote: Q.\n"),
            "PeerDistStartup.req:10: class: 'sometimes' (expected testable, caller-obligation or untestable-here)");
  EXPECT_EQ(Error(std::string(kHeader) + "id: STARTUP-1\nsection: Remarks\nclass: untestable-here\nquote: Q.\n"),
            "PeerDistStartup.req:8: entry STARTUP-1: an untestable-here entry needs 'reason:'");
  EXPECT_EQ(Error(std::string(kHeader) + "id: STARTUP-1\nsection: Remarks\nclass: caller-obligation\nquote: Q.\n"
                                         "checked-by: a-rule\n"),
            "PeerDistStartup.req:12: checked-by: only a testable entry is checked by rules");
  EXPECT_EQ(Error(std::string(kHeader) + entry + "checked-by: a-rule, a-rule\n"),
            "PeerDistStartup.req:12: checked-by: rule 'a-rule' listed twice");
  EXPECT_EQ(Error(std::string(kHeader) + entry + "checked-by: A Rule\n"),
            "PeerDistStartup.req:12: checked-by: 'A Rule' is not a rule id (kebab-case, optionally followed by \" "
            "(partly)\" or \" (part: NAME)\")");
  EXPECT_EQ(Error(std::string(kHeader) + entry + "parts: a; b\nchecked-by: a-rule (part: c)\n"),
            "PeerDistStartup.req:13: checked-by: 'a-rule' checks part 'c', which the entry's parts: do not list");
  EXPECT_EQ(Error(std::string(kHeader) + entry + "checked-by: a-rule (part: a)\n"),
            "PeerDistStartup.req:12: checked-by: 'a-rule' checks part 'a', which the entry's parts: do not list");
  EXPECT_EQ(Error(std::string(kHeader) + entry + "parts: a\n"),
            "PeerDistStartup.req:12: parts: a statement is divided into two or more parts, separated by \"; \"");
  EXPECT_EQ(Error(std::string(kHeader) + entry + "parts: a; a\n"), "PeerDistStartup.req:12: parts: 'a' listed twice");
  EXPECT_EQ(Error(std::string(kHeader) + entry + "checked-by: a-rule\nparts: a; b\n"),
            "PeerDistStartup.req:13: unknown or misplaced key 'parts:' (entry keys in order: id, section, class, "
            "reason, quote, parts, checked-by, note)");
  EXPECT_EQ(Error(std::string(kHeader) + entry + "colour: red\n"),
            "PeerDistStartup.req:12: unknown or misplaced key 'colour:' (entry keys in order: id, section, class, "
            "reason, quote, parts, checked-by, note)");
  EXPECT_EQ(Error(std::string(kHeader) + "id: STARTUP-1\nsection: Remarks\nclass: testable\n"),
            "PeerDistStartup.req:10: entry STARTUP-1 ends before its quote");
  EXPECT_EQ(Error(std::string(kHeader) + "id: STARTUP-1\nsection: Remarks\nclass: testable\nquote:\n"),
            "PeerDistStartup.req:11: expected \"key: value\"");
  EXPECT_EQ(Error("page: P\nkind: function\n\n" + entry), "PeerDistStartup.req:1: the header is page, kind, file, "
                                                            "commit, prefix (one blank line after it)");
  EXPECT_EQ(Error("page: P\nkind: function\nfile: f.md\ncommit: 1234\nprefix: P\n\n" + entry),
            "PeerDistStartup.req:4: commit: expected 40 lower-case hex digits");
  EXPECT_EQ(Error("page: P\nkind: widget\nfile: f.md\ncommit: 1234\nprefix: P\n\n" + entry),
            "PeerDistStartup.req:2: kind: 'widget' (expected function, structure or enumeration)");
  EXPECT_EQ(Error(std::string(kHeader) + "id: STARTUP-1\r\n"),
            "PeerDistStartup.req:8: carriage return: the catalog is LF-only");
}

TEST(CatalogFile, ParsesPartsAndTheirCheckers) {
  const std::string text = std::string(kHeader) +
                           "id: STARTUP-1\n"
                           "section: Return value\n"
                           "class: testable\n"
                           "quote: ERROR_INVALID_HANDLE The hPeerDist or hStream handle is invalid.\n"
                           "parts: hPeerDist; hStream\n"
                           "checked-by: invalid-handle (part: hPeerDist), object-invalid-handle (part: hStream), "
                           "close-invalidated (partly)\n";
  auto parsed = ParseCatalogFile(text, "PeerDistStartup.req");
  ASSERT_TRUE(std::holds_alternative<RequirementPage>(parsed)) << std::get<std::string>(parsed);
  const Requirement& entry = std::get<RequirementPage>(parsed).entries.at(0);
  EXPECT_EQ(entry.parts, (std::vector<std::string>{"hPeerDist", "hStream"}));
  ASSERT_EQ(entry.checked_by.size(), 3u);
  EXPECT_EQ(entry.checked_by[0], (RequirementChecker{"invalid-handle", true, "hPeerDist"}));
  EXPECT_EQ(entry.checked_by[1], (RequirementChecker{"object-invalid-handle", true, "hStream"}));
  EXPECT_EQ(entry.checked_by[2], (RequirementChecker{"close-invalidated", true, ""}));
}

TEST(CatalogIndex, ListsFilesInOrderAndRefusesOthers) {
  auto parsed = ParseCatalogIndex("# order\nB.req\n\nA.req\n", "INDEX");
  ASSERT_TRUE((std::holds_alternative<std::vector<std::string>>(parsed)));
  EXPECT_EQ(std::get<std::vector<std::string>>(parsed), (std::vector<std::string>{"B.req", "A.req"}));
  EXPECT_EQ(std::get<std::string>(ParseCatalogIndex("A.req\nA.req\n", "INDEX")), "INDEX:2: A.req listed twice");
  EXPECT_EQ(std::get<std::string>(ParseCatalogIndex("A.txt\n", "INDEX")),
            "INDEX:1: expected a catalog file name ending in .req");
}

}  // namespace
}  // namespace pd
