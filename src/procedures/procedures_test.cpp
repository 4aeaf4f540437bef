#include <gtest/gtest.h>

#include "auth/service.hpp"
#include "calendar/service.hpp"
#include "procedures/catalog_format.hpp"
#include "procedures/service.hpp"
#include "testing/test_db.hpp"

namespace eiso::procedures {
namespace {

constexpr auto R(Role r) { return static_cast<std::uint32_t>(r); }

Step MakeStep(StepKind kind, double value, TimeUnit unit = TimeUnit::kWorkingDay, std::optional<int> group = {}) {
  return {"Bước", "Phòng chuyên môn", kind, {value, unit}, group, {}};
}

TEST(Budgets, ParallelStepsCountByTheLongestBranch) {
  const std::vector<Step> steps = {MakeStep(StepKind::kReceive, 0.5),
                                   MakeStep(StepKind::kConsult, 3, TimeUnit::kWorkingDay, 1),
                                   MakeStep(StepKind::kConsult, 2, TimeUnit::kWorkingDay, 1),
                                   MakeStep(StepKind::kApprove, 4, TimeUnit::kWorkingHour),
                                   MakeStep(StepKind::kConsult, 1, TimeUnit::kWorkingDay, 2)};
  EXPECT_EQ(TotalMinutes(steps, 480), 240 + 1440 + 240 + 480);
  EXPECT_EQ(TotalMinutes(steps, 450), 225 + 1350 + 240 + 450);
  EXPECT_EQ(WorkingMinutes({0.25, TimeUnit::kWorkingDay}, 450), 113);   // 112.5, rounded once
  EXPECT_EQ(TotalMinutes({MakeStep(StepKind::kSign, 0.25), MakeStep(StepKind::kSign, 0.25)}, 450), 225);
}

class ProceduresService : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
      const Actor system;
      for (const char* code : {"000.00.04.H06", "000.00.91.H06"}) {
        org::AgencyInput in{.name = std::string("Cơ quan ") + code, .short_name = code, .unit_code = code,
                            .valid_from = "2020-01-01"};
        EISO_TRY(id, org_.Insert(tx, system, in));
        agencies_.push_back(id);
      }
      struct U { const char* name; int agency; std::uint32_t roles; bool wide; Actor* out; };
      for (const U& u : {U{"admin", 0, R(Role::kAdministrator), true, &admin_},
                         U{"thuky", 0, R(Role::kIsoSecretary), false, &secretary_},
                         U{"lanhdao", 0, R(Role::kLeader), false, &leader_},
                         U{"thue", 1, R(Role::kIsoSecretary), false, &outsider_}}) {
        auth::UserInput in{.agency_id = agencies_[static_cast<std::size_t>(u.agency)], .username = u.name,
                           .full_name = u.name, .roles = u.roles, .province_wide = u.wide};
        EISO_TRY(id, auth_.AddUser(tx, system, in, "x"));
        *u.out = Actor{.user_id = id, .agency_id = in.agency_id, .roles = u.roles, .province_wide = u.wide,
                       .username = u.name};
      }
      return Ok();
    }).ok());
    ASSERT_TRUE(documents_.CreateQms(leader_, {.owner_agency_id = agencies_[0], .name = "HTQLCL Sở Tư pháp"}).ok());
  }

  VersionInput Version(const std::string& from, double days) {
    return {.effective_from = from, .name = "Cấp giấy xác nhận", .sector = "Hộ tịch", .agency_ids = {agencies_[0]},
            .statutory_time = {days, TimeUnit::kWorkingDay}};
  }
  Status Move(DocumentId id, int n, documents::Action a, std::optional<std::string> date = {}) {
    const Actor& who = a == documents::Action::kApprove ? leader_ : secretary_;
    auto r = documents_.Transition(who, id, n, a, date);
    return r.ok() ? Ok() : Status(r.take_error());
  }

  core::FakeClock clock_{1'795'000'000'000};   // 2026-11-17
  std::unique_ptr<db::Database> db_ = testing::FreshDatabase(
      {&audit::Migrations(), &org::Migrations(), &auth::Migrations(), &calendar::Migrations(),
       &documents::Migrations(), &Migrations()});
  audit::Service audit_{clock_};
  org::Service org_{*db_, audit_, clock_};
  auth::Service auth_{*db_, audit_, org_, clock_, auth::Settings{}, auth::HashCost::kMinimum};
  calendar::Service calendar_{*db_, audit_, org_, clock_};
  documents::Service documents_{*db_, audit_, org_, auth_, clock_, documents::Settings{.signing_secret = "s"}};
  Service procedures_{*db_, audit_, org_, documents_, calendar_, clock_};
  std::vector<AgencyId> agencies_;
  Actor admin_, secretary_, leader_, outsider_;
};

TEST_F(ProceduresService, OnlyCompetentAgenciesAndAdministratorsWrite) {
  EXPECT_EQ(procedures_.Create(outsider_, "1.000001", Version("2025-01-01", 5)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(procedures_.Create(leader_, "1.000001", Version("2025-01-01", 5)).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(procedures_.Create(secretary_, "1.000001", Version("2025-01-01", 5)).ok());
  EXPECT_EQ(procedures_.Create(admin_, "1.000001", Version("2025-01-01", 5)).error().message_key, "procedures.code_taken");
  EXPECT_EQ(procedures_.Create(admin_, "1-000002", Version("2025-01-01", 5)).error().field, "code");
}

TEST_F(ProceduresService, StepsMustFitAndIssuedVersionsArePinned) {
  auto p = procedures_.Create(secretary_, "1.000001", Version("2025-01-01", 3));
  ASSERT_TRUE(p.ok());
  auto process = procedures_.CreateProcess(secretary_, p->id, agencies_[0]);
  ASSERT_TRUE(process.ok()) << process.error().message_key;
  const DocumentId doc = process->document_id;
  auto over = procedures_.SaveSteps(secretary_, doc, 1, {MakeStep(StepKind::kReceive, 0.5), MakeStep(StepKind::kAppraise, 2),
                                                         MakeStep(StepKind::kApprove, 4, TimeUnit::kWorkingHour)});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().message_key, "procedures.budget_exceeds_statutory");
  EXPECT_EQ(over.error().field, "steps[2].budget");
  const std::vector<Step> v1 = {MakeStep(StepKind::kReceive, 0.5), MakeStep(StepKind::kAppraise, 2),
                                MakeStep(StepKind::kApprove, 0.5)};
  ASSERT_TRUE(procedures_.SaveSteps(secretary_, doc, 1, v1).ok());
  EXPECT_EQ(procedures_.ProcessInForceOn(p->id, agencies_[0], "2026-01-01").error().message_key,
            "procedures.no_process_in_force");
  ASSERT_TRUE(Move(doc, 1, documents::Action::kSubmit).ok());
  ASSERT_TRUE(Move(doc, 1, documents::Action::kApprove, "2026-01-01").ok());
  ASSERT_TRUE(Move(doc, 1, documents::Action::kIssue).ok());
  ASSERT_TRUE(procedures_.NewProcessVersion(secretary_, doc).ok());
  ASSERT_TRUE(procedures_.SaveSteps(secretary_, doc, 2, {MakeStep(StepKind::kReceive, 1)}).ok());
  ASSERT_TRUE(Move(doc, 2, documents::Action::kSubmit).ok());
  ASSERT_TRUE(Move(doc, 2, documents::Action::kApprove, "2027-01-01").ok());
  ASSERT_TRUE(Move(doc, 2, documents::Action::kIssue).ok());
  struct Case { const char* date; int version; std::size_t steps; };
  for (const Case& c : {Case{"2026-06-30", 1, 3}, Case{"2026-12-31", 1, 3}, Case{"2027-01-01", 2, 1}}) {
    auto found = procedures_.ProcessInForceOn(p->id, agencies_[0], c.date);
    ASSERT_TRUE(found.ok()) << c.date;
    EXPECT_EQ(found->version, c.version) << c.date;
    EXPECT_EQ(found->steps.size(), c.steps) << c.date;
  }
  auto pinned = procedures_.PinnedProcess(doc, 1);
  ASSERT_TRUE(pinned.ok());
  EXPECT_EQ(pinned->steps, v1);
  EXPECT_EQ(procedures_.SaveSteps(secretary_, doc, 1, v1).error().message_key, "documents.not_draft");
}

TEST_F(ProceduresService, ImportIsAllOrNothingAndExportRoundTrips) {
  const std::string header =
      "record,code,effective_from,name,sector,agencies,time_value,time_unit,fee,result,legal_basis,online_level,"
      "boundary_free,cutoff_rule,component_form,component_copies,component_required\n";
  const std::string good =
      "procedure,1.000010,2025-01-01,\"Đăng ký, xác nhận\",Hộ tịch,000.00.04.H06,0.5,working_day,Miễn phí,Giấy,"
      "61/2018/NĐ-CP,full,yes,no,,,\n"
      "component,1.000010,2025-01-01,Tờ khai,,,,,,,,,,,original,1,yes\n";
  const std::string bad = "procedure,1.000011,2025-01-01,Lỗi,Hộ tịch,000.00.04.H06,x,working_day,,,,,,,,,\n";
  auto report = procedures_.Import(admin_, Format::kCsv, header + good + bad, false);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].line, 4);
  EXPECT_EQ(report->problems[0].field, "time_value");
  EXPECT_EQ(procedures_.Count(), 0);
  EXPECT_EQ(procedures_.Import(secretary_, Format::kCsv, header + good, false).error().code, ErrorCode::kForbidden);
  report = procedures_.Import(admin_, Format::kCsv, header + good, false);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->imported, 1);
  for (Format f : {Format::kCsv, Format::kJson}) {
    auto text = procedures_.Export(admin_, f);
    ASSERT_TRUE(text.ok());
    auto again = procedures_.Import(admin_, f, *text, false);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->problems.empty());
    EXPECT_EQ(again->unchanged, 1);
    EXPECT_EQ(again->imported, 0);
    EXPECT_EQ(*procedures_.Export(admin_, f), *text);
  }
  auto csv = procedures_.Export(admin_, Format::kCsv);
  EXPECT_NE(csv->find("\"Đăng ký, xác nhận\""), std::string::npos);
}

}  // namespace
}  // namespace eiso::procedures
