// The catalog exchange formats (docs/catalog-format.md): JSON, and CSV with one row per procedure
// version followed by one row per dossier component. Agencies are named by unit code, so that a
// catalog moves between installations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "procedures/model.hpp"
#include "procedures/service.hpp"

namespace eiso::procedures {

struct CatalogRecord {
  int line = 0;                        // CSV: line of the procedure row; JSON: record number
  std::string code;
  std::vector<std::string> agencies;   // unit codes
  VersionInput version;                // agency_ids left empty
  std::vector<int> component_lines;    // CSV: line of each component row
};

// Reads every record; each problem is added with its line and field and reading goes on.
std::vector<CatalogRecord> ReadCatalog(Format format, std::string_view text, std::vector<ImportProblem>& problems);
// Where a problem with a record's field (a JSON path such as "components[1].copies") is: the
// CSV column and line, or the JSON path and record.
ImportProblem Locate(Format format, const CatalogRecord& record, const std::string& field, const std::string& problem);

struct ExportRecord {
  std::string code;
  ProcedureVersion version;            // agencies with unit codes
};
std::string WriteCatalog(Format format, const std::vector<ExportRecord>& records);

}  // namespace eiso::procedures
