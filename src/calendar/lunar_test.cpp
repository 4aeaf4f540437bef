#include "calendar/lunar.hpp"

#include <gtest/gtest.h>

#include "calendar/astronomy.hpp"

namespace eiso::calendar {
namespace {

// Tết (1/1 lunar) and Giỗ Tổ Hùng Vương (10/3 lunar) in Vietnam, 2000–2040. Source: the published
// tables of python-holidays (github.com/vacanza/holidays, holidays/calendars/chinese.py at
// c382fdec456ce76e03b841ab809d47e46be610a2): LUNAR_NEW_YEAR_DATES and HUNG_KINGS_DATES with the
// VIETNAMESE_CALENDAR_* overrides applied. The same check over all of 1901–2100 matched too.
struct Row {
  int year;
  Date tet;
  Date hung_kings;
};
constexpr Row kVietnam2000To2040[] = {
    {2000, {2000, 2, 5}, {2000, 4, 14}},  {2001, {2001, 1, 24}, {2001, 4, 3}},
    {2002, {2002, 2, 12}, {2002, 4, 22}}, {2003, {2003, 2, 1}, {2003, 4, 11}},
    {2004, {2004, 1, 22}, {2004, 4, 28}}, {2005, {2005, 2, 9}, {2005, 4, 18}},
    {2006, {2006, 1, 29}, {2006, 4, 7}},  {2007, {2007, 2, 17}, {2007, 4, 26}},
    {2008, {2008, 2, 7}, {2008, 4, 15}},  {2009, {2009, 1, 26}, {2009, 4, 4}},
    {2010, {2010, 2, 14}, {2010, 4, 23}}, {2011, {2011, 2, 3}, {2011, 4, 12}},
    {2012, {2012, 1, 23}, {2012, 3, 31}}, {2013, {2013, 2, 10}, {2013, 4, 19}},
    {2014, {2014, 1, 31}, {2014, 4, 9}},  {2015, {2015, 2, 19}, {2015, 4, 28}},
    {2016, {2016, 2, 8}, {2016, 4, 16}},  {2017, {2017, 1, 28}, {2017, 4, 6}},
    {2018, {2018, 2, 16}, {2018, 4, 25}}, {2019, {2019, 2, 5}, {2019, 4, 14}},
    {2020, {2020, 1, 25}, {2020, 4, 2}},  {2021, {2021, 2, 12}, {2021, 4, 21}},
    {2022, {2022, 2, 1}, {2022, 4, 10}},  {2023, {2023, 1, 22}, {2023, 4, 29}},
    {2024, {2024, 2, 10}, {2024, 4, 18}}, {2025, {2025, 1, 29}, {2025, 4, 7}},
    {2026, {2026, 2, 17}, {2026, 4, 26}}, {2027, {2027, 2, 6}, {2027, 4, 16}},
    {2028, {2028, 1, 26}, {2028, 4, 4}},  {2029, {2029, 2, 13}, {2029, 4, 23}},
    {2030, {2030, 2, 2}, {2030, 4, 12}},  {2031, {2031, 1, 23}, {2031, 4, 1}},
    {2032, {2032, 2, 11}, {2032, 4, 19}}, {2033, {2033, 1, 31}, {2033, 4, 9}},
    {2034, {2034, 2, 19}, {2034, 4, 28}}, {2035, {2035, 2, 8}, {2035, 4, 17}},
    {2036, {2036, 1, 28}, {2036, 4, 6}},  {2037, {2037, 2, 15}, {2037, 4, 24}},
    {2038, {2038, 2, 4}, {2038, 4, 13}},  {2039, {2039, 1, 24}, {2039, 4, 3}},
    {2040, {2040, 2, 12}, {2040, 4, 20}},
};

TEST(Lunar, TetAndHungKingsMatchThePublishedCalendar2000To2040) {
  for (const Row& row : kVietnam2000To2040) {
    EXPECT_EQ(LunarNewYear(row.year), row.tet) << row.year;
    EXPECT_EQ(LunarToSolar({10, 3, row.year, false}), row.hung_kings) << row.year;
    EXPECT_EQ(SolarToLunar(row.tet), (LunarDate{1, 1, row.year, false})) << row.year;
  }
}

TEST(Lunar, FollowsTheUtcPlus7MeridianWhereChinaDiffers) {
  // China (UTC+8): 20/02/1985, 18/02/2007, 03/02/2030. A new moon between 16:00 and 17:00 UTC
  // starts a month one day earlier in Vietnam (2007: 23:14 in Hà Nội, 00:14 in Beijing); in 1985
  // the same effect moved the winter solstice's month and with it all of Tết by a month.
  EXPECT_EQ(LunarNewYear(1985), (Date{1985, 1, 21}));
  EXPECT_EQ(LunarNewYear(2007), (Date{2007, 2, 17}));
  EXPECT_EQ(LunarNewYear(2030), (Date{2030, 2, 2}));
  EXPECT_EQ(SolarToLunar({1985, 2, 20}), (LunarDate{1, 2, 1985, false}));
  EXPECT_EQ(SolarToLunar({2007, 2, 18}), (LunarDate{2, 1, 2007, false}));
}

TEST(Lunar, PlacesKnownLeapMonths) {
  EXPECT_EQ(LeapMonth(2020), 4);
  EXPECT_EQ(LeapMonth(2023), 2);
  EXPECT_EQ(LeapMonth(2025), 6);
  EXPECT_EQ(LeapMonth(2026), 0);
  EXPECT_EQ(SolarToLunar({2025, 7, 25}), (LunarDate{1, 6, 2025, true}));
  EXPECT_EQ(LunarToSolar({1, 6, 2025, true}), (Date{2025, 7, 25}));
  EXPECT_EQ(LunarToSolar({1, 7, 2025, true}), std::nullopt);  // 2025 has no leap 7th month
}

TEST(Lunar, RoundTripsEveryDayFrom1900To2100) {
  int previous_day = 0;
  for (Date d = kFirstSupportedDate; d <= kLastSupportedDate; d = d + 1) {
    const std::optional<LunarDate> lunar = SolarToLunar(d);
    ASSERT_TRUE(lunar) << ToString(d);
    ASSERT_GE(lunar->day, 1) << ToString(d);
    ASSERT_LE(lunar->day, 30) << ToString(d);
    // Each day follows the previous one, or starts a month after day 29 or 30.
    if (lunar->day == 1 && previous_day != 0) {
      ASSERT_TRUE(previous_day == 29 || previous_day == 30) << ToString(d);
    } else if (lunar->day != 1) {
      ASSERT_EQ(lunar->day, previous_day + 1) << ToString(d);
    }
    previous_day = lunar->day;
    ASSERT_EQ(LunarToSolar(*lunar), d) << ToString(d);
  }
}

TEST(Lunar, RejectsDaysTheMonthDoesNotHave) {
  // Tháng Chạp of Ất Tỵ has 29 days: Tết Bính Ngọ is 17/02/2026 and 29 Chạp is 16/02/2026.
  EXPECT_EQ(LunarToSolar({29, 12, 2025, false}), (Date{2026, 2, 16}));
  EXPECT_EQ(LunarToSolar({30, 12, 2025, false}), std::nullopt);
  EXPECT_EQ(SolarToLunar({1899, 12, 31}), std::nullopt);
  EXPECT_EQ(SolarToLunar({2101, 1, 1}), std::nullopt);
}

TEST(Astronomy, ReproducesMeeusWorkedExamples) {
  // Example 49.a: the new moon of February 1977, JDE 2443192.65118.
  EXPECT_NEAR(astronomy::NewMoon(-283) + astronomy::DeltaTSeconds(1977.13) / 86400, 2443192.65118,
              2e-5);
  // Example 25.a: 1992 October 13.0 TD, apparent longitude 199.90895°.
  const double jd_ut = 2448908.5 - astronomy::DeltaTSeconds(1992.78) / 86400;
  EXPECT_NEAR(astronomy::SunLongitude(jd_ut), 199.90895, 2e-4);
}

}  // namespace
}  // namespace eiso::calendar
