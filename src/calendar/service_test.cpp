#include <algorithm>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "calendar/service.hpp"
#include "testing/test_db.hpp"

namespace eiso::calendar {
namespace {

constexpr std::uint32_t kAdmin = static_cast<std::uint32_t>(Role::kAdministrator);

class CalendarService : public ::testing::Test {
 protected:
  std::int64_t Rows(const char* table) {
    return db_->Read([&](db::Tx& tx) -> Result<std::int64_t> {
      return tx.QueryOne(std::string("SELECT COUNT(*) FROM ") + table)->Int(0);
    }).value();
  }
  AgencyId AddAgency(const std::string& code, std::optional<AgencyId> parent = std::nullopt) {
    auto created = org_.Create(admin_, {.parent_id = parent, .name = "Sở " + code, .short_name = code,
                                        .kind = parent ? org::Kind::kSubDepartment : org::Kind::kDepartment,
                                        .unit_code = code, .valid_from = "2024-01-01"});
    EXPECT_TRUE(created.ok()) << created.error().message_key;
    return created->id;
  }
  // Received 16:20 on 29/04/2026, Vietnam time.
  static core::Millis April29At1620() { return FromLocal({2026, 4, 29}, 16 * 60 + 20); }
  static DecisionInput DayOff(Date date) {
    return {.date = date, .kind = DecisionKind::kDayOff, .reason_vi = "Nghỉ thêm", .reason_en = "Extra day off",
            .legal_basis = "Quyết định 123/QĐ-UBND", .legal_basis_date = {2026, 5, 2}};
  }
  Due FiveDays(std::optional<AgencyId> agency = std::nullopt, bool cutoff = false) {
    auto due = calendar_.DueAt(agency, April29At1620(), {Allowance::Unit::kWorkingDays, 5},
                               {.next_day_after_cutoff = cutoff});
    EXPECT_TRUE(due.ok());
    return due.value();
  }

  core::FakeClock clock_{1'795'000'000'000};
  std::unique_ptr<db::Database> db_ =
      testing::FreshDatabase({&audit::Migrations(), &org::Migrations(), &Migrations()});
  audit::Service audit_{clock_};
  org::Service org_{*db_, audit_, clock_};
  Service calendar_{*db_, audit_, org_, clock_};
  Actor admin_{.user_id = 1, .agency_id = 0, .roles = kAdmin, .province_wide = true};
};

TEST_F(CalendarService, CountsTheIssueExampleOnTheBuiltInCalendar) {
  const Due due = FiveDays();
  EXPECT_EQ(FormatLocal(due.due_at), "17:00 08/05/2026");
  std::vector<Date> skipped;
  for (const DayInfo& d : due.explanation.skipped) skipped.push_back(d.date);
  EXPECT_EQ(skipped, (std::vector<Date>{{2026, 4, 30}, {2026, 5, 1}, {2026, 5, 2}, {2026, 5, 3}}));
  EXPECT_EQ(FormatLocal(FiveDays(std::nullopt, true).due_at), "17:00 11/05/2026");
}

TEST_F(CalendarService, ADecreedDayOffMovesTheDueDateAndIsCited) {
  auto created = calendar_.CreateDecision(admin_, DayOff({2026, 5, 4}));
  ASSERT_TRUE(created.ok()) << created.error().message_key;
  const Due due = FiveDays();
  EXPECT_EQ(FormatLocal(due.due_at), "17:00 11/05/2026");
  const auto cited = std::find_if(due.explanation.skipped.begin(), due.explanation.skipped.end(),
                                  [](const DayInfo& d) { return d.date == Date{2026, 5, 4}; });
  ASSERT_NE(cited, due.explanation.skipped.end());
  EXPECT_EQ(cited->kind, DayKind::kDecreedDayOff);
  EXPECT_EQ(cited->reason.legal_basis, "Quyết định 123/QĐ-UBND ngày 02/05/2026");
  EXPECT_NE(due.explanation.Text(Language::kVi).find("Quyết định 123/QĐ-UBND"), std::string::npos);
  EXPECT_EQ(Rows("audit_events"), 1);

  ASSERT_TRUE(calendar_.DeleteDecision(admin_, created->id).ok());
  EXPECT_EQ(FormatLocal(FiveDays().due_at), "17:00 08/05/2026");
  EXPECT_EQ(Rows("audit_events"), 2);
}

TEST_F(CalendarService, RowsOverrideTheBuiltInArrangement) {
  // 2026-08-31 is a built-in extra day off; a row makes it a working day again.
  DecisionInput worked = DayOff({2026, 8, 31});
  worked.kind = DecisionKind::kWorkingDay;
  ASSERT_TRUE(calendar_.CreateDecision(admin_, worked).ok());
  auto decisions = calendar_.Decisions(admin_, 2026);
  ASSERT_TRUE(decisions.ok());
  const auto on = [&](Date date) {
    return std::count_if(decisions->begin(), decisions->end(), [&](const Decision& d) { return d.date == date; });
  };
  EXPECT_EQ(on({2026, 8, 31}), 1) << "the row hides the built-in entry";
  EXPECT_EQ(on({2026, 2, 16}), 1) << "built-in Tết days are listed";
  EXPECT_TRUE(calendar_.CalendarFor(std::nullopt)->IsWorkingDay({2026, 8, 31}));

  // A Tết row replaces the year's whole built-in placement.
  DecisionInput tet = DayOff({2026, 2, 23});
  tet.kind = DecisionKind::kTetDay;
  ASSERT_TRUE(calendar_.CreateDecision(admin_, tet).ok());
  const auto calendar = calendar_.CalendarFor(std::nullopt);
  EXPECT_EQ(calendar->KindOf({2026, 2, 23}), DayKind::kPublicHoliday);
  EXPECT_EQ(calendar->KindOf({2026, 2, 18}), DayKind::kWorkingDay);
}

TEST_F(CalendarService, UnitSettingsOverrideTheProvince) {
  const AgencyId unit = AddAgency("000.00.04.H06");
  // The unit works Saturdays and closes at 16:30.
  UnitSettings own{unit, {}, 0};
  own.values.weekly_rest = std::array<bool, 7>{true, false, false, false, false, false, false};
  own.values.sessions = std::vector<Session>{{7 * 60 + 30, 11 * 60 + 30}, {13 * 60, 16 * 60 + 30}};
  auto put = calendar_.PutSettings(admin_, own);
  ASSERT_TRUE(put.ok()) << put.error().message_key;
  EXPECT_EQ(put->effective.MinutesPerDay(), 450);
  // 30/4, 1/5 holidays; Sat 2/5 worked: 2, 4, 5, 6, 7 → due Thursday 7/5 at 16:30.
  EXPECT_EQ(FormatLocal(FiveDays(unit).due_at), "16:30 07/05/2026");
  EXPECT_EQ(FormatLocal(FiveDays(std::nullopt).due_at), "17:00 08/05/2026") << "the province is untouched";
  EXPECT_EQ(FormatLocal(FiveDays(unit + 100).due_at), "17:00 08/05/2026") << "no override: the province's";

  // The province's own row changes every unit without an override of that field.
  UnitSettings province{std::nullopt, {}, 0};
  province.values.saturday_morning_reception = true;
  ASSERT_TRUE(calendar_.PutSettings(admin_, province).ok());
  auto view = calendar_.GetSettings(admin_, unit);
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(view->effective.saturday_morning_reception);
  EXPECT_EQ(view->effective.MinutesPerDay(), 450);
  EXPECT_EQ(Rows("audit_events"), 3);  // the agency, two settings rows
}

TEST_F(CalendarService, OnlyAdministratorsWriteAndOnlyTheirOwn) {
  const AgencyId dept = AddAgency("000.00.04.H06");
  const AgencyId sub = AddAgency("000.01.04.H06", dept);
  const AgencyId other = AddAgency("000.00.05.H06");
  const std::int64_t events = Rows("audit_events");
  const Actor clerk{.user_id = 2, .agency_id = dept, .roles = static_cast<std::uint32_t>(Role::kClerk)};
  const Actor local{.user_id = 3, .agency_id = dept, .roles = kAdmin};
  EXPECT_EQ(calendar_.CreateDecision(clerk, DayOff({2026, 5, 4})).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(calendar_.CreateDecision(local, DayOff({2026, 5, 4})).error().code, ErrorCode::kForbidden);
  UnitSettings reception{dept, {}, 0};
  reception.values.saturday_morning_reception = true;
  EXPECT_EQ(calendar_.PutSettings(clerk, reception).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(calendar_.PutSettings(local, UnitSettings{other, reception.values, 0}).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(calendar_.PutSettings(local, UnitSettings{std::nullopt, reception.values, 0}).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(Rows("audit_events"), events);
  EXPECT_TRUE(calendar_.PutSettings(local, reception).ok());
  EXPECT_TRUE(calendar_.PutSettings(local, UnitSettings{sub, reception.values, 0}).ok());
  EXPECT_TRUE(calendar_.Year(clerk, 2026, dept).ok()) << "everyone signed in reads";
  EXPECT_EQ(calendar_.Year(Actor{}, 2026, dept).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(CalendarService, RejectsBadInputWithoutWritingAnything) {
  ASSERT_TRUE(calendar_.CreateDecision(admin_, DayOff({2026, 5, 4})).ok());
  const std::int64_t rows = Rows("calendar_decisions"), events = Rows("audit_events");
  struct Case { DecisionInput input; std::string key; std::string field; };
  DecisionInput outside = DayOff({2026, 5, 5});
  outside.year = 2027;
  DecisionInput no_reason = DayOff({2026, 5, 5});
  no_reason.reason_vi.clear();
  DecisionInput no_basis = DayOff({2026, 5, 5});
  no_basis.legal_basis.clear();
  DecisionInput far_tet = DayOff({2026, 5, 5});
  far_tet.kind = DecisionKind::kTetDay;
  DecisionInput far_national = DayOff({2026, 9, 2});
  far_national.kind = DecisionKind::kNationalDayAdjacent;
  for (const Case& c : {Case{outside, "calendar.date_outside_year", "date"},
                        Case{no_reason, "calendar.reason_required", "reason_vi"},
                        Case{no_basis, "calendar.legal_basis_required", "legal_basis"},
                        Case{DayOff({2101, 1, 3}), "calendar.out_of_range", "date"},
                        Case{far_tet, "calendar.tet_day_far", "date"},
                        Case{far_national, "calendar.national_day_far", "date"},
                        Case{DayOff({2026, 5, 4}), "calendar.date_taken", "date"}}) {
    auto result = calendar_.CreateDecision(admin_, c.input);
    ASSERT_FALSE(result.ok()) << c.key;
    EXPECT_EQ(result.error().message_key, c.key);
    EXPECT_EQ(result.error().field, c.field) << c.key;
  }
  UnitSettings overlapping{std::nullopt, {}, 0};
  overlapping.values.sessions = std::vector<Session>{{8 * 60, 12 * 60}, {11 * 60, 17 * 60}};
  EXPECT_EQ(calendar_.PutSettings(admin_, overlapping).error().field, "sessions[1].start");
  UnitSettings no_week{std::nullopt, {}, 0};
  no_week.values.weekly_rest = std::array<bool, 7>{true, true, true, true, true, true, true};
  EXPECT_EQ(calendar_.PutSettings(admin_, no_week).error().message_key, "calendar.no_working_weekday");
  EXPECT_EQ(calendar_.PutSettings(admin_, UnitSettings{12345, {}, 0}).error().field, "agency_id");
  EXPECT_EQ(Rows("calendar_decisions"), rows);
  EXPECT_EQ(Rows("calendar_unit_settings"), 0);
  EXPECT_EQ(Rows("audit_events"), events);
  EXPECT_EQ(FormatLocal(FiveDays().due_at), "17:00 11/05/2026") << "the snapshot is unchanged";
}

TEST_F(CalendarService, SeesAWriteOfAnotherProcessWithinASecond) {
  // A second service over the same database stands for another eiso process.
  Service other{*db_, audit_, org_, clock_};
  ASSERT_TRUE(calendar_.CreateDecision(admin_, DayOff({2026, 5, 4})).ok());
  EXPECT_EQ(FormatLocal(calendar_.DueAt(std::nullopt, April29At1620(), {Allowance::Unit::kWorkingDays, 5})->due_at),
            "17:00 11/05/2026");
  const auto stale_or_fresh = [&] {
    return FormatLocal(other.DueAt(std::nullopt, April29At1620(), {Allowance::Unit::kWorkingDays, 5})->due_at);
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(stale_or_fresh(), "17:00 11/05/2026");
}

TEST_F(CalendarService, BoundsAllowancesAndInstants) {
  EXPECT_EQ(calendar_.DueAt(std::nullopt, April29At1620(), {Allowance::Unit::kWorkingDays, -1}).error().field,
            "amount");
  EXPECT_EQ(calendar_.DueAt(std::nullopt, FromLocal({2100, 12, 20}, 600), {Allowance::Unit::kWorkingDays, 30})
                .error().message_key,
            "calendar.out_of_range");
  auto hours = calendar_.DueAt(std::nullopt, April29At1620(), {Allowance::Unit::kWorkingHours, 8});
  ASSERT_TRUE(hours.ok());
  EXPECT_EQ(FormatLocal(hours->due_at), "16:50 04/05/2026");  // 40 min on 29/4, 7 h 20 on 4/5
}

}  // namespace
}  // namespace eiso::calendar
