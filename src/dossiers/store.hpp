// SQL for the dossiers module's tables, both dialects. Driver exceptions pass through to
// Database::Write/Read, which turn them into errors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "db/database.hpp"
#include "dossiers/model.hpp"

namespace eiso::dossiers::store {

// What a lookup secret (printed on Mẫu 01) is drawn from: no look-alikes (0/O, 1/I/L).
inline constexpr char kSecretAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

// How a lookup secret is kept: its BLAKE2b-256 hash in hex (the secret itself is never stored).
std::string HashSecret(const std::string& secret);

// The next sequence number of (agency, local day), in the caller's transaction (UPSERT … RETURNING).
std::int64_t NextSequence(db::Tx& tx, AgencyId agency, const std::string& day);
// The entry number in the agency's book of the year (Số thứ tự): the numbered dossiers it
// received from `year_start` up to this one, ordered as the book is, by (received_at, id).
std::int64_t BookEntry(db::Tx& tx, AgencyId agency, core::Millis year_start, core::Millis received_at, DossierId id);
// The same in two halves (db::Tx::QueryLater): the UPSERT is sent now, its number read by
// TakeSequence, so that it shares a round trip with the caller's next read on PostgreSQL.
db::Tx::Ticket NextSequenceLater(db::Tx& tx, AgencyId agency, const std::string& day);
std::int64_t TakeSequence(db::Tx& tx, db::Tx::Ticket ticket);

struct NewDossier {
  const Dossier* dossier = nullptr;
  std::optional<std::string> secret_hash;
  UserId received_by = 0;
};
// Ids reserved ahead of their INSERTs, so that on PostgreSQL the dossier and its steps are inserted
// without waiting: the next values of the tables' identity sequences, read with the caller's next
// wait. On SQLite (no round trip to save) there are none, and the INSERTs assign the ids.
struct ReservedIds {
  std::optional<db::Tx::Ticket> dossier;
  std::optional<db::Tx::Ticket> steps;   // one row per step
};
ReservedIds ReserveIdsLater(db::Tx& tx, std::size_t steps);
// The new dossier's id: the reserved one, or the one the INSERT assigns (RETURNING) if none.
DossierId Insert(db::Tx& tx, const NewDossier& d, const ReservedIds& reserved = {});
// PostgreSQL (data-modifying WITH): inserts the dossier with its reserved id and draws its number
// from the unit's day counter in the same statement, sent without waiting, so that the counter row
// is locked only while the server runs the rest of the transaction and never across a round trip
// to this process; the number stays gapless (it rolls back with the intake). `prefix`: the number
// without its sequence (NumberPrefix). Returns the id, and sets `*number` (one row: the number) at
// the commit (db::Tx::TakeAtCommit). kNumberSql reads the number back inside the transaction.
DossierId InsertNumberedLater(db::Tx& tx, const NewDossier& d, const ReservedIds& reserved, const std::string& prefix,
                              const std::string& day, db::Rows* number);
inline constexpr const char* kNumberSql = "SELECT number FROM dossiers WHERE id = ?";

struct NewStep {
  int position = 0;
  int stage = 0;
  std::string name;
  std::string kind;
  std::int64_t budget_minutes = 0;
  int budget_days = 0;
  AgencyId agency_id = 0;
  std::string state;
  std::optional<UserId> assignee_id;
  std::optional<core::Millis> started_at;
  std::optional<core::Millis> due_at;
  std::optional<core::Millis> finished_at;
  std::optional<UserId> finished_by;
  std::string timeliness;
};
// The new steps' ids, in the order of `steps`.
std::vector<StepId> InsertSteps(db::Tx& tx, DossierId id, const std::vector<NewStep>& steps);
// The same in two halves, so that the insert shares a round trip with the caller's next read on
// PostgreSQL: TakeStepIds with the same `steps`. With ids reserved, nothing is read back.
struct StepsLater {
  std::optional<db::Tx::Ticket> ticket;  // the INSERT's RETURNING; none for no steps or reserved ids
  std::vector<StepId> ids;               // the reserved ids, in the order of the steps
};
StepsLater InsertStepsLater(db::Tx& tx, DossierId id, const std::vector<NewStep>& steps,
                            const ReservedIds& reserved = {});
std::vector<StepId> TakeStepIds(db::Tx& tx, const StepsLater& later, const std::vector<NewStep>& steps);

std::optional<Dossier> Find(db::Tx& tx, DossierId id);   // with steps
std::vector<Dossier> List(db::Tx& tx, AgencyId agency, std::optional<int> status);
// A work queue (guided, to_return, my_steps, due_soon, overdue, to_approve) of a user at an
// agency: its first 100 dossiers (nullopt for an unknown queue), or its size.
std::optional<std::vector<Dossier>> ListQueue(db::Tx& tx, const std::string& queue, UserId user, AgencyId agency,
                                              core::Millis now);
std::int64_t CountQueue(db::Tx& tx, const std::string& queue, UserId user, AgencyId agency, core::Millis now);

// A status and handling unit set by the claim itself: one UPDATE of the row, not two.
struct StatusChange {
  int status = 0;
  std::optional<AgencyId> handling_agency_id;
};
// Claims the row for this change (db::Tx::Require): unless its updated_at is still
// `seen_updated_at`, i.e. someone changed the dossier since it was read, the write fails with
// kConflict "dossiers.changed", and what was sent before and after the claim rolls back with it.
// PostgreSQL sends it without waiting. Returns the new updated_at, strictly later than the one seen.
core::Millis Claim(db::Tx& tx, DossierId id, core::Millis seen_updated_at, core::Millis now,
                   const std::optional<StatusChange>& change = std::nullopt);
core::Millis UpdatedAt(db::Tx& tx, DossierId id);

// The dossier event, and the counter its metric moves (same transaction).
// `delta` is -1 or +1 for a correction (a metric counted wrongly), +1 otherwise.
void AppendEvent(db::Tx& tx, const Dossier& d, std::optional<UserId> actor, const std::string& kind,
                 core::Millis at, const std::optional<std::string>& metric, const nlohmann::json& detail,
                 int delta = 1);
// A dossier's events, newest first (actor names left empty).
std::vector<DossierEvent> Events(db::Tx& tx, DossierId id);
void QualityEvent(db::Tx& tx, DossierId id, std::optional<StepId> step, AgencyId agency, core::Millis at,
                  core::Millis due_at, const nlohmann::json& detail);

// Sums of the statistics counters over periods [from, to] (or every period before `before`),
// for one agency or the province, grouped by nothing, period, agency or procedure (key as text).
enum class Group { kNone, kPeriod, kAgency, kProcedure };
struct CounterQuery {
  std::optional<AgencyId> agency_id;
  std::string from;
  std::string to;
  std::optional<std::string> before;
  Group group = Group::kNone;
};
struct CounterSum {
  std::string key;
  std::string metric;
  std::int64_t count = 0;
};
std::vector<CounterSum> SumCounters(db::Tx& tx, const CounterQuery& query);

// Now: in progress (received minus resolved, withdrawn and stopped, from the all-time counters)
// and overdue (open with the clock running — status 2, 4 — and due before `now`); one row for
// the scope, or one per agency.
struct OpenCount {
  AgencyId agency_id = 0;
  std::int64_t in_progress = 0;
  std::int64_t overdue = 0;
};
std::vector<OpenCount> CountOpen(db::Tx& tx, std::optional<AgencyId> agency, core::Millis now, bool by_agency);

// Grows with every dossier event (the newest event's id): statistics computed at one version
// stay right while it does not move.
std::int64_t StatsVersion(db::Tx& tx);

std::string PeriodOf(core::Millis at);   // "YYYY-MM" in Vietnam time

// A dossier's number: "<unit code>-YYMMDD-XXXX", the local day of receipt and the sequence of
// (agency, day) from NextSequence, at least four digits.
std::string NumberOf(const std::string& unit_code, core::Millis at, std::int64_t seq);
// "<unit code>-YYMMDD-": the number without its sequence.
std::string NumberPrefix(const std::string& unit_code, core::Millis at);

}  // namespace eiso::dossiers::store
