#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace eiso::core {
namespace {

TEST(Csv, KeepsTheLineEachRowStartsOn) {
  const auto rows = ReadCsv("\xEF\xBB\xBF" "a,b\r\n\"two\nlines\",x\n\ny,\"\"\"q\"\"\"\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"two\nlines", "x"}));
  EXPECT_EQ(rows[2].line, 5);
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"y", "\"q\""}));
}

TEST(Csv, WritesWhatItReads) {
  const std::vector<std::string> fields = {"Sở Văn hóa, Thể thao", "say \"hi\"", "", " edge", "a\nb", "plain"};
  const auto rows = ReadCsv(CsvLine(fields) + CsvLine({"x"}));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, fields);
  EXPECT_EQ(rows[1].line, 3);
}

TEST(Csv, ReadsQuotedCommasDoubledQuotesAndSkipsBlankLines) {
  const auto rows = ReadCsv("a,b,c\r\n\"Sở Văn hóa, Thể thao\",\"say \"\"hi\"\"\",\n\nx,,z");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"Sở Văn hóa, Thể thao", "say \"hi\"", ""}));
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"x", "", "z"}));
  EXPECT_EQ(rows[2].line, 4);
}

}  // namespace
}  // namespace eiso::core
