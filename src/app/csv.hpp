// RFC 4180 CSV reading (quoted fields, doubled quotes, CRLF or LF), for the embedded demo data
// and catalog imports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eiso::app {

using CsvRow = std::vector<std::string>;
// Rows of the text, header included. A malformed quote leaves the rest of its line in the field.
std::vector<CsvRow> ParseCsv(std::string_view text);

}  // namespace eiso::app
