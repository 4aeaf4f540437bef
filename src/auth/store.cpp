#include "auth/store.hpp"

namespace eiso::auth::store {
namespace {

constexpr const char* kUserColumns =
    "u.id, u.agency_id, u.username, u.full_name, u.email, u.roles, u.province_wide, u.active, "
    "u.password_hash, u.failed_logins, u.locked_until";

Credentials FromRow(const db::Row& r, std::size_t at = 0) {
  Credentials c;
  c.user.id = r.Int(at + 0);
  c.user.agency_id = r.Int(at + 1);
  c.user.username = r.Text(at + 2);
  c.user.full_name = r.Text(at + 3);
  c.user.email = r.OptText(at + 4);
  c.user.roles = static_cast<std::uint32_t>(r.Int(at + 5));
  c.user.province_wide = r.Bool(at + 6);
  c.user.active = r.Bool(at + 7);
  c.password_hash = r.Text(at + 8);
  c.failed_logins = r.Int(at + 9);
  c.locked_until = r.Int(at + 10);
  return c;
}

std::optional<Credentials> FindWhere(db::Tx& tx, const std::string& where, const db::Value& value) {
  auto row = tx.QueryOne(std::string("SELECT ") + kUserColumns + " FROM users u WHERE " + where, {value});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

}  // namespace

std::optional<Credentials> FindByUsername(db::Tx& tx, const std::string& username) {
  return FindWhere(tx, "u.username = ?", username);
}

std::optional<Credentials> FindById(db::Tx& tx, UserId id) { return FindWhere(tx, "u.id = ?", id); }

std::vector<User> List(db::Tx& tx, const std::vector<AgencyId>& agencies, const std::string& query) {
  std::string sql = std::string("SELECT ") + kUserColumns + " FROM users u WHERE 1 = 1";
  db::Params params;
  if (!agencies.empty()) {
    sql += " AND u.agency_id IN (";
    for (std::size_t i = 0; i < agencies.size(); ++i) {
      sql += i ? ",?" : "?";
      params.emplace_back(agencies[i]);
    }
    sql += ")";
  }
  if (!query.empty()) {
    // LOWER() folds ASCII on SQLite; usernames are ASCII, names are matched as typed.
    sql += " AND (LOWER(u.username) LIKE ? OR LOWER(u.full_name) LIKE ? OR u.full_name LIKE ?)";
    std::string lowered;
    for (char c : query) lowered.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    params.emplace_back("%" + lowered + "%");
    params.emplace_back("%" + lowered + "%");
    params.emplace_back("%" + query + "%");
  }
  sql += " ORDER BY u.agency_id, u.username LIMIT 1000";
  std::vector<User> out;
  for (const db::Row& r : tx.Query(sql, params)) out.push_back(FromRow(r).user);
  return out;
}

UserId Insert(db::Tx& tx, const UserInput& in, const std::string& password_hash, core::Millis now) {
  return tx.Insert(
      "INSERT INTO users (agency_id, username, full_name, email, password_hash, roles, province_wide, "
      "active, password_changed_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {in.agency_id, in.username, in.full_name, in.email, password_hash, static_cast<std::int64_t>(in.roles),
       in.province_wide, in.active, now, now, now});
}

void Update(db::Tx& tx, UserId id, const UserInput& in, core::Millis now) {
  tx.Exec(
      "UPDATE users SET agency_id = ?, full_name = ?, email = ?, roles = ?, province_wide = ?, active = ?, "
      "updated_at = ? WHERE id = ?",
      {in.agency_id, in.full_name, in.email, static_cast<std::int64_t>(in.roles), in.province_wide, in.active,
       now, id});
}

void SetPasswordHash(db::Tx& tx, UserId id, const std::string& hash, core::Millis now) {
  tx.Exec(
      "UPDATE users SET password_hash = ?, password_changed_at = ?, failed_logins = 0, locked_until = 0, "
      "updated_at = ? WHERE id = ?",
      {hash, now, now, id});
}

void RecordFailure(db::Tx& tx, UserId id, std::int64_t failed_logins, core::Millis locked_until) {
  tx.Exec("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?", {failed_logins, locked_until, id});
}

void ResetFailures(db::Tx& tx, UserId id) {
  tx.Exec("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ? AND failed_logins <> 0", {id});
}

void InsertSession(db::Tx& tx, const std::string& id_hash, UserId user, const std::string& csrf,
                   core::Millis now, const std::string& ip, const std::string& user_agent) {
  tx.Exec(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent) "
      "VALUES (?,?,?,?,?,?,?)",
      {id_hash, user, csrf, now, now, ip, user_agent.substr(0, 300)});
}

std::optional<SessionRow> FindSession(db::Tx& tx, const std::string& id_hash) {
  auto row = tx.QueryOne(std::string("SELECT ") + kUserColumns +
                             ", s.csrf_token, s.created_at, s.last_seen_at FROM sessions s "
                             "JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?",
                         {id_hash});
  if (!row) return std::nullopt;
  return SessionRow{FromRow(*row), row->Text(11), row->Int(12), row->Int(13)};
}

void TouchSession(db::Tx& tx, const std::string& id_hash, core::Millis now) {
  tx.Exec("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", {now, id_hash});
}

void DeleteSession(db::Tx& tx, const std::string& id_hash) {
  tx.Exec("DELETE FROM sessions WHERE id_hash = ?", {id_hash});
}

void DeleteExpiredSessions(db::Tx& tx, core::Millis idle_before, core::Millis created_before, int limit) {
  tx.Send("DELETE FROM sessions WHERE id_hash IN (SELECT id_hash FROM sessions WHERE last_seen_at <= ? OR "
          "created_at <= ? LIMIT ?)",
          {idle_before, created_before, limit});
}

void DeleteSessionsOf(db::Tx& tx, UserId user, const std::string& keep) {
  tx.Exec("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?", {user, keep});
}

std::int64_t AttemptsInWindow(db::Tx& tx, const std::string& key, core::Millis now, core::Millis window) {
  auto row = tx.QueryOne("SELECT window_start, attempts FROM login_throttle WHERE key = ?", {key});
  if (!row || row->Int(0) + window <= now) return 0;
  return row->Int(1);
}

std::int64_t CountAttempt(db::Tx& tx, const std::string& key, core::Millis now, core::Millis window) {
  // One statement, so that concurrent attempts from several processes count exactly.
  return tx.QueryOne(
               "INSERT INTO login_throttle (key, window_start, attempts) VALUES (?, ?, 1) "
               "ON CONFLICT (key) DO UPDATE SET "
               "attempts = CASE WHEN login_throttle.window_start + ? <= ? THEN 1 "
               "ELSE login_throttle.attempts + 1 END, "
               "window_start = CASE WHEN login_throttle.window_start + ? <= ? THEN ? "
               "ELSE login_throttle.window_start END RETURNING attempts",
               {key, now, window, now, window, now, now})
      ->Int(0);
}

}  // namespace eiso::auth::store
