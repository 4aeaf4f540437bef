#include "app/csv.hpp"

#include "core/csv.hpp"

namespace eiso::app {

std::vector<CsvRow> ParseCsv(std::string_view text) {
  std::vector<CsvRow> rows;
  for (core::CsvRecord& r : core::ReadCsv(text)) rows.push_back(std::move(r.fields));
  return rows;
}

}  // namespace eiso::app
