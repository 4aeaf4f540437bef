#include "calendar/holidays.hpp"

#include <gtest/gtest.h>

namespace eiso::calendar {
namespace {

constexpr std::array<bool, 7> kSaturdayAndSunday{true, false, false, false, false, false, true};

DayKind KindOf(const YearTable& table, Date date) { return table.Kind(date.DayOfYear()); }

TEST(Holidays, Applies2026ArrangementWithItsLegalBasis) {
  const YearTable t(2026, HolidayRules::Vietnam(), kSaturdayAndSunday);
  EXPECT_EQ(KindOf(t, {2026, 1, 1}), DayKind::kPublicHoliday);
  EXPECT_EQ(KindOf(t, {2026, 1, 2}), DayKind::kDecreedDayOff);
  EXPECT_EQ(KindOf(t, {2026, 1, 10}), DayKind::kDecreedWorkingDay);  // a Saturday, made up
  for (int day = 16; day <= 20; ++day)
    EXPECT_EQ(KindOf(t, {2026, 2, day}), DayKind::kPublicHoliday) << day;
  EXPECT_EQ(t.ReasonFor(Date{2026, 2, 17}.DayOfYear())->legal_basis,
            "Thông báo số 9441 ngày 16/10/2025 của Bộ Nội vụ");
  EXPECT_EQ(KindOf(t, {2026, 4, 26}), DayKind::kPublicHoliday);     // Hùng Kings, a Sunday
  EXPECT_EQ(KindOf(t, {2026, 4, 27}), DayKind::kSubstituteDayOff);  // nghỉ bù
  EXPECT_EQ(t.ReasonFor(Date{2026, 4, 27}.DayOfYear())->vi,
            "Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026)");
  EXPECT_EQ(KindOf(t, {2026, 8, 31}), DayKind::kDecreedDayOff);
  EXPECT_EQ(KindOf(t, {2026, 9, 1}), DayKind::kPublicHoliday);
  EXPECT_EQ(KindOf(t, {2026, 9, 2}), DayKind::kPublicHoliday);
  EXPECT_EQ(KindOf(t, {2026, 11, 24}), DayKind::kPublicHoliday);  // Ngày Văn hóa Việt Nam
  EXPECT_EQ(t.ReasonFor(Date{2026, 5, 4}.DayOfYear()), nullptr);
}

TEST(Holidays, DefaultPlacementAndSubstitutesWithoutADecision) {
  // Tết Đinh Mùi is Saturday 06/02/2027: 05/02 (last day of the year) to 09/02 are the Tết days;
  // Saturday 6 and Sunday 7 give two substitute days after them, 10 and 11/02.
  const YearTable t(2027, HolidayRules::Vietnam(), kSaturdayAndSunday);
  for (int day = 5; day <= 9; ++day)
    EXPECT_EQ(KindOf(t, {2027, 2, day}), DayKind::kPublicHoliday) << day;
  EXPECT_EQ(KindOf(t, {2027, 2, 10}), DayKind::kSubstituteDayOff);
  EXPECT_EQ(KindOf(t, {2027, 2, 11}), DayKind::kSubstituteDayOff);
  EXPECT_EQ(KindOf(t, {2027, 2, 12}), DayKind::kWorkingDay);
  EXPECT_EQ(KindOf(t, {2027, 5, 1}), DayKind::kPublicHoliday);     // a Saturday
  EXPECT_EQ(KindOf(t, {2027, 5, 3}), DayKind::kSubstituteDayOff);  // Monday after it
  EXPECT_EQ(KindOf(t, {2027, 9, 1}), DayKind::kPublicHoliday);     // default: the day before 2/9
  EXPECT_EQ(KindOf(t, {2027, 9, 3}), DayKind::kWorkingDay);
  const YearTable t2028(2028, HolidayRules::Vietnam(), kSaturdayAndSunday);
  EXPECT_EQ(KindOf(t2028, {2028, 1, 3}), DayKind::kSubstituteDayOff);  // 01/01/2028 is a Saturday
}

TEST(Holidays, UnverifiedRulesAreSettings) {
  HolidayRules rules = HolidayRules::Vietnam();
  rules.national_day_adjacent_before = false;
  rules.decisions[2027].overrides.push_back(
      {{2027, 12, 31}, Override::Kind::kDayOff, {"Nghỉ thêm", "Extra day off", "QĐ thử"}});
  const std::array<bool, 7> sunday_only{true, false, false, false, false, false, false};
  const YearTable t(2027, rules, sunday_only);
  EXPECT_EQ(KindOf(t, {2027, 9, 3}), DayKind::kPublicHoliday);
  EXPECT_EQ(KindOf(t, {2027, 9, 1}), DayKind::kWorkingDay);
  EXPECT_EQ(KindOf(t, {2027, 5, 1}), DayKind::kPublicHoliday);  // Saturday is worked here:
  EXPECT_EQ(KindOf(t, {2027, 5, 3}), DayKind::kWorkingDay);     // no substitute
  EXPECT_EQ(KindOf(t, {2027, 12, 31}), DayKind::kDecreedDayOff);
  EXPECT_EQ(t.ReasonFor(Date{2027, 12, 31}.DayOfYear())->legal_basis, "QĐ thử");
}

TEST(Holidays, CountsWorkingDays) {
  const YearTable t(2026, HolidayRules::Vietnam(), kSaturdayAndSunday);
  // 261 weekdays, 14 of them off (1/1, 2/1, Tết ×5, 27/4, 30/4, 1/5, 31/8, 1/9, 2/9, 24/11),
  // plus Saturday 10/01 worked.
  EXPECT_EQ(t.WorkingDays(), 248);
  EXPECT_EQ(Date({2026, 1, 1}) + t.NthWorkingDay(1), (Date{2026, 1, 5}));
  EXPECT_EQ(Date({2026, 1, 1}) + t.NthWorkingDay(2), (Date{2026, 1, 6}));
  EXPECT_EQ(t.NthWorkingDay(249), -1);
}

}  // namespace
}  // namespace eiso::calendar
