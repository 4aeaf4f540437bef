#include "calendar/date.hpp"

#include <array>
#include <cstdio>

namespace eiso::calendar {
namespace {

// Floor division: day numbers and instants before 1970 are negative.
constexpr std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

int DaysInYear(int year) { return IsLeapYear(year) ? 366 : 365; }

// Counts days in 400-year eras starting on 1 March, so that the leap day is the last day of a
// year and the month lengths from March on repeat the 153-day pattern (5 months = 153 days).
std::int32_t Date::DayNumber() const {
  const int y = month <= 2 ? year - 1 : year;
  const int era = static_cast<int>(FloorDiv(y, 400));
  const int year_of_era = y - era * 400;
  const int shifted_month = month > 2 ? month - 3 : month + 9;
  const int day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719468 = days from 0000-03-01 to 1970-01-01
}

Date Date::FromDayNumber(std::int32_t day_number) {
  const std::int64_t z = static_cast<std::int64_t>(day_number) + 719468;
  const std::int64_t era = FloorDiv(z, 146097);
  const int day_of_era = static_cast<int>(z - era * 146097);
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int shifted_month = (5 * day_of_year + 2) / 153;
  Date date;
  date.day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  date.month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  date.year = static_cast<int>(era * 400) + year_of_era + (date.month <= 2 ? 1 : 0);
  return date;
}

int Date::Weekday() const {
  return ((DayNumber() % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday (4)
}

int Date::DayOfYear() const { return DayNumber() - Date{year, 1, 1}.DayNumber(); }

bool Date::IsValid() const {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

Date operator+(Date date, int days) { return Date::FromDayNumber(date.DayNumber() + days); }
Date operator-(Date date, int days) { return Date::FromDayNumber(date.DayNumber() - days); }
int operator-(Date later, Date earlier) { return later.DayNumber() - earlier.DayNumber(); }

std::string ToString(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::string ToStringVi(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", date.day, date.month, date.year);
  return buf;
}

std::string WeekdayNameVi(int weekday) {
  static constexpr std::array<const char*, 7> kNames{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                                     "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
  return kNames[static_cast<std::size_t>(weekday)];
}

std::string WeekdayNameEn(int weekday) {
  static constexpr std::array<const char*, 7> kNames{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                     "Thursday", "Friday", "Saturday"};
  return kNames[static_cast<std::size_t>(weekday)];
}

LocalTime ToLocal(core::Millis instant) {
  const core::Millis local = instant + kVietnamOffset;
  const std::int64_t day = FloorDiv(local, kMillisPerDay);
  return {Date::FromDayNumber(static_cast<std::int32_t>(day)),
          static_cast<std::int32_t>(local - day * kMillisPerDay)};
}

core::Millis FromLocal(Date date, int minute_of_day) {
  return static_cast<core::Millis>(date.DayNumber()) * kMillisPerDay +
         minute_of_day * kMillisPerMinute - kVietnamOffset;
}

std::string FormatLocal(core::Millis instant) {
  const LocalTime local = ToLocal(instant);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d:%02d ", local.MinuteOfDay() / 60, local.MinuteOfDay() % 60);
  return buf + ToStringVi(local.date);
}

}  // namespace eiso::calendar
