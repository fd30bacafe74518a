#include "conformance/requirements/catalog_file.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

namespace pd {
namespace {

struct Line {
  int number = 0;
  std::string key;
  std::string value;
};

std::string Trim(const std::string& text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

bool IsHex40(const std::string& text) {
  if (text.size() != 40) return false;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsPrefix(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return std::isupper(static_cast<unsigned char>(text[0])) != 0;
}

// "rule-a, rule-b (partly), rule-c (part: NAME)" -> checkers; false on a
// malformed item. `parts` are the entry's parts: a part named must be one.
bool ParseCheckers(const std::string& value, const std::vector<std::string>& parts,
                   std::vector<RequirementChecker>& out, std::string& error) {
  std::stringstream items(value);
  std::string item;
  std::set<std::string> seen;
  while (std::getline(items, item, ',')) {
    item = Trim(item);
    RequirementChecker checker;
    const std::string partly = " (partly)";
    const std::string part_open = " (part: ";
    if (item.size() > partly.size() && item.compare(item.size() - partly.size(), partly.size(), partly) == 0) {
      checker.partly = true;
      item = Trim(item.substr(0, item.size() - partly.size()));
    } else if (const std::size_t at = item.find(part_open); at != std::string::npos && item.back() == ')') {
      checker.partly = true;
      checker.part = Trim(item.substr(at + part_open.size(), item.size() - 1 - at - part_open.size()));
      item = Trim(item.substr(0, at));
      if (std::find(parts.begin(), parts.end(), checker.part) == parts.end()) {
        error = "checked-by: '" + item + "' checks part '" + checker.part + "', which the entry's parts: do not list";
        return false;
      }
    }
    for (char c : item) {
      if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '-') {
        error = "checked-by: '" + item +
                "' is not a rule id (kebab-case, optionally followed by \" (partly)\" or \" (part: NAME)\")";
        return false;
      }
    }
    if (item.empty()) {
      error = "checked-by: empty rule id";
      return false;
    }
    if (!seen.insert(item).second) {
      error = "checked-by: rule '" + item + "' listed twice";
      return false;
    }
    checker.rule = item;
    out.push_back(checker);
  }
  return true;
}

// "hPeerDist; hStream" -> parts; false unless two or more distinct, non-empty names.
bool ParseParts(const std::string& value, std::vector<std::string>& out, std::string& error) {
  std::stringstream items(value);
  std::string item;
  while (std::getline(items, item, ';')) {
    item = Trim(item);
    if (item.empty() || item.find_first_of(",()") != std::string::npos) {
      error = "parts: '" + item + "' is not a part name (non-empty, no comma or parenthesis)";
      return false;
    }
    if (std::find(out.begin(), out.end(), item) != out.end()) {
      error = "parts: '" + item + "' listed twice";
      return false;
    }
    out.push_back(item);
  }
  if (out.size() < 2) {
    error = "parts: a statement is divided into two or more parts, separated by \"; \"";
    return false;
  }
  return true;
}

class Parser {
 public:
  explicit Parser(std::string file_name) : file_name_(std::move(file_name)) {}

  std::variant<RequirementPage, std::string> Parse(const std::string& text) {
    std::vector<std::vector<Line>> blocks(1);
    std::istringstream in(text);
    std::string raw;
    int number = 0;
    while (std::getline(in, raw)) {
      ++number;
      if (!raw.empty() && raw.back() == '\r') return Error(number, "carriage return: the catalog is LF-only");
      if (Trim(raw).empty()) {
        if (!blocks.back().empty()) blocks.emplace_back();
        continue;
      }
      if (raw[0] == '#') continue;
      const std::size_t colon = raw.find(": ");
      if (colon == std::string::npos || colon == 0) return Error(number, "expected \"key: value\"");
      Line line{number, raw.substr(0, colon), Trim(raw.substr(colon + 2))};
      if (line.value.empty()) return Error(number, line.key + ": empty value");
      blocks.back().push_back(line);
    }
    if (blocks.back().empty()) blocks.pop_back();
    if (blocks.empty()) return Error(number, "empty catalog file");
    if (std::string error = Header(blocks.front()); !error.empty()) return error;
    for (std::size_t i = 1; i < blocks.size(); ++i) {
      if (std::string error = Entry(blocks[i]); !error.empty()) return error;
    }
    if (page_.entries.empty()) return Error(number, "no entries");
    return page_;
  }

 private:
  std::string Error(int line, const std::string& what) const {
    return file_name_ + ":" + std::to_string(line) + ": " + what;
  }

  std::string Header(const std::vector<Line>& lines) {
    const std::vector<std::string> keys = {"page", "kind", "file", "commit", "prefix"};
    if (lines.size() != keys.size()) {
      return Error(lines.front().number, "the header is page, kind, file, commit, prefix (one blank line after it)");
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (lines[i].key != keys[i]) {
        return Error(lines[i].number, "expected '" + keys[i] + ":' here, found '" + lines[i].key + ":'");
      }
    }
    page_.name = lines[0].value;
    page_.kind = lines[1].value;
    page_.file = lines[2].value;
    page_.commit = lines[3].value;
    page_.prefix = lines[4].value;
    page_.catalog_file = file_name_;
    if (page_.kind != "function" && page_.kind != "structure" && page_.kind != "enumeration") {
      return Error(lines[1].number, "kind: '" + page_.kind + "' (expected function, structure or enumeration)");
    }
    if (!IsHex40(page_.commit)) return Error(lines[3].number, "commit: expected 40 lower-case hex digits");
    if (!IsPrefix(page_.prefix)) return Error(lines[4].number, "prefix: expected upper-case letters and digits");
    return "";
  }

  std::string Entry(const std::vector<Line>& lines) {
    // Keys in this order; those marked optional may be absent.
    struct Key {
      const char* name;
      bool optional;
    };
    static const Key kKeys[] = {{"id", false},    {"section", false},   {"class", false}, {"reason", true},
                                {"quote", false}, {"parts", true},      {"checked-by", true},
                                {"note", true}};
    Requirement entry;
    entry.page = page_.name;
    entry.line = lines.front().number;
    std::size_t next = 0;
    for (const Line& line : lines) {
      std::size_t k = next;
      while (k < std::size(kKeys) && line.key != kKeys[k].name) {
        if (!kKeys[k].optional) {
          return Error(line.number, "expected '" + std::string(kKeys[k].name) + ":' before '" + line.key + ":'");
        }
        ++k;
      }
      if (k == std::size(kKeys)) {
        return Error(line.number, "unknown or misplaced key '" + line.key +
                                      ":' (entry keys in order: id, section, class, reason, quote, parts, checked-by, note)");
      }
      next = k + 1;
      const std::string& value = line.value;
      const std::string key = line.key;
      if (key == "id") {
        entry.id = value;
        const std::string expected = page_.prefix + "-" + std::to_string(page_.entries.size() + 1);
        if (value != expected) return Error(line.number, "id: '" + value + "', expected '" + expected + "' (numbered in page order)");
      } else if (key == "section") {
        entry.section = value;
      } else if (key == "class") {
        if (value == "testable") {
          entry.klass = RequirementClass::kTestable;
        } else if (value == "caller-obligation") {
          entry.klass = RequirementClass::kCallerObligation;
        } else if (value == "untestable-here") {
          entry.klass = RequirementClass::kUntestableHere;
        } else {
          return Error(line.number, "class: '" + value + "' (expected testable, caller-obligation or untestable-here)");
        }
      } else if (key == "reason") {
        if (entry.klass != RequirementClass::kUntestableHere) {
          return Error(line.number, "reason: only an untestable-here entry has one");
        }
        entry.reason = value;
      } else if (key == "quote") {
        entry.quote = value;
      } else if (key == "checked-by") {
        if (entry.klass != RequirementClass::kTestable) {
          return Error(line.number, "checked-by: only a testable entry is checked by rules");
        }
        std::string error;
        if (!ParseCheckers(value, entry.parts, entry.checked_by, error)) return Error(line.number, error);
      } else if (key == "parts") {
        if (entry.klass != RequirementClass::kTestable) {
          return Error(line.number, "parts: only a testable entry is divided into parts");
        }
        std::string error;
        if (!ParseParts(value, entry.parts, error)) return Error(line.number, error);
      } else {
        entry.note = value;
      }
    }
    if (next <= 4) {  // quote is kKeys[4]: everything before it is mandatory
      return Error(lines.back().number, "entry " + entry.id + " ends before its quote");
    }
    if (entry.klass == RequirementClass::kUntestableHere && entry.reason.empty()) {
      return Error(entry.line, "entry " + entry.id + ": an untestable-here entry needs 'reason:'");
    }
    page_.entries.push_back(std::move(entry));
    return "";
  }

  std::string file_name_;
  RequirementPage page_;
};

}  // namespace

std::variant<RequirementPage, std::string> ParseCatalogFile(const std::string& text, const std::string& file_name) {
  return Parser(file_name).Parse(text);
}

std::variant<std::vector<std::string>, std::string> ParseCatalogIndex(const std::string& text,
                                                                      const std::string& file_name) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  std::istringstream in(text);
  std::string raw;
  int number = 0;
  while (std::getline(in, raw)) {
    ++number;
    const std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const std::string suffix = ".req";
    if (line.size() <= suffix.size() || line.compare(line.size() - suffix.size(), suffix.size(), suffix) != 0 ||
        line.find('/') != std::string::npos) {
      return file_name + ":" + std::to_string(number) + ": expected a catalog file name ending in .req";
    }
    if (!seen.insert(line).second) return file_name + ":" + std::to_string(number) + ": " + line + " listed twice";
    files.push_back(line);
  }
  return files;
}

}  // namespace pd
