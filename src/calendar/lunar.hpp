// The Vietnamese lunisolar calendar (âm lịch) for solar dates 1900-01-01 … 2100-12-31.
// Rules: a month starts on the local day of a true new moon; month 11 contains the winter
// solstice; when 13 new moons start between two months 11, the first month after month 11 that
// contains no principal solar term (trung khí, a multiple of 30° of solar longitude) is the leap
// month and repeats the previous number. Days are local days of the UTC+7 meridian for the whole
// range (Vietnam's official calendar before 1968 followed UTC+8; those years are the proleptic
// UTC+7 calendar). Astronomy: astronomy.hpp. Computed once, at first use, into a table of ~2,500
// months (thread-safe); each conversion is then a binary search.
#pragma once

#include <optional>

#include "calendar/date.hpp"

namespace eiso::calendar {

struct LunarDate {
  int day = 1;    // 1–30
  int month = 1;  // 1–12; 1 = tháng Giêng, 12 = tháng Chạp
  int year = 2000;
  bool leap = false;  // tháng nhuận

  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// The lunar date of a solar date in the supported range; std::nullopt outside it.
std::optional<LunarDate> SolarToLunar(Date date);
// The solar date of a lunar date; std::nullopt if that month has no such day (day 30 of a short
// month, a leap flag on a month that is not leap) or it falls outside the supported range.
std::optional<Date> LunarToSolar(LunarDate lunar);
// Tết Nguyên đán: the solar date of 1/1 of lunar year `year` (1900–2100).
std::optional<Date> LunarNewYear(int year);
// The leap month of lunar year `year`, 0 if none.
int LeapMonth(int year);

}  // namespace eiso::calendar
