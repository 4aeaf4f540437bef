// Procedures: the catalog of administrative procedures (TTHC: national code, sector, competent
// agencies, statutory time, fee, dossier components, online level; versions by effective date),
// its CSV / JSON import and export (docs/catalog-format.md), and the ISO process of a procedure
// in an agency: a controlled document of kind "process" (documents::Service) whose versions each
// carry ordered steps with time budgets that must fit inside the statutory time. Only an issued
// version drives dossiers; a dossier keeps the (document, version) it was received under.
// Owns tables procedures, procedure_versions, procedure_agencies, procedure_processes,
// process_steps; other modules use this header only. Each mutating call commits its change and
// its audit event in one transaction. No mutable state.
//
// Who may do what: every signed-in user reads the catalog; a province-wide administrator (the
// Office of the PPC publishes the province's list, Decree 63/2010 art. 15) writes all of it and
// imports; an administrator or ISO secretary of a competent agency adds procedures and versions
// naming their own agency. Processes follow the documents module's rules (drafted by the agency
// QMS's ISO secretary or officer, approved by its leader). Issued procedures and processes are
// public (no session).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/service.hpp"
#include "calendar/service.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "documents/service.hpp"
#include "org/service.hpp"
#include "procedures/model.hpp"

namespace eiso::procedures {

enum class Format { kCsv, kJson };
std::optional<Format> ParseFormat(std::string_view s);

// One problem of an import: the CSV row (header = 1) or JSON record (first = 1), the field, and
// the message key of what is wrong.
struct ImportProblem {
  int line = 0;
  std::string field;
  std::string problem;
};

struct ImportReport {
  int records = 0;      // procedure versions read
  int imported = 0;     // versions added (0 when any problem was found or on a dry run)
  int unchanged = 0;    // versions already stored exactly so
  std::vector<ImportProblem> problems;
};

class Service {
 public:
  // Adds the process rule to `documents`: a process version is submitted and issued only with
  // steps that fit the statutory time.
  Service(db::Database& db, const audit::Service& audit, const org::Service& org, documents::Service& documents,
          const calendar::Service& calendar, const core::Clock& clock);

  // The catalog on `filter.date` (today by default), ordered by code. kUnauthenticated without a session.
  Result<std::vector<Procedure>> List(const Actor& actor, const ListFilter& filter) const;
  // With every version and its processes (summaries). kNotFound "procedures.not_found".
  Result<Procedure> Get(const Actor& actor, ProcedureId id) const;
  // kInvalidInput with the field for bad input; kConflict "procedures.code_taken"; kForbidden.
  Result<Procedure> Create(const Actor& actor, const std::string& code, const VersionInput& input) const;
  // kConflict "procedures.version_date_taken" when a version already starts that day.
  Result<Procedure> AddVersion(const Actor& actor, ProcedureId id, const VersionInput& input) const;

  // All or nothing: with any problem nothing is stored and the report lists every one (at most
  // 500). A record equal to a stored version is unchanged; one that differs from the version
  // stored for its date is a problem. Province-wide administrators only.
  Result<ImportReport> Import(const Actor& actor, Format format, std::string_view text, bool dry_run) const;
  // Every version of every procedure, in the import format: importing it changes nothing.
  Result<std::string> Export(const Actor& actor, Format format) const;

  // Starts the process of a procedure in an agency: a document of kind "process" in the agency's
  // QMS with an empty draft. kFailedPrecondition "procedures.no_qms" when the agency has none;
  // kInvalidInput "procedures.agency_not_competent" (field agency_id); kConflict
  // "procedures.process_exists".
  Result<Process> CreateProcess(const Actor& actor, ProcedureId id, AgencyId agency_id) const;
  // With the versions the actor may see (documents' rules) and their steps.
  Result<Process> GetProcess(const Actor& actor, DocumentId id) const;
  // Replaces the steps of a draft version and writes them into its content (so that the leader's
  // signature covers them). kInvalidInput with the path of the bad step field, e.g.
  // "steps[3].budget" when the budgets so far exceed the statutory time.
  Result<Process> SaveSteps(const Actor& actor, DocumentId id, int number, const std::vector<Step>& steps) const;
  // A new draft version with the newest version's steps.
  Result<Process> NewProcessVersion(const Actor& actor, DocumentId id) const;

  // For dossiers: the process a dossier received on `date` follows. kFailedPrecondition
  // "procedures.no_process_in_force" when no version of the agency's process is issued and
  // effective on that date.
  // `date` YYYY-MM-DD in Vietnam time; empty means today.
  Result<ProcessInForce> ProcessInForceOn(ProcedureId id, AgencyId agency_id, const std::string& date) const;
  // The steps of the version a dossier kept; kNotFound unless that version was issued.
  Result<ProcessInForce> PinnedProcess(DocumentId id, int number) const;

  // Public read side (no session): procedures in force today, and for each agency only the
  // process version in force today.
  Result<std::vector<Procedure>> PublicList(const ListFilter& filter) const;
  Result<Procedure> PublicGet(ProcedureId id) const;

  // Without a permission check, audited as done by `actor` (the demo loader, `eiso` CLI).
  Result<ProcedureId> Insert(db::Tx& tx, const Actor& actor, const std::string& code, const VersionInput& input) const;
  // A process whose first version is issued at once from `effective_date`. `minutes_per_day` of
  // the agency's calendar (the caller reads it before its transaction).
  Result<DocumentId> InsertIssuedProcess(db::Tx& tx, const Actor& actor, ProcedureId id, AgencyId agency_id,
                                         const std::vector<Step>& steps, const std::string& effective_date,
                                         int minutes_per_day) const;
  std::int64_t Count() const;

 private:
  Status MayWrite(db::Tx& tx, const Actor& actor, const std::vector<AgencyId>& agencies) const;
  Status Validate(db::Tx& tx, const VersionInput& input) const;
  Result<Process> LoadProcess(db::Tx& tx, const Actor& actor, DocumentId id) const;
  Status CheckSteps(db::Tx& tx, ProcedureId procedure, const std::vector<Step>& steps, int minutes_per_day) const;
  int MinutesPerDay(AgencyId agency) const;
  std::string Today() const;

  db::Database& db_;
  const audit::Service& audit_;
  const org::Service& org_;
  documents::Service& documents_;
  const calendar::Service& calendar_;
  const core::Clock& clock_;
};

// Working minutes of a duration: a working day is `minutes_per_day`, an hour 60; a calendar day
// counts as a working day (an upper bound: N days never hold more than N working days).
std::int64_t WorkingMinutes(const Duration& d, int minutes_per_day);
// Total working minutes of the steps: adjacent steps of one parallel group by the longest.
std::int64_t TotalMinutes(const std::vector<Step>& steps, int minutes_per_day);

std::span<const core::Message> Messages();
const std::vector<db::Migration>& Migrations();

}  // namespace eiso::procedures
