#include "calendar/date.hpp"

#include <gtest/gtest.h>

namespace eiso::calendar {
namespace {

TEST(Date, CountsDaysFromTheUnixEpoch) {
  struct Case {
    Date date;
    std::int32_t day_number;
    int weekday;
  };
  for (const Case& c : {Case{{1970, 1, 1}, 0, 4},           // Thursday
                        Case{{1900, 1, 1}, -25567, 1},      // Monday
                        Case{{2000, 2, 29}, 11016, 2},      // Tuesday, a leap day
                        Case{{2026, 4, 29}, 20572, 3},      // Wednesday
                        Case{{2100, 12, 31}, 47846, 5}}) {  // Friday
    EXPECT_EQ(c.date.DayNumber(), c.day_number) << ToString(c.date);
    EXPECT_EQ(Date::FromDayNumber(c.day_number), c.date) << c.day_number;
    EXPECT_EQ(c.date.Weekday(), c.weekday) << ToString(c.date);
  }
}

TEST(Date, AddsDaysAcrossMonthsAndYears) {
  EXPECT_EQ(Date({2026, 12, 31}) + 1, (Date{2027, 1, 1}));
  EXPECT_EQ(Date({2028, 3, 1}) - 1, (Date{2028, 2, 29}));
  EXPECT_EQ(Date({2026, 5, 8}) - Date({2026, 4, 29}), 9);
  EXPECT_EQ(Date({2026, 12, 31}).DayOfYear(), 364);
  EXPECT_FALSE(Date({2026, 2, 29}).IsValid());
}

TEST(Date, ConvertsInstantsToVietnamLocalTime) {
  core::Millis instant = 0;
  ASSERT_TRUE(core::ParseIso8601("2026-04-29T09:20Z", instant));
  const LocalTime local = ToLocal(instant);
  EXPECT_EQ(local.date, (Date{2026, 4, 29}));
  EXPECT_EQ(local.MinuteOfDay(), 16 * 60 + 20);
  EXPECT_EQ(FromLocal({2026, 4, 29}, 16 * 60 + 20), instant);
  EXPECT_EQ(FormatLocal(instant), "16:20 29/04/2026");
  ASSERT_TRUE(core::ParseIso8601("2026-04-28T17:30Z", instant));  // already the 29th in Hà Nội
  EXPECT_EQ(ToLocal(instant).date, (Date{2026, 4, 29}));
  EXPECT_EQ(ToLocal(-1).date, (Date{1970, 1, 1}));  // 06:59:59.999 local
}

}  // namespace
}  // namespace eiso::calendar
