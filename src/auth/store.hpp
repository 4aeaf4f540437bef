// SQL for users, sessions and login_throttle (both dialects).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "db/database.hpp"

namespace eiso::auth::store {

struct Credentials {
  User user;
  std::string password_hash;
  std::int64_t failed_logins = 0;
  core::Millis locked_until = 0;
};

std::optional<Credentials> FindByUsername(db::Tx& tx, const std::string& username);
std::optional<Credentials> FindById(db::Tx& tx, UserId id);
// Users of the given agencies (all if empty) whose name or username contains `query`.
std::vector<User> List(db::Tx& tx, const std::vector<AgencyId>& agencies, const std::string& query);
// Throws db::UniqueViolation when the username is taken.
UserId Insert(db::Tx& tx, const UserInput& in, const std::string& password_hash, core::Millis now);
void Update(db::Tx& tx, UserId id, const UserInput& in, core::Millis now);
void SetPasswordHash(db::Tx& tx, UserId id, const std::string& hash, core::Millis now);
void RecordFailure(db::Tx& tx, UserId id, std::int64_t failed_logins, core::Millis locked_until);
void ResetFailures(db::Tx& tx, UserId id);

void InsertSession(db::Tx& tx, const std::string& id_hash, UserId user, const std::string& csrf,
                   core::Millis now, const std::string& ip, const std::string& user_agent);
struct SessionRow {
  Credentials credentials;
  std::string csrf_token;
  core::Millis created_at = 0;
  core::Millis last_seen_at = 0;
};
std::optional<SessionRow> FindSession(db::Tx& tx, const std::string& id_hash);
void TouchSession(db::Tx& tx, const std::string& id_hash, core::Millis now);
void DeleteSession(db::Tx& tx, const std::string& id_hash);
// Sessions that have expired without being used again (last seen at or before `idle_before`, or
// created at or before `created_before`), at most `limit` of them.
void DeleteExpiredSessions(db::Tx& tx, core::Millis idle_before, core::Millis created_before, int limit);
// Ends every session of the user except `keep` (may be empty).
void DeleteSessionsOf(db::Tx& tx, UserId user, const std::string& keep);

// Failed login attempts for `key` in its current fixed window (0 once the window has passed).
std::int64_t AttemptsInWindow(db::Tx& tx, const std::string& key, core::Millis now, core::Millis window);
// Counts one failed login attempt for `key` in a fixed window; returns the attempts in this window.
std::int64_t CountAttempt(db::Tx& tx, const std::string& key, core::Millis now, core::Millis window);

}  // namespace eiso::auth::store
