// Civil dates and Vietnam local time. A Date is a proleptic Gregorian day; instants stay UTC
// (core::Millis) everywhere else in eISO and become local here: Asia/Ho_Chi_Minh is UTC+7 with
// no daylight saving, so the conversion is a fixed offset.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include "core/clock.hpp"

namespace eiso::calendar {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  friend auto operator<=>(const Date&, const Date&) = default;

  // Days since 1970-01-01 (negative before it); the key every table in this module is indexed by.
  std::int32_t DayNumber() const;
  static Date FromDayNumber(std::int32_t day_number);
  // 0 = Sunday (Chủ nhật), 1 = Monday (Thứ Hai) … 6 = Saturday (Thứ Bảy).
  int Weekday() const;
  int DayOfYear() const;  // 0-based
  bool IsValid() const;
};

// The range of this module: what the lunar table covers.
inline constexpr Date kFirstSupportedDate{1900, 1, 1};
inline constexpr Date kLastSupportedDate{2100, 12, 31};

Date operator+(Date date, int days);
Date operator-(Date date, int days);
int operator-(Date later, Date earlier);  // days between

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
int DaysInYear(int year);

std::string ToString(Date date);    // "2026-04-29"
std::string ToStringVi(Date date);  // "29/04/2026", the form printed on Mẫu 01
// "Thứ Tư" / "Wednesday".
std::string WeekdayNameVi(int weekday);
std::string WeekdayNameEn(int weekday);

inline constexpr core::Millis kMillisPerMinute = 60'000;
inline constexpr core::Millis kMillisPerDay = 86'400'000;
inline constexpr core::Millis kVietnamOffset = 7 * 3'600'000;  // UTC+7, no DST

// A moment on Vietnam's wall clock: the local date and the milliseconds since its midnight.
struct LocalTime {
  Date date;
  std::int32_t millis_of_day = 0;
  int MinuteOfDay() const { return millis_of_day / 60'000; }
};

LocalTime ToLocal(core::Millis instant);
core::Millis FromLocal(Date date, int minute_of_day);
// "16:20 29/04/2026", the form of the hẹn trả kết quả line.
std::string FormatLocal(core::Millis instant);

}  // namespace eiso::calendar
