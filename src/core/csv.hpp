// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 byte-order mark ignored.
// Rows keep the line they start on, so that an import can say where a problem is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eiso::core {

struct CsvRecord {
  int line = 0;                      // 1-based line of the row's first character
  std::vector<std::string> fields;
};
// Every non-blank row, the header included. An unterminated quote takes the rest of the text.
std::vector<CsvRecord> ReadCsv(std::string_view text);
// One field as written: quoted when it holds a comma, a quote, a line break or edge spaces.
std::string CsvField(std::string_view value);
// A row of fields joined by commas and ended by "\r\n" (RFC 4180).
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace eiso::core
