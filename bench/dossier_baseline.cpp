// Baseline for the dossier budgets (ARCHITECTURE.md "Budgets"): the rows one intake and one
// handover write, written straight through the sqlite3 C API — prepared statements, one
// transaction per dossier action, WAL with synchronous=NORMAL like eiso — with no HTTP, no JSON,
// no sessions, no rules. The API must reach ≥ 30 % of these rates.
//
// Usage: dossier_baseline DB_PATH [ACTIONS] [ACTIONS_PER_TRANSACTION]
//   DB_PATH: a copy of an eiso SQLite database (schema migrated; e.g. after `eiso demo`); the
//   baseline appends dossiers to it. Prints "intake_per_s N" and "handover_per_s N".
// Per intake: the day's sequence (UPSERT … RETURNING), the dossier row, its 6 step rows (one
// statement), the dossier event, 3 counter UPSERTs, the audit chain's head and the new audit row
// with its SHA-256 link. Per handover: the optimistic-lock stamp with the dossier's status (one
// UPDATE, as eiso does), the finished step, the started step, the event, the audit head and row.
#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

[[noreturn]] void Die(sqlite3* db, const char* what) {
  std::fprintf(stderr, "dossier_baseline: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
  std::exit(1);
}

struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) Die(db, sql);
  }
  ~Stmt() { sqlite3_finalize(s); }
  Stmt& Int(int i, sqlite3_int64 v) {
    sqlite3_bind_int64(s, i, v);
    return *this;
  }
  Stmt& Text(int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Null(int i) {
    sqlite3_bind_null(s, i);
    return *this;
  }
  // Runs to completion; returns the first column of the first row (0 when none).
  sqlite3_int64 Run(sqlite3* db) {
    sqlite3_int64 first = 0;
    int rc;
    bool seen = false;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
      if (!seen) {
        first = sqlite3_column_int64(s, 0);
        seen = true;
      }
    if (rc != SQLITE_DONE) Die(db, sqlite3_sql(s));
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return first;
  }
};

void Exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Die(db, sql);
}

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

struct Audit {
  Stmt head;
  Stmt insert;
  explicit Audit(sqlite3* db)
      : head(db, "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1"),
        insert(db,
               "INSERT INTO audit_events (at, actor_user_id, actor_agency_id, action, entity, entity_id, agency_id, "
               "before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, 'dossier', ?, ?, NULL, ?, ?, ?)") {}
  void Record(sqlite3* db, sqlite3_int64 at, sqlite3_int64 user, sqlite3_int64 agency, const std::string& action,
              sqlite3_int64 dossier, const std::string& after) {
    std::string prev;
    if (sqlite3_step(head.s) == SQLITE_ROW) prev = reinterpret_cast<const char*>(sqlite3_column_text(head.s, 0));
    sqlite3_reset(head.s);
    const std::string hash = Sha256Hex(prev + std::to_string(at) + action + std::to_string(dossier) + after);
    insert.Int(1, at).Int(2, user).Int(3, agency).Text(4, action).Int(5, dossier).Int(6, agency).Text(7, after)
        .Text(8, prev).Text(9, hash).Run(db);
  }
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || sodium_init() < 0) {
    std::fprintf(stderr, "usage: dossier_baseline DB_PATH [ACTIONS]\n");
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 20000;
  // Actions per transaction (1 = one commit per action, like the API without group commit).
  const int batch = argc > 3 ? std::max(1, std::atoi(argv[3])) : 1;
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) Die(db, "open");
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;");
  if (const char* pages = std::getenv("BASELINE_WAL_AUTOCHECKPOINT"))
    Exec(db, ("PRAGMA wal_autocheckpoint=" + std::string(pages)).c_str());
  constexpr sqlite3_int64 kAgency = 900001;
  constexpr sqlite3_int64 kUser = 900001;
  constexpr int kSteps = 6;
  const sqlite3_int64 t0 = 1'790'000'000'000;

  Stmt seq(db,
           "INSERT INTO dossier_counters (agency_id, day, last_seq) VALUES (?, ?, 1) ON CONFLICT (agency_id, day) "
           "DO UPDATE SET last_seq = dossier_counters.last_seq + 1 RETURNING last_seq");
  Stmt dossier(db,
               "INSERT INTO dossiers (agency_id, procedure_id, procedure_version_id, process_document_id, "
               "process_version, number, secret_hash, status, outcome, channel, applicant_name, applicant_id_number, "
               "applicant_address, applicant_phone, applicant_email, components_json, missing_json, reasons, "
               "received_at, base_due_at, due_at, handling_agency_id, received_by, updated_at, allowance_unit, "
               "allowance_amount, cutoff_rule) VALUES (?, 1, 1, 1, 1, ?, ?, 2, 'received', 1, 'Nguyễn Văn An', "
               "'001090000001', 'Bắc Ninh', '0912000000', '', '[0,1,2]', '[]', '', ?, ?, ?, ?, ?, ?, "
               "'working_days', 5, 0) RETURNING id");
  std::string steps_sql =
      "INSERT INTO dossier_steps (dossier_id, position, stage, name, kind, budget_minutes, budget_days, agency_id, "
      "state, assignee_id, started_at, due_at, finished_at, finished_by, timeliness) VALUES ";
  for (int i = 0; i < kSteps; ++i)
    steps_sql += std::string(i ? ", " : "") + "(?1, " + std::to_string(i) + ", " + std::to_string(i) +
                 ", 'Thẩm định hồ sơ', '" + (i == 0 ? "receive" : i == 4 ? "approve" : "appraise") +
                 "', 480, 1, ?2, '" + (i == 0 ? "done" : i == 1 ? "active" : "pending") + "', NULL, ?3, ?4, NULL, NULL, NULL)";
  steps_sql += " RETURNING id";
  Stmt steps(db, steps_sql.c_str());
  Stmt event(db,
             "INSERT INTO dossier_events (dossier_id, at, actor_id, kind, agency_id, procedure_id, period, metric, "
             "delta, detail_json) VALUES (?, ?, ?, ?, ?, 1, '2026-11', ?, ?, ?)");
  Stmt stats(db,
             "INSERT INTO dossier_stats (agency_id, period, procedure_id, metric, count) VALUES (?, '2026-11', 1, ?, 1) "
             "ON CONFLICT (agency_id, period, procedure_id, metric) DO UPDATE SET count = dossier_stats.count + 1");
  Stmt stats_agency(db,
                    "INSERT INTO dossier_stats_agency (agency_id, period, metric, count) VALUES (?, '2026-11', ?, 1) "
                    "ON CONFLICT (period, agency_id, metric) DO UPDATE SET count = dossier_stats_agency.count + 1");
  Stmt stats_procedure(db,
                       "INSERT INTO dossier_stats_procedure (procedure_id, period, metric, count) VALUES (1, '2026-11', "
                       "?, 1) ON CONFLICT (period, procedure_id, metric) DO UPDATE SET count = "
                       "dossier_stats_procedure.count + 1");
  Stmt touch(db, "UPDATE dossiers SET updated_at = ?, status = 4, handling_agency_id = ? WHERE id = ? AND updated_at = ?");
  Stmt finish(db, "UPDATE dossier_steps SET state = 'done', finished_at = ?, finished_by = ?, timeliness = 'on_time' "
                  "WHERE id = ?");
  Stmt start(db, "UPDATE dossier_steps SET state = 'active', started_at = ?, due_at = ?, assignee_id = NULL WHERE id = ?");
  Audit audit(db);

  struct Made {
    sqlite3_int64 id;
    sqlite3_int64 first_step;
    sqlite3_int64 updated_at;
  };
  std::vector<Made> made;
  made.reserve(n);
  const std::string detail = R"({"channel":1,"outcome":"received","due_at":1790000000000})";
  auto begin = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    const sqlite3_int64 at = t0 + i;
    if (i % batch == 0) Exec(db, "BEGIN IMMEDIATE");
    const sqlite3_int64 number = seq.Int(1, kAgency).Text(2, "2026-11-24").Run(db);
    const std::string num = "000.00.99.H06-261124-" + std::to_string(number);
    const sqlite3_int64 id = dossier.Int(1, kAgency).Text(2, num).Text(3, Sha256Hex(num)).Int(4, at)
                                 .Int(5, at + 432'000'000).Int(6, at + 432'000'000).Int(7, kAgency).Int(8, kUser)
                                 .Int(9, at).Run(db);
    const sqlite3_int64 first = steps.Int(1, id).Int(2, kAgency).Int(3, at).Int(4, at + 28'800'000).Run(db);
    event.Int(1, id).Int(2, at).Int(3, kUser).Text(4, "received").Int(5, kAgency).Text(6, "received.1").Int(7, 1)
        .Text(8, detail).Run(db);
    stats.Int(1, kAgency).Text(2, "received.1").Run(db);
    stats_agency.Int(1, kAgency).Text(2, "received.1").Run(db);
    stats_procedure.Text(1, "received.1").Run(db);
    audit.Record(db, at, kUser, kAgency, "dossier.received", id, detail);
    if (i % batch == batch - 1 || i == n - 1) Exec(db, "COMMIT");
    made.push_back({id, first, at});
  }
  const double intake_s = Seconds(begin);

  const std::string handover = R"({"step_id":1,"timeliness":"on_time","note":"","to_user_id":null,"status":4})";
  begin = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    const Made& m = made[i];
    const sqlite3_int64 at = t0 + n + i;
    if (i % batch == 0) Exec(db, "BEGIN IMMEDIATE");
    touch.Int(1, at).Int(2, kAgency).Int(3, m.id).Int(4, m.updated_at).Run(db);
    // RETURNING gave the first step id (rowids of one statement are consecutive).
    finish.Int(1, at).Int(2, kUser).Int(3, m.first_step + 1).Run(db);
    start.Int(1, at).Int(2, at + 28'800'000).Int(3, m.first_step + 2).Run(db);
    event.Int(1, m.id).Int(2, at).Int(3, kUser).Text(4, "step_handed_over").Int(5, kAgency).Null(6).Int(7, 0)
        .Text(8, handover).Run(db);
    audit.Record(db, at, kUser, kAgency, "dossier.step_handed_over", m.id, handover);
    if (i % batch == batch - 1 || i == n - 1) Exec(db, "COMMIT");
  }
  const double handover_s = Seconds(begin);
  std::printf("intake_per_s %.0f\nhandover_per_s %.0f\n", n / intake_s, n / handover_s);
  sqlite3_close(db);
  return 0;
}
