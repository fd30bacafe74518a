#include "reports/text_table.h"

#include <gtest/gtest.h>

namespace pd {
namespace {

TEST(TextTable, AlignsColumnsWithoutTrailingSpaces) {
  TextTable table({"A", "BBB", "C"});
  table.AddRow({"long-cell", "x", "last"});
  table.AddRow({"y", "", ""});
  EXPECT_EQ(table.Render(false),
            "A          BBB  C\n"
            "long-cell  x    last\n"
            "y\n");
}

TEST(TextTable, ColorOnlyWhenAskedAndNotCountedInWidth) {
  TextTable table({"VERDICT", "N"});
  table.AddRow({TableCell("holds", "32"), "1"});
  EXPECT_EQ(table.Render(false), "VERDICT  N\nholds    1\n");
  EXPECT_EQ(table.Render(true), "VERDICT  N\n\x1b[32mholds\x1b[0m    1\n");
}

TEST(TextTable, WidthCountsCodePoints) {
  EXPECT_EQ(DisplayWidth("caf\xC3\xA9"), 4u);
  TextTable table({"x", "y"});
  table.AddRow({"caf\xC3\xA9", "1"});
  EXPECT_EQ(table.Render(false), "x     y\ncaf\xC3\xA9  1\n");
}

}  // namespace
}  // namespace pd
