// SQL for the tables of the procedures module (both dialects). Unique keys are checked before
// inserting: on PostgreSQL a failed statement aborts the transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "procedures/model.hpp"

namespace eiso::procedures::store {

std::optional<ProcedureId> FindByCode(db::Tx& tx, const std::string& code);
std::optional<std::string> CodeOf(db::Tx& tx, ProcedureId id);
ProcedureId InsertProcedure(db::Tx& tx, const std::string& code, core::Millis now);
VersionId InsertVersion(db::Tx& tx, ProcedureId id, const VersionInput& in, const std::string& search_text,
                        UserId by, core::Millis now);
// Newest effective date first, with agencies; effective_to filled from the next version.
std::vector<ProcedureVersion> Versions(db::Tx& tx, ProcedureId id);

// One row per procedure: the version in force on `date`, or the earliest one when none is yet.
struct CatalogRow {
  ProcedureId id = 0;
  std::string code;
  ProcedureVersion version;
};
// Filtered in SQL by sector, agency and folded terms of `search` (every term a substring).
std::vector<CatalogRow> Catalog(db::Tx& tx, const std::string& date, const std::string& sector,
                                std::optional<AgencyId> agency, const std::vector<std::string>& terms,
                                bool in_force_only);
// Every procedure with all its versions, by code then effective date (for export).
std::vector<CatalogRow> AllVersions(db::Tx& tx);

struct ProcessRow {
  ProcedureId procedure_id = 0;
  AgencyId agency_id = 0;
  DocumentId document_id = 0;
};
std::optional<ProcessRow> ProcessOf(db::Tx& tx, ProcedureId procedure, AgencyId agency);
std::optional<ProcessRow> ProcessByDocument(db::Tx& tx, DocumentId document);
std::vector<ProcessRow> ProcessesOf(db::Tx& tx, ProcedureId procedure);
void InsertProcess(db::Tx& tx, const ProcessRow& row, core::Millis now);

std::vector<Step> Steps(db::Tx& tx, DocumentId document, int number);
void ReplaceSteps(db::Tx& tx, DocumentId document, int number, const std::vector<Step>& steps);
std::int64_t Count(db::Tx& tx);

}  // namespace eiso::procedures::store
