#include "app/csv.hpp"

#include <gtest/gtest.h>

namespace eiso::app {
namespace {

TEST(Csv, ReadsQuotedFieldsAndBothLineEndings) {
  const auto rows = ParseCsv("a,b,c\r\n\"Sở Văn hóa, Thể thao\",\"say \"\"hi\"\"\",\n\nx,,z");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (CsvRow{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (CsvRow{"Sở Văn hóa, Thể thao", "say \"hi\"", ""}));
  EXPECT_EQ(rows[2], (CsvRow{"x", "", "z"}));
}

}  // namespace
}  // namespace eiso::app
