#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "audit/service.hpp"
#include "testing/test_db.hpp"

namespace eiso::audit {
namespace {

class AuditChain : public ::testing::Test {
 protected:
  void Append(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
        Actor actor;
        actor.user_id = 7;
        actor.agency_id = 3;
        audit_.Record(tx, actor, {"test.changed", "thing", i + 1, 3, {{"n", i}}, {{"n", i + 1}}});
        clock_.Advance(1000);
        return Ok();
      }).ok());
    }
  }
  // Changes a stored row behind the service's back, as an intruder with file access would.
  void Tamper(const std::string& sql) {
    ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
      tx.Exec("DROP TRIGGER audit_events_no_update");
      tx.Exec("DROP TRIGGER audit_events_no_delete");
      tx.Exec(sql);
      return Ok();
    }).ok());
  }

  core::FakeClock clock_{1'795'000'000'000};
  std::unique_ptr<db::Database> db_ = testing::FreshDatabase({&Migrations()});
  Service audit_{clock_};
};

TEST_F(AuditChain, AnIntactChainVerifies) {
  Append(12);
  auto report = audit_.Verify(*db_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->events_checked, 12);
  EXPECT_FALSE(report->first_broken_id.has_value());
}

TEST_F(AuditChain, AChangedRowIsTheFirstBrokenLink) {
  Append(10);
  Tamper("UPDATE audit_events SET after_json = '{\"n\":999}' WHERE id = 6");
  auto report = audit_.Verify(*db_);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->first_broken_id.has_value());
  EXPECT_EQ(*report->first_broken_id, 6);
  EXPECT_EQ(report->events_checked, 5);
}

TEST_F(AuditChain, ADeletedRowBreaksTheNextLink) {
  Append(10);
  Tamper("DELETE FROM audit_events WHERE id = 4");
  auto report = audit_.Verify(*db_);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->first_broken_id.has_value());
  EXPECT_EQ(*report->first_broken_id, 5);
}

TEST_F(AuditChain, ARecomputedHashStillBreaksTheFollowingLink) {
  Append(5);
  // The intruder rewrites row 2 and its hash, but cannot rewrite every later prev_hash unnoticed.
  Tamper("UPDATE audit_events SET action = 'test.hidden', hash = 'f00d' WHERE id = 2");
  auto report = audit_.Verify(*db_);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->first_broken_id.has_value());
  EXPECT_EQ(*report->first_broken_id, 2);
}

TEST_F(AuditChain, TheTableRefusesUpdatesAndDeletes) {
  Append(2);
  auto update = db_->Write([&](db::Tx& tx) -> Status {
    tx.Exec("UPDATE audit_events SET action = 'x' WHERE id = 1");
    return Ok();
  });
  EXPECT_FALSE(update.ok());
  auto remove = db_->Write([&](db::Tx& tx) -> Status {
    tx.Exec("DELETE FROM audit_events");
    return Ok();
  });
  EXPECT_FALSE(remove.ok());
  EXPECT_EQ(audit_.Verify(*db_)->events_checked, 2);
}

TEST_F(AuditChain, TimeNeverRunsBackwardsInTheChain) {
  Append(1);
  clock_.Advance(-60'000);  // the system clock is stepped back
  Append(1);
  auto times = db_->Read([&](db::Tx& tx) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    for (const auto& r : tx.Query("SELECT at FROM audit_events ORDER BY id")) out.push_back(r.Int(0));
    return out;
  });
  ASSERT_EQ(times->size(), 2u);
  EXPECT_GE((*times)[1], (*times)[0]);
  EXPECT_TRUE(audit_.Verify(*db_)->first_broken_id == std::nullopt);
}

// A value the database fills in (Event::fill): stored and hashed as filled, on either backend.
void AppendFilled(db::Database& db, const Service& audit) {
  ASSERT_TRUE(db.Write([&](db::Tx& tx) -> Status {
    Actor clerk;
    clerk.user_id = 7;
    Event event{"dossier.received", "dossier", 42, 3, nullptr,
                {{"number", "{{number}}"}, {"again", "số {{number}}"}, {"status", 2}}};
    event.fill = Event::FromServer{"{{number}}", "SELECT CAST(? AS TEXT) || '-0042'", {"H06-261125"}};
    audit.Record(tx, clerk, event);
    return Ok();
  }).ok());
  const auto after = db.Read([](db::Tx& tx) -> Result<std::string> {
    return tx.QueryOne("SELECT after_json FROM audit_events ORDER BY id DESC LIMIT 1")->Text(0);
  });
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(nlohmann::json::parse(*after),
            nlohmann::json({{"number", "H06-261125-0042"}, {"again", "số H06-261125-0042"}, {"status", 2}}));
  const auto report = audit.Verify(db);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->first_broken_id, std::nullopt) << report->reason;
}

TEST_F(AuditChain, AValueFilledInByTheDatabaseIsStoredAndHashedAsFilled) {
  Append(2);
  AppendFilled(*db_, audit_);
}

// The same chain appended on PostgreSQL, where the server reads the head and computes the hash in
// SQL: Verify recomputes every link with the C++ hash, so these pass only if both agree byte for
// byte. Runs through scripts/with-postgres.sh (ctest: audit_postgres).
class AuditChainPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("EISO_TEST_PG_URL");
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "EISO_TEST_PG_URL not set; run through scripts/with-postgres.sh";
    auto opened = db::Database::Open(url, {.pool_size = 4});
    ASSERT_TRUE(opened.ok()) << opened.error().detail;
    db_ = std::move(*opened);
    ASSERT_TRUE(db_->Write([](db::Tx& tx) -> Status {
      tx.Exec("DROP SCHEMA public CASCADE");
      tx.Exec("CREATE SCHEMA public");
      return Ok();
    }).ok());
    auto applied = db_->Migrate(Migrations());
    ASSERT_TRUE(applied.ok()) << applied.error().detail;
  }
  Status Append(const Actor& actor, const Event& event) {
    return db_->Write([&](db::Tx& tx) -> Status {
      audit_.Record(tx, actor, event);
      return Ok();
    });
  }
  std::int64_t Count() {
    return db_->Read([](db::Tx& tx) -> Result<std::int64_t> {
      return tx.QueryOne("SELECT COUNT(*) FROM audit_events")->Int(0);
    }).value();
  }

  core::FakeClock clock_{1'795'000'000'000};
  std::unique_ptr<db::Database> db_;
  Service audit_{clock_};
};

TEST_F(AuditChainPostgres, TheServersHashesVerifyWithTheSameHashAsSqlite) {
  Actor clerk;
  clerk.user_id = 7;
  clerk.agency_id = 3;
  const Actor system;   // no user, no agency: empty fields in the hash
  ASSERT_TRUE(Append(system, {"auth.login_failed", "session", std::nullopt, std::nullopt, nullptr, nullptr}).ok());
  ASSERT_TRUE(Append(clerk, {"dossier.received", "dossier", 42, 3, nullptr,
                             {{"applicant", "Nguyễn Thị Ánh Tuyết"}, {"note", "Hồ sơ đủ thành phần; \"trích lục\" 100%"}}}).ok());
  clock_.Advance(-3'600'000);   // the system clock stepped back: the chain's time stays where it was
  ASSERT_TRUE(Append(clerk, {"org.agency_renamed", "agency", -5, 3, {{"name", "Sở Tư pháp"}}, {{"name", "Sở Tư pháp tỉnh Bắc Ninh"}}}).ok());
  ASSERT_TRUE(Append(clerk, {"org.agency_removed", "agency", 9, std::nullopt, {{"n", 1}}, nullptr}).ok());

  const auto report = audit_.Verify(*db_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->events_checked, 4);
  EXPECT_EQ(report->first_broken_id, std::nullopt) << report->reason;
  const auto rows = db_->Read([](db::Tx& tx) -> Result<db::Rows> {
    return tx.Query("SELECT at, actor_user_id, before_json, after_json FROM audit_events ORDER BY id");
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].Int(0), 1'795'000'000'000);
  EXPECT_EQ((*rows)[2].Int(0), 1'795'000'000'000);   // not an hour earlier
  EXPECT_EQ((*rows)[0].OptInt(1), std::nullopt);
  EXPECT_EQ((*rows)[1].OptText(2), std::nullopt);     // no "before": stored as NULL, hashed as ""
  EXPECT_EQ((*rows)[3].OptText(3), std::nullopt);
}

TEST_F(AuditChainPostgres, AValueFilledInByTheServerIsStoredAndHashedAsFilled) {
  Actor clerk;
  clerk.user_id = 7;
  ASSERT_TRUE(Append(clerk, {"test.changed", "thing", 1, 3, nullptr, {{"n", 1}}}).ok());
  AppendFilled(*db_, audit_);
}

TEST_F(AuditChainPostgres, ConcurrentWritersKeepOneLinearChain) {
  constexpr int kThreads = 4;
  constexpr int kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Actor actor;
      actor.user_id = t + 1;
      for (int i = 0; i < kEach; ++i)
        if (!Append(actor, {"test.changed", "thing", t * 1000 + i, 1, nullptr, {{"i", i}}}).ok()) ++failed;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(Count(), kThreads * kEach);
  const auto report = audit_.Verify(*db_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->events_checked, kThreads * kEach);
  EXPECT_EQ(report->first_broken_id, std::nullopt) << report->reason;
}

}  // namespace
}  // namespace eiso::audit
