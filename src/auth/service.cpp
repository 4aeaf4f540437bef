#include "auth/service.hpp"

#include <array>
#include <mutex>
#include <regex>
#include <unordered_map>

#include <sodium.h>

#include "auth/json.hpp"
#include "auth/store.hpp"

namespace eiso::auth {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles{{
    {Role::kAdministrator, "administrator"},
    {Role::kDostEvaluator, "dost_evaluator"},
    {Role::kLeader, "leader"},
    {Role::kIsoSecretary, "iso_secretary"},
    {Role::kOfficer, "officer"},
    {Role::kClerk, "clerk"},
    {Role::kInternalAuditor, "internal_auditor"},
}};

constexpr core::Millis kMinute = 60'000;
// last_seen_at is refreshed at most this often, so that reads stay reads.
constexpr core::Millis kTouchEvery = kMinute;
constexpr core::Millis kSweepEvery = 10 * kMinute;
constexpr int kSweepBatch = 1000;

std::string RandomToken() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Actor ToActor(const User& user, const std::string& session_hash) {
  Actor a;
  a.user_id = user.id;
  a.agency_id = user.agency_id;
  a.roles = user.roles;
  a.province_wide = user.province_wide;
  a.username = user.username;
  a.session_id_hash = session_hash;
  return a;
}

}  // namespace

// Sessions read from the database in the last few seconds, by the SHA-256 of their token. Only
// what a request needs is kept (no password hash). An entry is dropped after the commit of a change
// that ends or alters the session, and the drop bumps an epoch: a read that began before it does
// not put back what it read (it may predate the change).
class SessionCache {
 public:
  struct Entry {
    User user;
    std::string csrf_token;
    core::Millis created_at = 0;
    core::Millis last_seen_at = 0;
    core::Millis read_at = 0;
  };
  explicit SessionCache(core::Millis ttl) : ttl_(ttl) {}

  std::uint64_t Epoch() const {
    std::lock_guard lock(mu_);
    return epoch_;
  }
  std::optional<Entry> Get(const std::string& id_hash, core::Millis now) const {
    if (ttl_ <= 0) return std::nullopt;
    std::lock_guard lock(mu_);
    const auto it = entries_.find(id_hash);
    if (it == entries_.end() || it->second.read_at + ttl_ <= now) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& id_hash, Entry entry, std::uint64_t epoch) {
    if (ttl_ <= 0) return;
    std::lock_guard lock(mu_);
    if (epoch != epoch_) return;
    if (entries_.size() >= kMaxEntries) {
      std::erase_if(entries_, [&](const auto& e) { return e.second.read_at + ttl_ <= entry.read_at; });
      if (entries_.size() >= kMaxEntries) entries_.clear();
    }
    entries_.insert_or_assign(id_hash, std::move(entry));
  }
  void Touched(const std::string& id_hash, core::Millis now) {
    std::lock_guard lock(mu_);
    if (const auto it = entries_.find(id_hash); it != entries_.end()) it->second.last_seen_at = now;
  }
  void Drop(const std::string& id_hash) {
    std::lock_guard lock(mu_);
    ++epoch_;
    entries_.erase(id_hash);
  }
  // Every session of the user but `keep`.
  void DropUser(UserId user, const std::string& keep) {
    std::lock_guard lock(mu_);
    ++epoch_;
    std::erase_if(entries_, [&](const auto& e) { return e.second.user.id == user && e.first != keep; });
  }

 private:
  static constexpr std::size_t kMaxEntries = 20'000;
  const core::Millis ttl_;
  mutable std::mutex mu_;
  std::uint64_t epoch_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

Service::Service(db::Database& db, const audit::Service& audit, const org::Service& org,
                 const core::Clock& clock, Settings settings, HashCost cost)
    : db_(db), audit_(audit), org_(org), clock_(clock), settings_(settings), cost_(cost),
      sessions_(std::make_unique<SessionCache>(core::Millis{settings.session_cache_seconds} * 1000)) {}

Service::~Service() = default;

namespace {

// A stable hash to spend verification time on when the username is unknown, so that response
// time does not reveal which usernames exist.
const std::string& DummyHash(HashCost cost) {
  static const std::string kHash = HashPassword("eiso-no-such-user-password", cost);
  return kHash;
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles)
    if (r == role) return name;
  return "";
}

std::vector<std::string> RoleNames(std::uint32_t roles) {
  std::vector<std::string> out;
  for (const auto& [r, name] : kRoles)
    if (roles & static_cast<std::uint32_t>(r)) out.emplace_back(name);
  return out;
}

std::optional<std::uint32_t> ParseRoles(const std::vector<std::string>& names) {
  std::uint32_t roles = 0;
  for (const std::string& n : names) {
    bool known = false;
    for (const auto& [r, name] : kRoles)
      if (name == n) {
        roles |= static_cast<std::uint32_t>(r);
        known = true;
      }
    if (!known) return std::nullopt;
  }
  return roles;
}

Result<LoginResult> Service::Login(const std::string& username_in, const std::string& password,
                                   const std::string& ip, const std::string& user_agent) const {
  const std::string username = Lower(username_in);
  const core::Millis now = clock_.Now();
  // 1. The client address's budget of failed attempts, checked before any password work (so a
  // whole office behind one address is not locked out by its own successful sign-ins).
  const std::string throttle_key = "ip:" + ip;
  const core::Millis window = settings_.ip_window_minutes * kMinute;
  EISO_TRY(failures_here, db_.Read([&](db::Tx& tx) -> Result<std::int64_t> {
    return store::AttemptsInWindow(tx, throttle_key, now, window);
  }));
  if (failures_here >= settings_.ip_attempts_per_window) return Error::RateLimited("auth.too_many_attempts");
  // 2. The account, read without holding a write lock while argon2id runs.
  EISO_TRY(found, db_.Read([&](db::Tx& tx) -> Result<std::optional<store::Credentials>> {
    return store::FindByUsername(tx, username);
  }));
  if (!found) {
    VerifyPassword(DummyHash(cost_), password);
    EISO_CHECK(db_.Write([&](db::Tx& tx) -> Status {
      store::CountAttempt(tx, throttle_key, now, window);
      audit_.Record(tx, Actor{}, {"auth.login_failed", "user", std::nullopt, std::nullopt, nullptr,
                                  {{"username", username.substr(0, 64)}, {"ip", ip}, {"reason", "unknown_user"}}});
      return Ok();
    }));
    return Error{ErrorCode::kUnauthenticated, "auth.bad_credentials", {}, {}};
  }
  const store::Credentials& account = *found;
  if (account.locked_until > now) return Error::RateLimited("auth.locked");
  const bool password_ok = VerifyPassword(account.password_hash, password);
  const std::string rehash =
      password_ok && NeedsRehash(account.password_hash, cost_) ? HashPassword(password, cost_) : "";
  // 3. Record the outcome. A failure is committed too, and then reported to the caller.
  struct Outcome {
    std::optional<LoginResult> success;
    bool locked = false;
  };
  EISO_TRY(outcome, db_.Write([&](db::Tx& tx) -> Result<Outcome> {
    const Actor actor = ToActor(account.user, "");
    if (!password_ok || !account.user.active) {
      store::CountAttempt(tx, throttle_key, now, window);
      const std::int64_t failures = account.failed_logins + 1;
      const bool lock = failures >= settings_.max_failed_logins;
      store::RecordFailure(tx, account.user.id, lock ? 0 : failures,
                           lock ? now + settings_.lockout_minutes * kMinute : 0);
      audit_.Record(tx, actor, {lock ? "auth.locked" : "auth.login_failed", "user", account.user.id,
                                account.user.agency_id, nullptr,
                                {{"ip", ip}, {"failures", failures},
                                 {"reason", account.user.active ? "bad_password" : "inactive"}}});
      return Outcome{std::nullopt, lock};
    }
    store::ResetFailures(tx, account.user.id);
    if (!rehash.empty()) store::SetPasswordHash(tx, account.user.id, rehash, now);
    LoginResult result;
    result.session_token = RandomToken();
    result.csrf_token = RandomToken();
    store::InsertSession(tx, Sha256Hex(result.session_token), account.user.id, result.csrf_token, now,
                         ip, user_agent);
    // Sessions expire when next used; those never used again are swept here, by a sign-in, at
    // most every kSweepEvery per process and a bounded batch at a time.
    if (core::Millis last = last_sweep_.load(); now - last >= kSweepEvery && last_sweep_.compare_exchange_strong(last, now))
      store::DeleteExpiredSessions(tx, now - settings_.session_idle_minutes * kMinute,
                                   now - settings_.session_max_hours * 60 * kMinute, kSweepBatch);
    result.user = account.user;
    if (auto agency = org_.Find(tx, account.user.agency_id)) result.user.agency_name = agency->name;
    // Last, after the read above: the audit chain's lock is not held across a round trip.
    audit_.Record(tx, actor, {"auth.login", "user", account.user.id, account.user.agency_id, nullptr,
                              {{"ip", ip}}});
    return Outcome{std::move(result), false};
  }));
  if (outcome.locked) return Error::RateLimited("auth.locked");
  if (!outcome.success) return Error{ErrorCode::kUnauthenticated, "auth.bad_credentials", {}, {}};
  return std::move(*outcome.success);
}

Status Service::Logout(const Actor& actor) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  Status done = db_.Write([&](db::Tx& tx) -> Status {
    store::DeleteSession(tx, actor.session_id_hash);
    audit_.Record(tx, actor, {"auth.logout", "user", actor.user_id, actor.agency_id, nullptr, nullptr});
    return Ok();
  });
  sessions_->Drop(actor.session_id_hash);
  return done;
}

Result<Session> Service::Authenticate(const std::string& session_token) const {
  if (session_token.empty() || session_token.size() > 100) return Error::Unauthenticated();
  const std::string id_hash = Sha256Hex(session_token);
  const core::Millis now = clock_.Now();
  std::optional<SessionCache::Entry> row = sessions_->Get(id_hash, now);
  if (!row) {
    const std::uint64_t epoch = sessions_->Epoch();
    EISO_TRY(found, db_.ReadStatement([&](db::Tx& tx) -> Result<std::optional<store::SessionRow>> {
      return store::FindSession(tx, id_hash);
    }));
    if (!found) return Error::Unauthenticated("auth.session_expired");
    row = SessionCache::Entry{std::move(found->credentials.user), std::move(found->csrf_token), found->created_at,
                              found->last_seen_at, now};
    sessions_->Put(id_hash, *row, epoch);
  }
  const bool idle = row->last_seen_at + settings_.session_idle_minutes * kMinute <= now;
  const bool too_old = row->created_at + settings_.session_max_hours * 60 * kMinute <= now;
  if (idle || too_old || !row->user.active) {
    EISO_CHECK(db_.Write([&](db::Tx& tx) -> Status {
      store::DeleteSession(tx, id_hash);
      return Ok();
    }));
    sessions_->Drop(id_hash);
    return Error::Unauthenticated("auth.session_expired");
  }
  if (row->last_seen_at + kTouchEvery <= now) {
    EISO_CHECK(db_.Write([&](db::Tx& tx) -> Status {
      store::TouchSession(tx, id_hash, now);
      return Ok();
    }));
    sessions_->Touched(id_hash, now);
  }
  return Session{ToActor(row->user, id_hash), row->csrf_token};
}

Result<User> Service::Me(const Actor& actor) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return GetUser(actor, actor.user_id);
}

Status Service::CheckPassword(const std::string& password, const std::string& username,
                              const char* field) const {
  if (password.size() < static_cast<std::size_t>(settings_.min_password_length))
    return Error::Invalid("auth.password_too_short", field);
  if (password.size() > 200) return Error::Invalid("common.too_long", field);
  if (Lower(password).find(Lower(username)) != std::string::npos && !username.empty())
    return Error::Invalid("auth.password_contains_username", field);
  return Ok();
}

Status Service::ChangePassword(const Actor& actor, const std::string& current,
                               const std::string& next) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  EISO_TRY(found, db_.Read([&](db::Tx& tx) -> Result<std::optional<store::Credentials>> {
    return store::FindById(tx, actor.user_id);
  }));
  if (!found) return Error::Unauthenticated();
  if (!VerifyPassword(found->password_hash, current))
    return Error::Invalid("auth.current_password_wrong", "current_password");
  EISO_CHECK(CheckPassword(next, found->user.username, "new_password"));
  if (next == current) return Error::Invalid("auth.password_unchanged", "new_password");
  const std::string hash = HashPassword(next, cost_);
  Status done = db_.Write([&](db::Tx& tx) -> Status {
    store::SetPasswordHash(tx, actor.user_id, hash, clock_.Now());
    store::DeleteSessionsOf(tx, actor.user_id, actor.session_id_hash);
    audit_.Record(tx, actor, {"auth.password_changed", "user", actor.user_id, actor.agency_id, nullptr, nullptr});
    return Ok();
  });
  sessions_->DropUser(actor.user_id, actor.session_id_hash);
  return done;
}

bool Service::MayAdminister(db::Tx& tx, const Actor& actor, AgencyId agency) const {
  if (!actor.Has(Role::kAdministrator)) return false;
  return actor.province_wide || org_.IsWithin(tx, actor.agency_id, agency);
}

Result<std::vector<User>> Service::ListUsers(const Actor& actor, std::optional<AgencyId> agency_id,
                                             const std::string& query) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<User>> {
    std::vector<AgencyId> scope;
    if (agency_id) {
      if (*agency_id != actor.agency_id && !MayAdminister(tx, actor, *agency_id)) return Error::Forbidden();
      scope = {*agency_id};
    } else if (!(actor.Has(Role::kAdministrator) && actor.province_wide)) {
      scope = actor.Has(Role::kAdministrator) ? org_.Subtree(tx, actor.agency_id)
                                              : std::vector<AgencyId>{actor.agency_id};
    }
    std::vector<User> users = store::List(tx, scope, query);
    for (User& u : users)
      if (auto agency = org_.Find(tx, u.agency_id)) u.agency_name = agency->name;
    return users;
  });
}

std::optional<User> Service::FindUser(db::Tx& tx, UserId id) const {
  auto found = store::FindById(tx, id);
  if (!found) return std::nullopt;
  return found->user;
}

std::vector<User> Service::ActiveUsersOf(db::Tx& tx, const std::vector<AgencyId>& agencies) const {
  if (agencies.empty()) return {};
  std::vector<User> users = store::List(tx, agencies, "");
  std::erase_if(users, [](const User& u) { return !u.active; });
  return users;
}

Result<User> Service::GetUser(const Actor& actor, UserId id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<User> {
    auto found = store::FindById(tx, id);
    // Another agency's user is "not found", not "forbidden": ids cannot be probed.
    if (!found || (found->user.id != actor.user_id && found->user.agency_id != actor.agency_id &&
                   !MayAdminister(tx, actor, found->user.agency_id)))
      return Error::NotFound("auth.user_not_found");
    User user = found->user;
    if (auto agency = org_.Find(tx, user.agency_id)) user.agency_name = agency->name;
    return user;
  });
}

Result<UserId> Service::AddUser(db::Tx& tx, const Actor& actor, const UserInput& input,
                                const std::string& password_hash) const {
  static const std::regex kUsername(R"([a-z0-9][a-z0-9._-]{2,63})");
  if (!std::regex_match(input.username, kUsername)) return Error::Invalid("auth.bad_username", "username");
  if (input.full_name.size() < 2) return Error::Invalid("auth.full_name_required", "full_name");
  if (input.roles == 0) return Error::Invalid("auth.role_required", "roles");
  auto agency = org_.Find(tx, input.agency_id);
  if (!agency) return Error::Invalid("auth.agency_not_found", "agency_id");
  if (!agency->active) return Error::Precondition("auth.agency_inactive", "agency_id");
  UserId id = 0;
  try {
    id = store::Insert(tx, input, password_hash, clock_.Now());
  } catch (const db::UniqueViolation&) {
    return Error::Conflict("auth.username_taken", "username");
  }
  User created = store::FindById(tx, id)->user;
  audit_.Record(tx, actor, {"auth.user_created", "user", id, input.agency_id, nullptr, ToJson(created)});
  return id;
}

Result<User> Service::CreateUser(const Actor& actor, const UserInput& input_in) const {
  UserInput input = input_in;
  input.username = Lower(input.username);
  if (!actor.Has(Role::kAdministrator)) return Error::Forbidden();
  if (input.province_wide && !actor.province_wide) return Error::Forbidden();
  EISO_CHECK(CheckPassword(input.password, input.username, "password"));
  const std::string hash = HashPassword(input.password, cost_);
  return db_.Write([&](db::Tx& tx) -> Result<User> {
    if (!org_.Find(tx, input.agency_id)) return Error::Invalid("auth.agency_not_found", "agency_id");
    if (!MayAdminister(tx, actor, input.agency_id)) return Error::Forbidden();
    EISO_TRY(id, AddUser(tx, actor, input, hash));
    User user = store::FindById(tx, id)->user;
    if (auto agency = org_.Find(tx, user.agency_id)) user.agency_name = agency->name;
    return user;
  });
}

Result<User> Service::UpdateUser(const Actor& actor, UserId id, const UserInput& input_in) const {
  Result<User> updated = db_.Write([&](db::Tx& tx) -> Result<User> {
    auto before = store::FindById(tx, id);
    UserInput input = input_in;
    if (before && !input.province_wide_sent) input.province_wide = before->user.province_wide;
    if (!before || !MayAdminister(tx, actor, before->user.agency_id)) {
      if (before && (before->user.agency_id == actor.agency_id || before->user.id == actor.user_id))
        return Error::Forbidden();
      return Error::NotFound("auth.user_not_found");
    }
    if (!org_.Find(tx, input.agency_id)) return Error::Invalid("auth.agency_not_found", "agency_id");
    if (!MayAdminister(tx, actor, input.agency_id)) return Error::Forbidden();
    if (input.province_wide != before->user.province_wide && !actor.province_wide) return Error::Forbidden();
    if (input.full_name.size() < 2) return Error::Invalid("auth.full_name_required", "full_name");
    if (input.roles == 0) return Error::Invalid("auth.role_required", "roles");
    if (id == actor.user_id && !input.active) return Error::Precondition("auth.cannot_demote_self", "active");
    if (id == actor.user_id && !(input.roles & static_cast<std::uint32_t>(Role::kAdministrator)))
      return Error::Precondition("auth.cannot_demote_self", "roles");
    store::Update(tx, id, input, clock_.Now());
    if (!input.active) store::DeleteSessionsOf(tx, id, "");
    User after = store::FindById(tx, id)->user;
    audit_.Record(tx, actor, {"auth.user_updated", "user", id, after.agency_id, ToJson(before->user), ToJson(after)});
    if (auto agency = org_.Find(tx, after.agency_id)) after.agency_name = agency->name;
    return after;
  });
  sessions_->DropUser(id, "");  // roles, agency or active may have changed: read the sessions again
  return updated;
}

Status Service::ResetPassword(const Actor& actor, UserId id, const std::string& password) const {
  EISO_TRY(target, db_.Read([&](db::Tx& tx) -> Result<store::Credentials> {
    auto found = store::FindById(tx, id);
    if (!found || !MayAdminister(tx, actor, found->user.agency_id)) {
      if (found && found->user.agency_id == actor.agency_id) return Error::Forbidden();
      return Error::NotFound("auth.user_not_found");
    }
    return *found;
  }));
  EISO_CHECK(CheckPassword(password, target.user.username, "new_password"));
  const std::string hash = HashPassword(password, cost_);
  Status done = db_.Write([&](db::Tx& tx) -> Status {
    store::SetPasswordHash(tx, id, hash, clock_.Now());
    store::DeleteSessionsOf(tx, id, "");
    audit_.Record(tx, actor, {"auth.password_reset", "user", id, target.user.agency_id, nullptr, nullptr});
    return Ok();
  });
  sessions_->DropUser(id, "");
  return done;
}

Status Service::SetPassword(const std::string& username, const std::string& password) const {
  EISO_TRY(found, db_.Read([&](db::Tx& tx) -> Result<std::optional<store::Credentials>> {
    return store::FindByUsername(tx, Lower(username));
  }));
  if (!found) return Error::NotFound("auth.user_not_found");
  EISO_CHECK(CheckPassword(password, found->user.username, "password"));
  const std::string hash = HashPassword(password, cost_);
  Status done = db_.Write([&](db::Tx& tx) -> Status {
    store::SetPasswordHash(tx, found->user.id, hash, clock_.Now());
    store::DeleteSessionsOf(tx, found->user.id, "");
    audit_.Record(tx, Actor{}, {"auth.password_reset", "user", found->user.id, found->user.agency_id, nullptr,
                                {{"by", "cli"}}});
    return Ok();
  });
  sessions_->DropUser(found->user.id, "");
  return done;
}

}  // namespace eiso::auth
