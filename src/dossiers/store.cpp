#include "dossiers/store.hpp"

#include <algorithm>
#include <map>
#include <cstdio>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "calendar/date.hpp"

namespace eiso::dossiers::store {
namespace {

constexpr const char* kDossierColumns =
    "id, agency_id, procedure_id, procedure_version_id, process_document_id, process_version, number, status, "
    "outcome, channel, applicant_name, applicant_id_number, applicant_address, applicant_phone, applicant_email, "
    "components_json, missing_json, reasons, received_at, base_due_at, due_at, apologized, notice_late, "
    "result_positive, resolved_at, timeliness, returned_at, handling_agency_id, updated_at, allowance_unit, "
    "allowance_amount, cutoff_rule, paused_at";

Dossier ReadDossier(const db::Row& r) {
  Dossier d;
  d.id = r.Int(0);
  d.agency_id = r.Int(1);
  d.procedure_id = r.Int(2);
  d.procedure_version_id = r.Int(3);
  d.process_document_id = r.Int(4);
  d.process_version = static_cast<int>(r.Int(5));
  d.number = r.OptText(6);
  d.status = static_cast<int>(r.Int(7));
  d.outcome = r.Text(8);
  d.channel = static_cast<int>(r.Int(9));
  d.applicant = {r.Text(10), r.Text(11), r.Text(12), r.Text(13), r.Text(14)};
  d.components = nlohmann::json::parse(r.Text(15)).get<std::vector<int>>();
  d.missing = nlohmann::json::parse(r.Text(16)).get<std::vector<std::string>>();
  d.reasons = r.Text(17);
  d.received_at = r.Int(18);
  d.base_due_at = r.OptInt(19);
  d.due_at = r.OptInt(20);
  d.apologized = r.Bool(21);
  d.notice_late = r.Bool(22);
  if (!r.IsNull(23)) d.result_positive = r.Bool(23);
  d.resolved_at = r.OptInt(24);
  d.timeliness = r.OptText(25).value_or("");
  d.returned_at = r.OptInt(26);
  d.handling_agency_id = r.OptInt(27);
  d.updated_at = r.Int(28);
  d.allowance_unit = r.Text(29);
  d.allowance_amount = static_cast<int>(r.Int(30));
  d.cutoff_rule = r.Bool(31);
  d.paused_at = r.OptInt(32);
  return d;
}

}  // namespace

std::string HashSecret(const std::string& secret) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string PeriodOf(core::Millis at) {
  const calendar::Date date = calendar::ToLocal(at).date;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", date.year % 10000, date.month % 100);
  return buf;
}

db::Tx::Ticket NextSequenceLater(db::Tx& tx, AgencyId agency, const std::string& day) {
  return tx.QueryLater(
      "INSERT INTO dossier_counters (agency_id, day, last_seq) VALUES (?, ?, 1) "
      "ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = dossier_counters.last_seq + 1 RETURNING last_seq",
      {agency, day});
}

std::int64_t TakeSequence(db::Tx& tx, db::Tx::Ticket ticket) { return tx.Take(ticket).at(0).Int(0); }

std::int64_t BookEntry(db::Tx& tx, AgencyId agency, core::Millis year_start, core::Millis received_at, DossierId id) {
  // A range of the partial index dossiers_book (agency, received_at), bounded at both ends.
  return tx.QueryOne("SELECT COUNT(*) FROM dossiers WHERE agency_id = ? AND number IS NOT NULL AND received_at >= ? "
                     "AND received_at <= ? AND (received_at < ? OR id <= ?)",
                     {agency, year_start, received_at, received_at, id})
      ->Int(0);
}

std::int64_t NextSequence(db::Tx& tx, AgencyId agency, const std::string& day) {
  return TakeSequence(tx, NextSequenceLater(tx, agency, day));
}

ReservedIds ReserveIdsLater(db::Tx& tx, std::size_t steps) {
  if (tx.dialect() != db::Dialect::kPostgres) return {};
  ReservedIds out{tx.QueryLater("SELECT nextval(pg_get_serial_sequence('dossiers', 'id'))"), std::nullopt};
  if (steps > 0)
    out.steps = tx.QueryLater("SELECT nextval(pg_get_serial_sequence('dossier_steps', 'id')) FROM generate_series(1, ?)",
                              {static_cast<std::int64_t>(steps)});
  return out;
}

namespace {

// The columns of a new dossier after its id, the number the sixth.
constexpr const char* kInsertColumns =
    "agency_id, procedure_id, procedure_version_id, process_document_id, process_version, "
    "number, secret_hash, status, outcome, channel, applicant_name, applicant_id_number, applicant_address, "
    "applicant_phone, applicant_email, components_json, missing_json, reasons, received_at, base_due_at, due_at, "
    "handling_agency_id, received_by, updated_at, allowance_unit, allowance_amount, cutoff_rule";

db::Params InsertParams(const NewDossier& n) {
  const Dossier& d = *n.dossier;
  return {d.agency_id, d.procedure_id, d.procedure_version_id, d.process_document_id, d.process_version,
          d.number, n.secret_hash, d.status, d.outcome, d.channel, d.applicant.name, d.applicant.id_number,
          d.applicant.address, d.applicant.phone, d.applicant.email, nlohmann::json(d.components).dump(),
          nlohmann::json(d.missing).dump(), d.reasons, d.received_at, d.base_due_at, d.due_at,
          d.handling_agency_id, n.received_by, d.updated_at, d.allowance_unit, d.allowance_amount,
          d.cutoff_rule};
}

}  // namespace

DossierId InsertNumberedLater(db::Tx& tx, const NewDossier& n, const ReservedIds& reserved, const std::string& prefix,
                              const std::string& day, db::Rows* number) {
  if (tx.dialect() != db::Dialect::kPostgres || !reserved.dossier)
    throw db::DbError("InsertNumberedLater: PostgreSQL with a reserved id only");
  // The sequence as NumberOf prints it: at least four digits.
  static const std::string kSql =
      std::string("WITH c AS (INSERT INTO dossier_counters (agency_id, day, last_seq) VALUES (?, ?, 1) "
                  "ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = dossier_counters.last_seq + 1 "
                  "RETURNING last_seq) "
                  "INSERT INTO dossiers (id, ") + kInsertColumns + ") VALUES (?, ?, ?, ?, ?, ?, "
      "CAST(? AS TEXT) || (SELECT CASE WHEN last_seq < 10000 THEN lpad(CAST(last_seq AS TEXT), 4, '0') "
      "ELSE CAST(last_seq AS TEXT) END FROM c), "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING number";
  const DossierId id = tx.Take(*reserved.dossier).at(0).Int(0);
  db::Params params = InsertParams(n);
  params[5] = db::Value(prefix);
  params.insert(params.begin(), db::Value(id));
  params.insert(params.begin(), {db::Value(n.dossier->agency_id), db::Value(day)});
  tx.TakeAtCommit(tx.QueryLater(kSql, params), number);
  return id;
}

DossierId Insert(db::Tx& tx, const NewDossier& n, const ReservedIds& reserved) {
  static constexpr const char* kValues = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
  db::Params params = InsertParams(n);
  if (!reserved.dossier) {
    return tx.Insert(std::string("INSERT INTO dossiers (") + kInsertColumns + ") VALUES (" + kValues + ") RETURNING id",
                     params);
  }
  const DossierId id = tx.Take(*reserved.dossier).at(0).Int(0);
  params.insert(params.begin(), db::Value(id));
  tx.Send(std::string("INSERT INTO dossiers (id, ") + kInsertColumns + ") VALUES (?, " + kValues + ")", params);
  return id;
}

StepsLater InsertStepsLater(db::Tx& tx, DossierId id, const std::vector<NewStep>& steps, const ReservedIds& reserved) {
  if (steps.empty()) return {};
  StepsLater out;
  if (reserved.steps) {
    for (const db::Row& r : tx.Take(*reserved.steps)) out.ids.push_back(r.Int(0));
    if (out.ids.size() != steps.size()) throw db::DbError("dossier steps: reserved " + std::to_string(out.ids.size()) + " ids for " + std::to_string(steps.size()) + " steps");
  }
  // One statement for all the steps (the SQL text depends only on their number: cached).
  const bool with_ids = !out.ids.empty();
  std::string sql = std::string("INSERT INTO dossier_steps (") + (with_ids ? "id, " : "") +
                    "dossier_id, position, stage, name, kind, budget_minutes, budget_days, agency_id, "
                    "state, assignee_id, started_at, due_at, finished_at, finished_by, timeliness) VALUES ";
  const char* row = with_ids ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  db::Params params;
  params.reserve(steps.size() * 16);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const NewStep& s = steps[i];
    sql += i == 0 ? "" : ", ";
    sql += row;
    if (with_ids) params.emplace_back(out.ids[i]);
    for (db::Value v : {db::Value(id), db::Value(s.position), db::Value(s.stage), db::Value(s.name), db::Value(s.kind),
                        db::Value(s.budget_minutes), db::Value(s.budget_days), db::Value(s.agency_id),
                        db::Value(s.state), db::Value(s.assignee_id), db::Value(s.started_at), db::Value(s.due_at),
                        db::Value(s.finished_at), db::Value(s.finished_by),
                        s.timeliness.empty() ? db::Value() : db::Value(s.timeliness)})
      params.push_back(std::move(v));
  }
  if (with_ids) {
    tx.Send(sql, params);
    return out;
  }
  // RETURNING gives no row order: the position (unique within the dossier) says whose id it is.
  sql += " RETURNING id, position";
  out.ticket = tx.QueryLater(sql, params);
  return out;
}

std::vector<StepId> TakeStepIds(db::Tx& tx, const StepsLater& later, const std::vector<NewStep>& steps) {
  if (!later.ids.empty()) return later.ids;
  if (!later.ticket) return {};
  std::map<std::int64_t, StepId> by_position;
  for (const db::Row& r : tx.Take(*later.ticket)) by_position[r.Int(1)] = r.Int(0);
  std::vector<StepId> ids;
  ids.reserve(steps.size());
  for (const NewStep& s : steps) ids.push_back(by_position.at(s.position));
  return ids;
}

std::vector<StepId> InsertSteps(db::Tx& tx, DossierId id, const std::vector<NewStep>& steps) {
  return TakeStepIds(tx, InsertStepsLater(tx, id, steps), steps);
}

std::optional<Dossier> Find(db::Tx& tx, DossierId id) {
  // Both asked at once (one round trip on PostgreSQL).
  const auto dossier = tx.QueryLater(std::string("SELECT ") + kDossierColumns + " FROM dossiers WHERE id = ?", {id});
  const auto steps = tx.QueryLater("SELECT id, position, stage, name, kind, agency_id, state, assignee_id, started_at, "
                                   "due_at, finished_at, timeliness, budget_minutes, budget_days, finished_by "
                                   "FROM dossier_steps WHERE dossier_id = ? ORDER BY position",
                                   {id});
  const db::Rows rows = tx.Take(dossier);
  const db::Rows step_rows = tx.Take(steps);
  if (rows.empty()) return std::nullopt;
  Dossier d = ReadDossier(rows.front());
  for (const db::Row& r : step_rows) {
    Step s;
    s.id = r.Int(0);
    s.position = static_cast<int>(r.Int(1));
    s.stage = static_cast<int>(r.Int(2));
    s.name = r.Text(3);
    s.kind = r.Text(4);
    s.agency_id = r.Int(5);
    s.state = r.Text(6);
    s.assignee_id = r.OptInt(7);
    s.started_at = r.OptInt(8);
    s.due_at = r.OptInt(9);
    s.finished_at = r.OptInt(10);
    s.timeliness = r.OptText(11).value_or("");
    s.budget_minutes = r.Int(12);
    s.budget_days = static_cast<int>(r.Int(13));
    s.finished_by = r.OptInt(14);
    d.steps.push_back(std::move(s));
  }
  return d;
}

std::vector<Dossier> List(db::Tx& tx, AgencyId agency, std::optional<int> status) {
  std::vector<Dossier> out;
  const std::string sql = std::string("SELECT ") + kDossierColumns + " FROM dossiers WHERE agency_id = ?" +
                          (status ? " AND status = ?" : "") + " ORDER BY id DESC LIMIT 100";
  db::Params params{agency};
  if (status) params.emplace_back(*status);
  for (const db::Row& r : tx.Query(sql, params)) out.push_back(ReadDossier(r));
  return out;
}

namespace {

constexpr core::Millis kDueSoon = 8LL * 3'600'000;

// The WHERE clause of a queue and its parameters: over dossiers (clerk queues) or over active
// steps (officer and leader queues).
struct QueueSql {
  bool over_steps = false;
  std::string where;
  db::Params params;
};

std::optional<QueueSql> QueueOf(const std::string& queue, UserId user, AgencyId agency, core::Millis now) {
  const std::string mine =
      "state = 'active' AND kind NOT IN ('approve', 'sign', 'return') AND "
      "(assignee_id = ? OR (assignee_id IS NULL AND agency_id = ?))";
  if (queue == "guided") return QueueSql{false, "agency_id = ? AND status = 1 AND guided_closed = 0", {agency}};
  if (queue == "to_return") return QueueSql{false, "agency_id = ? AND status = 9", {agency}};
  if (queue == "my_steps") return QueueSql{true, mine, {user, agency}};
  if (queue == "overdue") return QueueSql{true, mine + " AND due_at < ?", {user, agency, now}};
  if (queue == "due_soon")
    return QueueSql{true, mine + " AND due_at >= ? AND due_at < ?", {user, agency, now, now + kDueSoon}};
  if (queue == "to_approve")
    return QueueSql{true, "agency_id = ? AND state = 'active' AND kind IN ('approve', 'sign')", {agency}};
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<Dossier>> ListQueue(db::Tx& tx, const std::string& queue, UserId user, AgencyId agency,
                                              core::Millis now) {
  auto q = QueueOf(queue, user, agency, now);
  if (!q) return std::nullopt;
  std::vector<Dossier> out;
  const std::string sql =
      q->over_steps
          ? std::string("SELECT ") + kDossierColumns +
                " FROM dossiers WHERE id IN (SELECT dossier_id FROM dossier_steps WHERE " + q->where +
                ") ORDER BY due_at, id LIMIT 100"
          : std::string("SELECT ") + kDossierColumns + " FROM dossiers WHERE " + q->where + " ORDER BY id DESC LIMIT 100";
  for (const db::Row& r : tx.Query(sql, q->params)) out.push_back(ReadDossier(r));
  return out;
}

std::int64_t CountQueue(db::Tx& tx, const std::string& queue, UserId user, AgencyId agency, core::Millis now) {
  const auto q = QueueOf(queue, user, agency, now);
  if (!q) return 0;
  const std::string sql =
      std::string("SELECT COUNT(*) FROM ") + (q->over_steps ? "dossier_steps" : "dossiers") + " WHERE " + q->where;
  return tx.QueryOne(sql, q->params)->Int(0);
}

core::Millis Claim(db::Tx& tx, DossierId id, core::Millis seen_updated_at, core::Millis now,
                   const std::optional<StatusChange>& change) {
  // A strictly later stamp, so that two changes within one millisecond still differ.
  const core::Millis stamp = std::max(now, seen_updated_at + 1);
  if (change) {
    tx.Require("UPDATE dossiers SET updated_at = ?, status = ?, handling_agency_id = ? "
               "WHERE id = ? AND updated_at = ? RETURNING id",
               {stamp, change->status, change->handling_agency_id, id, seen_updated_at}, "dossiers.changed");
  } else {
    tx.Require("UPDATE dossiers SET updated_at = ? WHERE id = ? AND updated_at = ? RETURNING id",
               {stamp, id, seen_updated_at}, "dossiers.changed");
  }
  return stamp;
}

core::Millis UpdatedAt(db::Tx& tx, DossierId id) {
  return tx.QueryOne("SELECT updated_at FROM dossiers WHERE id = ?", {id})->Int(0);
}

void AppendEvent(db::Tx& tx, const Dossier& d, std::optional<UserId> actor, const std::string& kind, core::Millis at,
                 const std::optional<std::string>& metric, const nlohmann::json& detail, int delta) {
  const std::string period = PeriodOf(at);
  static constexpr const char* kEvent =
      "INSERT INTO dossier_events (dossier_id, at, actor_id, kind, agency_id, procedure_id, period, metric, delta, "
      "detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  db::Params event{d.id, at, actor, kind, d.agency_id, d.procedure_id, period, metric, metric ? delta : 0, detail.dump()};
  if (metric && tx.dialect() == db::Dialect::kPostgres) {
    // The event and its five counters as one statement (data-modifying CTEs on different tables):
    // the server parses, plans and runs one statement instead of six.
    static const std::string kAll =
        std::string("WITH e AS (") + kEvent + "), "
        "s AS (INSERT INTO dossier_stats (agency_id, period, procedure_id, metric, count) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (agency_id, period, procedure_id, metric) DO UPDATE SET count = dossier_stats.count + ?), "
        "a AS (INSERT INTO dossier_stats_agency (agency_id, period, metric, count) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (period, agency_id, metric) DO UPDATE SET count = dossier_stats_agency.count + ?), "
        "p AS (INSERT INTO dossier_stats_procedure (procedure_id, period, metric, count) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (period, procedure_id, metric) DO UPDATE SET count = dossier_stats_procedure.count + ?), "
        "v AS (INSERT INTO dossier_stats_province (period, metric, count) VALUES (?, ?, ?) "
        "ON CONFLICT (period, metric) DO UPDATE SET count = dossier_stats_province.count + ?) "
        "INSERT INTO dossier_stats_alltime (agency_id, metric, count) VALUES (?, ?, ?) "
        "ON CONFLICT (agency_id, metric) DO UPDATE SET count = dossier_stats_alltime.count + ?";
    for (db::Value v : {db::Value(d.agency_id), db::Value(period), db::Value(d.procedure_id), db::Value(*metric),
                        db::Value(delta), db::Value(delta),                                    // dossier_stats
                        db::Value(d.agency_id), db::Value(period), db::Value(*metric), db::Value(delta),
                        db::Value(delta),                                                      // _agency
                        db::Value(d.procedure_id), db::Value(period), db::Value(*metric), db::Value(delta),
                        db::Value(delta),                                                      // _procedure
                        db::Value(period), db::Value(*metric), db::Value(delta), db::Value(delta),   // _province
                        db::Value(d.agency_id), db::Value(*metric), db::Value(delta), db::Value(delta)})  // _alltime
      event.push_back(std::move(v));
    tx.Send(kAll, event);
    return;
  }
  tx.Send(kEvent, event);
  if (!metric) return;
  tx.Send("INSERT INTO dossier_stats (agency_id, period, procedure_id, metric, count) VALUES (?, ?, ?, ?, ?) "
          "ON CONFLICT (agency_id, period, procedure_id, metric) DO UPDATE SET count = dossier_stats.count + ?",
          {d.agency_id, period, d.procedure_id, *metric, delta, delta});
  tx.Send("INSERT INTO dossier_stats_agency (agency_id, period, metric, count) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (period, agency_id, metric) DO UPDATE SET count = dossier_stats_agency.count + ?",
          {d.agency_id, period, *metric, delta, delta});
  tx.Send("INSERT INTO dossier_stats_procedure (procedure_id, period, metric, count) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (period, procedure_id, metric) DO UPDATE SET count = dossier_stats_procedure.count + ?",
          {d.procedure_id, period, *metric, delta, delta});
  tx.Send("INSERT INTO dossier_stats_province (period, metric, count) VALUES (?, ?, ?) "
          "ON CONFLICT (period, metric) DO UPDATE SET count = dossier_stats_province.count + ?",
          {period, *metric, delta, delta});
  tx.Send("INSERT INTO dossier_stats_alltime (agency_id, metric, count) VALUES (?, ?, ?) "
          "ON CONFLICT (agency_id, metric) DO UPDATE SET count = dossier_stats_alltime.count + ?",
          {d.agency_id, *metric, delta, delta});
}

std::vector<CounterSum> SumCounters(db::Tx& tx, const CounterQuery& q) {
  // The narrowest table that answers: the province's roll-ups, or one agency's rows.
  std::string key = "''";
  // The province's own roll-up answers the province's totals and months.
  std::string table = !q.agency_id && q.group != Group::kAgency ? "dossier_stats_province" : "dossier_stats_agency";
  if (q.group == Group::kPeriod) key = "period";
  if (q.group == Group::kAgency) key = "CAST(agency_id AS TEXT)";
  if (q.group == Group::kProcedure) {
    key = "CAST(procedure_id AS TEXT)";
    table = q.agency_id ? "dossier_stats" : "dossier_stats_procedure";
  }
  db::Params params;
  std::string where;
  if (q.before) {
    where = " WHERE period < ?";
    params.emplace_back(*q.before);
  } else {
    where = " WHERE period >= ? AND period <= ?";
    params.emplace_back(q.from);
    params.emplace_back(q.to);
  }
  if (q.agency_id) {
    where += " AND agency_id = ?";
    params.emplace_back(*q.agency_id);
  }
  std::vector<CounterSum> out;
  const std::string sql = "SELECT " + key + ", metric, SUM(count) FROM " + table + where + " GROUP BY " +
                          (q.group == Group::kNone ? std::string() : key + ", ") + "metric";
  for (const db::Row& r : tx.Query(sql, params)) {
    CounterSum c;
    c.key = r.Text(0);
    c.metric = r.Text(1);
    c.count = r.Int(2);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<OpenCount> CountOpen(db::Tx& tx, std::optional<AgencyId> agency, core::Millis now, bool by_agency) {
  const std::string key = by_agency ? "agency_id" : "0";
  const std::string group = by_agency ? " GROUP BY agency_id" : "";
  db::Params params;
  std::string where;
  if (agency) {
    where = " WHERE agency_id = ?";
    params.emplace_back(*agency);
  }
  // In progress: received minus closed, from the all-time counters (corrections included).
  std::map<AgencyId, OpenCount> out;
  for (const db::Row& r : tx.Query(
           "SELECT " + key + ", SUM(CASE WHEN metric LIKE 'received.%' THEN count "
           "WHEN metric LIKE 'resolved.%' OR metric IN ('withdrawn', 'stopped') THEN -count ELSE 0 END) "
           "FROM dossier_stats_alltime" + where + group,
           params))
    if (!r.IsNull(1)) out[r.Int(0)] = {r.Int(0), r.Int(1), 0};
  // Overdue: open, clock running (2, 4), due before now — the partial indexes hold only those.
  // Per agency, the overdue rows are read and counted here: a GROUP BY agency_id would lead the
  // planner to walk an index in agency order over every dossier instead of the few overdue ones.
  db::Params late{now};
  if (agency) late.emplace_back(*agency);
  if (by_agency) {
    for (const db::Row& r : tx.Query(std::string("SELECT agency_id FROM dossiers WHERE status IN (2, 4) AND due_at < ?") +
                                         (agency ? " AND agency_id = ?" : ""),
                                     late)) {
      OpenCount& o = out[r.Int(0)];
      o.agency_id = r.Int(0);
      ++o.overdue;
    }
  } else if (const auto row = tx.QueryOne(std::string("SELECT COUNT(*) FROM dossiers WHERE status IN (2, 4) AND due_at < ?") +
                                              (agency ? " AND agency_id = ?" : ""),
                                          late)) {
    out[0].overdue = row->Int(0);
  }
  std::vector<OpenCount> list;
  for (auto& [id, o] : out)
    if (o.in_progress != 0 || o.overdue != 0) list.push_back(o);
  return list;
}

std::int64_t StatsVersion(db::Tx& tx) {
  const auto row = tx.QueryOne("SELECT MAX(id) FROM dossier_events");
  return row && !row->IsNull(0) ? row->Int(0) : 0;
}

std::vector<DossierEvent> Events(db::Tx& tx, DossierId id) {
  std::vector<DossierEvent> out;
  for (const db::Row& r : tx.Query("SELECT id, at, kind, actor_id, detail_json FROM dossier_events WHERE dossier_id = ? "
                                   "ORDER BY id DESC",
                                   {id}))
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.OptInt(3), "", r.Text(4)});
  return out;
}

void QualityEvent(db::Tx& tx, DossierId id, std::optional<StepId> step, AgencyId agency, core::Millis at,
                  core::Millis due_at, const nlohmann::json& detail) {
  tx.Send("INSERT INTO dossier_quality_events (dossier_id, step_id, agency_id, kind, at, due_at, detail_json) "
          "VALUES (?, ?, ?, 'dossier.late', ?, ?, ?)",
          {id, step, agency, at, due_at, detail.dump()});
}

std::string NumberPrefix(const std::string& unit_code, core::Millis at) {
  const calendar::Date d = calendar::ToLocal(at).date;
  char buf[16];
  std::snprintf(buf, sizeof buf, "-%02d%02d%02d-", d.year % 100, d.month % 100, d.day % 100);
  return unit_code + buf;
}

std::string NumberOf(const std::string& unit_code, core::Millis at, std::int64_t seq) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(seq));
  return NumberPrefix(unit_code, at) + buf;
}

}  // namespace eiso::dossiers::store
