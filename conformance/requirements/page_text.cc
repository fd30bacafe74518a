#include "conformance/requirements/page_text.h"

#include "reports/utf8.h"

#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <sstream>

namespace pd {
namespace {

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::string DropComments(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find("<!--", at);
    if (open == std::string::npos) break;
    const std::size_t close = text.find("-->", open + 4);
    out += text.substr(at, open - at) + " ";
    if (close == std::string::npos) return out;
    at = close + 3;
  }
  return out + text.substr(at);
}

// A tag is a word break: "<b>X</b>" -> " X ", later squeezed.
std::string DropTags(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      const std::size_t close = text.find('>', i + 1);
      const bool is_tag = close != std::string::npos &&
                          (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '/' ||
                           text[i + 1] == '!');
      if (is_tag) {
        out += ' ';
        i = close;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// [text](target) -> text
std::string DropLinkTargets(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '[') {
      const std::size_t close = text.find(']', i + 1);
      if (close != std::string::npos && close + 1 < text.size() && text[close + 1] == '(') {
        const std::size_t end = text.find(')', close + 2);
        if (end != std::string::npos && text.substr(i + 1, close - i - 1).find('[') == std::string::npos) {
          out += text.substr(i + 1, close - i - 1);
          i = end + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

// *emphasis* -> emphasis: a '*' that opens (after a non-word character,
// before a non-space) and its partner that closes (after a non-space, before
// a non-word character) go; any other '*' stays.
std::string DropEmphasis(const std::string& text) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  std::string out = text;
  for (std::size_t open = out.find('*'); open != std::string::npos; open = out.find('*', open + 1)) {
    if (open + 1 >= out.size() || space(out[open + 1]) || out[open + 1] == '*') continue;
    if (open > 0 && word(out[open - 1])) continue;
    std::size_t close = out.find('*', open + 1);
    if (close == std::string::npos || space(out[close - 1]) || out.substr(open, close - open).find('\n') != std::string::npos) {
      continue;
    }
    if (close + 1 < out.size() && word(out[close + 1])) continue;
    out.erase(close, 1);
    out.erase(open, 1);
  }
  return out;
}

std::string DecodeEntities(const std::string& text) {
  static const struct {
    const char* name;
    const char* text;
  } kNamed[] = {{"nbsp", " "}, {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      const std::size_t semi = text.find(';', i + 1);
      if (semi != std::string::npos && semi - i <= 10) {
        const std::string name = text.substr(i + 1, semi - i - 1);
        bool decoded = false;
        if (name.size() > 1 && name[0] == '#') {
          const bool hex = name[1] == 'x' || name[1] == 'X';
          char* end = nullptr;
          const unsigned long code = std::strtoul(name.c_str() + (hex ? 2 : 1), &end, hex ? 16 : 10);
          if (end != nullptr && *end == '\0' && code > 0) {
            AppendUtf8(out, code == 0xA0 ? ' ' : static_cast<std::uint32_t>(code));
            decoded = true;
          }
        } else {
          for (const auto& entity : kNamed) {
            if (name == entity.name) {
              out += entity.text;
              decoded = true;
            }
          }
        }
        if (decoded) {
          i = semi;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::string Squeeze(const std::string& text) {
  std::string spaced;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // U+00A0 (no-break space, C2 A0) reads as a space.
    const bool nbsp = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (std::isspace(c) || nbsp) {
      space = true;
      if (nbsp) ++i;
      continue;
    }
    if (space && !spaced.empty()) spaced += ' ';
    space = false;
    spaced += static_cast<char>(c);
  }
  std::string out;
  for (std::size_t i = 0; i < spaced.size(); ++i) {
    const char c = spaced[i];
    if (c == ' ' && i + 1 < spaced.size() && std::string(".,;:)").find(spaced[i + 1]) != std::string::npos) continue;
    if (c == ' ' && !out.empty() && out.back() == '(') continue;
    out += c;
  }
  return out;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string SectionName(const std::string& key) {
  if (key == "description") return "Description";
  if (key == "parameters") return "Parameters";
  if (key == "returns") return "Return value";
  if (key == "remarks") return "Remarks";
  if (key == "struct-fields") return "Members";
  if (key == "enum-fields") return "Constants";
  if (key == "syntax") return "Syntax";
  if (key == "see-also") return "See also";
  return key;
}

}  // namespace

std::string RenderedText(const std::string& markdown) {
  std::string text = DropComments(markdown);
  text = DropTags(text);
  text = DropLinkTargets(text);
  text = DropEmphasis(Replace(Replace(text, "**", ""), "`", ""));
  text = DecodeEntities(text);
  return Squeeze(text);
}

std::vector<PageSection> PageSections(const std::string& page_markdown) {
  std::vector<std::string> lines;
  {
    std::istringstream in(page_markdown);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
    }
  }
  std::size_t first = 0;
  if (!lines.empty() && lines[0] == "---") {
    for (std::size_t i = 1; i < lines.size(); ++i) {
      if (lines[i] == "---") {
        first = i + 1;
        break;
      }
    }
  }
  std::vector<PageSection> sections;
  std::string name = "Title";
  std::string group;
  std::string body;
  auto flush = [&] { sections.push_back(PageSection{name, RenderedText(body)}); };
  for (std::size_t i = first; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (StartsWith(line, "## -")) {
      flush();
      body.clear();
      const std::string key = line.substr(4, line.find_first_of(" \t", 4) - 4);
      name = group = SectionName(key);
    } else if (StartsWith(line, "### -param ") || StartsWith(line, "### -field ")) {
      flush();
      body.clear();
      std::istringstream words(line.substr(11));
      std::string field;
      words >> field;
      name = (group.empty() ? std::string("Parameters") : group) + ": " + field;
    } else if (name == "Title" && StartsWith(line, "# ")) {
      body += line.substr(2) + "\n";
    } else if (const std::size_t hashes = line.find_first_not_of('#'); hashes > 0 && hashes != std::string::npos &&
                                                                      line[hashes] == ' ') {
      // A heading inside a section ("#### PEERDIST_..._VERSION_1") reads as its text.
      body += line.substr(hashes) + "\n";
    } else {
      body += line + "\n";
    }
  }
  flush();
  return sections;
}

}  // namespace pd
