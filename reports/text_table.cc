#include "reports/text_table.h"

#include <algorithm>

namespace pd {

std::size_t DisplayWidth(const std::string& text) {
  std::size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string TextTable::Render(bool color, const std::string& indent) const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i].text));
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line = indent;
    // Trailing empty cells add nothing, not even padding.
    std::size_t used = row.size();
    while (used > 0 && row[used - 1].text.empty()) --used;
    for (std::size_t i = 0; i < used; ++i) {
      const TableCell& cell = row[i];
      if (color && !cell.style.empty()) {
        line += "\x1b[" + cell.style + "m" + cell.text + "\x1b[0m";
      } else {
        line += cell.text;
      }
      if (i + 1 < used) line.append(widths[i] - DisplayWidth(cell.text) + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace pd
