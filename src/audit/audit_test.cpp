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

}  // namespace
}  // namespace eiso::audit
