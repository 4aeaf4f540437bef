// Auth: users of every agency, their roles, password sign-in, sessions and CSRF tokens.
// Owns tables users, sessions, login_throttle; other modules use this header only.
// Each mutating call commits its change and its audit event in one transaction; argon2id runs
// outside transactions so that no write lock waits on it.
#pragma once

#include <atomic>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "audit/service.hpp"
#include "auth/model.hpp"
#include "auth/password.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "org/service.hpp"

namespace eiso::auth {

class SessionCache;

class Service {
 public:
  Service(db::Database& db, const audit::Service& audit, const org::Service& org,
          const core::Clock& clock, Settings settings, HashCost cost = HashCost::kInteractive);
  ~Service();

  // kUnauthenticated "auth.bad_credentials" (unknown user, wrong password or inactive: the caller
  // cannot tell which); kRateLimited "auth.locked" after too many failures for the account,
  // "auth.too_many_attempts" for the client address.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& ip, const std::string& user_agent) const;
  Status Logout(const Actor& actor) const;
  // The session behind a cookie token; kUnauthenticated "auth.session_expired" otherwise.
  // A session read from the database is kept for `[auth] session_cache_seconds`, so that a busy
  // user's requests do not each read it. What this Service changes (logout, a password change or
  // reset, an update of the user) takes effect at once; a change made by another process (a
  // second `eiso serve`, the CLI) within that many seconds.
  Result<Session> Authenticate(const std::string& session_token) const;
  Result<User> Me(const Actor& actor) const;
  // Ends the user's other sessions. kInvalidInput on "current_password" / "new_password".
  Status ChangePassword(const Actor& actor, const std::string& current, const std::string& next) const;

  // Administrators see the users of the agencies they administer; everyone sees the colleagues of
  // their own agency. kForbidden for another agency's list.
  Result<std::vector<User>> ListUsers(const Actor& actor, std::optional<AgencyId> agency_id,
                                      const std::string& query) const;
  Result<User> GetUser(const Actor& actor, UserId id) const;
  Result<User> CreateUser(const Actor& actor, const UserInput& input) const;
  Result<User> UpdateUser(const Actor& actor, UserId id, const UserInput& input) const;
  // An administrator sets a new password; the user's sessions end.
  Status ResetPassword(const Actor& actor, UserId id, const std::string& password) const;

  // For the CLI and the demo loader: no permission check, audited as `actor` inside `tx`.
  Result<UserId> AddUser(db::Tx& tx, const Actor& actor, const UserInput& input,
                         const std::string& password_hash) const;
  Status SetPassword(const std::string& username, const std::string& password) const;
  // For other modules, inside their transaction, no permission check: a user by id, and the
  // active users of some agencies (distribution lists, signatures).
  std::optional<User> FindUser(db::Tx& tx, UserId id) const;
  std::vector<User> ActiveUsersOf(db::Tx& tx, const std::vector<AgencyId>& agencies) const;
  std::string Hash(const std::string& password) const { return HashPassword(password, cost_); }
  // The password rules (length, not containing the username); kInvalidInput naming `field`.
  Status CheckPassword(const std::string& password, const std::string& username,
                       const char* field) const;

 private:
  bool MayAdminister(db::Tx& tx, const Actor& actor, AgencyId agency) const;

  db::Database& db_;
  const audit::Service& audit_;
  const org::Service& org_;
  const core::Clock& clock_;
  Settings settings_;
  HashCost cost_;
  std::unique_ptr<SessionCache> sessions_;
  // When this process last swept expired sessions (see Login).
  mutable std::atomic<core::Millis> last_sweep_{0};
};

std::span<const core::Message> Messages();
const std::vector<db::Migration>& Migrations();

}  // namespace eiso::auth
