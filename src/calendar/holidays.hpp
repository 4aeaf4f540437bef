// Days off as data: the statutory public holidays (ngày nghỉ lễ, tết; Bộ luật Lao động 2019
// art. 112), substitute days (nghỉ bù, art. 111.3) and each year's announced arrangement (Tết and
// Quốc khánh placement, swapped working days) with its legal basis. The statutory list changes
// (24/11 from 2026), so every entry carries its years and basis; administrators add next year's
// arrangement as a YearDecisions. YearTable is the result for one solar year: what kind each day
// is, why, and running counts of working days for O(log n) deadline arithmetic.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/date.hpp"

namespace eiso::calendar {

// Why a day is off or worked, in both UI languages, with the text that decided it.
struct Reason {
  std::string vi;  // "Tết Nguyên đán"
  std::string en;  // "Lunar New Year (Tết)"
  std::string legal_basis;  // "Bộ luật Lao động 2019, Điều 112" or "Thông báo 9441 … 16/10/2025"
};

enum class DayKind : std::uint8_t {
  kWorkingDay,        // ngày làm việc
  kWeeklyRest,        // ngày nghỉ hằng tuần (settings: Saturday and Sunday by default)
  kPublicHoliday,     // ngày nghỉ lễ, tết
  kSubstituteDayOff,  // nghỉ bù: a holiday fell on a weekly rest day
  kDecreedDayOff,  // a working day given off by the year's arrangement (hoán đổi, nghỉ thêm)
  kDecreedWorkingDay,  // a rest day made a working day by the year's arrangement (làm bù)
};

inline bool IsWorking(DayKind kind) {
  return kind == DayKind::kWorkingDay || kind == DayKind::kDecreedWorkingDay;
}

// A statutory holiday on a fixed solar or lunar date, in force for the years [from_year, to_year].
struct FixedHoliday {
  bool lunar = false;
  int month = 1;
  int day = 1;
  Reason reason;
  int from_year = 1900;
  int to_year = 2100;
};

// One entry of a year's announced arrangement.
struct Override {
  enum class Kind { kDayOff, kWorkingDay };
  Date date;
  Kind kind = Kind::kDayOff;
  Reason reason;
};

// Days placed by a yearly decision, with the document that placed them.
struct Placement {
  std::vector<Date> days;
  std::string legal_basis;  // e.g. "Thông báo số 9441 ngày 16/10/2025 của Bộ Nội vụ"
};

// What the Prime Minister approved and the ministry in charge announced for one year. Absent
// fields keep the default rule.
struct YearDecisions {
  std::optional<Placement> tet;                    // the statutory Tết days
  std::optional<Placement> national_day_adjacent;  // 1/9 or 3/9, joined to Quốc khánh 2/9
  std::vector<Override> overrides;                 // swaps and extra days, applied last
};

struct HolidayRules {
  std::vector<FixedHoliday> fixed;  // 1/1, 10/3 lunar, 30/4, 1/5, 2/9, 24/11 (from 2026)
  // Tết Nguyên đán: 5 days, placed yearly by the Prime Minister. Default placement [U]: the last
  // day of the lunar year and the first four days of the new one.
  int tet_days = 5;
  int tet_days_before_new_year = 1;
  Reason tet;
  // Quốc khánh: 2/9 and one adjacent day before or after, set yearly [U]; default the day before.
  bool national_day_adjacent_before = true;
  Reason national_day_adjacent;
  bool substitute_days = true;  // art. 111.3
  Reason substitute;            // "Nghỉ bù" with its basis; the explanation names the holiday
  std::map<int, YearDecisions> decisions;

  // Labour Code 2019 art. 112, art. 111.3, Ngày Văn hóa Việt Nam from 2026, and the announced
  // arrangements for 2026.
  static HolidayRules Vietnam();
};

// Days of one solar year, built from the rules and the weekly rest days of one unit.
class YearTable {
 public:
  // `weekly_rest[w]` for weekday w (0 = Sunday). Requires 1900 ≤ year ≤ 2100.
  YearTable(int year, const HolidayRules& rules, const std::array<bool, 7>& weekly_rest);

  int year() const { return year_; }
  int size() const { return static_cast<int>(kinds_.size()); }
  DayKind Kind(int day_of_year) const { return kinds_[static_cast<std::size_t>(day_of_year)]; }
  // The reason of a holiday, substitute or decreed day; nullptr for plain working and rest days.
  const Reason* ReasonFor(int day_of_year) const;
  // Working days among days of year [0, day_of_year).
  int WorkingDaysBefore(int day_of_year) const {
    return working_before_[static_cast<std::size_t>(day_of_year)];
  }
  int WorkingDays() const { return working_before_.back(); }
  // The day of year holding the `n`-th working day of the year (1-based); -1 if the year has fewer.
  int NthWorkingDay(int n) const;

 private:
  void Mark(int day_of_year, DayKind kind, Reason reason);

  int year_;
  std::vector<DayKind> kinds_;
  std::vector<std::int16_t> reason_index_;  // -1 for none
  std::vector<Reason> reasons_;
  std::vector<std::uint16_t> working_before_;  // size() + 1 entries
};

}  // namespace eiso::calendar
