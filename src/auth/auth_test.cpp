#include <gtest/gtest.h>

#include "auth/password.hpp"
#include "auth/service.hpp"
#include "testing/test_db.hpp"

namespace eiso::auth {
namespace {

TEST(Password, HashesWithArgon2idAndVerifies) {
  const std::string hash = HashPassword("mật khẩu đủ dài 2026", HashCost::kMinimum);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "mật khẩu đủ dài 2026"));
  EXPECT_FALSE(VerifyPassword(hash, "mật khẩu đủ dài 2027"));
  EXPECT_NE(hash, HashPassword("mật khẩu đủ dài 2026", HashCost::kMinimum)) << "salted";
  EXPECT_TRUE(NeedsRehash(hash, HashCost::kInteractive));
  EXPECT_FALSE(NeedsRehash(hash, HashCost::kMinimum));
}

class AuthService : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = db_->Write([&](db::Tx& tx) -> Result<UserId> {
      org::AgencyInput a{.name = "Sở Khoa học và Công nghệ", .short_name = "Sở KH&CN",
                         .kind = org::Kind::kDepartment, .unit_code = "000.00.15.H06",
                         .valid_from = "2020-01-01"};
      EISO_TRY(agency_a, org_.Insert(tx, Actor{}, a));
      a.name = "Cục Thuế";
      a.short_name = "Cục Thuế";
      a.kind = org::Kind::kVertical;
      a.unit_code = "000.00.91.H06";
      EISO_TRY(agency_b, org_.Insert(tx, Actor{}, a));
      agency_a_ = agency_a;
      agency_b_ = agency_b;
      UserInput admin{.agency_id = agency_a, .username = "khcn.admin", .full_name = "Lê Văn Cường",
                      .roles = static_cast<std::uint32_t>(Role::kAdministrator)};
      EISO_TRY(id, auth_.AddUser(tx, Actor{}, admin, auth_.Hash(kPassword)));
      UserInput clerk{.agency_id = agency_b, .username = "thue.motcua", .full_name = "Chu Thị Anh",
                      .roles = static_cast<std::uint32_t>(Role::kClerk)};
      EISO_TRY(clerk_id, auth_.AddUser(tx, Actor{}, clerk, auth_.Hash(kPassword)));
      clerk_id_ = clerk_id;
      return id;
    });
    ASSERT_TRUE(created.ok()) << created.error().message_key << created.error().detail;
  }

  static constexpr const char* kPassword = "correct horse 2026";
  static constexpr core::Millis kMinute = 60'000;
  core::FakeClock clock_{1'795'000'000'000};
  std::unique_ptr<db::Database> db_ =
      testing::FreshDatabase({&audit::Migrations(), &org::Migrations(), &Migrations()});
  audit::Service audit_{clock_};
  org::Service org_{*db_, audit_, clock_};
  static Settings TestSettings() {
    Settings s;
    s.max_failed_logins = 3;
    s.lockout_minutes = 15;
    s.session_idle_minutes = 30;
    s.session_max_hours = 8;
    return s;
  }
  Settings settings_ = TestSettings();
  // What another process signing everyone out does: the rows go, this Service is not told.
  void EndAllSessionsElsewhere() {
    ASSERT_TRUE(db_->Write([](db::Tx& tx) -> Status {
      tx.Exec("DELETE FROM sessions");
      return Ok();
    }).ok());
  }
  Service auth_{*db_, audit_, org_, clock_, settings_, HashCost::kMinimum};
  AgencyId agency_a_ = 0, agency_b_ = 0;
  UserId clerk_id_ = 0;
};

TEST_F(AuthService, LogsInAndAuthenticatesTheSession) {
  auto login = auth_.Login("KHCN.Admin", kPassword, "10.0.0.1", "test");
  ASSERT_TRUE(login.ok()) << login.error().message_key;
  EXPECT_EQ(login->user.username, "khcn.admin");
  EXPECT_EQ(login->user.agency_name, "Sở Khoa học và Công nghệ");
  auto session = auth_.Authenticate(login->session_token);
  ASSERT_TRUE(session.ok());
  EXPECT_TRUE(session->actor.Has(Role::kAdministrator));
  EXPECT_EQ(session->csrf_token, login->csrf_token);
  EXPECT_FALSE(auth_.Authenticate("forged-token").ok());
}

TEST_F(AuthService, SessionsExpireWhenIdleAndAtTheirMaximumAge) {
  Service& auth = auth_;
  auto login = auth.Login("khcn.admin", kPassword, "10.0.0.1", "");
  ASSERT_TRUE(login.ok());
  clock_.Advance(29 * kMinute);
  EXPECT_TRUE(auth.Authenticate(login->session_token).ok()) << "used within the idle time";
  clock_.Advance(29 * kMinute);
  EXPECT_TRUE(auth.Authenticate(login->session_token).ok()) << "the previous use slid the window";
  clock_.Advance(31 * kMinute);
  auto idle = auth.Authenticate(login->session_token);
  ASSERT_FALSE(idle.ok());
  EXPECT_EQ(idle.error().message_key, "auth.session_expired");

  auto second = auth.Login("khcn.admin", kPassword, "10.0.0.1", "");
  ASSERT_TRUE(second.ok());
  for (int i = 0; i < 17; ++i) {  // busy all day: 17 × 29 min > 8 h
    clock_.Advance(29 * kMinute);
    if (!auth.Authenticate(second->session_token).ok()) {
      EXPECT_GE(i, 15) << "ended only at the maximum age";
      return;
    }
  }
  FAIL() << "a session outlived its maximum age";
}

// A session nobody uses again does not stay in the table for ever: a later sign-in sweeps it.
TEST_F(AuthService, SessionsNeverUsedAgainAreSweptByALaterSignIn) {
  const auto sessions = [&] {
    return db_->Read([](db::Tx& tx) -> Result<std::int64_t> {
      return tx.QueryOne("SELECT COUNT(*) FROM sessions")->Int(0);
    }).value();
  };
  ASSERT_TRUE(auth_.Login("khcn.admin", kPassword, "10.0.0.1", "").ok());   // sweeps nothing yet
  ASSERT_TRUE(auth_.Login("thue.motcua", kPassword, "10.0.0.2", "").ok());
  EXPECT_EQ(sessions(), 2);
  clock_.Advance(20 * kMinute);
  auto fresh = auth_.Login("khcn.admin", kPassword, "10.0.0.1", "");   // the others are 20 min old
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(sessions(), 3);
  clock_.Advance(15 * kMinute);   // the first two idle for 35 min, the third for 15
  ASSERT_TRUE(auth_.Login("thue.motcua", kPassword, "10.0.0.2", "").ok());
  EXPECT_EQ(sessions(), 2);
  EXPECT_TRUE(auth_.Authenticate(fresh->session_token).ok());
}

TEST_F(AuthService, LocksTheAccountAfterRepeatedFailuresThenUnlocks) {
  for (int i = 0; i < 2; ++i) {
    auto bad = auth_.Login("khcn.admin", "wrong password!", "10.0.0.1", "");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message_key, "auth.bad_credentials");
  }
  auto third = auth_.Login("khcn.admin", "wrong password!", "10.0.0.1", "");
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().message_key, "auth.locked");
  auto right_but_locked = auth_.Login("khcn.admin", kPassword, "10.0.0.1", "");
  ASSERT_FALSE(right_but_locked.ok());
  EXPECT_EQ(right_but_locked.error().message_key, "auth.locked");
  clock_.Advance(16 * kMinute);
  EXPECT_TRUE(auth_.Login("khcn.admin", kPassword, "10.0.0.1", "").ok());
}

TEST_F(AuthService, ThrottlesOneAddressAcrossAccounts) {
  Settings tight = settings_;
  tight.ip_attempts_per_window = 4;
  Service auth(*db_, audit_, org_, clock_, tight, HashCost::kMinimum);
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(auth.Login("nobody" + std::to_string(i), "x", "10.9.9.9", "").ok());
  auto limited = auth.Login("khcn.admin", kPassword, "10.9.9.9", "");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().message_key, "auth.too_many_attempts");
  EXPECT_TRUE(auth.Login("khcn.admin", kPassword, "10.1.1.1", "").ok()) << "other addresses unaffected";
  clock_.Advance(tight.ip_window_minutes * kMinute);
  EXPECT_TRUE(auth.Login("khcn.admin", kPassword, "10.9.9.9", "").ok()) << "a new window";
}

TEST_F(AuthService, FailuresAndSuccessesAreAudited) {
  ASSERT_FALSE(auth_.Login("khcn.admin", "wrong password!", "10.0.0.1", "").ok());
  ASSERT_TRUE(auth_.Login("khcn.admin", kPassword, "10.0.0.1", "").ok());
  auto actions = db_->Read([&](db::Tx& tx) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    for (const auto& r : tx.Query("SELECT action FROM audit_events WHERE action LIKE 'auth.login%' ORDER BY id"))
      out.push_back(r.Text(0));
    return out;
  });
  EXPECT_EQ(*actions, (std::vector<std::string>{"auth.login_failed", "auth.login"}));
  EXPECT_FALSE(audit_.Verify(*db_)->first_broken_id.has_value());
}

TEST_F(AuthService, ChangingThePasswordEndsOtherSessions) {
  auto first = auth_.Login("khcn.admin", kPassword, "10.0.0.1", "");
  auto second = auth_.Login("khcn.admin", kPassword, "10.0.0.2", "");
  ASSERT_TRUE(first.ok() && second.ok());
  const Actor actor = auth_.Authenticate(first->session_token)->actor;
  auto wrong = auth_.ChangePassword(actor, "not it at all", "a brand new secret");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field, "current_password");
  auto short_one = auth_.ChangePassword(actor, kPassword, "short");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().field, "new_password");
  ASSERT_TRUE(auth_.ChangePassword(actor, kPassword, "a brand new secret").ok());
  EXPECT_TRUE(auth_.Authenticate(first->session_token).ok());
  EXPECT_FALSE(auth_.Authenticate(second->session_token).ok());
  EXPECT_FALSE(auth_.Login("khcn.admin", kPassword, "10.0.0.1", "").ok());
  EXPECT_TRUE(auth_.Login("khcn.admin", "a brand new secret", "10.0.0.1", "").ok());
}

// Sessions are kept for [auth] session_cache_seconds (2 by default): a session ended by another
// process (here: its row deleted behind the Service's back) still serves for that long, and no longer.
TEST_F(AuthService, ASessionEndedElsewhereIsReadAgainAfterTheCacheSeconds) {
  auto login = auth_.Login("khcn.admin", kPassword, "10.0.0.1", "");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(auth_.Authenticate(login->session_token).ok());
  EndAllSessionsElsewhere();
  clock_.Advance(1'999);
  EXPECT_TRUE(auth_.Authenticate(login->session_token).ok()) << "served from the cache";
  clock_.Advance(1);
  auto ended = auth_.Authenticate(login->session_token);
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().message_key, "auth.session_expired");

  Settings uncached = settings_;
  uncached.session_cache_seconds = 0;
  Service auth{*db_, audit_, org_, clock_, uncached, HashCost::kMinimum};
  auto again = auth.Login("khcn.admin", kPassword, "10.0.0.1", "");
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(auth.Authenticate(again->session_token).ok());
  EndAllSessionsElsewhere();
  EXPECT_FALSE(auth.Authenticate(again->session_token).ok()) << "0: read on every request";
}

// What this Service changes does not wait for the cache: signing out, deactivating the user,
// changing roles, and resetting the password take effect on the next request.
TEST_F(AuthService, ChangesMadeHereEndOrUpdateCachedSessionsAtOnce) {
  auto admin_login = auth_.Login("khcn.admin", kPassword, "10.0.0.1", "");
  auto clerk_login = auth_.Login("thue.motcua", kPassword, "10.0.0.2", "");
  ASSERT_TRUE(admin_login.ok() && clerk_login.ok());
  const Actor admin = auth_.Authenticate(admin_login->session_token)->actor;
  ASSERT_TRUE(auth_.Authenticate(clerk_login->session_token).ok());

  // A province-wide administrator may manage the clerk; give the admin that scope directly.
  ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
    tx.Exec("UPDATE users SET province_wide = ? WHERE id = ?", {true, admin.user_id});
    return Ok();
  }).ok());
  clock_.Advance(2'000);
  const Actor province_admin = auth_.Authenticate(admin_login->session_token)->actor;
  ASSERT_TRUE(province_admin.province_wide);
  ASSERT_FALSE(auth_.Authenticate(clerk_login->session_token)->actor.Has(Role::kOfficer));  // cached anew

  UserInput change{.agency_id = agency_b_, .username = "thue.motcua", .full_name = "Chu Thị Anh",
                   .roles = static_cast<std::uint32_t>(Role::kClerk) | static_cast<std::uint32_t>(Role::kOfficer)};
  ASSERT_TRUE(auth_.UpdateUser(province_admin, clerk_id_, change).ok());
  auto clerk = auth_.Authenticate(clerk_login->session_token);
  ASSERT_TRUE(clerk.ok());
  EXPECT_TRUE(clerk->actor.Has(Role::kOfficer)) << "the new role shows on the next request";

  change.active = false;
  ASSERT_TRUE(auth_.UpdateUser(province_admin, clerk_id_, change).ok());
  EXPECT_FALSE(auth_.Authenticate(clerk_login->session_token).ok()) << "deactivated: signed out at once";

  change.active = true;
  ASSERT_TRUE(auth_.UpdateUser(province_admin, clerk_id_, change).ok());
  auto clerk_again = auth_.Login("thue.motcua", kPassword, "10.0.0.2", "");
  ASSERT_TRUE(clerk_again.ok());
  ASSERT_TRUE(auth_.Authenticate(clerk_again->session_token).ok());
  ASSERT_TRUE(auth_.ResetPassword(province_admin, clerk_id_, "another long secret").ok());
  EXPECT_FALSE(auth_.Authenticate(clerk_again->session_token).ok()) << "password reset: signed out at once";

  ASSERT_TRUE(auth_.Logout(province_admin).ok());
  EXPECT_FALSE(auth_.Authenticate(admin_login->session_token).ok()) << "signed out at once";
}

TEST_F(AuthService, AnAgencyAdministratorCannotReachAnotherAgencysUsers) {
  auto login = auth_.Login("khcn.admin", kPassword, "10.0.0.1", "");
  ASSERT_TRUE(login.ok());
  const Actor admin = auth_.Authenticate(login->session_token)->actor;
  EXPECT_EQ(auth_.ListUsers(admin, agency_b_, "").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(auth_.GetUser(admin, clerk_id_).error().code, ErrorCode::kNotFound);
  UserInput change{.agency_id = agency_b_, .full_name = "Đổi tên", .roles = static_cast<std::uint32_t>(Role::kClerk)};
  EXPECT_EQ(auth_.UpdateUser(admin, clerk_id_, change).error().code, ErrorCode::kNotFound);
  auto own = auth_.ListUsers(admin, std::nullopt, "");
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ((*own)[0].username, "khcn.admin");
}

}  // namespace
}  // namespace eiso::auth
