#include <gtest/gtest.h>

#include "org/service.hpp"
#include "testing/test_db.hpp"

namespace eiso::org {
namespace {

class OrgService : public ::testing::Test {
 protected:
  AgencyInput Input(std::string name, std::string code, Kind kind = Kind::kDepartment,
                    std::optional<AgencyId> parent = std::nullopt) {
    return {.parent_id = parent, .name = name, .short_name = name, .kind = kind, .unit_code = code,
            .valid_from = "2024-01-01"};
  }
  std::int64_t Rows(const char* table) {
    return db_->Read([&](db::Tx& tx) -> Result<std::int64_t> {
      return tx.QueryOne(std::string("SELECT COUNT(*) FROM ") + table)->Int(0);
    }).value();
  }

  core::FakeClock clock_{1'795'000'000'000};
  std::unique_ptr<db::Database> db_ = testing::FreshDatabase({&audit::Migrations(), &Migrations()});
  audit::Service audit_{clock_};
  Service org_{*db_, audit_, clock_};
  Actor admin_{.user_id = 1, .agency_id = 0, .roles = static_cast<std::uint32_t>(Role::kAdministrator),
               .province_wide = true};
};

TEST_F(OrgService, CreatesAnAgencyWithItsAuditEvent) {
  auto created = org_.Create(admin_, Input("Sở Tư pháp", "000.00.04.H06"));
  ASSERT_TRUE(created.ok()) << created.error().message_key;
  EXPECT_EQ(created->level, Level::kProvince);
  EXPECT_TRUE(created->active);
  EXPECT_EQ(Rows("audit_events"), 1);
}

TEST_F(OrgService, RejectsBadInputWithoutWritingAnything) {
  struct Case { AgencyInput input; std::string field; };
  auto dept = org_.Create(admin_, Input("Sở Y tế", "000.00.17.H06"));
  ASSERT_TRUE(dept.ok());
  const std::int64_t agencies = Rows("agencies"), events = Rows("audit_events");
  AgencyInput wrong_level = Input("UBND xã", "000.01.31.H06", Kind::kCommunePc);
  wrong_level.level = Level::kProvince;
  for (const Case& c : {Case{Input("", "000.00.30.H06"), "name"},
                        Case{Input("Sở A", "00.00.30.H06"), "unit_code"},
                        Case{Input("Sở A", "000.00.17.H06"), "unit_code"},  // taken
                        Case{Input("Chi cục", "000.01.17.H06", Kind::kSubDepartment), "parent_id"},
                        Case{Input("Sở B", "000.00.31.H06", Kind::kDepartment, 9999), "parent_id"},
                        Case{wrong_level, "level"}}) {
    auto result = org_.Create(admin_, c.input);
    ASSERT_FALSE(result.ok()) << c.input.name;
    EXPECT_EQ(result.error().field, c.field) << result.error().message_key;
  }
  EXPECT_EQ(Rows("agencies"), agencies);
  EXPECT_EQ(Rows("audit_events"), events);
}

TEST_F(OrgService, KeepsTheTreeSound) {
  auto district = org_.Create(admin_, Input("UBND TP Bắc Ninh", "000.00.31.H06", Kind::kDistrictPc));
  ASSERT_TRUE(district.ok());
  auto ward = org_.Create(admin_, Input("UBND phường Vũ Ninh", "000.01.31.H06", Kind::kCommunePc, district->id));
  ASSERT_TRUE(ward.ok());
  AgencyInput cycle = Input("UBND TP Bắc Ninh", "000.00.31.H06", Kind::kDistrictPc, ward->id);
  EXPECT_EQ(org_.Update(admin_, district->id, cycle).error().message_key, "org.parent_cycle");
  EXPECT_EQ(org_.Deactivate(admin_, district->id, "2025-06-30").error().message_key, "org.has_active_children");
  EXPECT_EQ(org_.Deactivate(admin_, ward->id, "2023-01-01").error().field, "valid_to");
  ASSERT_TRUE(org_.Deactivate(admin_, ward->id, "2025-06-30").ok());
  auto closed = org_.Deactivate(admin_, district->id, "2025-06-30");
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->active);
  EXPECT_EQ(closed->valid_to, "2025-06-30");
  EXPECT_EQ(org_.List(admin_, false)->size(), 0u);
  EXPECT_EQ(org_.List(admin_, true)->size(), 2u);
}

TEST_F(OrgService, AnAgencyAdministratorWorksOnlyBelowTheirAgency) {
  auto district = org_.Create(admin_, Input("UBND TP Bắc Ninh", "000.00.31.H06", Kind::kDistrictPc));
  auto other = org_.Create(admin_, Input("UBND huyện Yên Phong", "000.00.32.H06", Kind::kDistrictPc));
  ASSERT_TRUE(district.ok() && other.ok());
  Actor local{.user_id = 2, .agency_id = district->id,
              .roles = static_cast<std::uint32_t>(Role::kAdministrator)};
  EXPECT_TRUE(org_.Create(local, Input("UBND phường Vũ Ninh", "000.01.31.H06", Kind::kCommunePc, district->id)).ok());
  EXPECT_EQ(org_.Create(local, Input("UBND xã Đông Phong", "000.01.32.H06", Kind::kCommunePc, other->id)).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(org_.Create(local, Input("Sở mới", "000.00.40.H06")).error().code, ErrorCode::kForbidden);
  Actor clerk{.user_id = 3, .agency_id = district->id, .roles = static_cast<std::uint32_t>(Role::kClerk)};
  EXPECT_EQ(org_.Create(clerk, Input("UBND phường Đáp Cầu", "000.02.31.H06", Kind::kCommunePc, district->id)).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(org_.List(clerk, false)->size(), 3u) << "the directory is readable by everyone signed in";
}

}  // namespace
}  // namespace eiso::org
