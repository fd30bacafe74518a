// A plain-text table with aligned columns: every column but the last is
// padded to its widest cell (counted in UTF-8 code points), and no line ends
// in spaces. A cell may carry an ANSI style that is applied around the text
// only when the table is rendered with color, so alignment never counts
// escape codes.
#ifndef REPORTS_TEXT_TABLE_H_
#define REPORTS_TEXT_TABLE_H_

#include <string>
#include <vector>

namespace pd {

struct TableCell {
  std::string text;
  std::string style;  // ANSI SGR parameters, e.g. "1;31"; empty: none

  TableCell(std::string text) : text(std::move(text)) {}  // NOLINT: implicit on purpose
  TableCell(const char* text) : text(text) {}             // NOLINT
  TableCell(std::string text, std::string style) : text(std::move(text)), style(std::move(style)) {}
};

class TextTable {
 public:
  explicit TextTable(std::vector<TableCell> header) { rows_.push_back(std::move(header)); }
  void AddRow(std::vector<TableCell> row) { rows_.push_back(std::move(row)); }
  std::string Render(bool color, const std::string& indent = "") const;

 private:
  std::vector<std::vector<TableCell>> rows_;
};

// Display width of UTF-8 text: one per code point.
std::size_t DisplayWidth(const std::string& text);

}  // namespace pd

#endif  // REPORTS_TEXT_TABLE_H_
